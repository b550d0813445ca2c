"""Export the corpus as JSON lines, CSV or Parquet: one table at a time.

    articles   one row per article (current revision): the Article fields + id, story_id, origin_id
    quotes     one row per quote: article_id, speaker, cue, content, kind, content_span
    entities   one row per (article, entity): article_id, name, type, titles, mentions
    stories    one row per story: id, title, size, first/last published, article_ids

CSV cells that hold lists or objects are JSON strings. Parquet needs pyarrow and an output file.
"""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Iterator

from newsdesk.errors import InputError
from newsdesk.store.base import Store

TABLES = ("articles", "quotes", "entities", "stories")
PAGE = 500


def _stored(store: Store) -> Iterator[Any]:
    offset = 0
    while True:
        page = store.recent(limit=PAGE, offset=offset)
        if not page:
            return
        yield from store.articles([a.id for a in page])
        offset += PAGE


def rows(store: Store, what: str) -> Iterator[dict[str, Any]]:
    if what == "stories":
        for view in store.stories():
            yield {"id": view.id, "title": view.title, "size": len(view.articles),
                   "first_published": view.first_published, "last_published": view.last_published,
                   "article_ids": [a.id for a in view.articles]}
        return
    for item in _stored(store):
        s, art = item.summary, item.article
        if what == "articles":
            yield {"id": s.id, "story_id": s.story_id, "origin_id": s.origin_id, "revision": s.revision,
                   "ingested_at": s.ingested_at, **art.to_dict()}
        elif what == "quotes":
            for q in art.quotes:
                yield {"article_id": s.id, "speaker": q.speaker, "cue": q.cue, "content": q.content,
                       "kind": q.kind, "content_span": q.content_span.to_list()}
        elif what == "entities":
            for e in art.entities:
                yield {"article_id": s.id, "name": e.name, "type": e.type, "titles": list(e.titles),
                       "mentions": len(e.mentions)}


def export_table(store: Store, what: str, fmt: str, output: str | None) -> int:
    if what not in TABLES:
        raise InputError(f"cannot export {what!r}: choose one of {', '.join(TABLES)}")
    records = rows(store, what)
    if fmt == "parquet":
        if not output:
            raise InputError("parquet export needs --output FILE")
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError("parquet export needs pyarrow: pip install 'newsdesk[export]'") from None
        data = [_flat(r, keep_lists=True) for r in records]
        pq.write_table(pa.Table.from_pylist(data), output)
        return len(data)
    out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    n = 0
    try:
        writer = None
        for record in records:
            if fmt == "jsonl":
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                flat = _flat(record, keep_lists=False)
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(flat), extrasaction="ignore")
                    writer.writeheader()
                writer.writerow(flat)
            n += 1
    finally:
        if output:
            out.close()
    return n


def _flat(record: dict[str, Any], *, keep_lists: bool) -> dict[str, Any]:
    """Nested values as JSON strings (Parquet keeps plain lists of strings/ints as lists)."""
    out = {}
    for k, v in record.items():
        if isinstance(v, dict) or (isinstance(v, list) and not (keep_lists and _simple_list(v))):
            out[k] = json.dumps(v, ensure_ascii=False)
        else:
            out[k] = v
    return out


def _simple_list(values: list) -> bool:
    return all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in values) and \
        len({type(x) for x in values}) <= 1
