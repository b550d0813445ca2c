"""The one data model that flows through newsdesk.

Every stage takes an `Article` and returns a new one (`dataclasses.replace`); nothing mutates.
Entities, quotes, times and takeaways point into `Article.text` with `Span`s ([start, end)
character offsets), never detached copies, so every output can cite its evidence.

`Article.to_dict()` gives exactly the fields of the command-line contract (../shared/CONTRACT.md),
plus a few of our own (`url`, `notes`, `confidence`); `Article.from_dict()` reads them back.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterable

WORDS_PER_MINUTE = 230  # adult silent reading speed for non-fiction (Brysbaert 2019: 238)


@dataclass(frozen=True, order=True)
class Span:
    """A `[start, end)` character range of `Article.text`."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start:self.end]

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def coerce(cls, value: Any) -> "Span | None":
        if value is None or isinstance(value, Span):
            return value
        start, end = value
        return cls(int(start), int(end))


@dataclass(frozen=True)
class Document:
    """Raw bytes and where they came from, before any extraction."""

    input: str                      # the input exactly as the user gave it (path, URL, "-", "file.jsonl#3")
    data: bytes = b""
    url: str | None = None          # the page's own URL, when known
    content_type: str | None = None  # "html" | "text" | None (sniffed later)
    encoding: str | None = None     # declared by transport (HTTP header), if any
    title: str | None = None        # hints carried by structured sources (JSONL, feeds)
    published: str | None = None
    fetched_at: str | None = None


@dataclass(frozen=True)
class Credit:
    role: str   # reporting | writing | editing | additional reporting | photo | author
    name: str


@dataclass(frozen=True)
class Dateline:
    place: str | None
    agency: str | None = None
    date: str | None = None  # the date as written in the dateline ("Feb 21"), if any


@dataclass(frozen=True)
class Entity:
    name: str                       # canonical name ("Donald Trump")
    type: str                       # spaCy/OntoNotes label: PERSON, ORG, GPE, LOC, NORP, EVENT, ...
    titles: tuple[str, ...] = ()    # roles seen in the text ("U.S. President")
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Quote:
    speaker: str | None
    speaker_span: Span | None
    cue: str | None
    cue_span: Span | None
    content: str
    content_span: Span
    kind: str  # direct | indirect | mixed


@dataclass(frozen=True)
class TimeExpr:
    text: str
    span: Span
    value: str | None   # TIMEX3 value, or None when it cannot be resolved
    type: str | None = None  # DATE | TIME | DURATION | SET


@dataclass(frozen=True)
class Takeaway:
    text: str
    sources: tuple[Span, ...]


