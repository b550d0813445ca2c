"""A story's timeline: its articles in time order, each with what it added that the earlier ones did
not have — sentences whose content is new to the story, entities first named, quotes first reported.

A sentence counts as already known when most of its content words (70%) appeared together in one
earlier sentence of the story: rewording and trimming do not make a fact new, a new number, name or
claim does. Syndicated copies add nothing by definition and are listed as copies.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from newsdesk.corpus.features import content_words
from newsdesk.store.base import ArticleSummary, Store, StoredArticle

KNOWN_OVERLAP = 0.7       # share of a sentence's content words already seen together => not new
MIN_WORDS = 4             # shorter sentences ("He declined.") are not facts on their own
MAX_ARTICLES = 300        # longer stories: the most recent ones
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class TimelineEntry:
    article: ArticleSummary
    new_facts: tuple[str, ...]
    new_entities: tuple[str, ...]
    new_quotes: tuple[str, ...]
    copy_of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {"id": a.id, "title": a.title, "published": a.published, "publisher": a.publisher,
                "url": a.url, "input": a.input, "copy_of": self.copy_of, "new_facts": list(self.new_facts),
                "new_entities": list(self.new_entities), "new_quotes": list(self.new_quotes)}


@dataclass(frozen=True)
class Timeline:
    story_id: int
    title: str | None
    entries: tuple[TimelineEntry, ...]


def sentences(text: str) -> list[str]:
    out = []
    for para in text.split("\n\n"):
        out.extend(s.strip() for s in _SENTENCE.split(para) if s.strip())
    return out


class _Seen:
    """Sentences seen so far, as word sets, with an inverted index to find overlaps quickly."""

    def __init__(self) -> None:
        self.sets: list[frozenset[str]] = []
        self.index: dict[str, list[int]] = defaultdict(list)

    def known(self, words: frozenset[str]) -> bool:
        hits: dict[int, int] = defaultdict(int)
        for w in words:
            for i in self.index.get(w, ()):
                hits[i] += 1
        return bool(hits) and max(hits.values()) >= KNOWN_OVERLAP * len(words)

    def add(self, words: frozenset[str]) -> None:
        for w in words:
            self.index[w].append(len(self.sets))
        self.sets.append(words)


def build_timeline(items: list[StoredArticle]) -> list[TimelineEntry]:
    """Entries in time order (undated articles last, then ingest order)."""
    ordered = sorted(items, key=lambda s: (s.summary.published or "9999", s.id))
    seen, entities, quotes = _Seen(), set(), _Seen()
    entries = []
    for item in ordered:
        if item.summary.origin_id is not None:
            entries.append(TimelineEntry(item.summary, (), (), (), copy_of=item.summary.origin_id))
            continue
        art = item.article
        facts = []
        for sentence in sentences(art.text):
            words = frozenset(content_words(sentence))
            if len(words) < MIN_WORDS:
                continue
            if not seen.known(words):
                facts.append(sentence)
            seen.add(words)
        new_entities = []
        for e in art.entities:
            if e.name not in entities:
                entities.add(e.name)
                new_entities.append(e.name)
        new_quotes = []
        for q in art.quotes:
            words = frozenset(content_words(q.content))
            if words and not quotes.known(words):
                new_quotes.append(f"{q.speaker or 'unattributed'}: {q.content}")
            quotes.add(words)
        entries.append(TimelineEntry(item.summary, tuple(facts), tuple(new_entities), tuple(new_quotes)))
    return entries


def story_timeline(store: Store, story_id: int) -> Timeline:
    view = store.story(story_id)
    ids = [a.id for a in view.articles][-MAX_ARTICLES:]
    return Timeline(view.id, view.title, tuple(build_timeline(store.articles(ids))))
