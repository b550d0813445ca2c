"""HTML page -> Article: the body through trafilatura plus our own clean-up, the metadata through
`extract.metadata`'s fallback chains.

Why two trafilatura passes: its precision mode finds the article's *edges* well (it leaves out the
headline, standfirst, newsletter boxes and related-link lists around the story) but inside the story
it also drops short headings and even link words in the middle of sentences. Its default mode keeps
those but lets the edges leak. So the precision pass decides where the story starts and ends, and
the default pass supplies the paragraphs between those edges (`merge_passes`). Then `clean_body`
removes what both passes let through: the headline, bare URLs and
timestamps, and link-only or "Related:"/"Subscribe"-type lines.
"""
from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass, field
from urllib.parse import urlparse

import trafilatura
from trafilatura.utils import load_html

from newsdesk.extract.metadata import extract_metadata
from newsdesk.model import Article, Credit

_WORD = re.compile(r"\w+")


@dataclass
class Body:
    paragraphs: list[str]
    standfirst: str | None = None
    anchors: set[str] = field(default_factory=set)  # normalised texts of the page's links
    notes: list[str] = field(default_factory=list)


def _paragraphs(text: str | None) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").split("\n") if line.strip()]


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _same_paragraph(precise: list[str], default: list[str]) -> bool:
    """True when the precision pass's paragraph is the default pass's, possibly with words removed."""
    if precise == default:
        return True
    if not precise or not default or len(precise) < 0.5 * len(default):
        return False
    have = set(default)
    return sum(t in have for t in precise) >= 0.9 * len(precise)


