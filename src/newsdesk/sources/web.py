"""Fetch a page over HTTP(S): timeouts, a size cap, a redirect cap, a clear User-Agent, and no
requests to private, loopback or link-local addresses unless explicitly allowed
(NEWSDESK_ALLOW_PRIVATE=1, or allow_private=True — tests serve pages from 127.0.0.1).
"""
from __future__ import annotations

import dataclasses
import ipaddress
import os
import socket
from datetime import datetime, timezone
from urllib.parse import urlsplit

from newsdesk.errors import FetchError
from newsdesk.model import Document
from newsdesk.sources.files import document_from_bytes, max_bytes_from_env, maybe_gunzip

USER_AGENT = "newsdesk/0.1 (+https://pypi.org/project/newsdesk; news analysis)"
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5


def private_allowed() -> bool:
    return os.environ.get("NEWSDESK_ALLOW_PRIVATE", "") in ("1", "true", "yes")


def check_address(url: str, *, allow_private: bool | None = None) -> None:
    """Refuse URLs whose host resolves to a private, loopback, link-local or reserved address."""
    allow = private_allowed() if allow_private is None else allow_private
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"not an http(s) URL: {url}")
    if allow:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {parts.hostname}: {exc.strerror}") from None
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_multicast:
            raise FetchError(f"refused: {parts.hostname} is a private or local address ({addr}); "
                             "set NEWSDESK_ALLOW_PRIVATE=1 to allow")


def fetch(url: str, *, input: str | None = None, max_bytes: int | None = None,
          allow_private: bool | None = None, headers: dict[str, str] | None = None,
          timeout: float = TIMEOUT_SECONDS) -> Document:
    """GET one URL and return its bytes as a Document (follows up to MAX_REDIRECTS, each checked)."""
    import httpx

    limit = max_bytes or max_bytes_from_env()
    label = input or url
    current = url
    request_headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    request_headers.update(headers or {})
    try:
        with httpx.Client(follow_redirects=False, timeout=timeout, headers=request_headers) as client:
            for _ in range(MAX_REDIRECTS + 1):
                check_address(current, allow_private=allow_private)
                with client.stream("GET", current) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        current = str(resp.url.join(resp.headers["location"]))
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase} for {current}")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in resp.iter_raw():
                        size += len(chunk)
                        if size > limit:
                            raise FetchError(f"page too large: over the {limit / 1e6:.0f} MB limit: {current}")
                        chunks.append(chunk)
                    data = b"".join(chunks)
                    if resp.headers.get("content-encoding", "").lower() == "gzip" or data[:2] == b"\x1f\x8b":
                        data = maybe_gunzip(data, label=label, max_bytes=limit)
                    ctype = resp.headers.get("content-type", "")
                    doc = document_from_bytes(data, input=label, url=str(resp.url), max_bytes=limit,
                                              encoding=resp.charset_encoding)
                    kind = "html" if "html" in ctype else ("text" if "text/plain" in ctype else None)
                    return dataclasses.replace(
                        doc, content_type=kind,
                        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
            raise FetchError(f"too many redirects (>{MAX_REDIRECTS}) for {url}")
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:.0f}s: {current}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {current}: {exc.__class__.__name__}: {exc}") from None
