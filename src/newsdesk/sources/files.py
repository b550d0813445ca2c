"""Documents from local files, gzip files and standard input.

Reading is where most bad input is caught: a missing or empty file, a truncated gzip, a page
over the size limit, binary junk. Each becomes an `InputError` with a one-line reason.
"""
from __future__ import annotations

import gzip
import os
import sys
import zlib
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # 20 MB; NEWSDESK_MAX_BYTES or --max-bytes overrides


def human_size(n: int | float) -> str:
    """1500 -> "1.5 kB", 20971520 -> "21.0 MB"."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{int(n)} bytes"


def max_bytes_from_env() -> int:
    value = os.environ.get("NEWSDESK_MAX_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def read_path(path: str | os.PathLike, *, input: str | None = None, max_bytes: int | None = None) -> Document:
    """Read a local file (gzip'd or not) into a `Document`."""
    limit = max_bytes or max_bytes_from_env()
    label = input if input is not None else str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {label}")
    if p.is_dir():
        raise InputError(f"is a directory, not a page: {label}")
    size = p.stat().st_size
    if size == 0:
        raise InputError(f"empty file: {label}")
    if size > limit:  # a gzip file larger than the limit decompresses to more than the limit too
        raise InputError(f"page too large: {human_size(size)}, over the {human_size(limit)} limit: {label}")
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {label}: {exc.strerror or exc}") from None
    data = maybe_gunzip(data, label=label, max_bytes=limit)
    return document_from_bytes(data, input=label, max_bytes=limit)


def read_stdin(*, max_bytes: int | None = None) -> Document:
    limit = max_bytes or max_bytes_from_env()
    data = sys.stdin.buffer.read(limit + 1)
    if not data:
        raise InputError("empty input on standard input")
    data = maybe_gunzip(data, label="-", max_bytes=limit)
    return document_from_bytes(data, input="-", max_bytes=limit)


def maybe_gunzip(data: bytes, *, label: str, max_bytes: int) -> bytes:
    """Decompress gzip data (detected by magic bytes), refusing truncated or oversized streams."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = decomp.decompress(data, max_bytes + 1)
        if len(out) > max_bytes:
            raise InputError(f"page too large: over the {human_size(max_bytes)} limit once decompressed: {label}")
        if not decomp.eof:
            raise InputError(f"truncated gzip file: {label}")
        return out
    except (zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise InputError(f"corrupt gzip file ({exc}): {label}") from None


def document_from_bytes(data: bytes, *, input: str, max_bytes: int | None = None, url: str | None = None,
                        encoding: str | None = None, content_type: str | None = None) -> Document:
    limit = max_bytes or max_bytes_from_env()
    if not data or not data.strip():
        raise InputError(f"empty file: {input}")
    if len(data) > limit:
        raise InputError(f"page too large: {human_size(len(data))}, over the {human_size(limit)} limit: {input}")
    if looks_binary(data):
        raise InputError(f"binary data, not a web page or text: {input}")
    return Document(input=input, data=data, url=url, encoding=encoding, content_type=content_type)


def looks_binary(data: bytes) -> bool:
    """True for images, PDFs, archives and random bytes; text in any 8-bit or UTF-16 encoding passes."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 BOM: text
        return False
    if head.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF")):
        return True
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > len(head) * 0.05
