"""Rules for expressions resolved against the reference date or an earlier expression:
weekdays, today/yesterday, parts of day, this/last/next week-month-year, "N units ago",
fiscal quarters and halves, weekends, "that year" anaphora."""
from __future__ import annotations

import datetime as dt
import re

from newsdesk.understand import timex_calendar as cal
from newsdesk.understand.timex_engine import Context, rule
from newsdesk.understand.timex_lexicon import (
    LB, MONTH_RE, MONTHS, NUMBER_RE, ORDINALS, PART_OF_DAY_RE, PARTS_OF_DAY, RB, UNIT_RE, WEEKDAY_RE, WEEKDAYS,
    number_value, unit_key)
from newsdesk.understand.timex_rules_dates import capitalised

DATE, TIME = "DATE", "TIME"
REL_WORDS = {"last": "last", "this past": "last", "this last": "last", "past": "last", "next": "next",
             "this coming": "next", "coming": "next"}


def pod_suffix(word: str | None) -> str:
    return f"T{PARTS_OF_DAY[word.lower()]}" if word else ""


# ---------------------------------------------------------------- weekdays
@rule(LB + r"(?P<t>(?:on\s+)?(?:(?P<mod>early|late)\s+)?(?:(?P<rel>last|next|this|this past|this coming|this last)\s+)?"
      r"(?P<wd>" + WEEKDAY_RE + r")(?!'s\s+" + PART_OF_DAY_RE + r")(?:\s+(?P<pod>" + PART_OF_DAY_RE + r"))?)"
      + r"(?![\w-])")
def weekday(m, ctx):
    if not capitalised(m["wd"]):
        return None
    if ctx.ref is None:
        return None, DATE
    wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
    rel = (m["rel"] or "").lower()
    if rel in REL_WORDS:
        direction = REL_WORDS[rel]
    elif rel == "this":
        direction = cal.FUTURE if ctx.tense(m) != cal.PAST else cal.PAST
    elif re.search(r"\b(?:as (?:early|soon) as|no later than|starting|beginning)\s+$", ctx.before(m, 24), re.I):
        direction = cal.FUTURE
    elif ctx.after(m, 2) in ("'s", "\u2019s"):
        direction = cal.PAST  # "Wednesday's ruling": a reported event; the clause verb is about later
    else:
        # the tense of the governing verb decides: "said on Tuesday" / "falls on Monday"
        direction = cal.FUTURE if ctx.tense(m) in (cal.FUTURE, cal.PRESENT) else cal.PAST
    d = cal.weekday_date(ctx.ref, wd, direction)
    return d.isoformat() + pod_suffix(m["pod"]), (TIME if m["pod"] else DATE)


# ---------------------------------------------------------------- today, yesterday, tonight, this morning
DEICTIC_SHIFT = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0,
                 "the day before yesterday": -2, "the day after tomorrow": 2}


@rule(LB + r"(?:(?P<mod>early|late|later|earlier)\s+)?(?P<w>the day before yesterday|the day after tomorrow|today|"
      r"yesterday|tomorrow|tonight)(?:\s+(?P<pod>" + PART_OF_DAY_RE + r"))?" + r"(?![\w-])")
def deictic_day(m, ctx):
    w = m["w"].lower()
    pod = m["pod"] or ("night" if w == "tonight" else None)
    if ctx.ref is None:
        return None, DATE
    d = ctx.ref + dt.timedelta(days=DEICTIC_SHIFT[w])
    if w == "tonight" and not m["pod"]:
        return d.isoformat(), DATE
    return d.isoformat() + pod_suffix(pod), (TIME if m["pod"] else DATE)


@rule(LB + r"(?:(?P<mod>early|late|later|earlier)\s+)?(?:(?P<rel>this|last|the)\s+)?(?:mid[- ]?)?(?P<pod>"
      + PART_OF_DAY_RE + r")(?:\s+(?P<deictic>yesterday|today|tomorrow))?" + RB)
def part_of_day(m, ctx):
    rel = (m["rel"] or "").lower()
    if not (rel in ("this", "last") or m["deictic"] or m.group(0).lower().startswith("mid")):
        return None
    if ctx.ref is None:
        return None, TIME
    shift = -1 if rel == "last" else {"yesterday": -1, "tomorrow": 1}.get((m["deictic"] or "").lower(), 0)
    return (ctx.ref + dt.timedelta(days=shift)).isoformat() + pod_suffix(m["pod"]), TIME


