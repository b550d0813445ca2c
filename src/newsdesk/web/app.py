"""The reading site and JSON API: `create_app(db)` gives a FastAPI app over a store.

    pages.py   HTML pages (Jinja2, autoescaped)        /, /articles/{id}, /stories/{id}, ...
    api.py     the same data as JSON                  /api/...,  /api/openapi.json, /api/docs
    feeds.py   Atom and RSS                           /feeds/...
    views.py   one function per page: store -> dict (shared by the three above)

Safety: every response carries a Content-Security-Policy that allows scripts and styles only from
this site's /static files (no inline script can run), and the site is read-only unless a write
token is configured, which enables POST /api/ingest for bearers of that token.
"""
from __future__ import annotations

import contextlib
import gc
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.errors import NewsdeskError
from newsdesk.store.base import Store
from newsdesk.web import views
from newsdesk.web.cache import LRU, Refreshing, TTLCache
from newsdesk.web.pagecache import PageCacheMiddleware, Pages, version_probe

HERE = Path(__file__).resolve().parent

TOP_ENTITIES = 5000   # entities kept in memory to match search words to entity pages
GC_THRESHOLDS = (10_000, 50, 100)   # tune_gc(): young, middle, full generation (CPython: 700, 10, 10)
PAGE_CACHE_MB = 256   # finished responses kept per process (pagecache.py); pages are 15-70 KB

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (plain ASGI: no per-request task or copy)."""

    _raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self._raw if k not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class StoreAccess:
    """One store connection per server thread (SQLite connections must not cross threads)."""

    def __init__(self, opener: Callable[[], Store], *, shared: bool = False):
        self._opener = opener
        self._shared = shared    # True: the opener hands back one caller-owned store (tests)
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self._opener()
            with self._lock:
                self._all.append(store)
        return store

    @contextlib.contextmanager
    def fresh(self) -> Iterator[Store]:
        """A connection for a short-lived background thread, closed afterwards."""
        if self._shared:
            yield self._opener()
            return
        store = self._opener()
        try:
            yield store
        finally:
            store.close()

    def close(self) -> None:
        if self._shared:
            return
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()


def create_app(db: str | None = None, *, store: Store | None = None, write_token: str | None = None,
               site_name: str = "newsdesk", page_cache_mb: int = PAGE_CACHE_MB,
               threads: int | None = None, serving: bool = False) -> FastAPI:
    """The app over the store at `db` (path or URL), or over an already open `store` (tests).

    `page_cache_mb` bounds the finished responses kept per URL until the store changes
    (pagecache.py); 0 turns that cache off. `threads` caps the threads rendering pages at once
    (default: anyio's 40). `serving`: this process only serves the site, so its garbage collector
    is tuned for that once started (`tune_gc`; tests leave the interpreter as it is)."""
    if store is None and db is None:
        raise ValueError("create_app needs a db path/URL or a store")
    from newsdesk.store.base import open_store

    if store is not None:
        access = StoreAccess(lambda: store, shared=True)
    else:
        open_store(db).close()   # creates/migrates; fails at start-up with a clear message, not per request
        access = StoreAccess(lambda: open_store(db, readonly=True))

    from newsdesk.web.ingest import Writer

    writer = None
    if write_token:
        writer = Writer((lambda: store) if store is not None else (lambda: open_store(db)))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        if threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        # the corpus-wide aggregates, before the first request: a page made without them would be
        # dropped from the page cache the moment they arrived (its version includes their generation)
        await anyio.to_thread.run_sync(lambda: (app.state.top_entities.get(), app.state.categories.get()))
        if serving:
            tune_gc()
        yield
        access.close()          # (a store handed in belongs to the caller and stays open)
        if probe is not None:
            probe.close()
        if writer is not None and store is None:
            writer.close()

    app = FastAPI(title=f"{site_name} API", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  openapi_url="/api/openapi.json",
                  description="Read the corpus as JSON: articles with their entities, quotes and takeaways, "
                              "stories, entities, categories and search. Every HTML page has a JSON twin here.")
    app.state.access = access
    app.state.top_entities = Refreshing(lambda: _with_fresh(access, lambda st: st.top_entities(limit=TOP_ENTITIES)))
    app.state.categories = Refreshing(lambda: _with_fresh(access, views.categories))
    app.state.related = TTLCache(ttl=30.0, size=256)   # latest articles per category ("Explore more")
    app.state.home = TTLCache(ttl=5.0, size=16)        # the home page's lists, by page number
    app.state.bodies = LRU(2048)          # rendered article bodies by (id, revision, highlight)
    app.state.story_parts = LRU(1024)     # story analyses by the story's (id, revision) pairs
    app.state.write_token = write_token
    app.state.writer = writer
    app.state.site_name = site_name
    app.state.db = db

    app.add_middleware(SecurityHeaders)
    probe = version_probe(db if store is None else store.url) if page_cache_mb > 0 else None
    app.state.pages = None
    if probe is not None:
        def version() -> tuple[int, int, int] | None:
            # the store's data version, and which aggregates (refreshed each minute) pages show
            v = probe()
            return None if v is None else (v, app.state.top_entities.generation, app.state.categories.generation)

        def changed() -> None:          # the small listing caches follow the store at once too
            app.state.related.clear()
            app.state.home.clear()

        app.state.pages = Pages(version, max_bytes=page_cache_mb << 20, on_change=changed)
        app.add_middleware(PageCacheMiddleware, pages=app.state.pages)   # outermost: hits skip everything

    from newsdesk.web import api, feeds, pages

    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/api"

    @app.exception_handler(NewsdeskError)
    async def newsdesk_error(request: Request, exc: NewsdeskError):
        status = getattr(exc, "http_status", 500)
        if wants_json(request):
            return JSONResponse({"error": str(exc), "code": exc.code}, status_code=status)
        return pages.error_page(request, status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if wants_json(request):
            return JSONResponse({"error": str(exc.detail), "code": f"E{exc.status_code}"},
                                status_code=exc.status_code, headers=getattr(exc, "headers", None))
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
                   for e in exc.errors()]
        if wants_json(request):
            return JSONResponse({"error": "invalid request parameters", "code": "E422", "detail": details},
                                status_code=422)
        message = "; ".join(f"{'.'.join(str(p) for p in d['loc'][1:])}: {d['msg']}" for d in details)
        return pages.error_page(request, 422, f"Invalid request: {message}")

    return app


def tune_gc() -> None:
    """Keep the garbage collector from stalling a serving process. Its heap is large and long-lived
    (the app, aggregates, then the caches); CPython's default collector walks all of it on every full
    collection: on the 10k bench store 8 full collections in 900 first page visits, up to 74 ms
    each, every request of the process waiting meanwhile. What exists after start-up moves to the
    permanent generation (never walked again), and young collections run every 10,000 net
    allocations instead of 700 (requests free nearly all they allocate by reference counting): no
    full collection in the same 900 visits, and 3.1 -> 2.5 ms CPU a page."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _with_fresh(access: StoreAccess, fn: Callable[[Store], Any]) -> Any:
    with access.fresh() as store:
        return fn(store)


def create_app_from_env() -> FastAPI:
    """App factory for multi-process serving (`uvicorn --factory`): settings come from the environment."""
    import os

    threads = os.environ.get("NEWSDESK_THREADS")
    return create_app(os.environ["NEWSDESK_DB"], write_token=os.environ.get("NEWSDESK_WRITE_TOKEN") or None,
                      page_cache_mb=int(os.environ.get("NEWSDESK_PAGE_CACHE_MB", PAGE_CACHE_MB)),
                      threads=int(threads) if threads else None, serving=True)


def store_of(request: Request) -> Store:
    return request.app.state.access.get()


def state(request: Request, name: str) -> Any:
    return getattr(request.app.state, name)