@dataclass(frozen=True)
class Article:
    input: str
    text: str = ""
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    agency: str | None = None
    authors: tuple[str, ...] = ()
    credits: tuple[Credit, ...] = ()
    published: str | None = None
    updated: str | None = None
    dateline: Dateline | None = None
    category: str | None = None
    language: str | None = None
    standfirst: str | None = None
    site_takeaways: tuple[str, ...] = ()
    summary: str = ""
    summary_sources: tuple[Span, ...] = ()
    takeaways: tuple[Takeaway, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    keywords: tuple[str, ...] = ()
    # our own: why a field is empty or doubtful ("not an article: looks like a home page", ...)
    notes: tuple[str, ...] = ()
    confidence: float = 1.0

    # ---- derived -------------------------------------------------------------------------
    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def reading_minutes(self) -> int:
        words = self.word_count
        return 0 if words == 0 else max(1, round(words / WORDS_PER_MINUTE))

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    def replace(self, **changes: Any) -> "Article":
        return dataclasses.replace(self, **changes)

    def with_note(self, note: str) -> "Article":
        return dataclasses.replace(self, notes=self.notes + (note,))

    # ---- serialisation -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The contract's fields (never missing: null or [] when unknown) plus our own."""
        return {
            "input": self.input,
            "url": self.url,
            "title": self.title,
            "publisher": self.publisher,
            "agency": self.agency,
            "authors": list(self.authors),
            "credits": [{"role": c.role, "name": c.name} for c in self.credits],
            "published": self.published,
            "updated": self.updated,
            "dateline": None if self.dateline is None else {
                "place": self.dateline.place, "agency": self.dateline.agency, "date": self.dateline.date},
            "category": self.category,
            "language": self.language,
            "reading_minutes": self.reading_minutes,
            "word_count": self.word_count,
            "standfirst": self.standfirst,
            "site_takeaways": list(self.site_takeaways),
            "text": self.text,
            "summary": self.summary,
            "summary_sources": [s.to_list() for s in self.summary_sources],
            "takeaways": [{"text": t.text, "sources": [s.to_list() for s in t.sources]} for t in self.takeaways],
            "entities": [{"name": e.name, "type": e.type, "titles": list(e.titles),
                          "mentions": [m.to_list() for m in e.mentions]} for e in self.entities],
            "quotes": [{"speaker": q.speaker, "speaker_span": _span_or_none(q.speaker_span),
                        "cue": q.cue, "cue_span": _span_or_none(q.cue_span),
                        "content": q.content, "content_span": q.content_span.to_list(),
                        "kind": q.kind} for q in self.quotes],
            "times": [{"text": t.text, "span": t.span.to_list(), "value": t.value, "type": t.type}
                      for t in self.times],
            "keywords": list(self.keywords),
            "notes": list(self.notes),
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        dl = d.get("dateline")
        return cls(
            input=d.get("input") or "",
            text=d.get("text") or "",
            url=d.get("url"),
            title=d.get("title"),
            publisher=d.get("publisher"),
            agency=d.get("agency"),
            authors=tuple(d.get("authors") or ()),
            credits=tuple(Credit(c["role"], c["name"]) for c in d.get("credits") or ()),
            published=d.get("published"),
            updated=d.get("updated"),
            dateline=None if not dl else Dateline(dl.get("place"), dl.get("agency"), dl.get("date")),
            category=d.get("category"),
            language=d.get("language"),
            standfirst=d.get("standfirst"),
            site_takeaways=tuple(d.get("site_takeaways") or ()),
            summary=d.get("summary") or "",
            summary_sources=_spans(d.get("summary_sources")),
            takeaways=tuple(Takeaway(t["text"], _spans(t.get("sources"))) for t in d.get("takeaways") or ()),
            entities=tuple(Entity(e["name"], e["type"], tuple(e.get("titles") or ()), _spans(e.get("mentions")))
                           for e in d.get("entities") or ()),
            quotes=tuple(Quote(q.get("speaker"), Span.coerce(q.get("speaker_span")), q.get("cue"),
                               Span.coerce(q.get("cue_span")), q.get("content") or "",
                               Span.coerce(q["content_span"]), q.get("kind") or "indirect")
                         for q in d.get("quotes") or ()),
            times=tuple(TimeExpr(t["text"], Span.coerce(t["span"]), t.get("value"), t.get("type"))
                        for t in d.get("times") or ()),
            keywords=tuple(d.get("keywords") or ()),
            notes=tuple(d.get("notes") or ()),
            confidence=float(d.get("confidence", 1.0)),
        )


@dataclass(frozen=True)
class StoryArticle:
    id: int
    input: str
    url: str | None
    title: str | None
    published: str | None


@dataclass(frozen=True)
class Story:
    id: int
    title: str | None
    articles: tuple[StoryArticle, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title,
                "articles": [dataclasses.asdict(a) for a in self.articles]}


def _span_or_none(span: Span | None) -> list[int] | None:
    return None if span is None else span.to_list()


def _spans(values: Iterable[Any] | None) -> tuple[Span, ...]:
    return tuple(Span.coerce(v) for v in values or ())
