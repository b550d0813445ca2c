"""Every kind of input `newsdesk ingest` accepts, expanded into one stream of documents.

    page file (.html .htm .html.gz .txt, or anything that reads as a page)   -> 1 document
    directory                                           -> every input file below it, recursively, sorted
    .jsonl / .jsonl.gz                                  -> one document per record (`PATH.jsonl#N`)
    .warc / .warc.gz                                    -> one document per HTML response (`PATH#N`)
    local .xml/.rss/.atom feed or sitemap               -> the pages it lists, fetched
    URL                                                 -> the page; or, when it serves a feed or a
                                                           sitemap, the pages it lists, fetched
    -                                                   -> standard input

Each item carries the label the user will see (`input`), the identity `key` used to recognise the
same page again (the normalised URL when known, else the absolute path), and a Document or the
`NewsdeskError` that explains why it was skipped.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from newsdesk.errors import FeedError, NewsdeskError
from newsdesk.model import Document
from newsdesk.sources.feeds import looks_like_feed, parse_feed
from newsdesk.sources.files import is_url, read_path, read_stdin
from newsdesk.sources.jsonl import read_jsonl
from newsdesk.sources.sitemaps import looks_like_sitemap, parse_sitemap
from newsdesk.sources.warc import is_warc, read_warc
from newsdesk.sources.web import Fetcher, normalize_url

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".txt", ".txt.gz", ".xhtml")
LIST_SUFFIXES = (".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".atom", ".xml")
MAX_SITEMAP_DEPTH = 3


@dataclass(frozen=True)
class Item:
    input: str
    key: str
    document: Document | None = None
    error: NewsdeskError | None = None


def document_key(doc: Document, label: str) -> str:
    if doc.url:
        return normalize_url(doc.url)
    return path_key(label)


def path_key(label: str) -> str:
    if label == "-" or is_url(label):
        return label
    path, sep, frag = label.partition("#")
    if sep and not os.path.exists(label):
        return f"file://{os.path.abspath(path)}#{frag}"
    return f"file://{os.path.abspath(label)}"


def expand(inputs: Iterable[str], fetcher: Fetcher | None = None, *, max_bytes: int | None = None) -> Iterator[Item]:
    for value in inputs:
        yield from _expand_one(value, fetcher, max_bytes)


def _expand_one(value: str, fetcher: Fetcher | None, max_bytes: int | None) -> Iterator[Item]:
    if value == "-":
        yield from _one(value, lambda: read_stdin(max_bytes=max_bytes))
    elif is_url(value):
        yield from _expand_url(value, _need(fetcher), max_bytes, depth=0)
    elif os.path.isdir(value):
        for path in walk(value):
            yield from _expand_one(path, fetcher, max_bytes)
    elif value.lower().endswith((".jsonl", ".jsonl.gz")):
        yield from _labelled(read_jsonl(value, max_bytes=max_bytes))
    elif is_warc(value):
        yield from _labelled(read_warc(value, max_bytes=max_bytes))
    elif value.lower().endswith((".rss", ".atom", ".xml")):
        try:
            doc = read_path(value, max_bytes=max_bytes)
        except NewsdeskError as exc:
            yield Item(value, path_key(value), error=exc)
            return
        if looks_like_feed(doc.data) or looks_like_sitemap(doc.data):
            yield from _expand_list(doc.data, value, _need(fetcher), max_bytes, depth=0)
        else:
            yield Item(value, path_key(value), doc)
    else:
        yield from _one(value, lambda: read_path(value, max_bytes=max_bytes))


def walk(folder: str) -> list[str]:
    """Input files below a folder, recursively, in a stable order; hidden files are left out."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(PAGE_SUFFIXES + LIST_SUFFIXES):
                found.append(os.path.join(root, name))
    return found


def _one(label: str, read) -> Iterator[Item]:
    try:
        doc = read()
        yield Item(label, document_key(doc, label), doc)
    except NewsdeskError as exc:
        yield Item(label, path_key(label), error=exc)


def _labelled(pairs) -> Iterator[Item]:
    for label, doc in pairs:
        if isinstance(doc, Document):
            yield Item(label, document_key(doc, label), doc)
        else:
            yield Item(label, path_key(label), error=doc)


def _need(fetcher: Fetcher | None) -> Fetcher:
    return fetcher if fetcher is not None else Fetcher()


def _expand_url(url: str, fetcher: Fetcher, max_bytes: int | None, depth: int,
                hints: tuple[str | None, str | None] = (None, None)) -> Iterator[Item]:
    import dataclasses

    from newsdesk.sources.web import to_document

    try:
        resp = fetcher.get(url)
    except NewsdeskError as exc:
        yield Item(url, normalize_url(url), error=exc)
        return
    if depth <= MAX_SITEMAP_DEPTH and ("xml" in resp.content_type or "rss" in resp.content_type
                                       or looks_like_feed(resp.data) or looks_like_sitemap(resp.data)):
        if looks_like_feed(resp.data) or looks_like_sitemap(resp.data):
            yield from _expand_list(resp.data, url, fetcher, max_bytes, depth)
            return
    try:
        doc = to_document(resp, input=url, max_bytes=max_bytes)
    except NewsdeskError as exc:
        yield Item(url, normalize_url(url), error=exc)
        return
    title, published = hints
    doc = dataclasses.replace(doc, title=doc.title or title, published=doc.published or published)
    yield Item(url, document_key(doc, url), doc)


def _expand_list(data: bytes, label: str, fetcher: Fetcher, max_bytes: int | None, depth: int) -> Iterator[Item]:
    """A feed or a sitemap: fetch every page it lists (a malformed one is one counted skip)."""
    try:
        if looks_like_sitemap(data):
            entries = parse_sitemap(data, label=label)
            for e in entries:
                if e.is_sitemap and depth < MAX_SITEMAP_DEPTH:
                    yield from _expand_url(e.url, fetcher, max_bytes, depth + 1)
                elif not e.is_sitemap:
                    yield from _expand_url(e.url, fetcher, max_bytes, MAX_SITEMAP_DEPTH + 1, (e.title, e.published))
            return
        items = parse_feed(data, label=label)
    except FeedError as exc:
        yield Item(label, path_key(label) if not is_url(label) else normalize_url(label), error=exc)
        return
    for item in items:
        yield from _expand_url(item.url, fetcher, max_bytes, MAX_SITEMAP_DEPTH + 1, (item.title, item.published))


def is_list_input(value: str) -> bool:
    """Inputs that stand for many pages (used for progress estimates)."""
    return os.path.isdir(value) or value.lower().endswith(LIST_SUFFIXES) or Path(value).is_dir()
