"""newsdesk serve: the reading site and JSON API over a store (registered on the shared Typer app)."""
from __future__ import annotations

import asyncio
import os
import sys
from typing import Optional

import typer

from newsdesk.cli import app
from newsdesk.errors import NewsdeskError


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help="the store: a path or URL (default: NEWSDESK_DB or the per-user store)"),
    host: str = typer.Option("127.0.0.1", help="address to listen on"),
    port: int = typer.Option(8000, min=0, max=65535, help="port to listen on"),
    write_token: Optional[str] = typer.Option(
        None, "--write-token", envvar="NEWSDESK_WRITE_TOKEN", show_envvar=True,
        help="enable POST /api/ingest for requests bearing this token (default: read-only site)"),
    workers: int = typer.Option(1, min=1, help="server processes (more use more cores; each has its own connections)"),
    threads: int = typer.Option(40, min=1, help="threads per process serving requests"),
    page_cache_mb: int = typer.Option(256, min=0, help="MB of finished pages kept per process until the store "
                                                      "changes (0: render every request)"),
    log_level: str = typer.Option("warning", help="uvicorn log level"),
) -> None:
    """Serve the reading site (articles, stories, entities, search, feeds) and the JSON API."""
    import uvicorn

    from newsdesk.store.base import resolve_db
    from newsdesk.web.app import create_app

    from newsdesk.store import open_store

    target = resolve_db(db)
    try:
        if workers > 1:     # each worker builds its own app: here only check that the store opens
            open_store(target).close()     # creates/migrates, as create_app does
        else:
            web = create_app(target, write_token=write_token or None,
                             page_cache_mb=page_cache_mb, threads=threads, serving=True)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        raise typer.Exit(1) from None
    print(f"newsdesk: serving {target} on http://{host}:{port}/ "
          f"({'writes enabled with token' if write_token else 'read-only'}); Ctrl-C stops", file=sys.stderr)
    common = dict(host=host, port=port, log_level=log_level, access_log=False, server_header=False,
                  proxy_headers=False)
    if workers > 1:
        # Each process builds its own app from the environment (uvicorn needs an import string).
        os.environ["NEWSDESK_DB"] = target
        os.environ["NEWSDESK_PAGE_CACHE_MB"] = str(page_cache_mb)
        os.environ["NEWSDESK_THREADS"] = str(threads)
        if write_token:
            os.environ["NEWSDESK_WRITE_TOKEN"] = write_token
        from newsdesk.web.workers import serve_workers      # (balances connections between workers)

        serve_workers("newsdesk.web.app:create_app_from_env", workers, factory=True, **common)
        return

    server = uvicorn.Server(uvicorn.Config(web, **common))
    try:
        asyncio.run(server.serve())
    except KeyboardInterrupt:   # uvicorn already shut down cleanly
        pass
