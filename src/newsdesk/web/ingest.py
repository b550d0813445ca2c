"""POST /api/ingest: the site's one writer (enabled only with a write token).

One record `{"url"?, "title"?, "published"?, "text"? | "html"?}` — a line of an ingest .jsonl —
goes through the same path as `newsdesk ingest`: the pipeline, then the corpus layer, which finds
syndicated copies and the story, and writes everything in one store transaction. The pipeline, the
corpus indexes and a writable store are loaded on the first write, and writes are serialised.
"""
from __future__ import annotations

import hashlib
import json
import threading
from typing import Any, Callable

from newsdesk.errors import InputError, NewsdeskError
from newsdesk.store.base import Store

MAX_RECORD_BYTES = 5 * 1024 * 1024


class Writer:
    def __init__(self, open_writable: Callable[[], Store]):
        self._open = open_writable
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._corpus = None
        self._pipeline = None

    def _ready(self):
        if self._corpus is None:
            from newsdesk.corpus.ingest import Corpus
            from newsdesk.pipeline import Pipeline

            self._store = self._open()
            self._corpus = Corpus(self._store)
            self._pipeline = Pipeline()
        return self._corpus, self._pipeline

    def ingest(self, record: dict[str, Any]) -> dict[str, Any]:
        from newsdesk.corpus.ingest import source_hash
        from newsdesk.sources.inputs import document_key
        from newsdesk.sources.jsonl import record_document

        raw = json.dumps(record, ensure_ascii=False)
        # Without a URL the record's identity is its content, so posting it twice adds nothing.
        label = "api:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
        doc = record_document(raw, label=label, max_bytes=MAX_RECORD_BYTES)
        if isinstance(doc, NewsdeskError):
            raise doc
        key = document_key(doc, label)
        with self._lock:
            corpus, pipeline = self._ready()
            article = pipeline.analyze_document(doc)
            result, is_copy = corpus.add(article.replace(input=label), key=key, source=source_hash(doc))
            corpus.consolidate()
        return {"status": result.status, "id": result.article_id, "revision": result.revision,
                "story_id": result.story_id, "copy": is_copy, "href": f"/articles/{result.article_id}",
                "title": article.title}

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def ingest_record(app, record: dict[str, Any]) -> dict[str, Any]:
    writer: Writer | None = getattr(app.state, "writer", None)
    if writer is None:
        raise InputError("this site has no writer configured")
    return writer.ingest(record)
