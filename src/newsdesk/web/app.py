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
import threading
import time
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.errors import NewsdeskError
from newsdesk.store.base import EntityCount, Store

HERE = Path(__file__).resolve().parent

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class StoreAccess:
    """One store connection per server thread (SQLite connections must not cross threads)."""

    def __init__(self, opener: Callable[[], Store]):
        self._opener = opener
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

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()


class EntityNames:
    """The store's best-known entities, refreshed now and then, to match search words to entity pages."""

    def __init__(self, access: StoreAccess, limit: int = 5000, ttl: float = 60.0):
        self._access, self._limit, self._ttl = access, limit, ttl
        self._names: list[EntityCount] = []
        self._at = float("-inf")
        self._lock = threading.Lock()

    def get(self) -> list[EntityCount]:
        if time.monotonic() - self._at > self._ttl:
            with self._lock:
                if time.monotonic() - self._at > self._ttl:
                    self._names = self._access.get().top_entities(limit=self._limit)
                    self._at = time.monotonic()
        return self._names

    def invalidate(self) -> None:
        self._at = float("-inf")


def create_app(db: str | None = None, *, store: Store | None = None, write_token: str | None = None,
               site_name: str = "newsdesk") -> FastAPI:
    """The app over the store at `db` (path or URL), or over an already open `store` (tests)."""
    if store is None and db is None:
        raise ValueError("create_app needs a db path/URL or a store")
    from newsdesk.store.base import open_store

    if store is not None:
        access = StoreAccess(lambda: store)
    else:
        open_store(db).close()   # creates/migrates; fails at start-up with a clear message, not per request
        access = StoreAccess(lambda: open_store(db, readonly=True))

    from newsdesk.web.ingest import Writer

    writer = None
    if write_token:
        writer = Writer((lambda: store) if store is not None else (lambda: open_store(db)))

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        if store is None:       # a store handed in belongs to the caller
            access.close()
            if writer is not None:
                writer.close()

    app = FastAPI(title=f"{site_name} API", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  openapi_url="/api/openapi.json",
                  description="Read the corpus as JSON: articles with their entities, quotes and takeaways, "
                              "stories, entities, categories and search. Every HTML page has a JSON twin here.")
    app.state.access = access
    app.state.entity_names = EntityNames(access)
    app.state.write_token = write_token
    app.state.writer = writer
    app.state.site_name = site_name
    app.state.db = db

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

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


def store_of(request: Request) -> Store:
    return request.app.state.access.get()


def state(request: Request, name: str) -> Any:
    return getattr(request.app.state, name)