@rule(LB + r"(?:earlier|later|early|late)\s+(?:that|the same)\s+(?P<pod>day|" + PART_OF_DAY_RE + r")" + RB, anchor=False)
def earlier_that_day(m, ctx):
    d = ctx.last_date or ctx.ref
    if d is None:
        return None, DATE
    pod = m["pod"].lower()
    return (d.isoformat(), DATE) if pod == "day" else (d.isoformat() + pod_suffix(pod), TIME)


# ---------------------------------------------------------------- this week, last month, next year ...
PERIOD_MOD = (r"(?:(?P<mod>early|late|mid|earlier|later|the end of|the beginning of|the start of|the middle of"
              r"|the rest of|the remainder of|the first half of|the second half of|the balance of)(?:-|\s+))?")


def relative_period(ref: dt.date, unit: str, n: int, tense: str | None = None) -> str | None:
    if unit == "weekend":
        base = cal.weekday_date(ref, 5, cal.PAST if tense == cal.PAST else cal.FUTURE)
        if ref.weekday() == 6:
            base = ref - dt.timedelta(days=1)
        return cal.week(base + dt.timedelta(weeks=n)) + "-WE"
    return cal.shift(ref, unit, n)


@rule(LB + PERIOD_MOD + r"(?P<rel>this|last|next|the past|the last|the previous|the coming|the next|the current|this past|"
      r"this coming|the following|the preceding)\s+(?:(?P<fiscal>fiscal|calendar)\s+)?"
      r"(?P<u>week|month|year|quarter|weekend|decade|century)" + r"(?![\w-]|'s\s+(?:first|second|third|fourth))")
def this_last_next(m, ctx):
    rel, unit = m["rel"].lower(), m["u"].lower()
    if rel in ("the past", "the last") and unit in ("decade", "century"):
        return ("P10Y" if unit == "decade" else "P100Y"), "DURATION"
    if rel == "the next" and unit == "decade":
        return "P10Y", "DURATION"
    if ctx.ref is None:
        return None, DATE
    n = {"this": 0, "the current": 0, "last": -1, "the past": -1, "the last": -1, "the previous": -1,
         "this past": -1, "the preceding": -1, "next": 1, "the coming": 1, "the next": 1, "this coming": 1,
         "the following": 1}[rel]
    if unit == "week" and n == -1 and ctx.ref.weekday() == 6:
        n = 0  # on a Sunday "last week" is the week ending that day (news weeks start on Sunday)
    if m.group(0)[-4:] == "Week" and m.group(0)[:4] == "This":
        return None  # "This Week", a programme title
    return relative_period(ctx.ref, unit, n, ctx.tense(m)), DATE


@rule(LB + r"(?P<before>before|until|till)\s+the (?:end|close) of\s+(?:the|this)\s+(?P<u>week|month|year|quarter)" + RB)
def before_end_of_period(m, ctx):
    # a deadline: everything from the reference day to the last day of the period
    if ctx.ref is None:
        return None, DATE
    return f"{ctx.ref.isoformat()}/{cal.period_end(ctx.ref, m['u'].lower()).isoformat()}", DATE


@rule(LB + r"(?P<t>the (?:end|close|beginning|start|middle) of\s+(?:the|this)\s+(?P<u>week|month|year|quarter))" + RB)
def end_of_period(m, ctx):
    # "by the end of the year" is the year itself (TimeML keeps "end" in a modifier)
    if ctx.ref is None:
        return None, DATE
    return cal.shift(ctx.ref, m["u"].lower(), 0), DATE


@rule(LB + r"the\s+week\s+of\s+(?P<mon>" + MONTH_RE + r")\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?" + RB)
def week_of(m, ctx):
    if not capitalised(m["mon"]) or ctx.ref is None:
        return None if not capitalised(m["mon"]) else (None, DATE)
    mo, d = MONTHS[m["mon"].lower().rstrip(".")], int(m["d"])
    try:
        day = dt.date(cal.month_year(ctx.ref, mo, ctx.tense(m), d), mo, d)
    except ValueError:
        return None
    return cal.week(day), DATE


@rule(LB + r"(?P<t>(?:earlier|later|early|late)\s+in\s+the\s+(?P<u>week|month|year))" + RB)
def earlier_in_the_period(m, ctx):
    if ctx.ref is None:
        return None, DATE
    return cal.shift(ctx.ref, m["u"].lower(), 0), DATE


