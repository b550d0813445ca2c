"""Search over the store: validates the filters, runs `Store.search`, returns plain records."""
from __future__ import annotations

from datetime import date
from typing import Any

from newsdesk.errors import InputError
from newsdesk.store.base import SearchFilters, Store


def _iso_day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise InputError(f"--{name} must be a date like 2025-02-21, not {value!r}") from None


def run_search(store: Store, query: str, *, since: str | None = None, until: str | None = None,
               publisher: str | None = None, entity: str | None = None, story: int | None = None,
               limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    if not query.strip():
        raise InputError("empty search query")
    filters = SearchFilters(since=_iso_day(since, "since"), until=_iso_day(until, "until"), publisher=publisher,
                            entity=entity, story_id=story, limit=max(1, limit), offset=max(0, offset))
    return [{"id": h.article.id, "score": round(h.score, 4), "title": h.article.title, "url": h.article.url,
             "input": h.article.input, "published": h.article.published, "publisher": h.article.publisher,
             "story_id": h.article.story_id, "snippet": h.snippet} for h in store.search(query, filters)]
