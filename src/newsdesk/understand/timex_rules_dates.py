"""Rules for calendar expressions written out: full and partial dates, months, years,
decades, centuries, seasons, holidays and clock times."""
from __future__ import annotations

import datetime as dt
import re

from newsdesk.understand import timex_calendar as cal
from newsdesk.understand.timex_engine import Context, rule
from newsdesk.understand.timex_lexicon import (
    FIXED_HOLIDAYS, HOLIDAY_RE, LB, MONTH_RE, MONTHS, RB, SEASON_RE, SEASONS, SMALL_NUMBERS, TENS,
    WEEKDAY_RE, WEEKDAYS)

DATE, TIME = "DATE", "TIME"
ORD = r"(?:st|nd|rd|th)?"
# early/late/mid and "the end of": kept in the span, not in the value (TimeML puts them in `mod`)
PREMOD = (r"(?:(?:early|late|mid|the middle of|the beginning of|the start of|the end of|the close of"
          r"|the first half of|the second half of|the spring of|the summer of|the fall of|the autumn of"
          r"|the winter of)(?:-|\s+))?")
NOT_COUNTED = re.compile(r"^\s*(?:%|percent|per cent|people|persons|shares|troops|soldiers|workers|"
                         r"employees|members|students|units|cars|vehicles|copies|acres|feet|ft|meters|"
                         r"metres|miles|km|kilometers|tons|tonnes|barrels|points|jobs|deaths|cases|votes|"
                         r"homes|houses|pounds|kg|words|pages|rooms|seats|beds|delegates|children|men|"
                         r"women|refugees|prisoners|hours|minutes|years|days|yen|dollars|calories)\b", re.I)


def capitalised(word: str) -> bool:
    return word[:1].isupper()


def month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def valid_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def day_value(ctx: Context, m_: re.Match, month: int, day: int) -> str | None:
    """A month-day without a year: the year comes from the reference date and the tense."""
    if ctx.ref is None:
        return f"XXXX-{month:02d}-{day:02d}"
    y = cal.month_year(ctx.ref, month, ctx.tense(m_), day)
    d = valid_date(y, month, day)
    return d.isoformat() if d else None


# ---------------------------------------------------------------- full dates
@rule(LB + r"(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?" + RB)
def iso_date(m, ctx):
    d = valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    return (f"{d.isoformat()}T{m['hh']}:{m['mi']}", TIME) if m["hh"] else (d.isoformat(), DATE)


@rule(LB + r"(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:1[6-9]|20)\d\d|\d\d)" + r"(?![\w%/.-]\d)")
def numeric_date(m, ctx):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    options = [d for d in (valid_date(y, b, a), valid_date(y, a, b)) if d]  # day/month first, then month/day
    if not options:
        return None
    if ctx.ref is not None and len(options) == 2 and options[0] != options[1]:
        options.sort(key=lambda d: abs((d - ctx.ref).days))
    return options[0].isoformat(), DATE


@rule(LB + r"(?P<mon>" + MONTH_RE + r")\s*(?P<d>[0-3]?\d)" + ORD
      + r"(?:\s*,\s*|\s+)(?P<y>(?:1[0-9]|20)\d\d)" + r"(?![\w%])")
def month_day_year(m, ctx):
    if not capitalised(m["mon"]):
        return None
    d = valid_date(int(m["y"]), month_num(m["mon"]), int(m["d"]))
    return (d.isoformat(), DATE) if d else None


@rule(LB + r"(?:the\s+)?(?P<d>[0-3]?\d)" + ORD + r"\s+(?:of\s+)?(?P<mon>"
      + MONTH_RE + r"),?\s+(?P<y>(?:1[0-9]|20)\d\d)" + r"(?![\w%])")
def day_month_year(m, ctx):
    if not capitalised(m["mon"]):
        return None
    d = valid_date(int(m["y"]), month_num(m["mon"]), int(m["d"]))
    return (d.isoformat(), DATE) if d else None


@rule(LB + r"(?:on\s+)?(?P<wd>" + WEEKDAY_RE + r"),?\s+(?P<mon>" + MONTH_RE + r")\s*(?P<d>[0-3]?\d)" + ORD
      + r"(?:,?\s+(?P<y>(?:1[0-9]|20)\d\d))?" + r"(?![\w%])")