@rule(LB + r"(?:(?:by|around|at|before)\s+)?(?P<t>year-end|year end|year's end|(?:the\s+)?end of the year)" + RB)
def year_end(m, ctx):
    if ctx.ref is None:
        return None, DATE
    if "-" in m["t"] or m["t"].lower() in ("year end", "year's end"):
        return f"{ctx.ref.year}-12-31", DATE
    return str(ctx.ref.year), DATE


@rule(LB + r"(?P<t>(?:over\s+)?the\s+weekend)" + RB)
def the_weekend(m, ctx):
    if ctx.ref is None:
        return None, DATE
    return relative_period(ctx.ref, "weekend", 0, ctx.tense(m) or cal.PAST), DATE


# ---------------------------------------------------------------- N units ago
APPROX = r"(?:(?:about|nearly|almost|some|roughly|more than|less than|over|just|only|at least|around|approximately|barely)\s+)"


@rule(LB + APPROX + r"?(?P<n>" + NUMBER_RE + r")\s+(?P<u>" + UNIT_RE + r")\s+(?:or so\s+)?(?P<dir>ago|earlier|from now|hence)" + RB, anchor=False)
def units_ago(m, ctx):
    unit = unit_key(m["u"])
    n = number_value(m["n"])
    if unit in ("second", "minute", "hour", "night", "weekend"):
        return None
    direction = m["dir"].lower()
    if direction == "earlier" and unit != "year":
        return None  # "a day earlier" is a duration in TimeML
    sign = 1 if direction in ("from now", "hence") else -1
    if n is None:
        return ("FUTURE_REF" if sign > 0 else "PAST_REF"), DATE
    if ctx.ref is None:
        return None, DATE
    if unit == "year" and n == 1:
        return year_ago(ctx, m.start(), sign), DATE
    if unit == "decade":
        unit, n = "year", n * 10
    if unit == "century":
        unit, n = "year", n * 100
    if n != int(n):
        return None, DATE
    return cal.shift(ctx.ref, unit, sign * int(n)), DATE


def year_ago(ctx: Context, pos: int, sign: int = -1) -> str | None:
    """"A year ago/earlier": in earnings news, the same quarter a year before; else the year."""
    # the quarter must have been named nearby: "a year earlier" after a nine-month figure
    # or in another story of a round-up is the year
    if sign < 0 and ctx.ref is not None and ctx.quarter_near(pos):
        y, q = reported_quarter(ctx)
        return cal.quarter(y - 1, q)
    return str(ctx.ref.year + sign) if ctx.ref else None


# ---------------------------------------------------------------- quarters, halves, fiscal periods
@rule(LB + r"(?:(?P<the>the)\s+)?(?:(?P<yr>(?:1[0-9]|20)\d\d|next year's|this year's|last year's|the year's|year-ago|"
      r"year-earlier|the current|the latest|the comparable|comparable)\s+)?(?:(?P<fiscal>fiscal|calendar)\s+)?"
      r"(?:(?P<y2>(?:1[0-9]|20)\d\d)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[- ]"
      r"(?:fiscal\s+)?(?:quarter|qtr\.?|period)(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y3>(?:1[0-9]|20)\d\d)|(?P<rely>this|last|next)"
      r"\s+year))?" + RB)
def ordinal_quarter(m, ctx):
    q = ORDINALS[m["ord"].lower()]
    yr = (m["yr"] or "").lower()
    explicit = m["y3"] or m["y2"] or (yr if yr[:1].isdigit() else None)
    if explicit:
        y = int(explicit)
    elif ctx.ref is None:
        return None, DATE
    else:
        shift = {"next year's": 1, "last year's": -1, "year-ago": -1, "year-earlier": -1}.get(yr, 0)
        if m["rely"]:
            shift = {"this": 0, "last": -1, "next": 1}[m["rely"].lower()]
        y = ctx.ref.year + shift
        if not shift and not m["rely"]:
            # a quarter that has not begun yet is last year's, unless the verb looks ahead
            if dt.date(y, 3 * q - 2, 1) > ctx.ref and ctx.tense(m) not in (cal.FUTURE,):
                y -= 1
    return cal.quarter(y, q), DATE


QUARTER_NOUN = r"(?:quarter|period)"


