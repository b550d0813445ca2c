"""What runs on a Dask worker: the same per-article pipeline as `newsdesk analyze` and `ingest`.

The pipeline (and its spaCy model) is built once per worker process and reused by every partition
that lands there. A partition returns, per page, the analysed `Article` or the one-line reason it was
skipped; a bad page never fails the partition. Only a crash of the whole task (a killed worker, an
out-of-memory kill, a bug) fails it, and the client then retries it (see dask.py).
"""
from __future__ import annotations

import os
import resource
from typing import Iterable

from newsdesk.errors import NewsdeskError
from newsdesk.model import Article
from newsdesk.scale.partitions import Page

_pipelines: dict[tuple, object] = {}   # per worker process: stages -> Pipeline


def worker_pipeline(stages: tuple[str, ...] | None = None, max_bytes: int | None = None):
    """The process-wide pipeline for these stages (None: the default stages), built on first use."""
    from newsdesk.pipeline import DEFAULT_STAGES, Pipeline

    names = DEFAULT_STAGES if stages is None else tuple(stages)
    key = (names, max_bytes)
    if key not in _pipelines:
        pipeline = Pipeline(names, max_bytes=max_bytes)
        if pipeline.stages and any(s.needs_doc for s in pipeline.stages):
            pipeline.nlp  # noqa: B018 - load the model now, not inside the first timed partition
        _pipelines[key] = pipeline
    return _pipelines[key]


# a few sentences that touch every stage, so lazily loaded data (date parsers, word lists) loads too
_WARM_TEXT = ("Bridge to reopen next week\n\n"
              "The city council said on Tuesday that the bridge would reopen next week after repairs.\n\n"
              "\"We expect traffic to return to normal by March 3,\" the mayor told reporters in the city hall.")


def warm_up(stages: tuple[str, ...] | None = None, max_bytes: int | None = None) -> int:
    """Load the pipeline on a worker ahead of the first partition (run on every worker by the client)."""
    from newsdesk.model import Document

    pipeline = worker_pipeline(stages, max_bytes)
    list(pipeline.analyze_documents([("warm-up", Document("warm-up", _WARM_TEXT.encode(), content_type="text"))]))
    return os.getpid()


def analyze_partition(pages: Iterable[Page], stages: tuple[str, ...] | None = None,
                      max_bytes: int | None = None) -> list[tuple[int, Article | str]]:
    """[(seq, Article or skip reason)] for the pages of one partition, in order."""
    pipeline = worker_pipeline(stages, max_bytes)
    pages = list(pages)
    by_tag = {str(p.seq): p for p in pages}
    out: list[tuple[int, Article | str]] = []
    for tag, result in pipeline.analyze_documents((str(p.seq), p.document) for p in pages):
        page = by_tag[tag]
        if isinstance(result, NewsdeskError):
            out.append((page.seq, str(result)))   # a plain string travels back whatever the error class
        else:
            out.append((page.seq, result.replace(input=page.label)))
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
