"""Article text + spans -> safe HTML paragraphs with quotes, entity links and cited sentences marked.

Every span is a `[start, end)` offset into `Article.text`. The text is sliced at every span edge and
each slice is HTML-escaped; tags come only from this module, never from the article. Spans may
overlap in any way, so nesting is enforced by rank (paragraph > cited sentence > quote > entity):
when an inner element has to close or an outer one has to open in its middle, the elements above
it are closed and reopened, so the output is always well-formed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup, escape

from newsdesk.model import Article, Span
from newsdesk.web.views import entity_href   # (memoised: entity links fill every article body)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# Ranks: a lower rank is an outer element.
PARAGRAPH, SOURCE, QUOTE, ENTITY = 0, 1, 2, 3


@dataclass
class Mark:
    start: int
    end: int
    rank: int
    open_tag: Callable[[bool], str]   # called with first=True for the first piece of the element
    close_tag: Callable[[bool], str]  # called with last=True for the closing of the final piece
    order: int = 0                    # tie-breaker among marks of the same rank (stable output)
    opened: bool = field(default=False, repr=False)


def source_key(span: Span) -> str:
    return f"{span.start}-{span.end}"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _valid(span: Span | None, n: int) -> bool:
    return span is not None and 0 <= span.start < span.end <= n


def build_marks(article: Article, *, entity_links: bool = True,
                highlight: tuple[int, int] | None = None) -> list[Mark]:
    text, n = article.text, len(article.text)
    marks: list[Mark] = []
    for i, (s, e) in enumerate(_paragraph_spans(text)):
        marks.append(Mark(s, e, PARAGRAPH, lambda first: "<p>", lambda last: "</p>", i))

    # Cited sentences: one element per distinct span, shared by every takeaway that cites it.
    seen: set[Span] = set()
    for t in article.takeaways:
        for span in t.sources:
            if _valid(span, n) and span not in seen:
                seen.add(span)
                key = source_key(span)
                marks.append(Mark(span.start, span.end, SOURCE,
                                  lambda first, key=key: (f'<span class="src" data-src="{key}"'
                                                          + (f' id="src-{key}"' if first else "") + ">"),
                                  lambda last: "</span>", span.start))

    # A sentence linked from elsewhere (`?hl=START-END`, e.g. an entity's statement): marked and focused.
    if highlight and _valid(Span(*highlight), n):
        marks.append(Mark(highlight[0], highlight[1], SOURCE,
                          lambda first: '<mark class="hl"' + (' id="hl" tabindex="-1"' if first else "") + ">",
                          lambda last: "</mark>", -1))

    for q in article.quotes:
        if not _valid(q.content_span, n):
            continue
        who = q.speaker or "unattributed"
        label = escape(f"{who}{', ' + q.cue if q.cue else ''}")
        qid = f"q-{q.content_span.start}"
        marks.append(Mark(
            q.content_span.start, q.content_span.end, QUOTE,
            lambda first, qid=qid, kind=q.kind: (
                f'<span class="quote quote-{escape(kind)}" tabindex="0"'
                + (f' id="{qid}"' if first else "") + ">"),
            lambda last, label=label: (f'<span class="quote-by" role="note"> — {label}</span></span>'
                                       if last else "</span>"),
            q.content_span.start))

    if entity_links:
        for ent in article.entities:
            href = escape(entity_href(ent.name))
            cls = "ent ent-" + re.sub(r"[^A-Za-z_]", "", ent.type or "X")
            for m in ent.mentions:
                if _valid(m, n):
                    marks.append(Mark(m.start, m.end, ENTITY,
                                      lambda first, href=href, cls=cls: f'<a class="{cls}" href="{href}">',
                                      lambda last: "</a>", m.start))
    return marks


def _nesting(mk: Mark) -> tuple[int, int, int, int]:
    """Outer elements first: by rank, then the earlier and longer one, then a stable tie-breaker."""
    return (mk.rank, mk.start, -mk.end, mk.order)


def render_marks(text: str, marks: list[Mark]) -> Markup:
    """Interleave escaped text slices with the marks' tags, keeping elements properly nested.

    At every span edge the marks that should be open are computed (none outside a paragraph),
    ordered outer to inner; the open elements that differ from that are closed and the missing
    ones opened, so an element crossing another is split into pieces and the HTML stays valid.
    (Each article's first visit renders its body: this loop is the article page's hottest code,
    hence the precomputed sort keys and the text slices escaped all at once, see `_escape_all`.)
    """
    n = len(text)
    by_start: dict[int, list[Mark]] = {}
    ends = {0, n}
    for mk in marks:
        by_start.setdefault(mk.start, []).append(mk)
        ends.add(mk.end)
    cuts = sorted(ends.union(by_start))
    keys = {id(mk): _nesting(mk) for mk in marks}
    key = lambda mk: keys[id(mk)]  # noqa: E731
    out: list[str] = []
    slices: list[tuple[int, int]] = []   # text slices to show, escaped at the end into out[slot]
    slots: list[int] = []
    stack: list[Mark] = []
    active: list[Mark] = []
    for i, pos in enumerate(cuts):
        if active:
            active = [mk for mk in active if mk.end > pos]
        starting = by_start.get(pos)
        if starting:
            active += [mk for mk in starting if mk.end > pos]
        wanted = sorted(active, key=key) if len(active) > 1 else active
        if wanted and wanted[0].rank != PARAGRAPH:
            wanted = []   # the gap between paragraphs is only a line break: nothing is open there
        keep = 0
        while keep < len(stack) and keep < len(wanted) and stack[keep] is wanted[keep]:
            keep += 1
        if keep < len(stack):
            for mk in reversed(stack[keep:]):
                out.append(mk.close_tag(mk.end <= pos))
            del stack[keep:]
        for mk in wanted[keep:]:
            out.append(mk.open_tag(not mk.opened))
            mk.opened = True
            stack.append(mk)
        nxt = cuts[i + 1] if i + 1 < len(cuts) else n
        if stack and nxt > pos:
            slices.append((pos, nxt))
            slots.append(len(out))
            out.append("")
    for slot, escaped in zip(slots, _escape_all(text, slices)):
        out[slot] = escaped
    return Markup("".join(out))


def _escape_all(text: str, slices: list[tuple[int, int]]) -> list[str]:
    """The slices of `text`, HTML-escaped: one escape() call over all of them joined by NUL
    (escaping never touches NUL) instead of one call per slice, which cost as much as the rest."""
    if "\x00" in text:
        return [str(escape(text[a:b])) for a, b in slices]
    return str(escape("\x00".join(text[a:b] for a, b in slices))).split("\x00")


def render_body(article: Article, *, entity_links: bool = True,
                highlight: tuple[int, int] | None = None) -> Markup:
    return render_marks(article.text, build_marks(article, entity_links=entity_links, highlight=highlight))


def snippet_html(text: str, terms: list[str], *, width: int = 220) -> Markup:
    """A window of `text` around the first matching term, terms wrapped in <mark>, all escaped."""
    if not text:
        return Markup("")
    words = [t for t in terms if t]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(words, key=len, reverse=True)),
                         re.IGNORECASE) if words else None
    first = pattern.search(text) if pattern else None
    start = 0 if first is None else max(0, first.start() - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    window = text[start:end]
    out: list[str] = ["… " if start else ""]
    pos = 0
    for m in (pattern.finditer(window) if pattern else ()):
        out.append(str(escape(window[pos:m.start()])))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(str(escape(window[pos:])))
    out.append(" …" if end < len(text) else "")
    return Markup("".join(out).replace("\n\n", " "))