def weekday_and_date(m, ctx):
    """"Monday, Oct. 26": one day, named twice; the date decides."""
    if not (capitalised(m["mon"]) and capitalised(m["wd"])):
        return None
    if m["y"]:
        d = valid_date(int(m["y"]), month_num(m["mon"]), int(m["d"]))
        return (d.isoformat(), DATE) if d else None
    value = day_value(ctx, m, month_num(m["mon"]), int(m["d"]))
    return (value, DATE) if value else None


@rule(LB + r"(?P<mon>" + MONTH_RE + r")\s*(?P<d>[0-3]?\d)" + ORD + RB)
def month_day(m, ctx):
    if not capitalised(m["mon"]) or not 1 <= int(m["d"]) <= 31:
        return None
    if m["mon"].lower() == "may" and NOT_COUNTED.match(ctx.after(m)):
        return None
    value = day_value(ctx, m, month_num(m["mon"]), int(m["d"]))
    return (value, DATE) if value or ctx.ref is None else None


@rule(LB + r"(?:the\s+)?(?P<d>[0-3]?\d)" + ORD + r"\s+(?:of\s+)?(?P<mon>"
      + MONTH_RE + r")" + RB)
def day_month(m, ctx):
    if not capitalised(m["mon"]) or not 1 <= int(m["d"]) <= 31:
        return None
    value = day_value(ctx, m, month_num(m["mon"]), int(m["d"]))
    return (value, DATE) if value or ctx.ref is None else None


# ---------------------------------------------------------------- months
@rule(LB + PREMOD + r"(?P<mon>" + MONTH_RE + r"),?\s+(?:of\s+)?(?P<y>(?:1[0-9]|20)\d\d)" + r"(?![\w%])")
def month_year(m, ctx):
    if not capitalised(m["mon"]):
        return None
    return cal.month(int(m["y"]), month_num(m["mon"])), DATE


@rule(LB + PREMOD + r"(?P<mon>" + MONTH_RE + r")\s+(?:of\s+)?(?P<rel>this|last|next)\s+year" + RB)
def month_of_relative_year(m, ctx):
    if not capitalised(m["mon"]):
        return None
    if ctx.ref is None:
        return None, DATE
    y = ctx.ref.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return cal.month(y, month_num(m["mon"])), DATE


@rule(LB + PREMOD + r"(?:(?P<rel>last|this|next|this past|this coming)\s+)?(?P<mon>" + MONTH_RE + r")" + RB)
def month_alone(m, ctx):
    word = m["mon"]
    if not capitalised(word):
        return None
    mo = month_num(word)
    if len(word) <= 4 and not word.endswith(".") and word.lower() not in ("may", "june", "july"):
        return None  # "Jan Kavan": a bare abbreviation is a name more often than a month
    if not m["rel"] and re.match(r"\s+(?:for|of|on|against|to)\s+(?:the\s+)?[A-Z]", ctx.after(m, 20)) \
            and word.lower() == "march":
        return None  # "the March for Life", "a march on Washington"
    if word.lower() == "may":
        # "May" the month, not the modal verb opening a sentence: wants a preposition or a modifier
        left = ctx.before(m, 12).lower()
        if not (m["rel"] or re.search(r"\b(?:in|since|until|by|of|from|through|before|after|during|early|"
                                      r"late|mid|last|next|this)\W*$", left) or m.group(0).lower() != "may"):
            return None
    if ctx.ref is None:
        return f"XXXX-{mo:02d}", DATE
    rel = (m["rel"] or "").lower()
    ref = ctx.ref
    if rel in ("last", "this past"):
        y = ref.year if mo < ref.month else ref.year - 1
    elif rel in ("next", "this coming"):
        y = ref.year if mo > ref.month else ref.year + 1
    elif rel == "this":
        y = ref.year
    else:
        y = cal.month_year(ref, mo, ctx.tense(m))
    return cal.month(y, mo), DATE


# ---------------------------------------------------------------- years, decades, centuries
@rule(LB + PREMOD + r"(?:(?P<pre>post|pre)-)?(?:(?P<fiscal>fiscal|calendar|fiscal year|model year)\s+)?"
      r"(?P<y>(?:1[0-9]|20)\d\d)(?![\w%]|-\d)")
def year(m, ctx):
    if NOT_COUNTED.match(ctx.after(m)) or re.search(r"(?:[$#£€]|\d,)\s*$", ctx.before(m, 3)):
        return None
    if re.search(r"\b(?:no\.|number|flight|route|room|page|article|section|model|rule|code)\s*$", ctx.before(m, 12), re.I):
        return None
    return m["y"], DATE


