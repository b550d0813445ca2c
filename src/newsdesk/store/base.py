"""The store: where analysed articles, their revisions and everything derived from them live.

This module is the contract between the corpus (ingest, syndication, stories) and everything that
reads the corpus (the CLI, the web site, batch jobs). It is deliberately narrow: a backend
(`sqlite.py`, the default; a PostgreSQL one) implements the `Store` Protocol below and nothing
else, and callers never write SQL.

Model
-----
* An **article** is one page identity: its `key` (the normalised URL when known, else the
  absolute path or `PATH.jsonl#N` label). Its `id` (int) never changes.
* Each article has one or more **revisions**. Ingesting the same key with the same content
  (`content_hash`) adds nothing (`status="unchanged"`); with changed content it adds a new
  revision, marks it current and records what changed (`status="revised"`). Readers see the
  current revision unless they ask for another.
* Each article belongs to exactly one **story** (a story may have one article) and may be a
  syndicated **copy** of an origin article (`origin_id`; origins have `origin_id=None`).
* What the corpus layer derives for an article (its story, its origin, the story's new title,
  and opaque `features` used to rebuild the clustering indexes) arrives together with it in one
  `Ingest`, and `Store.add` writes all of it in ONE transaction: an article and everything derived
  from it land together or not at all (a SIGKILL mid-ingest loses and duplicates nothing).
* Entity pages are keyed by the canonical entity name (`Entity.name`).
* A story's **digest** (what its page shows beyond the listing: what each article added, quotes by
  speaker; corpus/timeline.py) is derived data the store keeps for the reading site. Every write
  that changes a story's articles deletes its digest in the same transaction; ingest recomputes the
  missing ones at the end of a run (`timeline.refresh_story_digests`).

Dates are ISO 8601 strings as in `Article`; ids are ints; lists are newest first unless said.
Missing things raise `newsdesk.errors.NotFound`; backend failures raise `StoreError`.

Opening: `open_store(db)` takes a path, a `sqlite:///path` URL or a `postgresql://...` URL; with
no argument it uses `NEWSDESK_DB`, else `default_db_path()` under the user's data directory.
"""
from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, Mapping, Protocol, runtime_checkable

from newsdesk.errors import StoreError
from newsdesk.model import Article, Quote

AddStatus = Literal["new", "unchanged", "revised"]


# ---- what writers hand in -----------------------------------------------------------------------
@dataclass(frozen=True)
class Ingest:
    """One analysed article and everything the corpus layer derived from it (one transaction)."""

    article: Article
    key: str                          # identity across revisions: normalised URL, else absolute path/label
    content_hash: str                 # hash of title + text: same key + same hash => unchanged
    source_hash: str | None = None    # hash of the raw bytes, lets a rerun skip analysis entirely
    story_id: int | None = None       # the story to join; None opens a new story
    story_title: str | None = None    # the story's title once this article has joined
    origin_id: int | None = None      # the article this one is a syndicated copy of (None: an origin)
    features: Mapping[str, Any] = field(default_factory=dict)  # opaque JSON: minhash, terms, entities, dates
    adopt_copies: tuple[int, ...] = ()  # existing articles that become copies of this one (it is the better origin)


@dataclass(frozen=True)
class AddResult:
    status: AddStatus
    article_id: int
    revision: int
    story_id: int | None


@dataclass(frozen=True)
class Known:
    """What the store already holds for a key (to decide unchanged / revised before writing)."""

    article_id: int
    revision: int
    content_hash: str
    source_hash: str | None
    story_id: int | None


@dataclass(frozen=True)
class CorpusRow:
    """One current article as the corpus layer needs it to rebuild its in-memory indexes."""

    article_id: int
    story_id: int | None
    origin_id: int | None
    published: str | None
    title: str | None
    features: Mapping[str, Any]


# ---- what readers get ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ArticleSummary:
    """An article without its body: enough for lists, links and story listings."""

    id: int
    input: str
    url: str | None
    title: str | None
    published: str | None
    publisher: str | None
    agency: str | None
    category: str | None
    language: str | None
    story_id: int | None
    origin_id: int | None
    revision: int
    ingested_at: str
    summary: str = ""


@dataclass(frozen=True)
class StoredArticle:
    """A full article (one revision) with its place in the corpus."""

    summary: ArticleSummary
    article: Article

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True)
class Revision:
    article_id: int
    revision: int
    current: bool
    content_hash: str
    ingested_at: str
    title: str | None
    change: Mapping[str, Any]         # e.g. {"title": [old, new], "paragraphs_added": 2, "paragraphs_removed": 1}


@dataclass(frozen=True)
class EntityCount:
    name: str
    type: str
    articles: int                     # number of articles mentioning it


@dataclass(frozen=True)
class StoryView:
    id: int
    title: str | None
    articles: tuple[ArticleSummary, ...]      # oldest first (by published, then ingest order)
    entities: tuple[EntityCount, ...] = ()    # main entities, most frequent first (filled by story(), not stories())
    first_published: str | None = None
    last_published: str | None = None


@dataclass(frozen=True)
class StoryDigest:
    """What a story page shows beyond its StoryView (timeline rows with what each article added,
    quotes by speaker: corpus/timeline.py), computed when the story is written, kept as JSON."""

    story_id: int
    signature: str                    # digest_signature() of the articles it was computed from
    data: Mapping[str, Any]


def digest_signature(articles: Iterable[ArticleSummary]) -> str:
    """Which article revisions (and copy links) a story digest was computed from: a digest is current
    exactly when its signature equals the one of the story's articles now."""
    return signature_of((a.id, a.revision, a.origin_id) for a in articles)