def merge_passes(default: list[str], precise: list[str]) -> list[str]:
    """The default pass's paragraphs between the first and last paragraph the precision pass kept.

    Matching walks both lists forward, so a story repeated further down the page (some sites embed
    it two or three times) matches only its first copy.
    """
    if not precise:
        return default
    if not default:
        return precise
    dtoks = [_tokens(p) for p in default]
    matched: list[int] = []
    j = 0
    for p in precise:
        ptoks = _tokens(p)
        for k in range(j, len(default)):
            if _same_paragraph(ptoks, dtoks[k]):
                matched.append(k)
                j = k + 1
                break
    if len(matched) < max(1, len(precise) // 2):
        return precise  # the passes disagree on what the story is: trust the careful one
    return default[matched[0]:matched[-1] + 1]


def _norm(text: str) -> str:
    return " ".join(_tokens(text))


def headline_candidates(tree, meta_title: str | None) -> set[str]:
    """Normalised forms of the headline as the page states it (h1, og:title, <title> and its parts)."""
    found = [meta_title or ""]
    found += [h.text_content() for h in tree.iter("h1")]
    found += tree.xpath('//meta[@property="og:title" or @name="twitter:title"]/@content')
    found += [t.text_content() for t in tree.iter("title")]
    out = set()
    for title in found:
        out.add(_norm(title))
        for part in _TITLE_SEPARATORS.split(title):  # "Headline | Site" -> "Headline"
            if len(part.split()) >= 3:
                out.add(_norm(part))
    out.discard("")
    return out


_TITLE_SEPARATORS = re.compile(r"\s[|\u2013\u2014:-]\s|\s\|")


def drop_headline(paras: list[str], titles: set[str]) -> list[str]:
    """The headline (and short kicker lines above it) is not body text."""
    for k, p in enumerate(paras[:3]):
        if _norm(p) in titles:
            if all(len(q.split()) <= 4 for q in paras[:k]):
                return paras[k + 1:]
            return paras[:k] + paras[k + 1:]
    return paras


# Machine values that leak from embedded JSON: timestamps and image addresses (a URL the author
# typed as a source stays).
_BARE_VALUE = re.compile(r"^(?:\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?|\d{4}-\d\d-\d\dT[\d:.+\-Z]+)$", re.I)


def drop_link_runs(paras: list[str], anchors: set[str]) -> list[str]:
    """Two or more paragraphs in a row that are each the whole text of a link are a list of other
    stories; so is a link-only line in capitals ("SEEN ELSEWHERE HEADLINE IN CAPS")."""
    is_link = [_norm(p) in anchors and len(p.split()) >= 3 for p in paras]
    out = []
    for k, p in enumerate(paras):
        if is_link[k]:
            in_run = (k > 0 and is_link[k - 1]) or (k + 1 < len(paras) and is_link[k + 1])
            letters = [c for c in p if c.isalpha()]
            shouting = len(letters) >= 10 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
            if in_run or shouting:
                continue
        out.append(p)
    return out


# Lines that point away from the story, wherever they sit in it (short ones only).
_PROMO = re.compile(
    r"^(?:related|read more|read also|see more|see also|also read|also see|also|more|more from|watch|"
    r"recommended|don'?t miss|most read|you may also like|you might also like|explore further|"
    r"trending|popular|further reading)\s*(?::.{0,120}|\.\.\.|\u2026|!)?$|^most (?:read|popular|viewed)\b", re.I)
# Lines that close a page around the story: follow/subscribe/newsletter/copyright/source/tags.
_TRAILER = re.compile(
    r"^(?:follow (?:us|me|him|her|them|@|\S+(?: \S+){0,2} on (?:twitter|x|facebook|instagram|linkedin|youtube|"
    r"tiktok|threads|bluesky))\b|subscribe (?:to|now|today|here)\b|sign up\b|get the latest\b|get access\b|"
    r"listen to\b|have a tip\b|tell us what you think|click here|tap here|join (?:us|our)\b|source:|sources:|"
    r"filed under\b|tags?:|topics?:|categories:|copyright\s*(?:\u00a9|\(c\)|\d{4})|\u00a9|"
    r"all rights reserved|share (?:this|on)\b|updated(?: at| on)?\s*:?\s*\d)"
    r"|(?:newsletters?|inbox|all rights reserved)\W*$", re.I)
_READING_TIME = re.compile(r"\b\d+\s*(?:min|mins|minute|minutes|minuto|minutos|minuten)\b", re.I)
_DATE_BITS = re.compile(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}:\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")


def _is_promo(p: str) -> bool:
    return len(p.split()) <= 20 and bool(_PROMO.match(p))


def _is_trailer(p: str) -> bool:
    return len(p.split()) <= 40 and bool(_TRAILER.search(p))


def _is_header_line(p: str) -> bool:
    """A short line above the story that only dates it, credits it or times the read."""
    words = p.split()
    if len(words) > 12 or p.rstrip().endswith((".", "!", "?", '"', "\u201d")) and not p.endswith("m."):
        return False
    return bool(_DATE_BITS.search(p)) or (len(words) <= 6 and bool(_READING_TIME.search(p)))


_STANDFIRST_CLASS = re.compile(
    r"sub-?head|subline|subtitle|dek\b|deck\b|standfirst|strapline|excerpt|lede\b|teaser",
    re.I)


def _element_with_text(tree, text: str):
    """The innermost block element whose whole text is `text` (None when not found)."""
    key = _norm(text)
    found = None
    for el in tree.iter("h2", "h3", "h4", "h5", "h6", "p", "div", "span", "li", "section"):
        content = el.text_content()
        if len(content) <= 3 * len(text) + 20 and _norm(content) == key:
            found = el  # keep going: a later match may be nested deeper
            if not any(_norm(c.text_content()) == key for c in el):
                return el
    return found


def split_standfirst(paras: list[str], tree) -> tuple[str | None, list[str]]:
    """The first paragraph is a standfirst when the page sets it apart from the story: a sub-heading
    element (h2-h6) or an element classed as a dek/summary/subtitle, not a sibling of the story's
    own paragraphs."""
    if len(paras) < 2 or len(paras[0].split()) < 6:
        return None, paras
    first = _element_with_text(tree, paras[0])
    if first is None:
        return None, paras
    parent = first.getparent()
    classes = " ".join(filter(None, [first.get("class"), first.get("id"),
                                     parent.get("class") if parent is not None else None]))
    if not (first.tag in ("h2", "h3", "h4", "h5", "h6") or _STANDFIRST_CLASS.search(classes)):
        return None, paras
    second = _element_with_text(tree, paras[1])
    if second is None or parent is None or any(a is parent for a in second.iterancestors()):
        return None, paras  # the story's next paragraph sits in the same container (or is not found)
    return paras[0], paras[1:]


def clean_body(paras: list[str], *, titles: set[str], anchors: set[str]) -> list[str]:
    paras = [p for p in paras if not _BARE_VALUE.match(p)]
    paras = drop_headline(paras, titles)
    paras = drop_link_runs(paras, anchors)
    paras = [p for p in paras if not _is_promo(p)]
    while paras and _is_header_line(paras[0]):
        paras = paras[1:]
    return drop_trailer(paras)


def drop_trailer(paras: list[str], reach: int = 3) -> list[str]:
    """Cut the page's closing boxes: from a trailer line ("Sign up for…", "Follow us…", "© …") among
    the last `reach` paragraphs to the end, when all that is cut is short."""
    cut = True
    while cut and paras:
        cut = False
        for k in range(len(paras) - 1, max(-1, len(paras) - 1 - reach), -1):
            if (_is_trailer(paras[k]) or _is_promo(paras[k])) and all(len(p.split()) <= 40 for p in paras[k:]):
                paras, cut = paras[:k], True
                break
    return paras


# ---- is this page an article at all? ------------------------------------------------------------------

_ERROR_TITLE = re.compile(r"\b(?:404|410|500|page not found|not found|file not found|no longer available|"
                          r"seite nicht gefunden|nicht gefunden|page introuvable|p\u00e1gina no encontrada|"
                          r"pagina non trovata|niet gevonden|error)\b", re.I)
_ARTICLE_TYPES = re.compile(r"article|posting|report|recipe|review", re.I)
MIN_ARTICLE_WORDS = 60


def assess_page(tree, paras: list[str], anchors: set[str], *, page_type: str | None, published: str | None,
                url: str | None) -> tuple[float, list[str]]:
    """(confidence that this is an article, reasons against it). Home pages, section fronts and error
    pages still yield text, so they are flagged rather than refused."""
    titles = [t.text_content() for t in tree.iter("title")] + [h.text_content() for h in tree.iter("h1")][:1]
    words = sum(len(p.split()) for p in paras)
    if any(_ERROR_TITLE.search(t) for t in titles if len(t.split()) <= 12) and words < 300:
        return 0.1, ["not an article: looks like an error page (\"not found\" in the title)"]
    notes = []
    confidence = 1.0
    typed = bool(page_type and _ARTICLE_TYPES.search(page_type))
    link_paras = sum(_norm(p) in anchors for p in paras)
    if len(paras) >= 5 and link_paras >= 0.5 * len(paras) and not typed:
        confidence = min(confidence, 0.3)
        notes.append(f"not an article: {link_paras} of {len(paras)} paragraphs are links "
                     "(looks like a home or section page)")
    parts = urlparse(url) if url else None
    if parts is not None and parts.path in ("", "/") and not parts.query and not typed:
        confidence = min(confidence, 0.3)
        notes.append("not an article: the URL is a site's front page")
    if words < MIN_ARTICLE_WORDS:
        confidence = min(confidence, 0.4)
        notes.append(f"very little text: {words} words")
    if not typed and published is None and confidence == 1.0:
        confidence = 0.6
        notes.append("doubtful article: no article markup and no publication date")
    return confidence, notes


def _precise_pass(tree, url: str | None, default: list[str]) -> list[str]:
    """trafilatura's precision mode, first without its fallback extractors (readability, jusText),
    which cost as much again; with them when the quick pass finds much less than the default pass."""
    quick = _paragraphs(trafilatura.extract(tree, url=url, include_comments=False, favor_precision=True, fast=True))
    if sum(len(p) for p in quick) >= 0.5 * sum(len(p) for p in default):
        return quick
    return _paragraphs(trafilatura.extract(tree, url=url, include_comments=False, favor_precision=True))


def extract_body(html: str, tree, url: str | None) -> tuple[Body, object]:
    # metadata comes from our own chains (extract.metadata), so trafilatura skips its own
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, with_metadata=False)
    default = _paragraphs(doc.text if doc is not None else None)
    precise = _precise_pass(tree, url, default)
    paras = merge_passes(default, precise)
    anchors = {_norm(a.text_content()) for a in tree.iter("a")}
    paras = clean_body(paras, titles=headline_candidates(tree, None), anchors=anchors)
    standfirst, paras = split_standfirst(paras, tree)
    notes = []
    if not paras:  # neither pass found a main text: take the page's text blocks, flagged as a guess
        paras = _paragraphs(trafilatura.baseline(deepcopy(tree))[1])  # baseline may prune the tree
        if paras:
            notes.append("no main text found: this is the page's whole text, not a recognised article body")
    return Body(paras, standfirst=standfirst, anchors=anchors, notes=notes), doc


def extract_html(html: str, *, input: str, url: str | None = None) -> Article:
    tree = load_html(html)
    if tree is None:
        return Article(input=input, url=url, notes=("the HTML could not be parsed",))
    body, doc = extract_body(html, tree, url)
    text = "\n\n".join(body.paragraphs)
    meta = extract_metadata(tree, html=html, url=url, body_text=text)
    confidence, doubts = assess_page(tree, body.paragraphs, body.anchors, page_type=meta.page_type,
                                     published=meta.published, url=url or meta.url)
    if body.notes:
        confidence = min(confidence, 0.3)
    notes = meta.notes + tuple(body.notes) + tuple(doubts)
    if not text:  # the last note becomes the error's reason (extract/__init__.py)
        against = [d for d in doubts if d.startswith("not an article")]
        notes += (against[0] if against else "no main text found in the page",)
    return Article(input=input, url=url or meta.url, text=text, title=meta.title, publisher=meta.publisher,
                   authors=meta.authors, credits=tuple(Credit("author", a) for a in meta.authors),
                   published=meta.published, updated=meta.updated, category=meta.category,
                   language=meta.language, standfirst=body.standfirst, notes=notes, confidence=confidence)
