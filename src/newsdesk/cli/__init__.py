"""The `newsdesk` command. Thin: each module parses arguments, calls the library and prints.

    analyze.py   newsdesk analyze            (one page -> Article JSON/Markdown)
    corpus.py    newsdesk ingest/stories/search/export/watch
    serve.py     newsdesk serve
    batch.py     newsdesk batch              (Dask)
"""
from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="newsdesk: clean articles, who said what and when, stories, and a reading site.")


def main() -> None:
    from newsdesk.cli import analyze, batch, corpus, serve  # noqa: F401  (registers the commands)

    app()


@app.callback()
def _root() -> None:
    """newsdesk: clean articles, who said what and when, stories, and a reading site."""
