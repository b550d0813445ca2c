"""`.jsonl` files of records `{"url"?, "title"?, "published"?, "text"? | "html"?}`, one per line.

Each record becomes a Document labelled `PATH.jsonl#N` (N counted from 1, blank lines included in
the count so N is the line number). A record that is not JSON, not an object, or has neither text
nor html is a counted skip with its reason; the file goes on.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from newsdesk.errors import InputError, NewsdeskError
from newsdesk.model import Document
from newsdesk.sources.files import max_bytes_from_env, maybe_gunzip


def read_jsonl(path: str, *, max_bytes: int | None = None) -> Iterator[tuple[str, Document | NewsdeskError]]:
    limit = max_bytes or max_bytes_from_env()
    p = Path(path)
    try:
        opener = open(p, "rb")
    except OSError as exc:
        yield path, InputError(f"cannot read {path}: {exc.strerror or exc}")
        return
    with opener as fh:
        gz = p.name.endswith(".gz")
        lines = maybe_gunzip(fh.read(), label=path, max_bytes=1 << 34).splitlines() if gz else fh
        for n, raw in enumerate(lines, start=1):
            label = f"{path}#{n}"
            if not raw.strip():
                continue
            yield label, record_document(raw, label=label, max_bytes=limit)


def record_document(raw: bytes | str, *, label: str, max_bytes: int) -> Document | NewsdeskError:
    if len(raw) > max_bytes:
        return InputError(f"record too large ({len(raw) / 1e6:.1f} MB): {label}")
    try:
        rec = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return InputError(f"not a JSON record ({exc.__class__.__name__}): {label}")
    if not isinstance(rec, dict):
        return InputError(f"not a JSON object: {label}")
    text, html = rec.get("text"), rec.get("html")
    title, url, published = _str(rec.get("title")), _str(rec.get("url")), _str(rec.get("published"))
    if isinstance(html, str) and html.strip():
        return Document(input=label, data=html.encode("utf-8"), url=url, content_type="html", title=title,
                        published=published)
    if isinstance(text, str) and text.strip():
        # a headline line above the body is how a text scrape looks; the text extractor expects it
        body = f"{title}\n\n{text}" if title and not text.lstrip().startswith(title) else text
        return Document(input=label, data=body.encode("utf-8"), url=url, content_type="text", title=title,
                        published=published)
    return InputError(f"record has neither text nor html: {label}")


def _str(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