@rule(LB + r"the\s+(?:(?P<fiscal>fiscal|calendar)\s+)?(?P<y>(?:1[0-9]|20)\d\d)\s+(?:fiscal year|year|season)" + RB)
def year_period(m, ctx):
    return m["y"], DATE


@rule(LB + r"(?:the\s+)?(?:(?:early|late|mid)(?:-|\s+))?(?:(?P<c>1[0-9]|20)(?P<d>\d)0|'(?P<d2>\d)0)'?s" + RB)
def decade(m, ctx):
    if m["c"]:
        return f"{m['c']}{m['d']}", DATE
    century = 19 if ctx.ref is None or int(m["d2"]) * 10 + 1900 <= ctx.ref.year else 18
    return f"{century}{m['d2']}", DATE


@rule(LB + r"(?:the\s+)?(?:(?:early|late|mid)(?:-|\s+))?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>first|second|third|"
      r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
      r"seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[- ]century" + RB)
def century(m, ctx):
    words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth", "twentieth", "twenty-first"]
    n = int(m["n"]) if m["n"] else words.index(m["w"].lower()) + 1
    return f"{n - 1:02d}", DATE


_SPOKEN_YEAR = (r"(?:nineteen|twenty)\s+(?:(?:" + "|".join(TENS) + r")(?:[- ](?:one|two|three|four|five|six|seven|"
                r"eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")


@rule(LB + r"(?:the\s+year\s+)?(?P<sp>" + _SPOKEN_YEAR + r"|two thousand(?:\s+and\s+\w+)?)" + RB)
def spoken_year(m, ctx):
    words = re.split(r"[\s-]+", m["sp"].lower())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        extra = sum(SMALL_NUMBERS.get(w, 0) + TENS.get(w, 0) for w in rest)
        return f"{2000 + extra}", DATE
    if (words[0] == "nineteen" and words[1] not in TENS) and not m.group(0).lower().startswith("the year") \
            and not re.search(r"\b(?:in|since|of|until|by)\s*$",
                                                                   ctx.before(m, 8), re.I):
        return None
    head = 1900 if words[0] == "nineteen" else 2000
    tail = sum(SMALL_NUMBERS.get(w, 0) + TENS.get(w, 0) for w in words[1:])
    return f"{head + tail}", DATE


# ---------------------------------------------------------------- seasons and holidays
@rule(LB + r"(?:(?P<prep>in|during|by|since|until|through|for)\s+)?(?P<t>" + PREMOD
      + r"(?:(?P<rel>last|this|next|this past|this coming|the|early|late)\s+)?(?:(?:early|late|mid)(?:-|\s+))?"
      + r"(?P<s>" + SEASON_RE + r")(?:\s+(?:of\s+)?(?P<y>(?:1[0-9]|20)\d\d))?)" + r"(?![\w%-])")
def season(m, ctx):
    if not (m["prep"] or m["rel"] or m["y"] or m.group("t").lower() != m["s"].lower()):
        return None
    if m["s"].lower() == "fall" and not (m["rel"] or m["y"]) and m["prep"] not in ("in", "during", "since", "until"):
        return None
    code = SEASONS[m["s"].lower()]
    if m["y"]:
        return f"{m['y']}-{code}", DATE
    if ctx.ref is None:
        return None, DATE
    rel = (m["rel"] or "").lower()
    if rel in ("last", "this past"):
        y = cal.season_year(ctx.ref, code, "last")
    elif rel in ("next", "this coming"):
        y = cal.season_year(ctx.ref, code, "next")
    else:
        y = cal.season_year(ctx.ref, code, "this")
    return f"{y}-{code}", DATE


def holiday_date(name: str, y: int) -> dt.date | None:
    name = name.lower()
    if name in FIXED_HOLIDAYS:
        return dt.date(y, *FIXED_HOLIDAYS[name])
    if name.startswith("thanksgiving"):
        return cal.weekday_date(dt.date(y, 11, 1), 3, cal.FUTURE) + dt.timedelta(weeks=3)
    if name == "labor day":
        return cal.weekday_date(dt.date(y, 9, 1), 0, cal.FUTURE)
    if name == "memorial day":
        return cal.weekday_date(dt.date(y, 5, 31), 0, cal.PAST)
    if name == "election day":  # US: the Tuesday after the first Monday of November
        return cal.weekday_date(dt.date(y, 11, 2), 1, cal.FUTURE)
    if name.startswith("easter"):
        from dateutil.easter import easter
        return easter(y)
    return None


