"""Article metadata from an HTML page: one fallback chain per field.

    title      JSON-LD headline > og:title / twitter:title > the page's h1 > <title>; " | Site" suffix cut
    publisher  JSON-LD publisher.name > og:site_name > application-name > JSON-LD WebSite/Organization
               name > the domain. The outlet, never a person: newspaper4k's most reported bug is
               naming the site as the author (or an author as the site).
    authors    JSON-LD / microdata Person authors > meta author > a "By …" byline by the headline >
               trafilatura's author; organisations and the publisher itself are not authors
    published, updated   see `extract.dates`
    category   JSON-LD articleSection > article:section > breadcrumbs > trafilatura's categories
    language   <html lang> / og:locale / JSON-LD inLanguage, unless the text is clearly in another
               language (py3langid); else py3langid alone

When a field stays empty, `notes` says why (trafilatura returns None and the reason is lost).
"""
from __future__ import annotations

import html as html_entities
import json
import re
from copy import deepcopy
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urlparse

from lxml import etree

from newsdesk.extract import dates as page_dates
from newsdesk.extract.language import detect_language_with_confidence

ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting",
                 "scholarlyarticle", "techarticle", "report", "socialmediaposting", "posting", "webpage",
                 "itempage", "medicalwebpage", "recipe", "videoobject"}
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022\u00bb:-]\s+|\s+\|")
_NOT_A_PERSON = re.compile(r"\b(?:staff|team|redaktion|editors?|editorial|desk|newsroom|news|agency|agencies|"
                           r"press|media|online|reports?|wire|contributors?|admin|webmaster|gmbh|inc|ltd|llc|"
                           r"writer|correspondent|reporter|columnist|business|service)\b"
                           r"|https?://|www\.|@|_|\.com\b|^[A-Z]{1,4}$", re.I)
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")
_MONTH_OR_DIGIT = re.compile(r"\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s.*)?$|\s*\d.*$", re.I)
_BYLINE = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af)\s+(.{3,120}?)(?:\s+(?:\||\u2022|-|,)\s+|\s*$)",
                     re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|&)\s*")
_LOCALE = re.compile(r"^([a-zA-Z]{2})(?:[-_][a-zA-Z]{2,4})?$")


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    updated: str | None = None
    category: str | None = None
    language: str | None = None
    url: str | None = None
    page_type: str | None = None  # JSON-LD @type of the main object, else og:type ("NewsArticle", "website")
    notes: tuple[str, ...] = ()


# ---- JSON-LD and microdata ----------------------------------------------------------------------

def json_ld_objects(tree) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, with @graph, lists and nested mainEntity flattened."""
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # some CMSs leave raw newlines or a trailing ";" inside strings
                data = json.loads(re.sub(r"[\r\n\t]+", " ", raw).rstrip(";"))
            except ValueError:
                continue
        found.extend(_flatten(data))
    return found


def _flatten(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(node, list):
        for item in node:
            yield from _flatten(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(node.get(key), (list, dict)):
                yield from _flatten(node[key], depth + 1)


def _resolve(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """Replace {"@id": "…#person-1"} references with the object they point to elsewhere in the graph."""
    if isinstance(value, list):
        return [_resolve(v, by_id) for v in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return by_id.get(value["@id"], value)
    return value


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _name(value: Any) -> str | None:
    """A name from a JSON-LD value: a string, {"name": …}, or a list of them (the first)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip():
        return " ".join(html_entities.unescape(value).split())
    return None


def _strings(value: Any) -> list[str]:
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, str) and value.strip():
        return [value.strip()]
    return []


def _people(value: Any) -> list[str]:
    """Author names from a JSON-LD author value; Organization authors are not people."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            if "organization" in _types(item) or "newsmediaorganization" in _types(item):
                continue
            name = _name(item)
        else:
            name = _name(item)
        if name:
            names.append(name)
    return names


def _microdata(tree, prop: str) -> list[str]:
    values = []
    for el in tree.xpath(f'//*[@itemprop="{prop}"]'):
        value = el.get("content") or el.get("datetime")
        if value is None:
            named = el.xpath('.//*[@itemprop="name"]')
            value = (named[0].get("content") or named[0].text_content()) if named else el.text_content()
        value = " ".join((value or "").split())
        if value:
            values.append(value)
    return values


# ---- meta tags ------------------------------------------------------------------------------------

def meta_tags(tree) -> dict[str, list[str]]:
    """{lower-cased name/property/itemprop: [content, …]} of the page's <meta> tags."""
    tags: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        content = el.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), []).append(" ".join(html_entities.unescape(content).split()))
    return tags


