"""Inputs -> numbered partitions of documents, ready to ship to Dask workers.

The client expands the inputs with the very reader `newsdesk ingest` uses (`sources.inputs.expand`:
files, folders, JSONL, WARC, feeds, sitemaps, URLs), so labels, identity keys and skip reasons are the
same, and pages already stored with the same bytes are skipped before any work is shipped. Documents
travel inside the task (not as scattered data): when a worker dies, the scheduler still holds
everything needed to run the partition again elsewhere, and workers need no shared file system.

Every page gets a sequence number in input order; the client writes results back in that order, so a
batch feeds the corpus layer exactly the stream a local `ingest` would.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from newsdesk.corpus.ingest import Page, fresh_pages as pages   # the same stream `ingest` analyses

__all__ = ["PARTITION_BYTES", "PARTITION_ITEMS", "Page", "Partition", "pages", "partitions"]

PARTITION_ITEMS = 8                 # pages per task: small enough to balance, large enough for nlp.pipe
PARTITION_BYTES = 8 * 1024 * 1024   # and at most this many bytes of pages (keeps task messages small)


@dataclass(frozen=True)
class Partition:
    index: int
    pages: tuple[Page, ...]

    def describe(self) -> str:
        first, last = self.pages[0].label, self.pages[-1].label
        return f"partition {self.index} ({first}" + (f" … {last})" if last != first else ")")


def partitions(stream: Iterable[Page], *, items: int = PARTITION_ITEMS,
               max_bytes: int = PARTITION_BYTES) -> Iterator[Partition]:
    """Group pages, in order, into partitions of at most `items` pages and about `max_bytes` bytes."""
    batch: list[Page] = []
    size = 0
    index = 0
    for page in stream:
        if batch and (len(batch) >= items or size + len(page.document.data) > max_bytes):
            yield Partition(index, tuple(batch))
            index += 1
            batch, size = [], 0
        batch.append(page)
        size += len(page.document.data)
    if batch:
        yield Partition(index, tuple(batch))
