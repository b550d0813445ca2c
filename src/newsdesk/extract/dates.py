"""Publication and update dates of an HTML page: a fallback chain that ends in htmldate.

Sources, most direct first:
1. structured data: JSON-LD / microdata `datePublished` / `dateModified`, meta tags
   (`article:published_time`, `DC.date`, `article:modified_time`, ...);
2. what the page shows its reader: a date printed right next to the headline (bylines, "Posted on …",
   "Last updated …"), and dates after a publication cue anywhere ("Veröffentlicht am …", "Erschienen am:");
3. htmldate's extensive search for the original date.

The shown date settles disagreements. Pages carry several machine dates (published, modified,
UTC vs local time, a date of the template) and sites differ in which one they mean; the date printed
under the headline is the one the page stands by. So: a shown date that one of the machine dates
confirms wins; then a cued date; then a date shown by the headline; then the machine's published
date; then htmldate.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Callable

from htmldate import find_date
from htmldate.extractors import try_date_expr

MIN_DATE = datetime(1995, 1, 1)
WINDOW_AFTER, WINDOW_BEFORE = 500, 200  # characters of page text around the headline searched for dates
SHOWN_ALONE = 100                        # a shown date with no machine date to back it must be this close

_L = r"[^\W\d_]"  # a letter, in any script
_DATE_IN_TEXT = re.compile(
    r"(?<!\d)\d{4}-\d\d-\d\d(?!\d)"                          # 2023-11-07
    r"|(?<!\d)\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)?\d\d(?!\d)"   # 03.12.2011, 4. 2. 2022
    r"|(?<!\d)\d{1,2}/\d{1,2}/(?:19|20)\d\d(?!\d)"            # 06/13/2019
    rf"|(?<!\d)\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:de\s+)?{_L}{{3,}}\.?,?\s+(?:de\s+)?(?:19|20)\d\d\b"  # 18. März 2020
    rf"|\b{_L}{{3,}}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b")                            # June 13, 2019
# One list of cue words, so the scan for cue words and the cue tests before a date cannot drift apart.
_UPDATE_WORDS = (r"updated?|aktualisiert|letzte änderung|geändert|modified|stand|actualizado|mis à jour|"
                 r"bijgewerkt|aggiornato")
_PUBLISH_WORDS = (r"veröffentlicht|erschienen|publiziert|published|posted|datum|publié|publicado|pubblicato|"
                  r"gepubliceerd|written|erstellt|created")
_UPDATE_CUE = re.compile(rf"(?:{_UPDATE_WORDS})\W*\w*\W*$", re.I)
_PUBLISH_CUE = re.compile(rf"(?:{_PUBLISH_WORDS})\W{{0,3}}(?:on|am|le|el|il|op|at|:)?\W{{0,3}}(?:\w+,?\s){{0,2}}$",
                          re.I)
_CUE_WORD = re.compile(f"{_UPDATE_WORDS}|{_PUBLISH_WORDS}", re.I)
_NUMERIC_DMY = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{2,4})$")
_ISO_DAY = re.compile(r"\s*(\d{4}-\d\d-\d\d)")


@dataclass(frozen=True)
class ShownDate:
    date: str      # YYYY-MM-DD
    offset: int    # characters from the headline (negative: before it)
    updated: bool  # preceded by an update cue ("Last updated", "Aktualisiert")


@dataclass(frozen=True)
class PageDates:
    published: str | None
    updated: str | None
    how: str  # which link of the chain gave `published` (kept in Article.notes when useful)


def parse_date(value: str | None, *, max_date: datetime | None = None) -> str | None:
    """A date string in any common format -> YYYY-MM-DD, or None."""
    # today is part of the cache key: a long-running server must not keep rejecting a date that was
    # in the future when it was first seen
    return _parse_date(value, max_date or _today())


@lru_cache(maxsize=4096)
def _parse_date(value: str | None, max_date: datetime) -> str | None:
    if not value:
        return None
    value = " ".join(str(value).split())[:100]
    m = _ISO_DAY.match(value)
    if m:
        return _checked(m.group(1), max_date)
    m = _NUMERIC_DMY.match(value)
    if m:  # day.month.year: htmldate reads some of these month-first
        day, month, year = (int(g) for g in m.groups())
        year += 2000 if year < 100 else 0
        try:
            return _checked(datetime(year, month, day).strftime("%Y-%m-%d"), max_date)
        except ValueError:
            return None
    # htmldate's own parser (numeric and month-name dates in many languages); not its dateparser
    # fallback, which costs a hundred times more and adds little on short date strings
    return try_date_expr(value, "%Y-%m-%d", False, MIN_DATE, max_date)


def _today() -> datetime:
    return datetime.now().replace(hour=23, minute=59, second=0, microsecond=0)


def _checked(day: str, max_date: datetime | None) -> str | None:
    try:
        when = datetime.strptime(day, "%Y-%m-%d")
    except ValueError:
        return None
    return day if MIN_DATE <= when <= (max_date or _today()) else None


def dates_in_text(text: str) -> list[tuple[int, str, str]]:
    """(offset, YYYY-MM-DD, the 40 characters before it) for every date written in `text`."""
    out = []
    for m in _DATE_IN_TEXT.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        day = parse_date(m.group(0))
        if day:
            out.append((m.start(), day, before))
    return out


def shown_near_headline(text: str, headline_at: int | None, headline_len: int) -> list[ShownDate]:
    """Dates printed within a window around the headline, nearest first."""
    if headline_at is None:
        return []
    start = max(0, headline_at - WINDOW_BEFORE)
    end = headline_at + headline_len + WINDOW_AFTER
    found = []
    for offset, day, before in dates_in_text(text[start:end]):
        at = start + offset
        rel = at - (headline_at + headline_len) if at >= headline_at else at - headline_at
        found.append(ShownDate(day, rel, bool(_UPDATE_CUE.search(before))))
    return sorted(found, key=lambda d: abs(d.offset))


def cued_dates(text: str) -> tuple[list[str], list[str]]:
    """Dates anywhere in the page text after a publication cue, and after an update cue.

    Cue words are found first and only the 60 characters after each are searched for a date:
    scanning a whole page for dates costs ten times more."""
    published, updated, seen = [], [], set()
    for cue in _CUE_WORD.finditer(text):
        start = max(0, cue.start() - 5)
        window = text[start:cue.end() + 60]
        for m in _DATE_IN_TEXT.finditer(window):
            before = window[max(0, m.start() - 40):m.start()]
            bucket = updated if _UPDATE_CUE.search(before) else published if _PUBLISH_CUE.search(before) else None
            if bucket is None or start + m.start() in seen:
                continue
            day = parse_date(m.group(0))     # only dates with a cue are parsed
            if day:
                seen.add(start + m.start())
                bucket.append(day)
    return published, updated


def choose_dates(*, structured_published: list[str], structured_updated: list[str], shown: list[ShownDate],
                 cued_published: list[str], cued_updated: list[str],
                 htmldate_guess: str | None | Callable[[], str | None]) -> PageDates:
    """Apply the chain described in the module docstring. Inputs are YYYY-MM-DD strings;
    `htmldate_guess` may be a function, called only when the chain gets that far (it is the slow link)."""
    structured = set(structured_published + structured_updated)
    shown_updated = [s.date for s in shown if s.updated]
    updated = (structured_updated[:1] or shown_updated[:1] or cued_updated[:1] or [None])[0]
    guessed: list[str | None] = []

    def guess() -> str | None:
        if not guessed:
            guessed.append(htmldate_guess() if callable(htmldate_guess) else htmldate_guess)
        return guessed[0]

    def confirmed(day: str) -> bool:
        return day in structured or day == guess()

    def pick(published: str, how: str) -> PageDates:
        return PageDates(published, updated if updated and updated > published else None, how)

    for s in shown:
        if confirmed(s.date):
            return pick(s.date, "date shown by the headline, confirmed by the page's metadata")
    for day in cued_published:
        if confirmed(day):
            return pick(day, "date after a publication cue, confirmed by the page's metadata")
    if cued_published:
        return pick(cued_published[0], "date after a publication cue in the page text")
    if structured_published and structured_published[0] == guess():
        return pick(structured_published[0], "structured data, confirmed by htmldate")
    for s in shown:
        if abs(s.offset) <= SHOWN_ALONE:
            return pick(s.date, "date shown by the headline")
    if structured_published:
        return pick(structured_published[0], "structured data (JSON-LD, microdata or meta tags)")
    if guess():
        return pick(guess(), "htmldate's search of the page")
    return PageDates(None, updated, "no date found in the page")


def htmldate_original(html_or_tree) -> str | None:
    try:
        return find_date(html_or_tree, extensive_search=True, original_date=True)
    except Exception:  # noqa: BLE001 - htmldate fails on odd markup; the chain goes on without it
        return None
