"""Row handling that is the same in both SQL stores (SQLite and PostgreSQL differ only in their
SQL): the article-summary columns, story views from article rows, an entity's merged variants,
and search snippets cut in Python."""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

from newsdesk.store import snippets
from newsdesk.store.base import ArticleSummary, StoryView
from newsdesk.store.query import parse_query

SUMMARY_COLS = ("a.id, a.input, a.url, a.title, a.published, a.publisher, a.agency, a.category, a.language, "
                "a.story_id, a.origin_id, a.revision, a.ingested_at, a.summary")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def summary(row: Sequence) -> ArticleSummary:
    """An ArticleSummary from the first columns of a row selected with SUMMARY_COLS."""
    return ArticleSummary(*row[:14])


def story_views(story_rows: Sequence[Sequence], article_rows: Iterable[Sequence]) -> list[StoryView]:
    """(id, title) story rows + their articles' SUMMARY_COLS rows (in page order) -> StoryViews
    without entity counts, with the first and last publication dates."""
    by_story: dict[int, list[ArticleSummary]] = {r[0]: [] for r in story_rows}
    for r in article_rows:
        by_story[r[9]].append(summary(r))
    views = []
    for r in story_rows:
        arts = tuple(by_story[r[0]])
        dates = sorted(a.published for a in arts if a.published)
        views.append(StoryView(r[0], r[1], arts, (), dates[0] if dates else None, dates[-1] if dates else None))
    return views


def merge_variants(rows: Iterable[Sequence]) -> tuple[str, tuple[str, ...]]:
    """An entity's (name, type, titles JSON, count, …) variant rows -> its most frequent type and
    every title, in order of first appearance."""
    types: dict[str, int] = {}
    titles: dict[str, None] = {}
    for r in rows:
        types[r[1]] = types.get(r[1], 0) + r[3]
        titles.update(dict.fromkeys(json.loads(r[2] or "[]")))
    return max(types, key=types.__getitem__), tuple(titles)


def body_snippets(rows: Iterable[Sequence], query: str) -> tuple[dict[int, str | None], list[int]]:
    """Snippets for search hits whose title and body are columns 15 and 16: {article id: snippet or
    None}, and the ids the query's words missed (for the engine's own snippet function)."""
    words = snippets.query_words(parse_query(query))
    cuts = {r[0]: snippets.cut(r[15] or "", r[16] or "", words) for r in rows}
    return cuts, [i for i, c in cuts.items() if c is None]