def _first(tags: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if tags.get(key):
            return tags[key][0]
    return None


_PUBLISHED_META = ("article:published_time", "og:article:published_time", "og:published_time", "published_time",
                   "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
                   "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created",
                   "dcterms.created", "sailthru.date", "parsely-pub-date", "citation_publication_date",
                   "citation_date", "article.published", "datecreated", "created")
_UPDATED_META = ("article:modified_time", "og:updated_time", "og:modified_time", "datemodified", "modified",
                 "dc.date.modified", "dcterms.modified", "last-modified", "lastmod", "article.updated")


# ---- the page's visible text ------------------------------------------------------------------------

_INVISIBLE_TAGS = ("script", "style", "noscript", "template")
_HEAD_START, _HEAD_END = "\ue000", "\ue001"  # private-use sentinels that mark the headline in the joined text


def visible_text(tree, headline_el=None) -> tuple[str, int | None, int]:
    """The body's text (text nodes joined by spaces, whitespace collapsed) and where the headline
    element's text sits in it.

    Works on a copy, because lxml's C-level itertext() is far faster than selecting visible text nodes
    with XPath: scripts and styles are stripped, the headline is wrapped in two sentinel characters,
    which are then found and cut out."""
    root = tree.getroottree().getroot()
    path = root.getroottree().getpath(headline_el) if headline_el is not None else None
    copied = deepcopy(root)
    etree.strip_elements(copied, *_INVISIBLE_TAGS, etree.Comment, with_tail=False)
    heads = copied.getroottree().xpath(path) if path else []
    if heads and isinstance(heads[0].tag, str):
        heads[0].text = _HEAD_START + (heads[0].text or "")
        etree.SubElement(heads[0], "span").text = _HEAD_END
    body = copied.find("body")
    text = " ".join(" ".join((body if body is not None else copied).itertext()).split())
    text, start = _cut(text, _HEAD_START)
    text, end = _cut(text, _HEAD_END)
    if start < 0 or end < 0:
        return text, None, 0
    return text, start, len(text[start:end].rstrip())


def _cut(text: str, mark: str) -> tuple[str, int]:
    """Remove a sentinel (and the doubled space it leaves) from `text`; return its position or -1."""
    i = text.find(mark)
    if i < 0:
        return text, -1
    j = i + 1
    if text[j:j + 1] == " " and (i == 0 or text[i - 1] == " "):
        j += 1
    return text[:i] + text[j:], i


def headline_element(tree, titles: list[str]):
    """The h1 (or h2) that states the headline: the one matching the page's title, else the first h1."""
    keys = [_norm(t) for t in titles if t]
    for el in tree.xpath("//h1|//h2"):
        text = _norm(el.text_content())
        if len(text) >= 8 and any(text == k or text in k for k in keys):
            return el
    h1 = tree.xpath("//h1")
    return h1[0] if h1 else None


def byline_authors(text: str, head_at: int | None, head_len: int) -> list[str]:
    """A "By Jane Doe and John Roe" line just after the headline."""
    if head_at is None:
        return []
    window = text[head_at + head_len: head_at + head_len + 300]
    for piece in re.split(r"(?<=[a-z.])\s(?=(?:By|Von|Par|Por|Di|Door)\s)", window):
        m = _BYLINE.match(piece)
        if m:
            return split_names(m.group(1))
    return []


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


# ---- field chains ---------------------------------------------------------------------------------

def split_names(value: str) -> list[str]:
    names = []
    for part in _NAME_SPLIT.split(value):
        part = _MONTH_OR_DIGIT.sub("", _strip_by(part))
        words = part.split()
        if 1 <= len(words) <= 5 and not any(c.isdigit() for c in part):
            names.append(part)
    return names


def _strip_by(name: str) -> str:
    return re.sub(r"^(?:by|von|par|por)\s+", "", name.strip(" .|-\u2013\u2014"), flags=re.I).strip()


def clean_authors(candidates: list[str], publisher: str | None, domain: str | None = None) -> list[str]:
    """People only: no organisations, no staff/desk labels, no publisher, no URLs; each name once."""
    out: list[str] = []
    seen = set()
    outlet = _norm(publisher or "")
    host = (domain or "").lower()
    for raw in candidates:
        names = split_names(raw) if re.search(r",|;| and | und | & ", raw) else [_MONTH_OR_DIGIT.sub("", _strip_by(raw))]
        for name in names:
            if name.isupper():
                name = name.title()  # "TOM KRISHER" (wire style) -> "Tom Krisher"
            key = _norm(name)
            if (not key or key in seen or _NOT_A_PERSON.search(name) or _CREDENTIAL.match(name)
                    or any(key in s or s in key for s in seen)
                    or (outlet and (key in outlet or key.replace(" ", "") in outlet.replace(" ", "")))
                    or (host and key.replace(" ", "") in host)
                    or len(name.split()) > 5 or any(c.isdigit() for c in name)):
                continue
            seen.add(key)
            out.append(name)
    return out


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """"Headline | Site" or "Site - Headline" -> "Headline"."""
    title = " ".join(title.split())
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    sites = {_norm(s) for s in site_names if s}
    kept = [p for p in parts if _norm(p) not in sites and _norm(p).replace(" ", "") not in sites]
    if len(kept) < len(parts) and kept:
        return " - ".join(kept) if len(kept) > 1 else kept[0]
    # no known site name: cut the last part when it is short and the first one is long
    if len(parts[-1].split()) <= 4 and len(parts[0].split()) >= 4:
        return title[: title.rfind(parts[-1])].rstrip(" |-\u2013\u2014:\u00b7\u2022\u00bb")
    return title


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)


