"""A scraped plain-text page -> Article, the same Article its HTML would give.

Two kinds of text come in. A *plain article* (a headline, a blank line, the body) keeps all of
its body. A *scrape* (a copy-paste of a page, a text browser's dump) also carries the page's
furniture: menus, bylines, dates, share buttons, captions, related links, footers, sometimes
the header printed twice, and wire-service trimmings around the story (standfirst, credit
line, machine-written takeaways). Lines are described by their shape (`furniture.py`); the
body is then found by *place*: the stretch of the page where prose lines outweigh furniture
(a maximum-sum run over per-line scores, as in Finn et al.'s Body Text Extraction). What lies
around it is read for metadata (`textmeta.py`) and for the story's own trimmings.
"""
from __future__ import annotations

import re

from newsdesk.extract import textmeta
from newsdesk.extract.furniture import KEY_POINTS_HEADING, Line, describe_page, repeated_texts
from newsdesk.extract.language import detect_language
from newsdesk.extract.wire import find_dateline, is_credit_line
from newsdesk.model import Article, Credit

_BULLET_START = re.compile(r"^\s*(?:[•◦▪▫□■●○·‣∙◆◇►▶*+-]|\d{1,2}[.)])\s")


def extract_text(raw: str, *, input: str, url: str | None = None) -> Article:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    language = detect_language(raw)
    lines = describe_page(raw, language)
    if not lines:
        return Article(input=input, url=url, language=language, notes=("the text page is empty",))
    page = _Page(lines, language)
    start, end = page.extend_with_list(*page.body_bounds())
    meta = page.metadata(start, end)
    title = page.title(start)
    key_points, skip = page.key_points(start, end)
    body = [ln for ln in lines[start:end + 1] if ln.index not in skip and page.keep_in_body(ln, title, start, end)]
    standfirst, body = _split_standfirst(body, page)
    body, site_takeaways, category = _split_tail(body, page)
    site_takeaways = key_points + site_takeaways
    text = "\n\n".join(ln.text for ln in body)
    notes = () if page.is_scrape else ("plain article: no page furniture found",)
    authors = tuple(meta.get("authors", ()))
    return Article(
        input=input, url=url, text=text, title=title, language=detect_language(text) or language,
        publisher=meta.get("publisher"), authors=authors, credits=tuple(Credit("author", a) for a in authors),
        published=meta.get("published"), updated=meta.get("updated"),
        category=category or meta.get("category"), agency=meta.get("agency"),
        standfirst=standfirst, site_takeaways=tuple(site_takeaways), notes=notes,
    )


# ---- line scores for finding the body ---------------------------------------------------------
PENALTY = {"comments": float("-inf"), "widget": -6.0, "cue": -6.0, "bullet": -4.0, "placeholder": -1.5, "rule": -2.0,
           "code": -2.0, "photo": -3.0}
REPEAT_PENALTY = -5.0
META_PENALTY = -3.0
SHORT_PENALTY = -1.5
COMMENTS_WEIGHT = 0.5
ISOLATED_WEIGHT = 0.35
MIN_PROSE_SCORE = 15.0  # below this the page has no prose run worth the name
MAX_LINE_SCORE = 20  # one long line (a disclaimer, an 'about us') must not outweigh a story