@rule(LB + r"(?P<t>(?:the|that|this)\s+(?:(?P<yr>(?:1[0-9]|20)\d\d)\s+)?(?:(?P<kind>latest|current|most recent|recent|"
      r"just-ended|latest fiscal|fiscal|comparable|same|year-ago|year-earlier|prior-year|year-before|comparable year-ago|"
      r"comparable year-earlier|year-ago fiscal|year-earlier fiscal|corresponding)\s+)?(?P<noun>quarter|period))"
      r"(?!\s+of\b)(?:\s+(?P<ly>last year|a year (?:ago|earlier)))?" + RB, anchor=False)
def the_quarter(m, ctx):
    kind = (m["kind"] or "").lower()
    noun = m["noun"].lower()
    if noun == "period" and not (kind or m["yr"]):
        return None  # "the period" alone is too vague
    if kind in ("same", "corresponding") and not m["ly"]:
        return None
    if ctx.ref is None:
        return None, DATE
    if m["yr"] and noun == "period" and ctx.last_quarter is None:
        return m["yr"], DATE  # "the 1988 period" outside quarterly results: the year
    if kind == "current":
        y, q = cal.quarter_of(ctx.ref)
    else:
        y, q = reported_quarter(ctx)
    if m["yr"]:
        y = int(m["yr"])
    elif "year-" in kind or "prior-year" in kind or m["ly"]:
        y -= 1
    return cal.quarter(y, q), DATE


def reported_quarter(ctx: Context) -> tuple[int, int]:
    """The quarter "the quarter", "the latest period" or "a year ago" are about: the last one
    named, unless that one has not ended yet (a "fourth-quarter charge" announced in
    November), then the latest completed quarter."""
    completed = cal.add_quarters(*cal.quarter_of(ctx.ref), -1)
    if ctx.last_quarter and ctx.last_quarter <= completed:
        return ctx.last_quarter
    return completed


@rule(LB + r"(?P<t>(?:the\s+)?(?:comparable\s+)?(?:year-ago|year-earlier|prior-year)|last year's\s+(?:quarter|period))"
      r"(?!\s+(?:quarter|period|first|second|third|fourth))" + RB, anchor=False)
def year_ago_adjective(m, ctx):
    if ctx.ref is None:
        return None, DATE
    return year_ago(ctx, m.start()), DATE


@rule(LB + r"(?:the\s+)?(?P<ord>first|second|last|latter|final)[- ]half(?:\s+of\s+(?:(?P<y>(?:1[0-9]|20)\d\d)|"
      r"(?P<rely>this|last|next|the)\s+year))?" + RB)
def half_year(m, ctx):
    h = 1 if m["ord"].lower() == "first" else 2
    if m["y"]:
        return f"{m['y']}-H{h}", DATE
    if ctx.ref is None:
        return None, DATE
    y = ctx.ref.year + {"last": -1, "next": 1}.get((m["rely"] or "").lower(), 0)
    if not m["rely"] and dt.date(y, 6 * h - 5, 1) > ctx.ref and ctx.tense(m) != cal.FUTURE:
        y -= 1
    return f"{y}-H{h}", DATE


@rule(LB + r"(?P<t>(?:the\s+)?(?:full|current|fiscal|latest|whole|entire|calendar)\s+(?:fiscal\s+)?year)"
      r"(?!\s+(?:ended|ending|that ended|to|through)\b)" + RB)
def the_fiscal_year(m, ctx):
    if ctx.ref is None:
        return None, DATE
    return str(ctx.ref.year), DATE


@rule(LB + r"(?P<t>the\s+(?:fiscal\s+)?year)(?=\s+(?:ended|ending|that ended|through|to)\s)")
def the_year_ended(m, ctx):
    return "P1Y", "DURATION"


# ---------------------------------------------------------------- anaphora: that year, the same day
@rule(LB + r"(?P<t>(?:that|the same)\s+(?P<u>year|month|day|week))" + RB, anchor=False)
def that_period(m, ctx):
    u = m["u"].lower()
    if u == "year":
        y = ctx.last_year or (ctx.ref.year if ctx.ref else None)
        return (str(y) if y else None), DATE
    if u == "month":
        ym = ctx.last_month or ((ctx.ref.year, ctx.ref.month) if ctx.ref else None)
        return (cal.month(*ym) if ym else None), DATE
    d = ctx.last_date or ctx.ref
    if d is None:
        return None, DATE
    return (d.isoformat() if u == "day" else cal.week(d)), DATE
