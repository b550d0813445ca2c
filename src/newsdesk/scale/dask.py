"""`newsdesk batch`: what `ingest` does, with the per-article pipeline mapped over a Dask cluster.

    client (this process)                          Dask workers (processes, 1 thread each)
    expand inputs -> pages -> partitions  ──────►  analyze_partition: extract + spaCy + stages
    corpus.add() in input order  ◄── results ────  (pipeline loaded once per worker)
    consolidate stories at the end

* **Single writer.** Only the client writes to the store; workers never see it. Each article and
  everything derived from it (copy link, story, features) is one store transaction, as in `ingest`.
* **Same answers.** Results are written in input order (a partition that finishes early waits in a
  bounded buffer), so the corpus layer's online copy detection and story clustering see exactly the
  stream a local `ingest` sees, and the end-of-run consolidation is the same call. The expensive
  part — reading pages, extraction, spaCy, quotes, times, summaries — is what the cluster does; the
  client's share per article is a MinHash/LSH lookup, an inverted-index lookup and one insert.
* **Failures.** A worker that dies mid-task has its task rerun elsewhere by the scheduler. A task
  that fails anyway (an exception, or `KilledWorker` after repeated deaths) is retried by the client;
  a partition that keeps failing is split and retried page by page, so one poisonous page costs only
  itself, and is reported. Nothing is written twice: a partition's results are written once, in
  order, and the store's key/content-hash check makes even a rerun after a client crash add nothing.
"""
from __future__ import annotations

import logging
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from newsdesk.corpus.ingest import Corpus, IngestReport
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article
from newsdesk.scale.partitions import PARTITION_ITEMS, Page, Partition, pages, partitions
from newsdesk.scale.worker import analyze_partition, peak_rss_mb, warm_up
from newsdesk.sources.web import Fetcher
from newsdesk.store.base import Store

# Dask's defaults suit interactive numpy work: a statistical profiler sampling every worker thread every
# 10 ms, an event-loop tick every 20 ms, a memory poll every 100 ms, and MALLOC_TRIM_THRESHOLD_=65536 so
# big freed arrays go back to the OS at once. For long CPU-bound tasks made of many small Python objects
# they only cost CPU (measured here: ~2% of a core per idle worker, ~4% on top of busy tasks, and the
# malloc setting ~10% on the pipeline itself: glibc keeps trimming the heap spaCy is about to reuse).
# These settings undo that. They reach LocalCluster workers through the nanny; set them on remote
# workers too (README). A None in pre-spawn-environ unsets the variable.
QUIET_DASK = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "500ms",
              "distributed.worker.memory.monitor-interval": "1s",
              "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}
MAX_ATTEMPTS = 3            # tries of a failing task (whole partition, then each page alone)
CONNECT_TIMEOUT = "20s"     # to reach a --scheduler
WINDOW_PER_WORKER = 4       # partitions in flight or waiting to be written, per worker


class ClusterError(NewsdeskError):
    """The Dask cluster cannot be reached or its workers cannot run newsdesk."""

    code = "E600"
    http_status = 503


@dataclass
class BatchReport(IngestReport):
    workers: int = 0
    partitions: int = 0
    pages: int = 0                       # pages sent for analysis
    retries: list[tuple[str, str]] = field(default_factory=list)    # (what, why) for every retry
    failed: list[tuple[str, str]] = field(default_factory=list)     # (page, why): lost to crashes, also skips
    seconds: float = 0.0
    consolidate_seconds: float = 0.0     # the serial tail: re-clustering the touched stories on the client
    worker_peak_mb: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        line = super().summary()
        line += (f"; {self.partitions} partitions on {self.workers} worker{'s' if self.workers != 1 else ''}"
                 f" in {self.seconds:.1f}s")
        if self.retries:
            line += f", {len(self.retries)} retried"
        if self.failed:
            line += f", {len(self.failed)} pages failed"
        return line


@contextmanager
def dask_client(local: int | None = None, scheduler: str | None = None) -> Iterator[object]:
    """A distributed.Client on a new LocalCluster of `local` worker processes, or on a running scheduler."""
    import dask
    from distributed import Client, LocalCluster

    if (local is None) == (scheduler is None):
        raise ClusterError("give exactly one of --local N or --scheduler tcp://HOST:PORT")
    if scheduler is not None:
        try:
            with dask.config.set(QUIET_DASK):
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    if local < 1:
        raise ClusterError("--local needs at least 1 worker")
    # one thread per worker: spaCy and the stages are CPU-bound Python, processes give real parallelism
    with dask.config.set(QUIET_DASK), LocalCluster(
            n_workers=local, threads_per_worker=1, processes=True, silence_logs=logging.ERROR,
            # the scheduler's HTTP server (health, and the dashboard when bokeh is installed) on a free
            # loopback port: never a clash with another cluster on 8787, never open to the network
            dashboard_address="127.0.0.1:0") as cluster, Client(cluster) as client:
        yield client


@dataclass
class _Slot:
    """One partition on its way: results fill in as tasks finish; written once complete, in order."""

    partition: Partition
    results: list[Article | str | None]
    waiting: int = 1                       # tasks still out for this partition

    def describe(self, positions: list[int]) -> str:
        if len(positions) == len(self.partition.pages):
            return self.partition.describe()
        return f"page {self.partition.pages[positions[0]].label} of partition {self.partition.index}"


