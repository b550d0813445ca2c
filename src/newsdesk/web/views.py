"""One function per page: store in, a JSON-ready dict out.

The JSON API returns these dicts as they are and the HTML pages render the very same dicts, so
the two can never disagree. Only the article body is rendered apart (it needs the `Article`'s
spans, see annotate.py); it travels in the dict under the private key `_article`.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
from collections import Counter
from typing import Any
from urllib.parse import quote as urlquote

from newsdesk.corpus import timeline
from newsdesk.errors import NotFound
from newsdesk.store.base import (ArticleSummary, EntityCount, QuoteRef, SearchFilters, Store, StoryView,
                                 digest_signature)
from newsdesk.web.cache import LRU, TTLCache

PAGE_SIZE = 20
RELATED_LIMIT = 6


# ---- links -----------------------------------------------------------------------------------------
def article_href(article_id: int) -> str:
    return f"/articles/{article_id}"


def story_href(story_id: int | None) -> str | None:
    return None if story_id is None else f"/stories/{story_id}"


@functools.lru_cache(maxsize=1 << 16)     # the same names recur on every page; quote() is slow
def entity_href(name: str) -> str:
    return "/entities/" + urlquote(name, safe="")


def category_href(name: str | None) -> str | None:
    return None if not name else "/categories/" + urlquote(name, safe="")


def sentence_href(article_id: int, span: list[int] | tuple[int, int]) -> str:
    """A link to one sentence of an article: the page highlights `hl` and scrolls to it."""
    return f"/articles/{article_id}?hl={span[0]}-{span[1]}#hl"


# ---- small pieces ----------------------------------------------------------------------------------
_SUMMARY_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleSummary))


def summary_dict(s: ArticleSummary) -> dict[str, Any]:
    d = {name: getattr(s, name) for name in _SUMMARY_FIELDS}   # (dataclasses.asdict deep-copies: slow)
    d["href"] = article_href(s.id)
    d["story_href"] = story_href(s.story_id)
    return d


def entity_count_dict(e: EntityCount) -> dict[str, Any]:
    return {"name": e.name, "type": e.type, "articles": e.articles, "href": entity_href(e.name)}


def story_brief(v: StoryView, *, max_articles: int | None = None) -> dict[str, Any]:
    arts = list(v.articles)
    newest_first = sorted(arts, key=lambda s: (s.published or "", s.id), reverse=True)
    return {"id": v.id, "title": v.title or (arts[0].title if arts else None), "href": story_href(v.id),
            "first_published": v.first_published, "last_published": v.last_published,
            "article_count": len(arts), "publishers": sorted({a.publisher for a in arts if a.publisher}),
            "articles": [summary_dict(a) for a in newest_first[:max_articles]],
            "entities": [entity_count_dict(e) for e in v.entities[:8]]}


# ---- pages -----------------------------------------------------------------------------------------
def home(store: Store, page: int = 1, *, categories: list[dict[str, Any]],
         top_entities: list[EntityCount]) -> dict[str, Any]:
    """`categories` and `top_entities` are corpus-wide aggregates the caller keeps cached."""
    offset = (page - 1) * PAGE_SIZE
    stories = store.stories(limit=PAGE_SIZE, offset=offset)
    latest = store.recent(limit=PAGE_SIZE, offset=offset)
    return {"page": page, "stories": [story_brief(v) for v in stories],
            "latest": [summary_dict(s) for s in latest], "categories": categories,
            "top_entities": [entity_count_dict(e) for e in top_entities[:12]],
            "next_page": page + 1 if len(stories) == PAGE_SIZE or len(latest) == PAGE_SIZE else None}


def categories(store: Store, scan: int = 500) -> list[dict[str, Any]]:
    """Categories of the most recent articles, most used first (the store has no category index)."""
    counts = Counter(s.category for s in store.recent(limit=scan) if s.category)
    return [{"name": c, "articles": n, "href": category_href(c)} for c, n in counts.most_common()]


def article(store: Store, article_id: int, highlight: tuple[int, int] | None = None, *,
            related_cache: TTLCache | None = None) -> dict[str, Any]:
    stored = store.article(article_id)
    s, a = stored.summary, stored.article
    group = store.copies(article_id)
    copies = [summary_dict(c) for c in group if c.id != article_id]
    story = None
    if s.story_id is not None:
        try:
            story = story_brief(store.story(s.story_id), max_articles=12)
        except NotFound:
            story = None
    related: list[dict[str, Any]] = []
    if a.category:
        skip = {c.id for c in group} | {article_id}
        window = RELATED_LIMIT + 8

        def latest() -> list[ArticleSummary]:
            return store.recent(limit=window, category=a.category)

        rows = related_cache.get_or_make(a.category, latest) if related_cache is not None else latest()
        if len([r for r in rows if r.id not in skip]) < RELATED_LIMIT and len(rows) == window:
            rows = store.recent(limit=RELATED_LIMIT + len(skip), category=a.category)   # a big copy group
        related = [summary_dict(r) for r in rows if r.id not in skip][:RELATED_LIMIT]
    data = a.to_dict()
    revisions = []
    if s.revision > 1:      # what changed since the first version, newest change first
        revisions = [{"revision": r.revision, "ingested_at": r.ingested_at, "change": dict(r.change)}
                     for r in store.revisions(article_id) if r.revision > 1]
    return {"id": article_id, "summary": summary_dict(s), "article": data, "revisions": revisions,
            "origin": next((summary_dict(c) for c in group if c.id == s.origin_id), None),
            "copies": copies, "story": story, "related": related,
            "category": {"name": a.category, "href": category_href(a.category)} if a.category else None,
            "entities": [{"name": e["name"], "type": e["type"], "titles": e["titles"],
                          "mentions": len(e["mentions"]), "href": entity_href(e["name"])}
                         for e in sorted(data["entities"], key=lambda e: -len(e["mentions"]))],
            "highlight": list(highlight) if highlight else None,
            "_article": a}


def _story_parts(store: Store, v: StoryView, signature: str) -> dict[str, Any]:
    """What needs the story's full articles (timeline additions, quotes by speaker): the digest ingest
    stored for exactly these article revisions, else computed here from the articles."""
    digest = store.story_digest(v.id)
    if digest is not None and digest.signature == signature:
        data = digest.data
    else:       # written since (or by a writer that keeps no digests): the same computation, live
        data = timeline.story_digest(store.articles([s.id for s in v.articles]))
    rows = {r["id"]: r for r in data["timeline"]}
    items = []
    for s in v.articles:
        row = rows.get(s.id, {})
        item = summary_dict(s)
        item["reading_minutes"] = row.get("reading_minutes", 0)
        added = row.get("added")
        if added and added["span"]:
            added = {**added, "href": sentence_href(s.id, added["span"])}
        item["added"] = added
        items.append(item)
    quotes = []
    for group in data["quotes_by_speaker"]:
        quotes.append({**group, "href": entity_href(group["speaker"]) if group["speaker"] else None,
                       "quotes": [{**q, "href": sentence_href(q["article_id"], q["content_span"])}
                                  for q in group["quotes"]]})
    return {"timeline": items, "quotes_by_speaker": quotes, "publishers": publisher_spread(v.articles),
            "agencies": sorted({a.agency for a in v.articles if a.agency})}


def publisher_spread(articles: tuple[ArticleSummary, ...]) -> list[dict[str, Any]]:
    counts = Counter(a.publisher or "Unknown publisher" for a in articles)
    return [{"publisher": p, "articles": n} for p, n in counts.most_common()]


def story(store: Store, story_id: int, *, parts_cache: LRU | None = None) -> dict[str, Any]:
    """`parts_cache` keeps the costly parts keyed by the story's article revisions, so a story is
    re-analysed exactly when an article joins, leaves or changes. Cached parts are shared:
    callers must not modify the returned lists."""
    v = store.story(story_id)
    signature = digest_signature(v.articles)
    key = (v.id, signature)
    parts = (parts_cache.get_or_make(key, lambda: _story_parts(store, v, signature)) if parts_cache is not None
             else _story_parts(store, v, signature))
    brief = story_brief(v)
    return {"id": v.id, "title": brief["title"], "href": story_href(v.id),
            "first_published": v.first_published, "last_published": v.last_published,
            "timeline": parts["timeline"], "entities": [entity_count_dict(e) for e in v.entities],
            "quotes_by_speaker": parts["quotes_by_speaker"], "publishers": parts["publishers"],
            "agencies": parts["agencies"],
            "feeds": {"atom": f"/feeds/stories/{v.id}.atom", "rss": f"/feeds/stories/{v.id}.rss"}}


def entity(store: Store, name: str) -> dict[str, Any]:
    page = store.entity(name)
    stories: dict[int, dict[str, Any]] = {}
    for s in page.articles:
        if s.story_id is not None and s.story_id not in stories:
            stories[s.story_id] = {"id": s.story_id, "href": story_href(s.story_id), "title": s.title,
                                   "articles": 0, "last_published": s.published}
        if s.story_id is not None:
            stories[s.story_id]["articles"] += 1
    for sid, item in stories.items():   # story titles: one cheap lookup each, for the first few
        if len(stories) <= 30:
            try:
                item["title"] = store.story(sid, entities=False).title or item["title"]
            except NotFound:
                pass
    copies: dict[tuple[int, str], list[ArticleSummary]] = {}
    unique = _unique_statements(page.quotes, copies)
    statements = [{"article": summary_dict(r.article),
                   "also_in": [summary_dict(c) for c in copies.get(_statement_key(r), []) if c.id != r.article.id], "speaker": r.quote.speaker, "cue": r.quote.cue,
                   "kind": r.quote.kind, "content": r.quote.content,
                   "content_span": r.quote.content_span.to_list(),
                   "href": sentence_href(r.article.id, r.quote.content_span.to_list())}
                  for r in unique]
    return {"name": page.name, "type": page.type, "titles": list(page.titles), "href": entity_href(page.name),
            "statements": statements, "articles": [summary_dict(s) for s in page.articles],
            "stories": list(stories.values()), "related": [entity_count_dict(e) for e in page.related]}


def _statement_key(ref: QuoteRef) -> tuple[int, str]:
    return (ref.article.origin_id or ref.article.id, " ".join(ref.quote.content.split()).lower())


def _unique_statements(refs: tuple[QuoteRef, ...], copies: dict[tuple[int, str], list[ArticleSummary]]
                       ) -> list[QuoteRef]:
    """One statement per syndication group: the origin's if present (copies repeat it word for word).

    `copies` is filled with every article that carried each statement, for the "also in" links.
    """
    chosen: dict[tuple[int, str], QuoteRef] = {}
    for ref in refs:
        key = _statement_key(ref)
        copies.setdefault(key, []).append(ref.article)
        if key not in chosen or ref.article.id == key[0]:
            chosen[key] = ref
    return [r for r in refs if chosen.get(_statement_key(r)) is r]


def category(store: Store, name: str, page: int = 1) -> dict[str, Any]:
    rows = store.recent(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, category=name)
    if not rows and page == 1:
        raise NotFound(f"no articles in category {name!r}")
    return {"name": name, "href": category_href(name), "page": page,
            "articles": [summary_dict(s) for s in rows[:PAGE_SIZE]],
            "next_page": page + 1 if len(rows) > PAGE_SIZE else None,
            "feeds": {"atom": f"/feeds/categories/{urlquote(name, safe='')}.atom",
                      "rss": f"/feeds/categories/{urlquote(name, safe='')}.rss"}}


def _matching(names: list[EntityCount], words: list[str], limit: int = 8) -> list[EntityCount]:
    """Entities with a word starting with each query word ("trump" finds "Donald Trump" and
    "Trump-Putin summit", not "Wrongtrump"), most mentioned first as `names` is ordered."""
    if not words:
        return []
    index = _word_index(names)
    starts = [" " + w for w in words]
    found = []
    for i in index.starting_with(words[0]):      # candidates for the first word, in `names` order
        low, e = index.lowered[i]
        if all(w in low for w in starts):
            found.append(e)
            if len(found) == limit:
                break
    return found


class _WordIndex:
    """The names' words, sorted, to find every name with a word starting with a prefix by bisection."""

    def __init__(self, names: list[EntityCount]):
        # hyphens count as spaces: "Trump-Putin summit" has the words trump, putin, summit
        self.lowered = [(" " + e.name.lower().replace("-", " "), e) for e in names]
        self.words = sorted((w, i) for i, (low, _) in enumerate(self.lowered) for w in set(low.split(" ")) if w)

    def starting_with(self, prefix: str) -> list[int]:
        """Positions in `names` of the names with a word starting with `prefix`, in order."""
        hits = set()
        for pos in range(bisect.bisect_left(self.words, (prefix,)), len(self.words)):
            word, i = self.words[pos]
            if not word.startswith(prefix):
                break
            hits.add(i)
        return sorted(hits)


