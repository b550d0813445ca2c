"""A story's timeline: its articles in time order, each with what it added that the earlier ones did
not have — sentences whose content is new to the story, entities first named, quotes first reported —
and everything the story says grouped by speaker.

A sentence counts as already known when most of its content words (70%) appeared together in one
earlier sentence of the story: rewording and trimming do not make a fact new, a new number, name or
claim does. A syndicated copy of an article in the same story adds nothing by definition.

This is the one implementation of "what each added": `newsdesk stories --timeline` prints it and the
story page shows it. The page needs it for every visit, so `refresh_story_digests` computes each
story's `StoryDigest` (timeline rows and quotes by speaker, JSON) when ingest writes the story, and
the store keeps it next to the story; the site reads it back in one indexed look-up.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from newsdesk.corpus.features import content_words
from newsdesk.errors import NotFound
from newsdesk.model import Span
from newsdesk.store.base import ArticleSummary, Store, StoredArticle, StoryDigest, digest_signature

KNOWN_OVERLAP = 0.7       # share of a sentence's content words already seen together => not new
MIN_WORDS = 4             # shorter sentences ("He declined.") are not facts on their own
MAX_ARTICLES = 300        # longer stories: the most recent ones (the CLI timeline)
MAX_NEW_ENTITIES = 6      # entities a story page lists as first named by one article
DIGEST_BATCH = 100        # stories computed and written per store transaction
# end punctuation (kept with its sentence, closing quote included), then space before a capital
_SENTENCE_END = re.compile(r"(?P<end>[.!?][\"'”’)]?)\s+(?=[\"'“‘(]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class NewFact:
    """A sentence of the article that the story had not reported before."""

    text: str
    span: Span            # where it is in the article's text
    novel_words: int      # its content words that no earlier sentence of the story had


@dataclass(frozen=True)
class TimelineEntry:
    article: ArticleSummary
    facts: tuple[NewFact, ...]
    new_entities: tuple[str, ...]     # first named here, most mentioned first
    new_quotes: tuple[str, ...]       # "speaker: statement" first reported here
    copy_of: int | None = None        # the origin, when this is a syndicated copy of an article of the story

    @property
    def new_facts(self) -> tuple[str, ...]:
        return tuple(f.text for f in self.facts)

    @property
    def lead(self) -> NewFact | None:
        """The new sentence that brings the most unseen words (the earliest of equals)."""
        return max(self.facts, key=lambda f: f.novel_words, default=None)

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


def sentence_spans(text: str) -> list[Span]:
    """Sentences of `text` (within paragraphs: end punctuation, then a capital), without outer spaces."""
    spans = []
    breaks = list(_PARAGRAPH.finditer(text))
    starts = [0] + [m.end() for m in breaks]
    ends = [m.start() for m in breaks] + [len(text)]
    for p_start, p_end in zip(starts, ends):
        pos = p_start
        for m in _SENTENCE_END.finditer(text, p_start, p_end):
            spans.append(Span(pos, m.end("end")))
            pos = m.end()
        spans.append(Span(pos, p_end))
    out = []
    for s in spans:     # trim spaces so the span is exactly the sentence
        start, end = s.start, s.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span(start, end))
    return out


def sentences(text: str) -> list[str]:
    return [s.of(text) for s in sentence_spans(text)]


class _Seen:
    """Sentences seen so far, as word sets, with an inverted index to find overlaps quickly."""

    def __init__(self) -> None:
        self.count = 0
        self.index: dict[str, list[int]] = defaultdict(list)

    def known(self, words: frozenset[str]) -> bool:
        hits: dict[int, int] = defaultdict(int)
        for w in words:
            for i in self.index.get(w, ()):
                hits[i] += 1
        return bool(hits) and max(hits.values()) >= KNOWN_OVERLAP * len(words)

    def novel(self, words: frozenset[str]) -> int:
        return sum(1 for w in words if w not in self.index)

    def add(self, words: frozenset[str]) -> None:
        for w in words:
            self.index[w].append(self.count)
        self.count += 1


def time_order(items: Iterable[StoredArticle]) -> list[StoredArticle]:
    """Oldest first; undated articles last, then in ingest order (the store's story order)."""
    return sorted(items, key=lambda s: (s.summary.published or "9999", s.id))


def build_timeline(items: list[StoredArticle]) -> list[TimelineEntry]:
    """Entries in time order (undated articles last, then ingest order)."""
    ordered = time_order(items)
    present = {item.id for item in ordered}
    seen, entities, quotes = _Seen(), set(), _Seen()
    entries = []
    for item in ordered:
        origin = item.summary.origin_id
        if origin in present:
            entries.append(TimelineEntry(item.summary, (), (), (), copy_of=origin))
            continue
        art = item.article
        facts = []
        for span in sentence_spans(art.text):
            words = frozenset(content_words(span.of(art.text)))
            if len(words) < MIN_WORDS:
                continue
            if not seen.known(words):
                facts.append(NewFact(span.of(art.text), span, seen.novel(words)))
            seen.add(words)
        first_named = [e for e in art.entities if e.name not in entities]
        entities.update(e.name for e in first_named)
        first_named.sort(key=lambda e: -len(e.mentions))    # stable: equals keep text order
        new_quotes = []
        for q in art.quotes:
            words = frozenset(content_words(q.content))
            if words and not quotes.known(words):
                new_quotes.append(f"{q.speaker or 'unattributed'}: {q.content}")
            quotes.add(words)
        entries.append(TimelineEntry(item.summary, tuple(facts), tuple(dict.fromkeys(e.name for e in first_named)),
                                     tuple(new_quotes)))
    return entries


def quotes_by_speaker(items: list[StoredArticle]) -> list[dict[str, Any]]:
    """Every quote in the story grouped by speaker; most quoted first, unattributed last.

    A syndicated copy repeats its origin's quotes word for word, so copies whose origin is in the
    story are skipped: each statement is listed once, from the original.
    """
    present = {a.id for a in items}
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for stored in time_order(items):
        if stored.summary.origin_id in present:
            continue
        for q in stored.article.quotes:
            groups[q.speaker].append({"article_id": stored.id, "published": stored.summary.published,
                                      "content": q.content, "cue": q.cue, "kind": q.kind,
                                      "content_span": q.content_span.to_list()})
    order = sorted(groups, key=lambda s: (s is None, -len(groups[s]), s or ""))
    return [{"speaker": s, "count": len(groups[s]), "quotes": groups[s]} for s in order]


def added_row(entry: TimelineEntry, first: bool) -> dict[str, Any]:
    """What one article added, as the story page and API show it: its lead new sentence and the
    entities it names first (none for the first report, which names everything first)."""
    lead = entry.lead
    if entry.copy_of is not None:
        kind = "copy"
    elif lead is None:
        kind = "repeat"
    else:
        kind = "first" if first else "new"
    return {"article_id": entry.article.id, "kind": kind, "text": lead.text if lead else None,
            "span": lead.span.to_list() if lead else None, "novel_words": lead.novel_words if lead else 0,
            "new_entities": [] if first else list(entry.new_entities[:MAX_NEW_ENTITIES])}


def story_digest(items: list[StoredArticle]) -> dict[str, Any]:
    """What a story page shows beyond the store's StoryView, JSON-ready: per article its reading time
    and what it added (time order), and the story's quotes grouped by speaker."""
    rows, first = [], True
    by_id = {item.id: item for item in items}
    for entry in build_timeline(items):
        row = added_row(entry, first)
        first = first and row["kind"] in ("copy", "repeat")     # the first report is the first with news
        rows.append({"id": entry.article.id, "reading_minutes": by_id[entry.article.id].article.reading_minutes,
                     "added": row})
    return {"timeline": rows, "quotes_by_speaker": quotes_by_speaker(items)}


def refresh_story_digests(store: Store, story_ids: Iterable[int] | None = None) -> int:
    """Compute and keep the digest of every story that has none (or of `story_ids`); returns how many.

    The store drops a story's digest whenever an article joins, leaves or changes, in the same
    transaction, so "no digest" is exactly "changed since last computed"; a digest computed from
    articles another writer changed meanwhile is not kept (the next refresh computes it). Readers
    also compare the digest's signature with the story's current articles before using it."""
    ids = list(story_ids) if story_ids is not None else store.stories_without_digest()
    done = 0
    for at in range(0, len(ids), DIGEST_BATCH):
        digests = []
        for sid in ids[at:at + DIGEST_BATCH]:
            try:
                view = store.story(sid, entities=False)
            except NotFound:            # the story vanished meanwhile (consolidation emptied it)
                continue
            items = store.articles([a.id for a in view.articles])
            digests.append(StoryDigest(sid, digest_signature(i.summary for i in items), story_digest(items)))
        done += store.put_story_digests(digests)
    return done


def story_timeline(store: Store, story_id: int) -> Timeline:
    view = store.story(story_id, entities=False)
    ids = [a.id for a in view.articles][-MAX_ARTICLES:]
    return Timeline(view.id, view.title, tuple(build_timeline(store.articles(ids))))
