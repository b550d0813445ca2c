"""Metadata written as visible lines of a text page: dates, bylines, publisher, reading time, category.

HTML has structured data; a text scrape only has what a reader sees: "Posted on February 21,
2025", "By Jane Doe, Example News", "4 min read", "Last updated: ...", "Published by X",
"Filed under Politics", "© 2019 Example Media Inc.". Each function reads one line and says what
it holds, or None. The phrases are those of page templates in general; none names a site.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# ---- reading time ----------------------------------------------------------------------------
_READING = re.compile(
    r"(?i)(?:\b(\d{1,3})\s*(?:-\s*)?(?:min(?:ute)?s?|mins?)\.?\s*(?:read|reading|de leitura|lesezeit|de lecture|de lectura)\b"
    r"|(?:reading time|read time|time to read|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture)"
    r"\s*:?\s*(?:about\s+)?(\d{1,3})\s*(?:min|minute|minuto|minuten))")


def reading_minutes(line: str) -> int | None:
    m = _READING.search(line)
    return int(m.group(1) or m.group(2)) if m else None


# ---- dates -----------------------------------------------------------------------------------
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
           r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DATE_CANDIDATES = re.compile(
    r"(?i)\b(?:"
    rf"{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"             # February 21, 2025
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}"  # 21 February 2025
    r"|\d{4}-\d{1,2}-\d{1,2}"                                       # 2025-02-21
    r"|\d{1,2}[./]\d{1,2}[./]\d{4}"                                  # 21.02.2025, 02/21/2025
    r"|\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?\d{4}"   # 22 de outubro de 2010, 3. März 2019
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2},?\s+\d{4}"                         # Maret 30, 2015
    r")")
_UPDATED_WORDS = re.compile(r"(?i)\b(?:updated?|last updated|modified|revised|atualizad[oa]|aktualisiert|"
                            r"actualizad[oa]|mis à jour|mise à jour|diperbarui)\b")
_PUBLISHED_WORDS = re.compile(r"(?i)\b(?:posted|published|first published|date|publicad[oa]|veröffentlicht|"
                              r"publié|diterbitkan|created)\b")


@dataclass(frozen=True)
class DateMention:
    kind: str   # published | updated
    iso: str    # YYYY-MM-DD


@lru_cache(maxsize=512)
def _parse_date(s: str, language: str | None) -> str | None:
    import dateparser

    langs = ["en"] if language in (None, "en") else [language, "en"]
    try:
        d = dateparser.parse(s, languages=langs, settings={"PREFER_DAY_OF_MONTH": "first",
                                                          "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # noqa: BLE001 - dateparser raises many kinds on odd input; a miss is fine
        return None
    if d is None or not 1990 <= d.year <= 2100:
        return None
    return d.date().isoformat()


def dates_in(line: str, language: str | None = None) -> list[DateMention]:
    """Dates written in a metadata line, each labelled by the word before it (updated or not)."""
    out = []
    prev_end = 0
    for m in _DATE_CANDIDATES.finditer(line):
        iso = _parse_date(m.group(0), language)
        if not iso:
            continue
        before = line[prev_end:m.start()]
        kind = "updated" if _UPDATED_WORDS.search(before) and not _PUBLISHED_WORDS.search(
            before[_UPDATED_WORDS.search(before).end():]) else "published"
        out.append(DateMention(kind, iso))
        prev_end = m.end()
    return out


def is_date_line(line: str, language: str | None = None) -> bool:
    """A short line that is mostly a date (with labels, times, zones, a byline)."""
    if len(line.split()) > 16:
        return False
    return bool(dates_in(line, language))


# ---- bylines and the publisher ---------------------------------------------------------------
_OUTLET_WORDS = re.compile(
    r"(?i)\b(?:news|review|times|post|journal|daily|herald|tribune|gazette|press|media|network|magazine|weekly|"
    r"chronicle|telegraph|guardian|observer|reporter|today|tv|radio|broadcasting|group|inc|ltd|llc|corp|"
    r"corporation|company|agency|publishing|publications?|digital|online|wire|staff|desk|editorial|bulletin|"
    r"insider|monitor|courier|examiner|sun|star|mirror|express|standard|register|dispatch|record|leader|"
    r"independent|finance|business|world|international|global|sports?)\b|\.(?:com|org|net|co|io|news)\b")
_BYLINE = re.compile(r"^(?:(?:posted|written|published|reported|story|words|photos?)\s+)?"
                     r"(?:by|von|por|par|oleh|door|di|av|af)\s*:?\s+(?P<who>[^\W\d_].{1,150})$", re.I)
_PUBLISHED_BY = re.compile(r"(?i)^(?:published|posted|brought to you|presented|produced)\s+by\s+(?P<who>.{2,80}?)\.?$")
_AUTHOR_LABEL = re.compile(r"(?i)^(?:author|written by|words by|story by|autor|auteur|penulis)\s*:?\s+(?P<who>.{2,100})$")
_COPYRIGHT = re.compile(r"(?i)(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
                        r"(?P<who>[A-Z][^.|©]{1,60}?)(?:\.|\s+all rights|\s*\||$)")
_PERSON = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|al|bin|le|la|del|di|dos)){1,4}$")


def looks_like_outlet(name: str) -> bool:
    name = name.strip()
    if not name:
        return False
    if _OUTLET_WORDS.search(name) or len(name.split()) >= 4:
        return True
    return bool(re.fullmatch(r"[A-Z]{2,6}", name))  # CNN, BBC, AP


def looks_like_person(name: str) -> bool:
    return bool(_PERSON.match(name.strip())) and not looks_like_outlet(name)


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...] = ()
    outlet: str | None = None


def _cut_dates(s: str) -> str:
    m = _DATE_CANDIDATES.search(s)
    if m:
        s = s[:m.start()]
    s = re.split(r"\s+[-–—/•]\s+|\s+(?:on|at|updated|posted|published)\b", s, maxsplit=1, flags=re.I)[0]
    return s.strip(" ,;:-–—|")


_STAFF = re.compile(r"(?i)^(?:(?:our|the)\s+)?(?:staff|staff writers?|staff reporters?|admin|editors?|editorial staff|"
                    r"news desk|web desk|correspondents?|reporters?)$")


def byline(line: str) -> Byline | None:
    """'By Jane Doe and John Roe, Example News' -> authors and the outlet they write for.
    After a '|' or 'for', or when it is named like one, a later part is the outlet."""
    line = line.strip()
    m = _BYLINE.match(line) or _AUTHOR_LABEL.match(line)
    if not m:
        return None
    who = _cut_dates(m.group("who"))
    if not who or len(who.split()) > 12:
        return None
    pieces = re.split(r"(\s*,\s*|\s*\|\s*|\s+for\s+)", who)
    authors: list[str] = []
    outlet = None
    for i in range(0, len(pieces), 2):
        part = pieces[i].strip()
        sep = pieces[i - 1].strip() if i else ""
        if not part:
            continue
        if _STAFF.match(part):
            continue
        names = [n.strip() for n in re.split(r"\s+(?:and|&|und|e|y|et)\s+", part) if n.strip()]
        if i and (sep in ("|", "for") or looks_like_outlet(part)):
            outlet = outlet or part
        elif all(looks_like_person(n) for n in names):
            authors += names
        elif not i and looks_like_outlet(part):
            outlet = part
        else:
            return None if not authors and outlet is None else Byline(tuple(authors), outlet)
    return Byline(tuple(authors), outlet) if authors or outlet else None


def published_by(line: str) -> str | None:
    """'Published by Example Finance Review' -> the outlet (a person's name is a byline, not this)."""
    m = _PUBLISHED_BY.match(line.strip())
    if not m:
        return None
    who = _cut_dates(m.group("who"))
    return who if who and looks_like_outlet(who) else None


def copyright_holder(line: str) -> str | None:
    m = _COPYRIGHT.search(line)
    if not m:
        return None
    who = m.group("who").strip(" ,")
    who = re.sub(r"(?i)\s*(?:all rights reserved.*)$", "", who)
    return who if 2 <= len(who) <= 60 and len(who.split()) <= 8 else None


# ---- the site's own section ------------------------------------------------------------------
_CATEGORY = (
    re.compile(r"(?i)^(?:explore|see|view|read|browse|find)?\s*(?:more|all)?\s*(?:articles|stories|posts|news)?\s*"
               r"(?:in|from|under)\s+(?:the\s+)?(?P<cat>[\w&' -]{2,40}?)\s+(?:category|section)\.?$"),
    re.compile(r"(?i)^(?:category|categories|section|filed under|posted in|published in|more in|kategorie|categoria)"
               r"\s*:?\s+(?P<cat>[\w&' ,-]{2,60}?)\.?$"),
)


def category(line: str) -> str | None:
    for pattern in _CATEGORY:
        m = pattern.match(line.strip())
        if m:
            cat = m.group("cat").split(",")[0].strip()
            if cat and len(cat.split()) <= 4:
                return cat
    return None