def page_language(tree, tags: dict[str, list[str]], ld_language: str | None, text: str) -> str | None:
    declared = tree.get("lang") or tree.get("xml:lang") or ld_language or _first(tags, "og:locale", "content-language",
                                                                               "language", "dc.language")
    m = _LOCALE.match((declared or "").strip())
    declared = m.group(1).lower() if m else None
    detected, confidence = detect_language_with_confidence(text)
    if declared and detected and detected != declared and confidence >= 0.95 and len(text) >= 400:
        return detected  # a template's lang="en" on a page written in German
    return declared or detected


def extract_metadata(tree, *, html: str | None = None, url: str | None = None, body_text: str = "") -> PageMetadata:
    """All metadata fields of the page (`html`, when given, lets htmldate search the raw source)."""
    notes: list[str] = []
    tags = meta_tags(tree)
    objects = json_ld_objects(tree)
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and len(o) > 1}
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES and o.get("@type")]
    articles.sort(key=lambda o: ("webpage" in _types(o) or "itempage" in _types(o), "headline" not in o))
    article = {k: _resolve(v, by_id) for k, v in (articles[0] if articles else {}).items()}
    sites = [o for o in objects if _types(o) & {"website", "organization", "newsmediaorganization"}]
    page_url = (url or _first(tags, "og:url") or next(iter(tree.xpath('//link[@rel="canonical"]/@href')), None))

    publisher = (_name(article.get("publisher")) or _first(tags, "og:site_name", "application-name",
                                                            "apple-mobile-web-app-title")
                 or next((n for n in (_name(o) for o in sites) if n), None)
                 or _trafilatura_sitename(tree) or domain_of(page_url))
    if publisher:
        publisher = _TITLE_SEPARATORS.split(publisher)[0].lstrip("@").strip() or None  # "Site | tagline"
    if publisher is None:
        notes.append("publisher unknown: no publisher in structured data, no og:site_name and no URL")

    raw_titles = [_name(article.get("headline")) or "", _first(tags, "og:title", "twitter:title") or "",
                  *(t.text_content() for t in tree.iter("title"))]
    head_el = headline_element(tree, raw_titles)
    site_names = [publisher or "", _first(tags, "og:site_name") or "", domain_of(page_url) or "",
                  *(_name(o) or "" for o in sites)]
    title = next((strip_site_suffix(t, site_names) for t in
                  [raw_titles[0], raw_titles[1], head_el.text_content() if head_el is not None else "",
                   *raw_titles[2:]] if t and t.strip()), None)
    if title is None:
        notes.append("no title: no headline in structured data, meta tags, h1 or <title>")

    text, head_at, head_len = visible_text(tree, head_el)
    domain = domain_of(page_url)

    authors: list[str] = []
    for source in (lambda: _people(article.get("author")), lambda: _microdata_people(tree),
                   lambda: tags.get("author", []) + tags.get("article:author", []) + tags.get("parsely-author", [])
                   + tags.get("sailthru.author", []) + tags.get("dc.creator", []),
                   lambda: _full_names(byline_authors(text, head_at, head_len)),
                   lambda: _full_names(_trafilatura_authors(tree))):
        authors = clean_authors(source(), publisher, domain)
        if authors:
            break

    structured_published = [d for d in map(page_dates.parse_date,
                                           _strings(article.get("datePublished")) + _strings(article.get("dateCreated"))
                                           + _strings(article.get("uploadDate")) + _microdata(tree, "datePublished")
                                           + [v for k in _PUBLISHED_META for v in tags.get(k, [])]) if d]
    structured_updated = [d for d in map(page_dates.parse_date, _strings(article.get("dateModified"))
                                         + _microdata(tree, "dateModified")
                                         + [v for k in _UPDATED_META for v in tags.get(k, [])]) if d]
    cued_published, cued_updated = page_dates.cued_dates(text)
    chosen = page_dates.choose_dates(
        structured_published=structured_published, structured_updated=structured_updated,
        shown=page_dates.shown_near_headline(text, head_at, head_len), cued_published=cued_published,
        cued_updated=cued_updated, htmldate_guess=lambda: page_dates.htmldate_original(html if html is not None else tree))
    if chosen.published is None:
        notes.append("no publication date: none in structured data, meta tags, page text or htmldate's search")

    category = None
    for source in (lambda: _name(article.get("articleSection")),
                   lambda: _first(tags, "article:section", "section", "parsely-section", "category"),
                   lambda: breadcrumb_category(objects, tree, title), lambda: _trafilatura_category(tree)):
        category = clean_category(source(), site_names)
        if category:
            break

    ld_language = _name(article.get("inLanguage"))
    language = page_language(tree, tags, ld_language, body_text or text)
    return PageMetadata(title=title, publisher=publisher, authors=tuple(authors), published=chosen.published,
                        updated=chosen.updated, category=category, language=language, url=page_url,
                        page_type=_name(article.get("@type")) or _first(tags, "og:type"), notes=tuple(notes))