@rule(LB + r"(?P<h>" + HOLIDAY_RE + r")(?:\s+(?P<y>(?:1[0-9]|20)\d\d))?" + RB)
def holiday(m, ctx):
    if not capitalised(m["h"]):
        return None
    if m["y"]:
        d = holiday_date(m["h"], int(m["y"]))
    elif ctx.ref is None:
        return None, DATE
    else:
        d = holiday_date(m["h"], ctx.ref.year)
        tense = ctx.tense(m)
        if d and tense == cal.PAST and d > ctx.ref:
            d = holiday_date(m["h"], ctx.ref.year - 1)
        elif d and tense in (cal.FUTURE, cal.PRESENT) and d < ctx.ref:
            d = holiday_date(m["h"], ctx.ref.year + 1)
    return (d.isoformat(), DATE) if d else None


# ---------------------------------------------------------------- clock times
CLOCK = (r"(?:(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b)|(?P<hh>[0-2]?\d):(?P<mm>[0-5]\d)"
         r"(?=\s*(?:[ECMP][SD]T|GMT|UTC|local time|hours|h)\b)|(?P<noon>noon|midday|midnight))"
         r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC|local time)\b)?")
DAYREF = (r"(?:(?P<wd>" + WEEKDAY_RE + r")|(?P<deictic>today|yesterday|tomorrow)|(?P<mon>" + MONTH_RE
          + r")\s*(?P<d>[0-3]?\d)" + ORD + r")")


def clock_value(m) -> str | None:
    if m["noon"]:
        return "24:00" if m["noon"].lower() == "midnight" else "12:00"
    if m["ampm"]:
        h = int(m["h"])
        if not 1 <= h <= 12:
            return None
        pm = m["ampm"].lower().startswith("p")
        h = (h % 12) + (12 if pm else 0)
        return f"{h:02d}:{m['mi'] or '00'}"
    h = int(m["hh"])
    return f"{h:02d}:{m['mm']}" if h <= 24 else None


def dayref_date(m, ctx: Context) -> dt.date | None:
    """The day named next to a clock time (a weekday, today/yesterday, a month-day), else the reference."""
    ref = ctx.ref
    if ref is None:
        return None
    if m["wd"]:
        return cal.weekday_date(ref, WEEKDAYS[m["wd"].lower().rstrip(".")], ctx.tense(m) or cal.PAST)
    if m["deictic"]:
        return ref + dt.timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["deictic"].lower()])
    if m["mon"]:
        if not capitalised(m["mon"]):
            return None
        mo, d = month_num(m["mon"]), int(m["d"])
        return valid_date(cal.month_year(ref, mo, ctx.tense(m), d), mo, d)
    return ctx.last_date if ctx.last_date and abs((ctx.last_date - ref).days) <= 7 else ref


def _clock(m, ctx):
    hm = clock_value(m)
    if hm is None:
        return None
    if m["noon"] and (m["noon"][:1].isupper() and m.start() > 0 and not re.search(r"[.!?\"'`]\s*$", ctx.text[:m.start()])
                      or re.search(r"\bhigh\s*$", ctx.before(m, 6), re.I)):
        return None  # "High Noon", a title
    if m["mon"] and not capitalised(m["mon"]):
        return None
    d = dayref_date(m, ctx)
    return (f"{d.isoformat()}T{hm}" if d else None), TIME


@rule(LB + r"(?:at\s+|by\s+)?" + r"(?P<t>" + CLOCK + r"(?:,?\s+(?:on\s+)?" + DAYREF + r")?)" + RB)
def clock_then_day(m, ctx):
    return _clock(m, ctx)


@rule(LB + r"(?P<t>" + DAYREF + r",?\s+(?:at\s+)?" + CLOCK + r")" + RB)
def day_then_clock(m, ctx):
    return _clock(m, ctx)


@rule(LB + r"(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?\s+in\s+"
      r"the\s+(?P<pod>morning|afternoon|evening)" + RB)
def hour_of_part_of_day(m, ctx):
    n = m["n"].lower()
    h = int(n) if n.isdigit() else SMALL_NUMBERS[n]
    if not 1 <= h <= 12:
        return None
    if m["pod"].lower() != "morning" and h < 12:
        h += 12
    return (f"{ctx.ref.isoformat()}T{h:02d}:00" if ctx.ref else None), TIME
