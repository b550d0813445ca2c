"""XML sitemaps (sitemaps.org, with the Google News extension): page URLs, with their news title and
publication date when the sitemap gives them; a sitemap index points to more sitemaps."""
from __future__ import annotations

from dataclasses import dataclass

from newsdesk.errors import FeedError

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "news": "http://www.google.com/schemas/sitemap-news/0.9"}


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    title: str | None = None
    published: str | None = None
    is_sitemap: bool = False        # an entry of a sitemap index: another sitemap to read


def looks_like_sitemap(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_sitemap(data: bytes, *, label: str) -> list[SitemapEntry]:
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                             recover=True, huge_tree=False))
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not a readable sitemap ({exc}): {label}") from None
    if root is None:
        raise FeedError(f"not a readable sitemap: {label}")
    index = etree.QName(root).localname == "sitemapindex"
    out = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        loc = _text(node, "loc")
        if not loc:
            continue
        out.append(SitemapEntry(loc, _text(node, "title"), _text(node, "publication_date") or _text(node, "lastmod"),
                                is_sitemap=index))
    if not out:
        raise FeedError(f"sitemap lists no URLs: {label}")
    return out


def _text(node, local: str) -> str | None:
    for child in node.iter():
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == local and child.text:
            return child.text.strip() or None
    return None
