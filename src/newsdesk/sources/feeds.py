"""RSS and Atom feeds (feedparser): each item's link is a page to fetch; the feed's title and date
for the item travel with it as hints for the extractor."""
from __future__ import annotations

from dataclasses import dataclass
from time import strftime

from newsdesk.errors import FeedError


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None
    published: str | None


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def parse_feed(data: bytes, *, label: str) -> list[FeedItem]:
    """The items of an RSS/Atom document; FeedError when it is not a feed or holds no items."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise FeedError(f"not a readable feed{f' ({reason})' if reason else ''}: {label}")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or next((ln.get("href") for ln in entry.get("links", []) if ln.get("href")), None)
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        items.append(FeedItem(link, (entry.get("title") or "").strip() or None,
                              strftime("%Y-%m-%dT%H:%M:%S", when) if when else None))
    if not items:
        raise FeedError(f"feed lists no item links: {label}")
    return items