def run_batch(inputs: Iterable[str], store: Store, client, *, stages: tuple[str, ...] | None = None,
              partition_items: int = PARTITION_ITEMS, fetcher: Fetcher | None = None,
              max_bytes: int | None = None, task: Callable = analyze_partition,
              on_progress: Callable[[BatchReport, int, int | None], None] | None = None,
              on_written: Callable[[Partition], None] | None = None) -> BatchReport:
    """Ingest `inputs` into `store`, analysing pages on the workers of `client` (see the module doc).

    `on_progress(report, pages_done, total_pages_or_None)` is called after every finished task."""
    from distributed import as_completed

    started = time.monotonic()
    report = BatchReport()
    report.workers = len(client.scheduler_info().get("workers", {}))
    try:
        client.run(warm_up, stages, max_bytes)          # load spaCy on every worker before timing starts
    except Exception as exc:  # noqa: BLE001 - whatever breaks on the workers, say it in one line
        raise ClusterError(f"the Dask workers cannot run the newsdesk pipeline: {_one_line(exc)}") from None
    corpus = Corpus(store)
    window = WINDOW_PER_WORKER * max(1, report.workers)
    run_id = uuid.uuid4().hex[:8]
    revised: set[int] = set()
    slots: dict[int, _Slot] = {}
    futures: dict[object, tuple[_Slot, list[int], int]] = {}
    pending = as_completed()
    done = 0
    total: int | None = None          # known once the inputs are fully expanded
    next_write = 0

    early_skips = 0                   # pages skipped before analysis (unreadable, or stored unchanged)

    def skipped(label: str, exc: BaseException | None) -> None:
        nonlocal done, early_skips
        done += 1
        early_skips += 1
        if exc is None:
            report.unchanged += 1
        else:
            report.skip(label, exc)

    stream = partitions(pages(inputs, store, fetcher=fetcher, max_bytes=max_bytes, on_skip=skipped),
                        items=partition_items)

    def submit(slot: _Slot, positions: list[int], attempt: int) -> None:
        chunk = [slot.partition.pages[i] for i in positions]
        key = f"newsdesk-{run_id}-{slot.partition.index}-{positions[0]}x{len(positions)}-try{attempt}"
        future = client.submit(task, chunk, stages, max_bytes, key=key, pure=False)
        futures[future] = (slot, positions, attempt)
        pending.add(future)

    def top_up() -> None:
        nonlocal total
        while total is None and len(slots) < window:
            part = next(stream, None)
            if part is None:
                total = report.pages + early_skips
                return
            slot = _Slot(part, [None] * len(part.pages))
            slots[part.index] = slot
            report.partitions += 1
            report.pages += len(part.pages)
            submit(slot, list(range(len(part.pages))), 1)

    def write(page: Page, result: Article | str) -> None:
        nonlocal done
        done += 1
        if isinstance(result, str):
            report.skip(page.label, NewsdeskError(result))
            return
        added, is_copy = corpus.add(result, key=page.key, source=page.source_hash)
        report.record(added.status, is_copy)
        if added.status == "revised":
            revised.add(added.article_id)

    def write_ready() -> None:
        nonlocal next_write
        while next_write in slots and slots[next_write].waiting == 0:
            slot = slots.pop(next_write)
            for page, result in zip(slot.partition.pages, slot.results):
                write(page, result)
            next_write += 1
            if on_written:
                on_written(slot.partition)

    top_up()
    for future in pending:
        slot, positions, attempt = futures.pop(future)
        slot.waiting -= 1
        try:
            results = future.result() if future.status == "finished" else None
            reason = "" if results is not None else _one_line(future.exception())
        except Exception as exc:  # noqa: BLE001 - the result was lost on its way (a worker died): retry
            results, reason = None, _one_line(exc)
        if results is not None:
            for pos, (_, result) in zip(positions, results):
                slot.results[pos] = result
        else:
            _retry_or_fail(slot, positions, attempt, reason, submit, report)
        future.release()
        write_ready()
        top_up()
        if on_progress:
            on_progress(report, done, total)
    tail = time.monotonic()
    report.stories_moved = corpus.consolidate(revised)
    report.consolidate_seconds = time.monotonic() - tail
    report.seconds = time.monotonic() - started
    try:
        report.worker_peak_mb = {addr: round(mb, 1) for addr, mb in client.run(peak_rss_mb).items()}
    except Exception:  # noqa: BLE001 - memory figures are a nicety; a worker may be restarting
        pass
    return report


def _retry_or_fail(slot: _Slot, positions: list[int], attempt: int, reason: str, submit, report: BatchReport) -> None:
    """A task failed: run it again, split it into single pages, or give its pages up as failed."""
    what = slot.describe(positions)
    killed = reason.startswith("KilledWorker")   # the scheduler already re-ran it after each death
    if attempt < MAX_ATTEMPTS and not killed:
        report.retries.append((what, reason))
        slot.waiting += 1
        submit(slot, positions, attempt + 1)
    elif len(positions) > 1:
        report.retries.append((what, f"{reason}; retrying page by page"))
        for pos in positions:
            slot.waiting += 1
            submit(slot, [pos], MAX_ATTEMPTS - 1)
    else:
        why = f"analysis failed after {attempt} attempt(s): {reason}"
        for pos in positions:
            slot.results[pos] = why
            report.failed.append((slot.partition.pages[pos].label, why))


def _one_line(exc: BaseException | None) -> str:
    text = f"{exc.__class__.__name__}: {exc}" if exc is not None else "unknown error"
    return " ".join(text.split())[:300]
