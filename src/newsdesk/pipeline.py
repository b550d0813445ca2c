"""Named stages composed in order: read -> extract -> understand.

`Pipeline.analyze_inputs()` streams: it reads and extracts one input at a time, runs spaCy over
small batches with `nlp.pipe`, and yields each result in input order, so memory stays flat however
many inputs there are. A failed input yields its `NewsdeskError` and the run goes on.
"""
from __future__ import annotations

import dataclasses
import importlib
from typing import Iterable, Iterator

from newsdesk.errors import InputError, NewsdeskError
from newsdesk.extract import extract
from newsdesk.model import Article, Document
from newsdesk.understand import REGISTRY, Stage
from newsdesk.understand.nlp import SUPPORTED_LANGUAGES, load_nlp

DEFAULT_STAGES = ("entities", "quotes", "times", "summary", "keywords")
_STAGE_MODULES = ("entities", "quotes", "times", "summary", "keywords")
BATCH_SIZE = 16


def _load_stage_modules() -> None:
    for name in _STAGE_MODULES:
        importlib.import_module(f"newsdesk.understand.{name}")


def build_stages(names: Iterable[str]) -> list[Stage]:
    """Resolve stage names, failing at start-up when a stage comes before one it needs."""
    _load_stage_modules()
    stages: list[Stage] = []
    seen: set[str] = set()
    for name in names:
        if name not in REGISTRY:
            raise ValueError(f"unknown stage {name!r}; known: {', '.join(sorted(REGISTRY))}")
        st = REGISTRY[name]
        missing = [n for n in st.needs if n not in seen]
        if missing:
            raise ValueError(f"stage {name!r} needs {', '.join(missing)} to run before it")
        stages.append(st)
        seen.add(name)
    return stages


def read_input(value: str, *, url: str | None = None, max_bytes: int | None = None) -> Document:
    """A path, a URL or '-' (standard input) -> Document."""
    from newsdesk.sources.files import is_url, read_path, read_stdin

    if value == "-":
        doc = read_stdin(max_bytes=max_bytes)
    elif is_url(value):
        from newsdesk.sources.web import fetch

        doc = fetch(value, max_bytes=max_bytes)
    else:
        doc = read_path(value, max_bytes=max_bytes)
    if url:
        doc = dataclasses.replace(doc, url=url)
    return doc


class Pipeline:
    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, *, max_bytes: int | None = None):
        self.stages = build_stages(stages)
        self.max_bytes = max_bytes
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    # ---- one step at a time ------------------------------------------------------------------
    def extract(self, document: Document, *, published: str | None = None) -> Article:
        article = extract(document)
        if published:
            article = article.replace(published=published)
        return article

    def understand(self, article: Article, doc=None) -> Article:
        if not self.stages:
            return article
        if article.language not in SUPPORTED_LANGUAGES and article.language is not None:
            return article.with_note(f"language not supported: {article.language}; "
                                     "entities, quotes, times and summary are left empty")
        if doc is None and any(s.needs_doc for s in self.stages):
            doc = self.nlp(article.text)
        for st in self.stages:
            article = st.fn(article, doc if st.needs_doc else None)
        return article

    # ---- the whole flow ----------------------------------------------------------------------
    def analyze_document(self, document: Document, *, published: str | None = None) -> Article:
        return self.understand(self.extract(document, published=published))

    def analyze(self, value: str, *, url: str | None = None, published: str | None = None) -> Article:
        return self.analyze_document(read_input(value, url=url, max_bytes=self.max_bytes), published=published)

    def analyze_inputs(self, values: Iterable[str], *, url: str | None = None, published: str | None = None,
                       batch_size: int = BATCH_SIZE) -> Iterator[tuple[str, Article | NewsdeskError]]:
        def documents() -> Iterator[tuple[str, Document | NewsdeskError]]:
            for value in values:
                try:
                    yield value, read_input(value, url=url, max_bytes=self.max_bytes)
                except NewsdeskError as exc:
                    yield value, exc

        yield from self.analyze_documents(documents(), published=published, batch_size=batch_size)

    def analyze_documents(self, items: Iterable[tuple[str, Document | NewsdeskError]], *,
                          published: str | None = None,
                          batch_size: int = BATCH_SIZE) -> Iterator[tuple[str, Article | NewsdeskError]]:
        """(key, Document) pairs -> (key, Article or error) pairs, in order, spaCy run in batches."""
        batch: list[tuple[str, Article | NewsdeskError]] = []
        for key, item in items:
            if isinstance(item, Document):
                try:
                    item = self.extract(item, published=published)
                except NewsdeskError as exc:
                    item = exc
                except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
                    item = InputError(f"cannot parse page: {exc.__class__.__name__}: {exc}")
            batch.append((key, item))
            if len(batch) >= batch_size:
                yield from self._understand_batch(batch)
                batch = []
        if batch:
            yield from self._understand_batch(batch)

    def _understand_batch(self, batch: list[tuple[str, Article | NewsdeskError]]):
        todo = [(i, a) for i, (_, a) in enumerate(batch)
                if isinstance(a, Article) and a.language in SUPPORTED_LANGUAGES | {None}]
        docs = {}
        if todo and self.stages and any(s.needs_doc for s in self.stages):
            for (i, _), doc in zip(todo, self.nlp.pipe([a.text for _, a in todo], batch_size=len(todo))):
                docs[i] = doc
        for i, (key, item) in enumerate(batch):
            if isinstance(item, Article):
                try:
                    item = self.understand(item, docs.get(i))
                except NewsdeskError as exc:
                    item = exc
                except Exception as exc:  # noqa: BLE001 - keep the batch going, keep the reason
                    item = NewsdeskError(f"analysis failed: {exc.__class__.__name__}: {exc}")
            yield key, item


_default: Pipeline | None = None


def analyze(value: str | Document, *, url: str | None = None, published: str | None = None) -> Article:
    """The Python API: analyze one page (a path, URL, '-' or a Document) into an `Article`."""
    global _default
    if _default is None:
        _default = Pipeline()
    if isinstance(value, Document):
        return _default.analyze_document(value, published=published)
    return _default.analyze(value, url=url, published=published)


def analyze_text(text: str, *, input: str = "<text>", url: str | None = None, published: str | None = None,
                 html: bool | None = None) -> Article:
    """Analyze a page given as a string (HTML or scraped text)."""
    doc = Document(input=input, data=text.encode("utf-8"), url=url,
                   content_type=None if html is None else ("html" if html else "text"))
    return analyze(doc, published=published)
