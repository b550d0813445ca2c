"""Atom 1.0 and RSS 2.0 feeds of a category, a story and a search.

Built with ElementTree, which escapes every text node and attribute, so an article title full of
markup stays text in the feed reader.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from email.utils import format_datetime
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from newsdesk.web import views
from newsdesk.web.api import SearchParams
from newsdesk.web.app import store_of

router = APIRouter(prefix="/feeds", tags=["feeds"])

ATOM_NS = "http://www.w3.org/2005/Atom"
Kind = Literal["atom", "rss"]


def _when(value: str | None) -> datetime:
    """An ISO date or datetime -> aware datetime (dates at midnight UTC); unknown -> the epoch."""
    if not value:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def build_feed(kind: Kind, *, title: str, self_url: str, page_url: str, items: list[dict[str, Any]],
               base: str) -> bytes:
    """`items` are summary dicts (views.summary_dict); links are made absolute against `base`."""
    dates = [_when(i.get("published") or i.get("ingested_at")) for i in items]
    updated = max(dates, default=datetime.now(timezone.utc))
    if kind == "atom":
        feed = ET.Element("feed", {"xmlns": ATOM_NS})
        _sub(feed, "title", title)
        _sub(feed, "id", self_url)
        _sub(feed, "updated", updated.isoformat())
        _sub(feed, "link", rel="self", href=self_url)
        _sub(feed, "link", rel="alternate", href=page_url, type="text/html")
        _sub(_sub(feed, "author"), "name", "newsdesk")
        for item, when in zip(items, dates):
            entry = _sub(feed, "entry")
            link = base + item["href"]
            _sub(entry, "title", item.get("title") or "Untitled article")
            _sub(entry, "id", link)
            _sub(entry, "link", rel="alternate", href=link, type="text/html")
            _sub(entry, "updated", when.isoformat())
            if item.get("published"):
                _sub(entry, "published", when.isoformat())
            if item.get("publisher"):
                _sub(_sub(entry, "author"), "name", item["publisher"])
            if item.get("category"):
                _sub(entry, "category", term=item["category"])
            if item.get("summary"):
                _sub(entry, "summary", item["summary"], type="text")
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
    rss = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
    channel = _sub(rss, "channel")
    _sub(channel, "title", title)
    _sub(channel, "link", page_url)
    _sub(channel, "description", title)
    _sub(channel, "lastBuildDate", format_datetime(updated))
    _sub(channel, "atom:link", href=self_url, rel="self", type="application/rss+xml")
    for item, when in zip(items, dates):
        entry = _sub(channel, "item")
        link = base + item["href"]
        _sub(entry, "title", item.get("title") or "Untitled article")
        _sub(entry, "link", link)
        _sub(entry, "guid", link, isPermaLink="true")
        _sub(entry, "pubDate", format_datetime(when))
        if item.get("category"):
            _sub(entry, "category", item["category"])
        if item.get("summary"):
            _sub(entry, "description", item["summary"])
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="utf-8")


def _respond(request: Request, kind: Kind, title: str, page_path: str, items: list[dict[str, Any]]) -> Response:
    base = str(request.base_url).rstrip("/")
    body = build_feed(kind, title=title, self_url=str(request.url), page_url=base + page_path, items=items,
                      base=base)
    media = "application/atom+xml" if kind == "atom" else "application/rss+xml"
    return Response(body, media_type=f"{media}; charset=utf-8")


def _category(request: Request, name: str, kind: Kind) -> Response:
    data = views.category(store_of(request), name)
    return _respond(request, kind, f"{name} — {request.app.state.site_name}", data["href"], data["articles"])


def _story(request: Request, story_id: int, kind: Kind) -> Response:
    data = views.story(store_of(request), story_id, parts_cache=request.app.state.story_parts)
    items = sorted(data["timeline"], key=lambda i: (i.get("published") or "", i["id"]), reverse=True)
    return _respond(request, kind, data["title"] or f"Story {story_id}", data["href"], items)


def _search(request: Request, params: tuple, kind: Kind) -> Response:
    q, filters = params
    data = views.search(store_of(request), q, filters, [])
    items = [h["article"] for h in data["hits"]]
    return _respond(request, kind, f"Search: {q}", "/search?" + request.url.query, items)


@router.get("/categories/{name}.atom", summary="Atom feed of a category")
def category_atom(request: Request, name: str) -> Response:
    return _category(request, name, "atom")


@router.get("/categories/{name}.rss", summary="RSS feed of a category")
def category_rss(request: Request, name: str) -> Response:
    return _category(request, name, "rss")


@router.get("/stories/{story_id}.atom", summary="Atom feed of a story")
def story_atom(request: Request, story_id: int) -> Response:
    return _story(request, story_id, "atom")


@router.get("/stories/{story_id}.rss", summary="RSS feed of a story")
def story_rss(request: Request, story_id: int) -> Response:
    return _story(request, story_id, "rss")


@router.get("/search.atom", summary="Atom feed of a search")
def search_atom(request: Request, params: SearchParams) -> Response:
    return _search(request, params, "atom")


@router.get("/search.rss", summary="RSS feed of a search")
def search_rss(request: Request, params: SearchParams) -> Response:
    return _search(request, params, "rss")
