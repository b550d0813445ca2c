"""newsdesk ingest / stories / search / export / watch: the corpus commands (on the shared Typer app)."""
from __future__ import annotations

import json
import sys
import time
from enum import Enum
from typing import Optional

import typer

from newsdesk.cli import app
from newsdesk.errors import NewsdeskError

DB_HELP = "the store: a SQLite file or a postgresql:// URL (default: $NEWSDESK_DB, else a per-user file)"


class ListFormat(str, Enum):
    jsonl = "jsonl"
    text = "text"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _open(db: Optional[str], *, readonly: bool = False):
    from newsdesk.store import open_store

    try:
        return open_store(db, readonly=readonly)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        raise typer.Exit(2)


def _fetcher(allow_private: bool, delay: float, robots: bool):
    from newsdesk.sources.web import Fetcher

    return Fetcher(delay=delay, allow_private=allow_private or None, obey_robots=robots)


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="files, folders (recursive), .jsonl, .warc(.gz), feeds, sitemaps, URLs"),
    db: Optional[str] = typer.Option(None, "--db", envvar="NEWSDESK_DB", help=DB_HELP),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="one line per input on stderr"),
    allow_private: bool = typer.Option(False, help="allow fetching from private/loopback addresses"),
    delay: float = typer.Option(1.0, help="seconds between two requests to the same host"),
    robots: bool = typer.Option(True, "--robots/--no-robots", help="obey robots.txt"),
    max_bytes: Optional[int] = typer.Option(None, help="refuse pages larger than this (default 20 MB)"),
) -> None:
    """Add articles to the store: copies folded to their origin, articles grouped into stories."""
    from newsdesk.corpus.ingest import ingest as run

    store = _open(db)

    def on_item(label: str, status: str) -> None:
        if verbose:
            print(f"{status:9} {label}", file=sys.stderr)

    with store, _fetcher(allow_private, delay, robots) as fetcher:
        report = run(inputs, store, fetcher=fetcher, on_item=on_item, max_bytes=max_bytes)
    for label, reason in report.skips[:20]:
        print(f"newsdesk: skipped {label}: {reason}", file=sys.stderr)
    if len(report.skips) > 20:
        print(f"newsdesk: ... and {len(report.skips) - 20} more skips", file=sys.stderr)
    print(report.summary())


@app.command()
def stories(
    db: Optional[str] = typer.Option(None, "--db", envvar="NEWSDESK_DB", help=DB_HELP),
    format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="jsonl | text"),
    limit: Optional[int] = typer.Option(None, help="at most this many stories (most recent first)"),
    timeline: bool = typer.Option(False, help="with each story's timeline: what each article added"),
) -> None:
    """List stories (clusters of articles about one event) with their articles."""
    from newsdesk.corpus.timeline import story_timeline

    with _open(db, readonly=True) as store:
        for view in store.stories(limit=limit):
            record = {"id": view.id, "title": view.title,
                      "articles": [{"id": a.id, "input": a.input, "url": a.url, "title": a.title,
                                    "published": a.published, "origin_id": a.origin_id} for a in view.articles]}
            if timeline:
                record["timeline"] = [e.to_dict() for e in story_timeline(store, view.id).entries]
            if format is ListFormat.jsonl:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                print(f"[{view.id}] {view.title or '(untitled)'} — {len(view.articles)} article(s)")
                for a in view.articles:
                    copy = f"  (copy of {a.origin_id})" if a.origin_id else ""
                    print(f"    {a.published or '----------'}  {a.title or a.input}{copy}")
                if timeline:
                    for e in record["timeline"]:
                        for fact in e["new_facts"][:3]:
                            print(f"        + {fact[:160]}")


@app.command()
def search(
    query: str = typer.Argument(..., help='words (ANDed), "phrases", OR, -excluded, prefix*'),
    db: Optional[str] = typer.Option(None, "--db", envvar="NEWSDESK_DB", help=DB_HELP),
    format: ListFormat = typer.Option(ListFormat.text, "--format", "-f", help="jsonl | text"),
    since: Optional[str] = typer.Option(None, help="published on or after YYYY-MM-DD"),
    until: Optional[str] = typer.Option(None, help="published on or before YYYY-MM-DD"),
    publisher: Optional[str] = typer.Option(None),
    entity: Optional[str] = typer.Option(None, help="canonical entity name"),
    story: Optional[int] = typer.Option(None, help="story id"),
    limit: int = typer.Option(20),
) -> None:
    """Full-text search over the store, best matches first, with snippets."""
    from newsdesk.corpus.search import run_search

    with _open(db, readonly=True) as store:
        try:
            hits = run_search(store, query, since=since, until=until, publisher=publisher, entity=entity,
                              story=story, limit=limit)
        except NewsdeskError as exc:
            print(f"newsdesk: {exc}", file=sys.stderr)
            raise typer.Exit(2)
        for hit in hits:
            if format is ListFormat.jsonl:
                sys.stdout.write(json.dumps(hit, ensure_ascii=False) + "\n")
            else:
                print(f"{hit['score']:6.2f}  [{hit['id']}] {hit['title'] or hit['input']}  "
                      f"({hit['published'] or 'undated'}, story {hit['story_id']})")
                print(f"        {hit['snippet']}")
        if not hits and format is ListFormat.text:
            print("no matches", file=sys.stderr)


@app.command()
def export(
    db: Optional[str] = typer.Option(None, "--db", envvar="NEWSDESK_DB", help=DB_HELP),
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="jsonl | csv | parquet"),
    what: str = typer.Option("articles", "--what", help="articles | quotes | entities | stories"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="file (default: standard output; "
                                         "required for parquet)"),
) -> None:
    """Export articles, quotes, entities or stories as JSON lines, CSV or Parquet."""
    from newsdesk.corpus.export import export_table

    with _open(db, readonly=True) as store:
        try:
            n = export_table(store, what, format.value, output)
        except NewsdeskError as exc:
            print(f"newsdesk: {exc}", file=sys.stderr)
            raise typer.Exit(2)
    if output:
        print(f"exported {n} {what} to {output}", file=sys.stderr)


@app.command()
def watch(
    feeds: list[str] = typer.Argument(..., help="feed or sitemap URLs (or files) to poll"),
    db: Optional[str] = typer.Option(None, "--db", envvar="NEWSDESK_DB", help=DB_HELP),
    interval: float = typer.Option(900.0, help="seconds between polls"),
    rounds: Optional[int] = typer.Option(None, help="stop after this many polls (default: run until stopped)"),
    allow_private: bool = typer.Option(False, help="allow fetching from private/loopback addresses"),
    delay: float = typer.Option(1.0, help="seconds between two requests to the same host"),
    robots: bool = typer.Option(True, "--robots/--no-robots", help="obey robots.txt"),
) -> None:
    """Poll feeds on an interval and ingest what is new (conditional GET: unchanged pages cost a 304)."""
    from newsdesk.corpus.ingest import ingest as run
    from newsdesk.pipeline import Pipeline

    pipeline = Pipeline()
    done = 0
    with _open(db) as store, _fetcher(allow_private, delay, robots) as fetcher:
        try:
            while rounds is None or done < rounds:
                started = time.monotonic()
                report = run(feeds, store, pipeline=pipeline, fetcher=fetcher)
                stamp = time.strftime("%Y-%m-%d %H:%M:%S")
                print(f"{stamp} {report.summary()}", flush=True)
                done += 1
                if rounds is not None and done >= rounds:
                    break
                time.sleep(max(0.0, interval - (time.monotonic() - started)))
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