def signature_of(rows: Iterable[tuple[int, int, int | None]]) -> str:
    """digest_signature() of (article id, revision, origin id) rows, as a backend reads them."""
    parts = ",".join(f"{i}.{rev}.{origin or 0}" for i, rev, origin in sorted(rows))
    return hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class QuoteRef:
    article: ArticleSummary
    quote: Quote


@dataclass(frozen=True)
class EntityPage:
    name: str
    type: str | None
    titles: tuple[str, ...]
    articles: tuple[ArticleSummary, ...]      # newest first
    quotes: tuple[QuoteRef, ...]              # quotes BY this entity (speaker == name), newest first
    related: tuple[EntityCount, ...] = ()     # entities that co-occur most


@dataclass(frozen=True)
class SearchFilters:
    since: str | None = None          # ISO date, inclusive (published >= since)
    until: str | None = None          # ISO date, inclusive
    publisher: str | None = None
    entity: str | None = None         # canonical entity name
    story_id: int | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class SearchHit:
    article: ArticleSummary
    score: float                      # higher is better
    snippet: str                      # text around the matches, matches wrapped in [ ]


# ---- the interface ------------------------------------------------------------------------------
@runtime_checkable
class Store(Protocol):
    url: str                                   # where it lives (path or URL), for messages

    # lifecycle
    def close(self) -> None: ...
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc: Any) -> None: ...
    def schema_version(self) -> int: ...

    # writing (one writer at a time; readers keep working meanwhile)
    def lookup(self, key: str) -> Known | None: ...
    def add(self, item: Ingest) -> AddResult: ...
    def move_articles(self, story_of: Mapping[int, int], titles: Mapping[int, str | None]) -> dict[int, int]:
        """Reassign articles to stories and retitle stories in one transaction; empty stories vanish.

        Story ids < 0 are placeholders for new stories; returns {placeholder: new story id}."""
    def meta(self, key: str) -> str | None:
        """A small persistent setting (e.g. how far story consolidation has got)."""
    def set_meta(self, key: str, value: str) -> None: ...
    def corpus_rows(self) -> Iterator[CorpusRow]:
        """Every current article with its features, in ingest order (to rebuild indexes)."""

    # reading
    def article(self, article_id: int, revision: int | None = None) -> StoredArticle: ...
    def articles(self, ids: list[int]) -> list[StoredArticle]: ...
    def recent(self, limit: int = 50, offset: int = 0, *, category: str | None = None,
               publisher: str | None = None) -> list[ArticleSummary]: ...
    def stories(self, limit: int | None = None, offset: int = 0) -> list[StoryView]:
        """Stories, most recently updated first, each with its articles."""
    def story(self, story_id: int, *, entities: bool = True) -> StoryView: ...  # entities=False skips the counts
    def entity(self, name: str) -> EntityPage: ...
    def top_entities(self, limit: int = 50, type: str | None = None) -> list[EntityCount]: ...
    def search(self, query: str, filters: SearchFilters = SearchFilters()) -> list[SearchHit]: ...
    def copies(self, article_id: int) -> list[ArticleSummary]:
        """The syndication group of an article: its origin first, then every copy (may be [self])."""
    def revisions(self, article_id: int) -> list[Revision]: ...
    def counts(self) -> dict[str, int]:
        """{"articles", "revisions", "stories", "copies", "entities", "quotes"}."""

    # story digests: derived page data, dropped by every write that changes the story's articles
    def story_digest(self, story_id: int) -> StoryDigest | None: ...
    def put_story_digests(self, digests: Iterable[StoryDigest]) -> int:
        """Keep these digests (one transaction), replacing older ones of the same stories; a digest whose
        signature no longer matches its story's articles (a writer changed them meanwhile) is not kept.
        Returns how many were kept."""
    def stories_without_digest(self) -> list[int]:
        """Stories written since their digest was computed (or never computed), oldest id first."""


def describe_change(old: Article, new: Article) -> dict[str, Any]:
    """What a new revision changed, for `Revision.change` (shared by every backend)."""
    change: dict[str, Any] = {}
    for name in ("title", "published", "updated", "standfirst"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            change[name] = [before, after]
    old_paras, new_paras = set(old.paragraphs), set(new.paragraphs)
    added = [p for p in new.paragraphs if p not in old_paras]
    removed = [p for p in old.paragraphs if p not in new_paras]
    if added:
        change["paragraphs_added"] = len(added)
        change["first_added"] = added[0][:300]
    if removed:
        change["paragraphs_removed"] = len(removed)
        change["first_removed"] = removed[0][:300]
    change["words"] = [old.word_count, new.word_count]
    return change


# ---- opening ------------------------------------------------------------------------------------
def default_db_path() -> Path:
    """The per-user default: $XDG_DATA_HOME/newsdesk/newsdesk.db (or the OS equivalent)."""
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "newsdesk" / "newsdesk.db"


def resolve_db(db: str | os.PathLike | None = None) -> str:
    """--db, else NEWSDESK_DB, else the per-user default."""
    if db:
        return str(db)
    return os.environ.get("NEWSDESK_DB") or str(default_db_path())


def open_store(db: str | os.PathLike | None = None, *, readonly: bool = False) -> Store:
    """Open (creating and migrating if needed) the store at a path or URL."""
    target = resolve_db(db)
    if target.startswith(("postgresql://", "postgres://")):
        try:
            from newsdesk.store.postgres import PostgresStore  # type: ignore[import-not-found]
        except ImportError as exc:
            raise StoreError(f"PostgreSQL store not available: {exc}") from None
        return PostgresStore(target, readonly=readonly)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///"):]
    from newsdesk.store.sqlite import SQLiteStore

    return SQLiteStore(target, readonly=readonly)
