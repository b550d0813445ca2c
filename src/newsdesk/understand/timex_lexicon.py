"""Words of time: months, weekdays, numbers, units, seasons, parts of day, holidays.

Each table maps a lower-cased word to what it means; each `*_RE` is the regex fragment the
rules in `timex_rules` are built from (no capturing groups inside fragments, so the rules
can name their own).
"""
from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
MONTH_RE = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
            r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)")

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
# abbreviations only with their full stop: "Sun" and "Sat" are words of their own
WEEKDAY_RE = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
              r"|(?:mon|tues?|wed|thurs?|thu|fri|sat|sun)\.)")

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "final": 4, "last": 4}
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "a couple of", "couple of", "a number of"}

_SMALL = "|".join(sorted(SMALL_NUMBERS, key=len, reverse=True))
_TENS = "|".join(TENS)
NUMBER_WORD_RE = rf"(?:(?:{_TENS})(?:[- ](?:{_SMALL}))?|{_SMALL}|a hundred|one hundred|a thousand)"
NUMBER_RE = (rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{NUMBER_WORD_RE}|a couple of|couple of|a few|several|many"
             rf"|a|an)(?:\s+and\s+a\s+half)?")

# unit word -> (TIMEX3 duration letter, multiplier, needs the "T" time designator)
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "month": ("M", 1, False), "year": ("Y", 1, False), "quarter": ("Q", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "weekend": ("D", 2, False),
}
UNIT_RE = r"(?:second|minute|hour|day|night|week|month|year|quarter|decade|century|centuries|weekend)s?"

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_RE = r"(?:spring|summer|fall|autumn|winter)"

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
PART_OF_DAY_RE = r"(?:morning|afternoon|evening|night)"

# holidays with a fixed day (month, day); movable ones are computed in timex_rules
FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
    "bastille day": (7, 14), "boxing day": (12, 26),
}
HOLIDAY_RE = (r"(?:christmas(?: day| eve)?|new year's (?:day|eve)|independence day|halloween"
              r"|valentine's day|veterans day|bastille day|boxing day|thanksgiving(?: day)?"
              r"|memorial day|labor day|election day|easter(?: sunday)?)")

# a word-boundary that also refuses hyphens and digits around a match
LB = r"(?<![\w$#£€.-])"
RB = r"(?![\w%-])"


def number_value(text: str) -> float | None:
    """'three' -> 3, '2 1/2' -> 2.5, 'twenty-five' -> 25, 'a' -> 1; None for vague words."""
    t = text.lower().strip()
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")].strip(), 0.5
    if t.endswith(" 1/2"):
        t, half = t[:-4].strip(), 0.5
    if t in VAGUE_NUMBERS:
        return None
    if t in ("a", "an"):
        return 1 + half
    if t in ("a hundred", "one hundred"):
        return 100 + half
    if t == "a thousand":
        return 1000 + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    parts = re.split(r"[- ]", t)
    total = 0
    for p in parts:
        if p in TENS:
            total += TENS[p]
        elif p in SMALL_NUMBERS:
            total += SMALL_NUMBERS[p]
        else:
            return None
    return total + half


def unit_key(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "century"
    return w[:-1] if w.endswith("s") and w[:-1] in UNITS else w
