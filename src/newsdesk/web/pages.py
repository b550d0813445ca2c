"""The HTML pages: each one renders the dict of its views.py function with a Jinja2 template.

Autoescaping is on for every template; the only markup not produced by a template comes from
annotate.py (article body, snippets), which escapes every slice of article text itself.
"""
from __future__ import annotations

import functools
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from newsdesk.web import annotate, views
from newsdesk.web.api import ISO_DATE, Page, SearchParams, home_data
from newsdesk.web.app import HERE, store_of

router = APIRouter(include_in_schema=False)
_DICT_ATTRIBUTES = frozenset(dir(dict))


class DictDataEnvironment(jinja2.Environment):
    """`data.title` on a dict without raising and catching AttributeError first.

    Jinja tries getattr() before the item for `a.b`; the pages' data are plain dicts (views.py), so
    every lookup paid for an exception. A dict has no attributes but its methods, so looking up the
    item first for any other name gives exactly what Jinja would have found.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


# autoescape=True for every template (not only *.html): nothing from an article reaches a page unescaped.
# auto_reload=False: templates ship with the package, so no stat() of every template file per render.
templates = Jinja2Templates(env=DictDataEnvironment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                                    autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                                    auto_reload=False))

_HIGHLIGHT = re.compile(r"^(\d{1,9})-(\d{1,9})$")
_BRACKETED = re.compile(r"\[([^\[\]]{1,300})\]")


# ---- template helpers -------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1 << 14)     # a page shows the same few dates many times over
def nice_date(value: str | None, with_time: bool = False) -> str:
    """'2025-02-21' -> 'February 21, 2025'; datetimes keep their time when asked; other text unchanged."""
    if not value:
        return ""
    try:
        if len(value) == 10:
            return date.fromisoformat(value).strftime("%B %-d, %Y")
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return dt.strftime("%B %-d, %Y, %H:%M" if with_time else "%B %-d, %Y")
    except ValueError:
        return value


def bracket_snippet(snippet: str | None) -> Markup:
    """The store marks matches as [word]; escape everything, then turn the brackets into <mark>."""
    escaped = str(escape(snippet or ""))
    return Markup(_BRACKETED.sub(r"<mark>\1</mark>", escaped))


def web_url(value: str | None) -> str | None:
    """Only http(s) URLs become links: a stored `javascript:` or `data:` URL is shown as nothing."""
    if value and urlsplit(value.strip()).scheme.lower() in ("http", "https"):
        return value.strip()
    return None


def unquote(text: str) -> str:
    """A direct quote without its own outer quotation marks (the page adds typographic ones)."""
    return text.strip().strip('"“”„«»').strip()


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


templates.env.filters.update(nicedate=nice_date, snippet=bracket_snippet, plural=plural, web_url=web_url,
                             unquote=unquote)
templates.env.globals.update(entity_href=views.entity_href, category_href=views.category_href,
                             marked=lambda text, q: annotate.snippet_html(text, [w for w in q.split() if len(w) > 1]))


def render(request: Request, name: str, data: dict[str, Any], *, title: str | None = None,
           status: int = 200, feeds: dict[str, str] | None = None) -> HTMLResponse:
    context = {"data": data, "page_title": title, "site_name": request.app.state.site_name,
               "feeds": feeds or {}, "json_href": _json_twin(request)}
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _json_twin(request: Request) -> str:
    path = request.url.path.rstrip("/") or "/home"
    return "/api" + path + (("?" + request.url.query) if request.url.query else "")


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {404: "Not found", 422: "Bad request", 401: "Unauthorised", 403: "Forbidden", 405: "Not allowed"}
    return render(request, "error.html", {"status": status, "message": message,
                                          "heading": titles.get(status, "Something went wrong")},
                  title=titles.get(status, "Error"), status=status)


# ---- pages -----------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home_page(request: Request, page: Page = 1):
    return render(request, "home.html", home_data(request, page))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int,
                 hl: str | None = Query(None, max_length=21, description="START-END span to highlight")):
    highlight = None
    if hl and (m := _HIGHLIGHT.match(hl)):
        highlight = (int(m.group(1)), int(m.group(2)))
    data = views.article(store_of(request), article_id, highlight, related_cache=request.app.state.related)
    revision = data["summary"]["revision"]
    # a revision never changes, so its rendered body can be kept as long as memory allows
    data["body_html"] = request.app.state.bodies.get_or_make(
        (article_id, revision, highlight), lambda: annotate.render_body(data["_article"], highlight=highlight))
    title = data["article"]["title"] or "Untitled article"
    return render(request, "article.html", data, title=title)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int):
    data = views.story(store_of(request), story_id, parts_cache=request.app.state.story_parts)
    return render(request, "story.html", data, title=data["title"] or f"Story {story_id}",
                  feeds={"Atom feed of this story": data["feeds"]["atom"],
                         "RSS feed of this story": data["feeds"]["rss"]})


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, name: str):
    data = views.entity(store_of(request), name)
    return render(request, "entity.html", data, title=data["name"])


@router.get("/categories", response_class=HTMLResponse)
def categories_page(request: Request):
    return render(request, "categories.html", {"categories": request.app.state.categories.get()},
                  title="Categories")


@router.get("/categories/{name}", response_class=HTMLResponse)
def category_page(request: Request, name: str, page: Page = 1):
    data = views.category(store_of(request), name, page)
    return render(request, "category.html", data, title=name,
                  feeds={f"Atom feed of {name}": data["feeds"]["atom"], f"RSS feed of {name}": data["feeds"]["rss"]})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, params: SearchParams):
    q, filters = params
    data = views.search(store_of(request), q, filters, request.app.state.top_entities.get())
    query = {k: v for k, v in request.query_params.items() if k != "page" and v}
    data["query_string"] = urlencode(query)
    feeds = {}
    if q.strip():
        feeds = {"Atom feed of this search": "/feeds/search.atom?" + data["query_string"],
                 "RSS feed of this search": "/feeds/search.rss?" + data["query_string"]}
    return render(request, "search.html", data, title=f"Search: {q}" if q else "Search", feeds=feeds)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The OpenAPI description rendered as a plain page (Swagger UI would need a CDN and inline script)."""
    schema = request.app.openapi()
    endpoints = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get("description", ""),
                       "type": _schema_type(p.get("schema", {}))} for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": params, "responses": sorted(op.get("responses", {})),
                              "tags": op.get("tags", [])})
    return render(request, "api_docs.html", {"info": schema.get("info", {}), "endpoints": endpoints},
                  title="API")


def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    limits = [f"{k}={schema[k]}" for k in ("minimum", "maximum", "maxLength", "pattern") if k in schema]
    return kind + (f" ({', '.join(limits)})" if limits else "")


@router.get("/api", include_in_schema=False)
def api_root():
    return RedirectResponse("/api/docs")


__all__ = ["router", "error_page", "ISO_DATE"]
