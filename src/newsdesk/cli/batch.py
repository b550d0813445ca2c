"""newsdesk batch: `ingest` on a Dask cluster (registered on the shared Typer app)."""
from __future__ import annotations

import sys
import time
from typing import Optional

import typer

from newsdesk.cli import app
from newsdesk.cli.corpus import DB_HELP, _fetcher, _open
from newsdesk.errors import NewsdeskError

LOG_EVERY = 10.0   # seconds between progress lines when stderr is not a terminal


@app.command()
def batch(
    inputs: list[str] = typer.Argument(..., help="files, folders (recursive), .jsonl, .warc(.gz), feeds, sitemaps, URLs"),
    local: Optional[int] = typer.Option(None, "--local", help="start a LocalCluster of N worker processes"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="use a running Dask scheduler (tcp://HOST:PORT)"),
    db: Optional[str] = typer.Option(None, "--db", envvar="NEWSDESK_DB", help=DB_HELP),
    partition_size: int = typer.Option(8, help="pages per Dask task"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="list every skip and retry on stderr"),
    allow_private: bool = typer.Option(False, help="allow fetching from private/loopback addresses"),
    delay: float = typer.Option(1.0, help="seconds between two requests to the same host"),
    robots: bool = typer.Option(True, "--robots/--no-robots", help="obey robots.txt"),
    max_bytes: Optional[int] = typer.Option(None, help="refuse pages larger than this (default 20 MB)"),
) -> None:
    """Do what `ingest` does on a Dask cluster: same articles, copies and stories, more cores."""
    from newsdesk.scale.dask import dask_client, run_batch

    if (local is None) == (scheduler is None):
        print("newsdesk: give exactly one of --local N or --scheduler tcp://HOST:PORT", file=sys.stderr)
        raise typer.Exit(2)
    store = _open(db)
    try:
        with store, _fetcher(allow_private, delay, robots) as fetcher, dask_client(local, scheduler) as client:
            with _progress() as show:
                report = run_batch(inputs, store, client, partition_items=max(1, partition_size), fetcher=fetcher,
                                   max_bytes=max_bytes, on_progress=show)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        raise typer.Exit(2)
    limit = None if verbose else 20
    for what, reason in report.retries[:limit]:
        print(f"newsdesk: retried {what}: {reason}", file=sys.stderr)
    for label, reason in report.skips[:limit]:
        print(f"newsdesk: skipped {label}: {reason}", file=sys.stderr)
    if limit and len(report.skips) > limit:
        print(f"newsdesk: ... and {len(report.skips) - limit} more skips (-v lists them all)", file=sys.stderr)
    if report.worker_peak_mb:
        peak = max(report.worker_peak_mb.values())
        print(f"newsdesk: peak memory per worker {peak:.0f} MB", file=sys.stderr)
    print(report.summary())


class _progress:
    """A Rich progress line on a terminal; a plain line every LOG_EVERY seconds otherwise."""

    def __enter__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True)
        self.started = self.last = time.monotonic()
        self.bar = None
        if self.console.is_terminal:
            self.bar = Progress(TextColumn("batch"), BarColumn(), MofNCompleteColumn(), TextColumn("pages"),
                                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=self.console,
                                transient=True)
            self.bar.start()
            self.task = self.bar.add_task("batch", total=None, rate="")
        return self

    def __call__(self, report, done: int, total: int | None) -> None:
        now = time.monotonic()
        rate = f"{done / max(1e-9, now - self.started):.1f} pages/s"
        if self.bar is not None:
            self.bar.update(self.task, completed=done, total=total, rate=rate)
        elif now - self.last >= LOG_EVERY:
            self.last = now
            of = f"/{total}" if total is not None else ""
            print(f"batch: {done}{of} pages done, {rate}, {len(report.retries)} retried", file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
