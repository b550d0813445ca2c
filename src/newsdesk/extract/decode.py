"""Bytes to text: the right encoding even when the page declares a wrong one, and HTML vs text.

Order: a BOM; strict UTF-8 (most pages, and pages that declare latin-1 but are UTF-8); UTF-8 with a
few broken bytes (pages that are UTF-8 but hold a stray latin-1 byte); the charset the transport or
the page declares, if the bytes decode with it; charset_normalizer's best guess; windows-1252 as the
last resort (it decodes every byte). Declared latin-1 is read as windows-1252, as browsers do.
"""
from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.I)
_HTML_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>", re.I)
_TAG = re.compile(r"</?(p|div|span|a|br|li|ul|h[1-6]|table|td|tr|article|section|img|script|style)\b[^>]*>", re.I)


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


_BROWSER_ALIASES = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}


def mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a handful of invalid bytes: many valid multi-byte characters, few broken ones."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 127) - broken
    return valid >= 10 * broken and valid >= 5


def decode(data: bytes, declared: str | None = None) -> str:
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if mostly_utf8(data):
        return data.decode("utf-8", errors="replace")
    for enc in (declared, declared_charset(data)):
        if not enc:
            continue
        try:
            name = codecs.lookup(enc).name
            if name == "utf-8":
                continue  # already failed
            return data.decode(_BROWSER_ALIASES.get(name, name))
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except Exception:  # noqa: BLE001 - any detector failure falls through to cp1252
        pass
    return data.decode("cp1252", errors="replace")


def looks_like_html(text: str) -> bool:
    """By content, not extension: a text scrape has no markup; an HTML page has its skeleton or many tags."""
    head = text[:5000]
    if _HTML_MARKERS.search(head):
        return True
    return len(_TAG.findall(text[:20000])) >= 5