# trafilatura's own heuristics (byline XPaths, category links, the <title>'s domain part) are the last
# link of their chains; they only read the tree.
def _trafilatura_authors(tree) -> list[str]:
    from trafilatura.metadata import extract_author

    return (extract_author(tree) or "").split(";")


def _trafilatura_category(tree) -> str | None:
    from trafilatura.metadata import extract_catstags

    return next(iter(extract_catstags("category", tree)), None)


def _trafilatura_sitename(tree) -> str | None:
    """The domain-like part of the <title> ("Story - example.com")."""
    from trafilatura.metadata import extract_sitename

    name = extract_sitename(tree)
    return name if name and " " not in name.strip() and re.search(r"\w\.[a-z]{2,}$", name.strip()) else None


def _full_names(names: list[str]) -> list[str]:
    """Guessed bylines must look like full names: one word ("Washington") is too often a place."""
    return [n for n in names if len(n.split()) >= 2]


def _microdata_people(tree) -> list[str]:
    """itemprop=author outside comment sections (commenters are not the article's authors)."""
    names = []
    for el in tree.xpath('//*[@itemprop="author"][not(ancestor::*[contains(@class, "comment") or '
                         'contains(@id, "comment")])]'):
        named = el.xpath('.//*[@itemprop="name"]')
        value = (named[0].get("content") or named[0].text_content()) if named else (el.get("content") or el.text_content())
        value = " ".join((value or "").split())
        if value and len(value.split()) <= 5:
            names.append(value)
    return names


_GENERIC_SECTIONS = {"post", "posts", "article", "articles", "all", "uncategorized", "uncategorised", "allgemein",
                     "home", "start", "startseite", "blog", "page", "default", "none", "null", "index"}


def clean_category(value: str | None, site_names: list[str]) -> str | None:
    """A section name, not a URL, a handle, a domain, a tag list or a generic label."""
    if not value:
        return None
    value = re.split(r"\s*[,;]\s*", value.strip())[0]
    if (not value or re.search(r"https?://|www\.|^@|\.(?:com|org|net|de)\b", value) or len(value.split()) > 5
            or value.lower() in _GENERIC_SECTIONS or _norm(value) in {_norm(s) for s in site_names if s}):
        return None
    return value


def breadcrumb_category(objects: list[dict[str, Any]], tree, title: str | None) -> str | None:
    """The last breadcrumb before the article itself (BreadcrumbList or a nav/ol classed breadcrumb)."""
    names: list[str] = []
    for obj in objects:
        if "breadcrumblist" in _types(obj):
            items = obj.get("itemListElement") or []
            items = sorted((i for i in items if isinstance(i, dict)), key=lambda i: i.get("position") or 0)
            names = [n for n in (_name(i) or (_name(i["item"]) if isinstance(i.get("item"), dict) else None)
                                 for i in items) if n]
            break
    if not names:
        for trail in tree.xpath('//*[contains(@class, "breadcrumb") or contains(@id, "breadcrumb")]')[:1]:
            names = [" ".join(a.text_content().split()) for a in trail.iter("a")]
    key = _norm(title or "")
    names = [n for n in names if n and _norm(n) != key and n.lower() not in ("home", "start", "startseite")]
    return names[-1] if names else None