class _Page:
    def __init__(self, lines: list[Line], language: str | None):
        self.lines = lines
        self.language = language
        self.repeated = repeated_texts(lines)
        self._meta_cache: dict[int, bool] = {}
        # code, separator rules and numbered lists turn up in plain articles too; they prove nothing
        echoes = {ln.text.casefold() for ln in lines if self.is_echo(ln)}  # a caption printed twice is one
        furniture = len(echoes) + sum((ln.furniture and ln.kind not in ("code", "rule") and not ln.raw[:1].isdigit())
                                      or self.is_meta(ln) for ln in lines)
        # a plain article may have a headline and a stray furniture-like line; a scrape has more
        self.is_scrape = furniture >= 3 or (furniture >= 2 and furniture > 0.2 * len(lines))

    def is_repeated(self, ln: Line) -> bool:
        return ln.text.casefold() in self.repeated

    def is_echo(self, ln: Line) -> bool:
        """A line printed twice in a row (an image and its caption, a teaser and its link)."""
        where = self.repeated.get(ln.text.casefold())
        return bool(where) and any(0 < abs(j - ln.index) <= 2 for j in where)

    def repeated_outside(self, ln: Line, start: int, end: int) -> bool:
        where = self.repeated.get(ln.text.casefold(), ())
        return any(not start <= j <= end for j in where)

    def is_meta(self, ln: Line) -> bool:
        """Dates, bylines, reading times, 'Published by': page metadata, not story text."""
        if ln.index not in self._meta_cache:
            t = ln.text
            short = ln.words <= 16
            self._meta_cache[ln.index] = short and bool(
                textmeta.reading_minutes(t) is not None or textmeta.published_by(t)
                or textmeta.byline(t) or textmeta.category(t)
                or (ln.words <= 12 and not ln.sentence_like and textmeta.is_date_line(t, self.language)))
        return self._meta_cache[ln.index]

    def score(self, ln: Line) -> float:
        if ln.furniture:
            return PENALTY[ln.kind]
        if self.is_echo(ln):
            return REPEAT_PENALTY
        if self.is_meta(ln):
            return META_PENALTY
        if ln.sentence_like:
            # a line repeated elsewhere on the page (a teaser, a copy of the page's data) neither
            # makes nor breaks a body
            if self.is_repeated(ln):
                return 0.0
            score = min(float(ln.words), MAX_LINE_SCORE)
            # prose between short lines on both sides is a card of a teaser grid (headline,
            # author, one-line summary, time) more often than a paragraph of the story
            return score * ISOLATED_WEIGHT if self._isolated(ln) else score
        return SHORT_PENALTY

    def _isolated(self, ln: Line) -> bool:
        i = ln.index
        prev_ = self.lines[i - 1] if i > 0 else None
        next_ = self.lines[i + 1] if i + 1 < len(self.lines) else None
        return all(n is None or not n.sentence_like or n.furniture for n in (prev_, next_))

    def body_bounds(self) -> tuple[int, int]:
        """First and last line of the body: everything for a plain article, else the max-sum run.
        A run found after a comment-section opener ("34 Comments", "Leave a reply") counts half:
        a page may link its comments from the header, but prose below one is mostly readers'.
        A page without prose (a results table, a schedule) is scored by its plain lines instead."""
        if not self.is_scrape:
            return 0, len(self.lines) - 1
        best, span = self._max_run(self.score)
        if best < MIN_PROSE_SCORE:
            best, span = self._max_run(self._score_without_prose)
        return span

    def _score_without_prose(self, ln: Line) -> float:
        if ln.furniture or self.is_echo(ln) or self.is_meta(ln) or self.is_repeated(ln):
            return -3.0
        return 1.0 if ln.words >= 3 else -0.5

    def _max_run(self, score) -> tuple[float, tuple[int, int]]:
        best, best_span = float("-inf"), (0, len(self.lines) - 1)
        run, run_start, weight = 0.0, 0, 1.0
        for i, ln in enumerate(self.lines):
            s = score(ln)
            if ln.kind == "comments":
                run, weight = 0.0, COMMENTS_WEIGHT
                continue
            if run <= 0:
                run, run_start = s, i
            else:
                run += s
            if run * weight > best:
                best, best_span = run * weight, (run_start, i)
        return best, best_span

    def extend_with_list(self, start: int, end: int) -> tuple[int, int]:
        """A story may close with a list it announces ("Tour dates:", "The winners were:"): short
        lines the max-sum run leaves out. Take the run of plain lines after such a colon."""
        n = len(self.lines)
        colon_at = next((k for k in (end, end + 1) if k < n and self.lines[k].text.endswith(":")
                         and not self.lines[k].furniture), None)
        if colon_at is None:
            return start, end
        k = colon_at + 1
        while k < n and not self.lines[k].furniture and not self.is_meta(self.lines[k]) \
                and not self.is_repeated(self.lines[k]) and self.lines[k].words <= 30:
            k += 1
        return (start, k - 1) if k - 1 - colon_at >= 2 else (start, end)

    def key_points(self, start: int, end: int) -> tuple[list[str], set[int]]:
        """The page's own key points: the list under a "Key Points"-like heading near the top of
        the body. Returns them and the lines they take (heading included)."""
        for ln in self.lines[max(0, start - 10):min(end, start + 10) + 1]:
            if not KEY_POINTS_HEADING.match(ln.text):
                continue
            points, taken = [], {ln.index}
            for item in self.lines[ln.index + 1:ln.index + 12]:
                if not (_BULLET_START.match(item.raw) and item.words >= 4 and item.kind in (None, "bullet")):
                    break
                points.append(item.text)
                taken.add(item.index)
            if len(points) >= 2:
                return points, taken
        return [], set()

    def keep_in_body(self, ln: Line, title: str | None, start: int, end: int) -> bool:
        if not self.is_scrape:
            if ln.kind == "code" or not title:
                return ln.kind != "code"
            return not (ln.index == 0 and title.startswith(ln.text)
                        or ln.index == 1 and title.endswith(" " + ln.text) and title != ln.text)
        if ln.kind == "bullet" and self._is_list_item_of_body(ln, start, end):
            return True
        if ln.furniture or self.is_echo(ln) or self.is_meta(ln) or self.repeated_outside(ln, start, end):
            return False
        following = self.lines[ln.index + 1] if ln.index + 1 < len(self.lines) else None
        if following is not None and following.kind == "photo" and not following.blank_before:
            return False  # the caption of the picture credited on the next line
        return not (title and ln.text == title)

    def _is_list_item_of_body(self, ln: Line, start: int, end: int) -> bool:
        """A bullet inside the body is part of the story (a list, a subhead) when it says
        something (four words or more) and stands next to prose, not in a run of menu items."""
        if ln.words < 4 or self.is_repeated(ln):
            return False
        i = ln.index
        near = self.lines[max(start, i - 3):min(end, i + 3) + 1]
        return any(n.sentence_like and not n.furniture for n in near)

    # ---- the headline -----------------------------------------------------------------------
    def title(self, body_start: int) -> str | None:
        """The headline: for a plain article its first line; for a scrape the nearest
        headline-shaped line above the body."""
        first = self.lines[0]
        if not self.is_scrape:
            if len(self.lines) < 2:
                return None
            second = self.lines[1]
            if first.text.endswith(";") and not second.blank_before and second.words <= 30:
                return f"{first.text} {second.text}"  # a two-line headline: "Main line;\nsecond line."
            # a first line set apart by a blank line is the headline when it reads like one, or
            # when the story proper opens with a dateline right after it
            if _headline_shaped(first) or (second.blank_before and first.words <= 30
                                           and find_dateline(second.text) and not find_dateline(first.text)):
                return first.text
            return None
        # a copy-paste starts with the headline and its metadata block (publisher, date, reading time)
        if self._title_candidate(first) and any(self.is_meta(ln) for ln in self.lines[1:4]):
            return first.text
        window = self.lines[max(0, body_start - 25):body_start + 1]
        # else the headline sits right above the byline/date block nearest the story
        for k in range(len(window) - 1, 0, -1):
            if self.is_meta(window[k]):
                for ln in reversed(window[max(0, k - 3):k]):
                    if self._title_candidate(ln):
                        return ln.text
        for ln in reversed(window):
            if ln.index == body_start and ln.sentence_like:
                continue
            if self._title_candidate(ln):
                return ln.text
        return None

    def _title_candidate(self, ln: Line) -> bool:
        if ln.furniture or self.is_meta(ln) or "@" in ln.text or textmeta.looks_like_person(ln.text):
            return False  # an author's name or handle sits between headline and story too
        return ln.words >= 4 and _headline_shaped(ln)

    # ---- metadata lines around the body -----------------------------------------------------
    def metadata(self, start: int, end: int) -> dict:
        meta: dict = {}
        header = self.lines[max(0, start - 40):start + 3]
        footer = self.lines[end + 1:end + 60]
        for ln in header + footer:
            t = ln.text
            if ln.words > 25:
                continue
            if "publisher" not in meta:
                pub = textmeta.published_by(t)
                if pub:
                    meta["publisher"] = pub
            by = textmeta.byline(t)
            if by and ln in header:
                if by.authors and "authors" not in meta:
                    meta["authors"] = by.authors
                if by.outlet:
                    from newsdesk.extract.wire import AGENCY_NAMES, normalize_agency

                    if by.outlet.casefold() in AGENCY_NAMES:
                        meta.setdefault("agency", normalize_agency(by.outlet))
                    else:
                        meta.setdefault("byline_outlet", by.outlet)
            if ln in header and ln.words <= 16 and not ln.sentence_like:
                for d in textmeta.dates_in(t, self.language):
                    meta.setdefault(d.kind, d.iso)
            if "category" not in meta:
                cat = textmeta.category(t)
                if cat:
                    meta["category"] = cat
        # the publisher: "Published by X", else the outlet of the byline, else the copyright holder
        if "publisher" not in meta and meta.get("byline_outlet"):
            meta["publisher"] = meta["byline_outlet"]
        if "publisher" not in meta:
            for ln in footer[::-1]:
                holder = textmeta.copyright_holder(ln.text)
                if holder:
                    meta["publisher"] = holder
                    break
        if meta.get("updated") and meta.get("published") and meta["updated"] < meta["published"]:
            meta["published"], meta["updated"] = meta["updated"], meta["published"]
        return meta


