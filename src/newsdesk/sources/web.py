"""Fetch pages over HTTP(S), politely and safely.

`fetch(url)` gets one page: timeouts, a size cap, a redirect cap (each hop checked), a clear
User-Agent, and no requests to private, loopback or link-local addresses unless explicitly allowed
(NEWSDESK_ALLOW_PRIVATE=1, or allow_private=True — tests serve pages from 127.0.0.1).

`Fetcher` adds what a crawl needs on top: robots.txt (cached per host), a per-host rate limit, and
conditional GET (ETag / Last-Modified remembered per URL: an unchanged page costs a 304 and raises
`NotModified`, which callers count as "unchanged", not as an error).
"""
from __future__ import annotations

import dataclasses
import ipaddress
import os
import socket
import threading
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from newsdesk.errors import FetchError
from newsdesk.model import Document
from newsdesk.sources.files import document_from_bytes, max_bytes_from_env, maybe_gunzip

USER_AGENT = "newsdesk/0.1 (+https://pypi.org/project/newsdesk; news analysis)"
ROBOTS_AGENT = "newsdesk"
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
DEFAULT_DELAY_SECONDS = 1.0     # between two requests to the same host
ROBOTS_MAX_BYTES = 512 * 1024


class NotModified(FetchError):
    """The server answered 304: the page has not changed since the last fetch."""

    code = "E201"


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


@dataclasses.dataclass(frozen=True)
class Response:
    url: str                    # final URL after redirects
    status: int
    data: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None


def get(url: str, *, max_bytes: int | None = None, allow_private: bool | None = None,
        headers: dict[str, str] | None = None, timeout: float = TIMEOUT_SECONDS, client=None,
        accept: str = "text/html,application/xhtml+xml,*/*;q=0.8") -> Response:
    """One GET with every safety rule; 304 raises NotModified, other >= 400 raise FetchError."""
    import httpx

    limit = max_bytes or max_bytes_from_env()
    current = url
    request_headers = {"User-Agent": USER_AGENT, "Accept": accept}
    request_headers.update(headers or {})
    own = client is None
    client = client or httpx.Client(follow_redirects=False, timeout=timeout)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(current, allow_private=allow_private)
            with client.stream("GET", current, headers=request_headers, timeout=timeout) as resp:
                if resp.is_redirect and "location" in resp.headers:
                    current = str(resp.url.join(resp.headers["location"]))
                    continue
                if resp.status_code == 304:
                    raise NotModified(f"not modified since last fetch: {current}")
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
                    data = maybe_gunzip(data, label=current, max_bytes=limit)
                return Response(str(resp.url), resp.status_code, data, resp.headers.get("content-type", ""),
                                resp.charset_encoding, resp.headers.get("etag"), resp.headers.get("last-modified"))
        raise FetchError(f"too many redirects (>{MAX_REDIRECTS}) for {url}")
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:.0f}s: {current}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {current}: {exc.__class__.__name__}: {exc}") from None
    finally:
        if own:
            client.close()


def to_document(resp: Response, *, input: str, max_bytes: int | None = None) -> Document:
    doc = document_from_bytes(resp.data, input=input, url=resp.url, max_bytes=max_bytes or max_bytes_from_env(),
                              encoding=resp.charset)
    ctype = resp.content_type.lower()
    kind = "html" if "html" in ctype else ("text" if "text/plain" in ctype else None)
    return dataclasses.replace(doc, content_type=kind,
                               fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))


def fetch(url: str, *, input: str | None = None, max_bytes: int | None = None,
          allow_private: bool | None = None, headers: dict[str, str] | None = None,
          timeout: float = TIMEOUT_SECONDS) -> Document:
    """GET one URL and return its bytes as a Document (follows up to MAX_REDIRECTS, each checked)."""
    resp = get(url, max_bytes=max_bytes, allow_private=allow_private, headers=headers, timeout=timeout)
    return to_document(resp, input=input or url, max_bytes=max_bytes)


class Fetcher:
    """A polite crawler's fetcher: robots.txt, per-host delay, conditional GET. Thread-safe."""

    def __init__(self, *, delay: float = DEFAULT_DELAY_SECONDS, allow_private: bool | None = None,
                 max_bytes: int | None = None, timeout: float = TIMEOUT_SECONDS, obey_robots: bool = True):
        import httpx

        self.delay, self.allow_private, self.max_bytes = delay, allow_private, max_bytes
        self.timeout, self.obey_robots = timeout, obey_robots
        self._client = httpx.Client(follow_redirects=False, timeout=timeout)
        self._robots: dict[str, RobotFileParser | None] = {}
        self._next_slot: dict[str, float] = {}
        self._validators: dict[str, tuple[str | None, str | None]] = {}  # url -> (etag, last-modified)
        self._lock = threading.Lock()
        self.requests = 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + self.delay
        if slot > now:
            time.sleep(slot - now)

    def _robots_for(self, url: str) -> RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: RobotFileParser | None = RobotFileParser()
            try:
                self._wait_turn(parts.netloc)
                self.requests += 1
                resp = get(origin + "/robots.txt", max_bytes=ROBOTS_MAX_BYTES, allow_private=self.allow_private,
                           timeout=self.timeout, client=self._client, accept="text/plain,*/*")
                parser.parse(resp.data.decode("utf-8", "replace").splitlines())
            except FetchError:
                # no robots.txt (404) allows everything; an unreachable host fails on the page itself
                parser = None
            self._robots[origin] = parser
        return self._robots[origin]

    def allowed(self, url: str) -> bool:
        robots = self._robots_for(url) if self.obey_robots else None
        return robots is None or robots.can_fetch(ROBOTS_AGENT, url)

    def get(self, url: str, *, conditional: bool = True, accept: str | None = None) -> Response:
        check_address(url, allow_private=self.allow_private)
        if not self.allowed(url):
            raise FetchError(f"robots.txt disallows {url}")
        headers = {}
        etag, modified = self._validators.get(url, (None, None)) if conditional else (None, None)
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        self._wait_turn(urlsplit(url).netloc)
        self.requests += 1
        kwargs = {"accept": accept} if accept else {}
        resp = get(url, max_bytes=self.max_bytes, allow_private=self.allow_private, headers=headers,
                   timeout=self.timeout, client=self._client, **kwargs)
        if resp.etag or resp.last_modified:
            self._validators[url] = (resp.etag, resp.last_modified)
        return resp

    def fetch(self, url: str, *, input: str | None = None, conditional: bool = True) -> Document:
        return to_document(self.get(url, conditional=conditional), input=input or url, max_bytes=self.max_bytes)


def normalize_url(url: str) -> str:
    """The identity of a page: lower-case scheme and host, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    query = "&".join(p for p in parts.query.split("&")
                     if p and not p.lower().startswith(("utm_", "fbclid=", "gclid=", "ocid=")))
    host = (parts.hostname or "").lower()
    if parts.port and not ((parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https"
                                                                              and parts.port == 443)):
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))
