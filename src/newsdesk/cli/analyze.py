"""newsdesk analyze: pages in, one JSON object (or a Markdown page) per input out, in input order."""
from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Optional

import typer

from newsdesk.cli import app
from newsdesk.errors import NewsdeskError


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    md = "md"


@app.command()
def analyze(
    inputs: list[str] = typer.Argument(..., help="files (.html, .html.gz, .txt), URLs, or - for stdin"),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl | json | md"),
    url: Optional[str] = typer.Option(None, help="the page's URL (for a single input)"),
    published: Optional[str] = typer.Option(None, help="publication date YYYY-MM-DD, the reference for times"),
    max_bytes: Optional[int] = typer.Option(None, help="refuse pages larger than this (default 20 MB)"),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                            help="progress bar on stderr (default: on for several inputs)"),
) -> None:
    """Analyze pages into articles: metadata, clean text, entities, quotes, times, summary."""
    from newsdesk.pipeline import Pipeline
    from newsdesk.render import article_markdown

    pipeline = Pipeline(max_bytes=max_bytes)
    show_progress = progress if progress is not None else (len(inputs) > 1 and sys.stderr.isatty())
    failed = 0
    results = pipeline.analyze_inputs(inputs, url=url, published=published)
    collected = []
    with _progress(show_progress, len(inputs)) as advance:
        for value, result in results:
            advance()
            if isinstance(result, NewsdeskError):
                failed += 1
                record = {"input": value, "error": str(result), "code": result.code}
                print(f"newsdesk: skipped {value}: {result}", file=sys.stderr)
            else:
                record = result.to_dict()
                record["input"] = value
            if format is Format.jsonl:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            elif format is Format.md:
                sys.stdout.write((article_markdown(result) if "error" not in record
                                  else f"# {value}\n\n**error:** {record['error']}\n") + "\n")
            else:
                collected.append(record)
    if format is Format.json:
        json.dump(collected[0] if len(collected) == 1 else collected, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if failed:
        print(f"newsdesk: {len(inputs) - failed} analyzed, {failed} skipped", file=sys.stderr)
        raise typer.Exit(1)


class _progress:
    """A Rich progress bar on stderr, or nothing."""

    def __init__(self, enabled: bool, total: int):
        self.enabled, self.total = enabled, total

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self._p = Progress(console=Console(stderr=True), transient=True)
        self._p.__enter__()
        task = self._p.add_task("analyzing", total=self.total)
        return lambda: self._p.advance(task)

    def __exit__(self, *exc):
        if self.enabled:
            self._p.__exit__(*exc)
        return False