_LEDE_WORDS = re.compile(r"(?i)\b(?:the|a|an|has|have|had|was|were|is|are)\b")
_MINOR_WORDS = {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from",
                "as", "is", "are", "was", "be", "it", "its", "his", "her", "their", "that", "this", "not", "vs", "via",
                "into", "over", "after", "up", "about", "than", "if"}


def _headline_shaped(ln: Line) -> bool:
    """Short, one line, not a sentence of a story: a headline. Headlines may end with a period,
    so the test is on length, on Title Case and on the words a lede has and a headline drops
    (articles, auxiliaries, the past-tense 'said')."""
    if ln.furniture or not (3 <= ln.words <= 30):
        return False
    text = ln.text
    found = find_dateline(text)
    if found and found.end >= len(text.rstrip()) - 1:
        return False  # a dateline standing alone ("HAVANA (AP) --")
    if re.search(r"[:;,]$", text) or re.search(r"\bsaid\b", text):
        return False
    if not re.search(r"[.!?…]$", text):
        return True
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    if len(content) >= 3 and all(w[:1].isupper() for w in content):
        return ln.words <= 24  # Title Case
    return ln.words <= 16 and len(words) >= 6 and not _LEDE_WORDS.search(text)


# ---- the story's own trimmings ---------------------------------------------------------------
def _split_standfirst(body: list[Line], page: _Page) -> tuple[str | None, list[Line]]:
    """A summary paragraph printed above the lede: the lines before the one with the dateline,
    when the dateline comes right after them."""
    for k, ln in enumerate(body[:4]):
        if find_dateline(ln.text):
            if k == 0:
                return None, body
            before = body[:k]
            if all(b.sentence_like for b in before) and sum(b.words for b in before) <= 120:
                return " ".join(b.text for b in before), body[k:]
            return None, body
    return None, body


def _split_tail(body: list[Line], page: _Page) -> tuple[list[Line], list[str], str | None]:
    """After a wire credit line the story is over: what follows is the site's takeaways (a run
    of one-sentence lines) or furniture. A category line ends some pages."""
    category = None
    while body and textmeta.category(body[-1].text):
        category = textmeta.category(body[-1].text)
        body = body[:-1]
    credit_at = None
    for k in range(len(body) - 1, max(-1, len(body) - 12), -1):
        if is_credit_line(body[k].text):
            credit_at = k
            break
    if credit_at is None or credit_at == len(body) - 1:
        return body, [], category
    after = body[credit_at + 1:]
    takeaways = [ln.text for ln in after if ln.sentence_like and ln.words <= 60]
    if len(takeaways) >= 2 and len(takeaways) == len(after):
        return body[:credit_at + 1], takeaways, category
    return body, [], category
