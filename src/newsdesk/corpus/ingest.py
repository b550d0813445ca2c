"""Ingest: inputs -> documents -> analysed articles -> copies and stories -> the store.

Each article is written with everything derived from it (its origin if it is a syndicated copy, its
story, its features) in one store transaction, so a run killed at any moment leaves a consistent
store and a rerun picks up where it stopped: pages already stored with the same bytes are not even
analysed again. At the end of a run the stories it touched are consolidated (see stories.py), also in
one transaction; a run killed before that step leaves the work marked as pending for the next run.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from newsdesk.corpus.dedup import CopyIndex
from newsdesk.corpus.features import article_features, entity_names, story_text
from newsdesk.corpus.stories import StoryIndex
from newsdesk.corpus.timeline import refresh_story_digests
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, Document
from newsdesk.sources.inputs import Item, expand
from newsdesk.sources.web import Fetcher, NotModified
from newsdesk.store.base import AddResult, Ingest, Store

CONSOLIDATED_UPTO = "stories.consolidated_upto"   # meta key: highest article id already consolidated


def content_hash(article: Article) -> str:
    """Same headline and same body (whitespace aside) => same content."""
    norm = " ".join((article.title or "").split()) + "\n" + " ".join(article.text.split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def source_hash(doc: Document) -> str:
    return hashlib.sha1(doc.data).hexdigest()


@dataclass(frozen=True)
class Page:
    """An input that needs analysis: readable, and new or changed since it was stored."""
    seq: int              # position in the input stream (the order results are written in)
    label: str            # what the user gave / `PATH.jsonl#N`: becomes Article.input
    key: str              # identity in the store (normalised URL or absolute path)
    source_hash: str
    document: Document


def fresh_pages(inputs: Iterable[str], store: Store, *, fetcher: Fetcher | None = None,
                max_bytes: int | None = None,
                on_skip: Callable[[str, BaseException | None], None]) -> Iterator[Page]:
    """The pages that need analysis, for `ingest` and for a Dask batch alike; unreadable inputs go to
    `on_skip` with their error, unchanged pages (HTTP 304, or the same bytes as stored) with None."""
    for seq, item in enumerate(expand(inputs, fetcher, max_bytes=max_bytes)):
        if item.error is not None:
            on_skip(item.input, None if isinstance(item.error, NotModified) else item.error)
            continue
        shash = source_hash(item.document)
        known = store.lookup(item.key)
        if known and known.source_hash == shash:
            on_skip(item.input, None)
            continue
        yield Page(seq, item.input, item.key, shash, item.document)


def skip_kind(reason: str) -> str:
    """A short category for the summary line: 'HTTP 404', 'not HTML', 'no such file', ..."""
    m = re.match(r"HTTP \d{3}", reason)
    if m:
        return m.group(0)
    head = re.split(r"[:(]| for | after ", reason, maxsplit=1)[0].strip()
    return head or "error"


@dataclass
class IngestReport:
    ingested: int = 0
    unchanged: int = 0
    revised: int = 0
    copies: int = 0
    skipped: Counter = field(default_factory=Counter)
    skips: list[tuple[str, str]] = field(default_factory=list)     # (input, reason)
    stories_moved: int = 0

    def skip(self, label: str, exc: BaseException) -> None:
        reason = str(exc)
        self.skipped[skip_kind(reason)] += 1
        self.skips.append((label, reason))

    def record(self, status: str, is_copy: bool) -> None:
        """Count one written article by its store status (new / revised / unchanged)."""
        if status == "new":
            self.ingested += 1
        elif status == "revised":
            self.revised += 1
        else:
            self.unchanged += 1
        self.copies += int(is_copy and status != "unchanged")

    @property
    def total_skipped(self) -> int:
        return sum(self.skipped.values())

    def summary(self) -> str:
        line = f"ingested {self.ingested}, unchanged {self.unchanged}, revised {self.revised}"
        if self.copies:
            line += f" ({self.copies} syndicated copies)"
        line += f", skipped {self.total_skipped}"
        if self.skipped:
            line += " (" + ", ".join(f"{n} {kind}" for kind, n in self.skipped.most_common()) + ")"
        return line


class Corpus:
    """The in-memory indexes over a store (copies, stories), kept in step with every write."""

    def __init__(self, store: Store):
        self.store = store
        self.copies = CopyIndex()
        self.stories = StoryIndex()
        for row in store.corpus_rows():
            self.copies.add(row.article_id, dict(row.features), row.origin_id)
            self.stories.add(row.article_id, row.story_id, row.features, row.title, origin_id=row.origin_id)

    def add(self, article: Article, *, key: str, source: str | None = None) -> tuple[AddResult, bool]:
        """Store one analysed article with its origin and story; returns (result, is_copy)."""
        chash = content_hash(article)
        known = self.store.lookup(key)
        if known and known.content_hash == chash:
            return self.store.add(Ingest(article, key=key, content_hash=chash, source_hash=source)), False
        features = article_features(article)
        exclude = known.article_id if known else None
        decision = self.copies.find(features, exclude=exclude)
        if decision.origin_id is not None:
            story = self.stories.story_of.get(decision.origin_id)
        elif decision.adopt:
            story = self.stories.story_of.get(decision.adopt[0])
        else:
            story = self.stories.assign(features)
        title = article.title if story is None else None
        result = self.store.add(Ingest(article, key=key, content_hash=chash, source_hash=source, story_id=story,
                                       story_title=title, origin_id=decision.origin_id, features=features,
                                       adopt_copies=decision.adopt))
        self.copies.add(result.article_id, features, decision.origin_id, decision.adopt)
        self.stories.add(result.article_id, result.story_id, features, article.title, origin_id=decision.origin_id)
        for adopted in decision.adopt:
            self.stories.add(adopted, result.story_id, {}, None, origin_id=result.article_id)
        return result, decision.origin_id is not None

    def consolidate(self, extra: Iterable[int] = ()) -> int:
        """Re-cluster the stories touched since the last consolidation; returns articles moved."""
        upto = int(self.store.meta(CONSOLIDATED_UPTO) or 0)
        touched = {a for a in self.stories.story_of if a > upto} | set(extra)
        moves: dict[int, int] = {}
        if touched:
            moves, titles = self.stories.consolidate(touched, self._texts)
            created = self.store.move_articles(moves, titles) if moves or titles else {}
            self.stories.rename(created)
            self.store.set_meta(CONSOLIDATED_UPTO, str(max(self.stories.story_of, default=0)))
        refresh_story_digests(self.store)    # the story pages' data, for every story written since
        return len(moves)

    def _texts(self, ids: list[int]) -> dict[int, tuple[str, list[str]]]:
        return {s.id: (story_text(s.article), entity_names(s.article)) for s in self.store.articles(ids)}


def ingest(inputs: Iterable[str], store: Store, *, pipeline=None, fetcher: Fetcher | None = None,
           on_item: Callable[[str, str], None] | None = None, max_bytes: int | None = None) -> IngestReport:
    """Ingest every input into the store; bad inputs are counted skips and the run goes on."""
    from newsdesk.pipeline import Pipeline

    pipeline = pipeline or Pipeline(max_bytes=max_bytes)
    report = IngestReport()
    corpus = Corpus(store)
    keys: dict[str, tuple[str, str]] = {}     # pipeline key -> (identity key, source hash)
    revised: set[int] = set()

    def note(label: str, status: str) -> None:
        if on_item:
            on_item(label, status)

    def skipped(label: str, error: BaseException | None) -> None:
        if error is None:
            report.unchanged += 1
            note(label, "unchanged")
        else:
            report.skip(label, error)
            note(label, "skipped")

    def documents() -> Iterator[tuple[str, Document]]:
        for page in fresh_pages(inputs, store, fetcher=fetcher, max_bytes=max_bytes, on_skip=skipped):
            tag = f"{page.seq}\x00{page.label}"
            keys[tag] = (page.key, page.source_hash)
            yield tag, page.document

    for tag, result in pipeline.analyze_documents(documents()):
        label = tag.split("\x00", 1)[1]
        if isinstance(result, NewsdeskError):
            report.skip(label, result)
            note(label, "skipped")
            continue
        key, shash = keys.pop(tag)
        added, is_copy = corpus.add(result.replace(input=label), key=key, source=shash)
        report.record(added.status, is_copy)
        if added.status == "revised":
            revised.add(added.article_id)
        note(label, added.status)
    report.stories_moved = corpus.consolidate(revised)
    return report


__all__ = ["Corpus", "IngestReport", "Item", "content_hash", "ingest"]
