"""The JSON API: every HTML page has a twin under /api returning the same data (views.py).

Errors are JSON too: `{"error": "...", "code": "..."}` with the right status (404 for a missing
article/story/entity/category, 422 for bad parameters, 401/403 for writes without the token).
"""
from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, HTTPException, Path, Query, Request
from pydantic import BaseModel

from newsdesk.store.base import SearchFilters
from newsdesk.web import views
from newsdesk.web.app import store_of

class ErrorBody(BaseModel):
    """Every API error: a one-line reason for people and a stable code for programs."""

    error: str
    code: str
    detail: list[dict[str, Any]] | None = None


ERRORS = {404: {"model": ErrorBody, "description": "No such article, story, entity or category"},
          422: {"model": ErrorBody, "description": "Invalid parameters (`detail` says which)"}}

router = APIRouter(prefix="/api", tags=["read"], responses=ERRORS)

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
Page = Annotated[int, Query(ge=1, le=100_000, description="page number, from 1")]


def public(data: dict[str, Any]) -> dict[str, Any]:
    """Drop the private keys views.py keeps for the HTML renderer."""
    return {k: v for k, v in data.items() if not k.startswith("_")}


def search_params(
    q: Annotated[str, Query(max_length=500, description="words; \"phrases\"; OR; -exclude; prefix*")] = "",
    since: Annotated[str | None, Query(pattern=ISO_DATE, description="published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(pattern=ISO_DATE, description="published on or before (YYYY-MM-DD)")] = None,
    publisher: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200, description="canonical entity name")] = None,
    story: Annotated[int | None, Query(ge=1, description="only articles of this story")] = None,
    page: Page = 1,
    limit: Annotated[int, Query(ge=1, le=100)] = views.PAGE_SIZE,
) -> tuple[str, SearchFilters]:
    """Search parameters shared by the search page, its API twin and its feeds."""
    if since and until and since > until:
        raise HTTPException(422, "since must not be after until")
    return q, SearchFilters(since=since or None, until=until or None, publisher=publisher or None,
                            entity=entity or None, story_id=story, limit=limit, offset=(page - 1) * limit)


SearchParams = Annotated[tuple[str, SearchFilters], Depends(search_params)]


def aggregates(request: Request) -> dict[str, Any]:
    """The corpus-wide lists the home page shows, from the app's refreshing caches."""
    return {"categories": request.app.state.categories.get(), "top_entities": request.app.state.top_entities.get()}


def home_data(request: Request, page: int) -> dict[str, Any]:
    """The home page is the most visited one: its lists are reused for a few seconds."""
    return request.app.state.home.get_or_make(
        page, lambda: views.home(store_of(request), page, **aggregates(request)))


@router.get("/home", summary="Home page: latest stories and articles, categories, top entities")
def api_home(request: Request, page: Page = 1) -> dict[str, Any]:
    return home_data(request, page)


@router.get("/articles", summary="Latest articles, optionally in one category or from one publisher")
def api_articles(request: Request, page: Page = 1, limit: Annotated[int, Query(ge=1, le=100)] = views.PAGE_SIZE,
                 category: Annotated[str | None, Query(max_length=200)] = None,
                 publisher: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    rows = store_of(request).recent(limit=limit, offset=(page - 1) * limit, category=category, publisher=publisher)
    return {"page": page, "articles": [views.summary_dict(s) for s in rows]}


@router.get("/articles/{article_id}", summary="One article: all analysed fields, copies, story, related articles")
def api_article(request: Request, article_id: Annotated[int, Path(ge=1)]) -> dict[str, Any]:
    return public(views.article(store_of(request), article_id, related_cache=request.app.state.related))


@router.get("/articles/{article_id}/revisions", summary="Every revision of an article and what changed")
def api_revisions(request: Request, article_id: Annotated[int, Path(ge=1)]) -> dict[str, Any]:
    revs = store_of(request).revisions(article_id)
    return {"id": article_id, "revisions": [{"revision": r.revision, "current": r.current,
                                             "ingested_at": r.ingested_at, "title": r.title,
                                             "change": dict(r.change)} for r in revs]}


@router.get("/stories", summary="Stories, most recently updated first")
def api_stories(request: Request, page: Page = 1,
                limit: Annotated[int, Query(ge=1, le=100)] = views.PAGE_SIZE) -> dict[str, Any]:
    found = store_of(request).stories(limit=limit, offset=(page - 1) * limit)
    return {"page": page, "stories": [views.story_brief(v) for v in found]}


@router.get("/stories/{story_id}", summary="One story: timeline, what each article added, quotes by speaker")
def api_story(request: Request, story_id: Annotated[int, Path(ge=1)]) -> dict[str, Any]:
    return views.story(store_of(request), story_id, parts_cache=request.app.state.story_parts)


@router.get("/entities", summary="The most mentioned entities")
def api_entities(request: Request, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 type: Annotated[str | None, Query(pattern=r"^[A-Z_]{2,20}$", description="PERSON, ORG, GPE…")] = None
                 ) -> dict[str, Any]:
    return {"entities": [views.entity_count_dict(e) for e in store_of(request).top_entities(limit=limit, type=type)]}


@router.get("/entities/{name:path}", summary="One entity: titles, statements over time, stories, co-occurring")
def api_entity(request: Request, name: str) -> dict[str, Any]:
    return views.entity(store_of(request), name)


@router.get("/categories", summary="Categories of recent articles, most used first")
def api_categories(request: Request) -> dict[str, Any]:
    return {"categories": request.app.state.categories.get()}


@router.get("/categories/{name}", summary="The latest articles in one category")
def api_category(request: Request, name: str, page: Page = 1) -> dict[str, Any]:
    return views.category(store_of(request), name, page)


@router.get("/search", summary="Full-text search with filters; snippets mark matches with [ ]")
def api_search(request: Request, params: SearchParams) -> dict[str, Any]:
    q, filters = params
    return views.search(store_of(request), q, filters, request.app.state.top_entities.get())


@router.get("/stats", summary="How much the store holds")
def api_stats(request: Request) -> dict[str, Any]:
    return store_of(request).counts()


# ---- the one write endpoint ----------------------------------------------------------------------
def require_write_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    token = request.app.state.write_token
    if not token:
        raise HTTPException(403, "this site is read-only (start it with a write token to enable ingest)")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid write token is required (Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/ingest", tags=["write"], dependencies=[Depends(require_write_token)],
             responses={400: {"model": ErrorBody, "description": "The record holds no readable article"},
                        401: {"model": ErrorBody, "description": "Missing or wrong write token"},
                        403: {"model": ErrorBody, "description": "The site is read-only (no write token set)"}},
             summary="Analyse and add one article (needs the write token)")
def api_ingest(request: Request, record: Annotated[dict[str, Any], Body(
        examples=[{"url": "https://example.org/news/1", "title": "Headline", "published": "2025-02-21",
                   "text": "The article body…"}],
        description='{"url"?, "title"?, "published"?, "text"? | "html"?}, as one line of an ingest .jsonl')]
               ) -> dict[str, Any]:
    from newsdesk.web.ingest import ingest_record

    result = ingest_record(request.app, record)
    request.app.state.top_entities.invalidate()
    request.app.state.categories.invalidate()
    request.app.state.home.clear()
    return result
