"""One exception family. Each error has a stable code and a plain-English, one-line reason.

Trafilatura returns None and the reason is lost; we keep it: every failure that reaches a user
is a `NewsdeskError` whose `str()` is the one line printed (or put in the JSON `error` field).
"""
from __future__ import annotations


class NewsdeskError(Exception):
    """Base class. `code` is stable (for programs); the message is for people."""

    code = "E000"
    http_status = 500

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class InputError(NewsdeskError):
    """The input cannot be read: missing file, empty, binary junk, truncated gzip, too large."""

    code = "E100"
    http_status = 400


class FetchError(NewsdeskError):
    """A URL could not be fetched: dead host, HTTP error, refused address, robots.txt."""

    code = "E200"
    http_status = 502


class ExtractionError(NewsdeskError):
    """The document was read but holds no article text."""

    code = "E300"
    http_status = 422


class FeedError(NewsdeskError):
    """A feed, sitemap or WARC that cannot be parsed."""

    code = "E400"
    http_status = 422


class StoreError(NewsdeskError):
    """The store cannot be opened or written."""

    code = "E500"
    http_status = 500


class NotFound(NewsdeskError):
    code = "E404"
    http_status = 404
