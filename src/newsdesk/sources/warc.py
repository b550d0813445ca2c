"""WARC files (Common Crawl CC-NEWS style, usually gzip'd) read with warcio.

Every `response` (or `resource`) record whose payload is HTML becomes a Document labelled
`PATH#N` (N = record number from 1) with the record's target URI as its URL. Other payloads (images,
PDFs, JSON, redirects, errors) are counted skips; request/metadata/warcinfo records are not pages and
are passed over silently.
"""
from __future__ import annotations

from typing import Iterator

from newsdesk.errors import FeedError, InputError, NewsdeskError
from newsdesk.model import Document
from newsdesk.sources.files import max_bytes_from_env

PAGE_RECORDS = ("response", "resource")


def is_warc(path: str) -> bool:
    return path.lower().endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def read_warc(path: str, *, max_bytes: int | None = None) -> Iterator[tuple[str, Document | NewsdeskError]]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = max_bytes or max_bytes_from_env()
    n = 0
    if not _starts_like_warc(path):
        yield f"{path}#1", FeedError(f"not a WARC file (no WARC/ header): {path}")
        return
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=path.lower().endswith((".arc", ".arc.gz"))):
                if record.rec_type not in PAGE_RECORDS:
                    continue
                n += 1
                label = f"{path}#{n}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                date = record.rec_headers.get_header("WARC-Date")
                if record.http_headers is not None:
                    status = record.http_headers.get_statuscode()
                    if status and not status.startswith("2"):
                        yield label, InputError(f"HTTP {status} record, not a page: {url or label}")
                        continue
                    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                else:
                    ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    yield label, InputError(f"not HTML ({ctype.split(';')[0] or 'no content type'}): {url or label}")
                    continue
                data = record.content_stream().read(limit + 1)
                if len(data) > limit:
                    yield label, InputError(f"page too large: {url or label}")
                    continue
                if not data.strip():
                    yield label, InputError(f"empty record: {url or label}")
                    continue
                charset = ctype.split("charset=", 1)[1].split(";")[0].strip() if "charset=" in ctype else None
                yield label, Document(input=label, data=data, url=url, content_type="html", encoding=charset,
                                      fetched_at=date)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield f"{path}#{n + 1}", FeedError(f"unreadable WARC after {n} records ({exc.__class__.__name__}): {path}")


def _starts_like_warc(path: str) -> bool:
    """warcio reads almost anything as some record; check the magic of the first record first."""
    import gzip

    if path.lower().endswith((".arc", ".arc.gz")):
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as fh:
            return fh.read(5) == b"WARC/"
    except (OSError, EOFError):
        return False
