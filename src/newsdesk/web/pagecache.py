"""Whole responses kept per URL until the store changes: a repeated page costs a dict look-up.

Every page and API answer is a function of its URL, the store's content and the corpus-wide
aggregates of cache.Refreshing (refreshed each minute). So a finished 200 response is kept under
its path and query string together with a *version* of those inputs, and a later request for the
same URL is answered from memory while the version is unchanged (and the entry younger than
`max_age`). Any commit to the store — by this server's ingest endpoint, another worker or a
`newsdesk ingest` run — or a changed aggregate changes the version, which empties the cache.

The store's part of the version is SQLite's `PRAGMA data_version` on a connection of our own (a
few microseconds); stores without a cheap version (PostgreSQL, in-memory SQLite) are not cached.
Feeds are not cached (their absolute links depend on the Host header), nor are static files.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Hashable

SKIP_PREFIXES = ("/static/", "/feeds/", "/api/ingest")


class SQLiteVersion:
    """`PRAGMA data_version` of a SQLite file: changes whenever another connection commits."""

    def __init__(self, path: str):
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()

    def __call__(self) -> int | None:
        with self._lock:
            try:
                return self._db.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:       # file gone or locked oddly: serve uncached, never wrong
                return None

    def close(self) -> None:
        with self._lock:
            self._db.close()


def version_probe(url: str) -> SQLiteVersion | None:
    """A data-version probe for the store at `url`, or None when the store has none."""
    if url.startswith(("postgresql://", "postgres://")):
        return None
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    if url in ("", ":memory:") or url.startswith("file:") or not Path(url).is_file():
        return None
    try:
        return SQLiteVersion(url)
    except sqlite3.Error:
        return None


class Pages:
    """Finished responses by (path, query string), each valid for one store version.

    At most `max_bytes` of bodies (least recently used dropped first); `on_change` runs when the
    version moves (the app clears its own small caches then).
    """

    def __init__(self, version: Callable[[], Hashable | None], *, max_bytes: int = 64 << 20,
                 max_age: float = 300.0, on_change: Callable[[], None] | None = None):
        self.version = version
        self.max_bytes = max_bytes
        self.max_age = max_age
        self.on_change = on_change
        self._entries: OrderedDict[Hashable, tuple[Hashable, float, dict, bytes]] = OrderedDict()
        self._bytes = 0
        self._seen: Hashable | None = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def current(self) -> Hashable | None:
        """The store's version now (None: do not cache); a new version empties the cache."""
        version = self.version()
        if version is None or version == self._seen:
            return version
        with self._lock:
            changed = self._seen is not None and version != self._seen
            self._seen = version
            if changed:
                self._entries.clear()
                self._bytes = 0
        if changed and self.on_change is not None:
            self.on_change()
        return version

    def get(self, key: Hashable, version: Hashable) -> tuple[dict, bytes] | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                made_version, made_at, start, body = entry
                if made_version == version and time.monotonic() - made_at <= self.max_age:
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return start, body
                del self._entries[key]
                self._bytes -= len(body)
            self.misses += 1
            return None

    def put(self, key: Hashable, version: Hashable, start: dict, body: bytes) -> None:
        if len(body) > self.max_bytes // 16:        # one huge page must not evict everything else
            return
        start = {"type": start["type"], "status": start["status"], "headers": list(start.get("headers", []))}
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[3])
            self._entries[key] = (version, time.monotonic(), start, body)
            self._bytes += len(body)
            while self._bytes > self.max_bytes and self._entries:
                _, (_, _, _, dropped) = self._entries.popitem(last=False)
                self._bytes -= len(dropped)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


class PageCacheMiddleware:
    """ASGI middleware answering repeated GETs from `pages` (only complete 200 answers are kept)."""

    def __init__(self, app: Any, pages: Pages):
        self.app = app
        self.pages = pages

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(SKIP_PREFIXES):
            return await self.app(scope, receive, send)
        version = self.pages.current()
        if version is None:
            return await self.app(scope, receive, send)
        key = (scope["path"], scope["query_string"])
        hit = self.pages.get(key, version)
        if hit is not None:
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        kept: dict[str, Any] = {"start": None, "chunks": [], "ok": False}

        async def send_and_keep(message: dict) -> None:
            if message["type"] == "http.response.start":
                kept["start"] = message
                kept["ok"] = message["status"] == 200 and not any(
                    k.lower() == b"set-cookie" for k, _ in message.get("headers", []))
            elif message["type"] == "http.response.body" and kept["ok"]:
                kept["chunks"].append(message.get("body", b""))
                if not message.get("more_body", False):
                    self.pages.put(key, version, kept["start"], b"".join(kept["chunks"]))
            await send(message)

        await self.app(scope, receive, send_and_keep)