_INDEX: tuple[object, _WordIndex | None] = (None, None)   # (names list, its index): the list changes once a minute


def _word_index(names: list[EntityCount]) -> _WordIndex:
    global _INDEX
    seen, index = _INDEX
    if seen is not names or index is None:
        index = _WordIndex(names)
        _INDEX = (names, index)
    return index


def _same_text(snippet: str | None, title: str | None) -> bool:
    """A snippet cut from the headline repeats what the result already shows."""
    plain = " ".join((snippet or "").replace("[", "").replace("]", "").strip("… ").split())
    return bool(plain) and plain in " ".join((title or "").split())


def search(store: Store, q: str, filters: SearchFilters, entity_names: list[EntityCount]) -> dict[str, Any]:
    hits = store.search(q, filters) if q.strip() else []
    terms = [t for t in q.split() if t]
    lowered = [t.lower() for t in terms]
    entities = [entity_count_dict(e) for e in _matching(entity_names, lowered)]
    return {"q": q, "filters": {k: v for k, v in dataclasses.asdict(filters).items() if k not in ("limit", "offset")},
            "page": filters.offset // max(filters.limit, 1) + 1, "limit": filters.limit,
            "entities": entities,
            "hits": [{"article": summary_dict(h.article), "score": h.score,
                      "snippet": None if _same_text(h.snippet, h.article.title) else h.snippet} for h in hits],
            "next_offset": filters.offset + filters.limit if len(hits) == filters.limit else None}
