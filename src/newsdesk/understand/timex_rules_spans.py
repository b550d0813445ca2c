"""Rules for stretches and repetitions of time, and for the vague present/past/future:
durations ("three years" P3Y, "two-day" P2D, "recent years" PXY), sets ("weekly" P1W,
"every Tuesday" XXXX-WXX-2) and PRESENT_REF / PAST_REF / FUTURE_REF."""
from __future__ import annotations

import re

from newsdesk.understand.timex_engine import rule
from newsdesk.understand.timex_lexicon import (
    LB, MONTH_RE, MONTHS, NUMBER_RE, PARTS_OF_DAY, RB, SEASON_RE, SEASONS, UNIT_RE, UNITS, WEEKDAY_RE, WEEKDAYS,
    number_value, unit_key)

DURATION, SET, DATE = "DURATION", "SET", "DATE"
# a bare "a year" is a duration only after words like these ("for a year", "within a week")
A_UNIT_CUES = re.compile(r"\b(?:for|within|in|about|nearly|almost|over|only|barely|just|than|after|least|take|takes|"
                         r"took|taken|lasted|lasting|spent|spend|last|half|once|up to|some|another|roughly|around|"
                         r"during|past)\s*$", re.I)


def duration_value(n: float | None, unit: str) -> str:
    """3, 'year' -> P3Y; 5.5, 'hour' -> PT5H30M; None (vague) -> PXY."""
    letter, mult, timed = UNITS[unit]
    t = "T" if timed else ""
    if n is None:
        if unit == "century":
            return "PXC"
        return f"P{t}X{letter}"
    n = n * mult
    whole = int(n)
    frac = n - whole
    if frac == 0:
        return f"P{t}{whole}{letter}"
    sub = {("Y", False): (12, "M"), ("H", True): (60, "M"), ("M", True): (60, "S"), ("D", False): (24, "H")}.get(
        (letter, timed))
    if sub:
        k, sub_letter = sub
        if letter == "D":
            return f"P{whole}DT{int(frac * k)}H" if whole else f"PT{int(frac * k)}H"
        return f"P{t}{whole}{letter}{int(frac * k)}{sub_letter}" if whole else f"P{t}{int(frac * k)}{sub_letter}"
    return f"P{t}{n:g}{letter}"


APPROX = (r"(?:(?:about|nearly|almost|some|roughly|more than|less than|over|just|only|at least|up to|barely|around|"
          r"approximately|at most|upwards of|close to|fewer than|under)\s+)")


@rule(LB + r"(?P<t>" + APPROX + r"?(?:(?P<each>each of)\s+)?(?:(?P<det>the|a|its|their|his|her|an)\s+)?"
      r"(?:(?P<rel>past|last|next|first|coming|final|previous|latest|following|remaining|initial|preceding|same|"
      r"additional|further|extra)\s+)?"
      r"(?P<n>" + NUMBER_RE + r")(?P<sep>[- ]|\s*-\s*)(?:(?P<more>more|additional|straight|consecutive|full|trading|business|working|"
      r"calendar)\s+)?"
      r"(?P<u>" + UNIT_RE + r")(?P<half>\s+and\s+a\s+half)?)(?P<long>-long)?(?![\w])(?!-(?:old|year|month|week|day))")
def duration(m, ctx):
    unit = unit_key(m["u"])
    word = m["n"].lower()
    after = ctx.after(m, 12).lower()
    if re.match(r"\s*(?:-?\s*old|of age)\b", after):
        return None  # ages: "52 years old", "a 44-year-old"
    if unit == "quarter" and re.match(r"\s+of\b", after):
        return None  # "three quarters of the vote"
    if unit in ("second", "quarter", "night") and word in ("a", "an"):
        return None  # "a second term", "a quarter of"
    if (m["rel"] or "").lower() == "last" and not m["det"] and re.search(
            r"\b(?:may|might|will|would|could|should|can|must|to|did|does|do|'ll|not)\s*$", ctx.before(m, 10), re.I):
        return None  # "may last three years": the verb; "three years" is found on its own
    if re.fullmatch(r"1\d\d\d|20\d\d", word) and m["sep"] == " ":
        return None  # "the 1988 quarter" is a year
    approx = re.match(APPROX, m.group("t"), re.I)
    relative = re.match(r"\s+(?:earlier|later|before|after)\b", after)
    if word in ("a", "an", "one") and not (m["det"] or m["rel"] or m["long"] or m["more"] or approx or relative):
        if word in ("a", "an") and not A_UNIT_CUES.search(ctx.before(m, 12)):
            return None
        if word in ("a", "an") and re.match(r"\s+(?:or|and)\b", after):
            return None  # "a year or two"
    if m["det"] and m["det"].lower() in ("a", "an") and word in ("a", "an"):
        return None
    if m["det"] and m["det"].lower() in ("a", "an") and not (m["sep"].strip() == "-" or m["more"]):
        # "a 10-year bond" is fine; "a five years" is not English
        if not m["sep"].startswith("-") and unit not in ("year", "month", "week", "day", "hour"):
            return None
    n = number_value(m["n"])
    if n is not None and m["half"]:
        n += 0.5
    if n is not None and n > 10000:
        return None
    return duration_value(n, unit), DURATION


@rule(LB + r"(?:(?P<prep>for|within|in|over|during|after|since|of)\s+)?(?P<t>(?:the\s+)?(?:(?P<rel>past|last|next|coming|"
      r"recent|previous|following|early)\s+)?(?:(?P<q>few|several|many|some|a few|a couple of|couple of)\s+)?"
      r"(?P<u>years|months|weeks|days|decades|hours|minutes|centuries|quarters))" + RB)
def vague_duration(m, ctx):
    prep = (m["prep"] or "").lower()
    rel = (m["rel"] or "").lower()
    if not (rel or m["q"] or prep in ("for", "within", "over")):
        return None
    if prep == "of" and not rel:
        return None
    if rel == "recent" and m["u"].lower() == "years":
        return "PAST_REF", DATE
    if rel in ("coming", "next") and not m["q"] and m["u"].lower() in ("years", "decades"):
        return "FUTURE_REF", DATE
    unit = unit_key(m["u"])
    if unit == "decade":
        return "PXY", DURATION
    return duration_value(None, unit), DURATION


@rule(LB + r"(?P<t>(?:decades|years|months|weeks|centuries)-long)" + RB)
def vague_long(m, ctx):
    return ("PXY" if m.group("t").lower().startswith(("decade", "year")) else duration_value(None, unit_key(m.group("t").split("-")[0]))), DURATION


@rule(LB + r"(?:(?P<ago>many|several|some|a few|few)\s+)?years\s+ago" + RB)
def years_ago(m, ctx):
    return "PAST_REF", DATE


# ---------------------------------------------------------------- sets
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
               "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "semiannually": "P6M",
               "biannually": "P6M", "every day": "P1D"}


@rule(LB + r"(?:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|biannually)" + RB)
def set_adverb(m, ctx):
    word = m.group(0).lower()
    if word in ("weekly", "monthly") and re.match(r"\s+(?:magazine|newspaper|paper|publication|journal|report|newsletter)",
                                                  ctx.after(m, 20), re.I):
        return None
    return SET_ADVERBS[word], SET


@rule(LB + r"(?P<t>(?:every|each)\s+(?:(?P<other>other|single)\s+)?(?:(?P<n>" + NUMBER_RE + r")\s+)?(?P<u>day|week|month|year|"
      r"quarter|hour|minute|morning|afternoon|evening|night|weekend|" + WEEKDAY_RE + r"|spring|summer|fall|autumn|winter|"
      + MONTH_RE + r")s?)" + RB)
def every(m, ctx):
    u = m["u"].lower()
    if u.rstrip(".") in WEEKDAYS:
        if not m["u"][:1].isupper():
            return None
        return f"XXXX-WXX-{WEEKDAYS[u.rstrip('.')] + 1}", SET
    if u in PARTS_OF_DAY:
        return f"XXXX-XX-XXT{PARTS_OF_DAY[u]}", SET
    if u.rstrip(".") in MONTHS and u not in ("second", "minute"):
        return (f"XXXX-{MONTHS[u.rstrip('.')]:02d}", SET) if m["u"][:1].isupper() else None
    if u in SEASONS:
        return f"XXXX-{SEASONS[u]}", SET
    if u == "weekend":
        return "XXXX-WXX-WE", SET
    n = number_value(m["n"]) if m["n"] else 1
    if m["other"] and m["other"].lower() == "other":
        n = 2
    if m["u"].lower().endswith("s") and not m["n"]:
        return None  # "each years" is not a set
    return duration_value(n, unit_key(u)), SET


@rule(LB + r"(?P<t>(?:once|twice|three times|four times|(?:\d+|several|many)\s+times)\s+(?:a|an|per|each|every)\s+"
      r"(?P<u>day|week|month|year|quarter|hour|minute|decade))" + RB)
def times_per(m, ctx):
    return duration_value(1, m["u"].lower()), SET


@rule(LB + r"(?P<t>(?:a|per)\s+(?P<u>year|month|week|day|hour))(?!\s+(?:ago|earlier|later|before|after|or|and|from|"
      r"in|of)\b)" + RB)
def rate_per(m, ctx):
    # "$5 a year", "300,000 barrels a day": a number or money amount just before
    left = ctx.before(m, 30)
    if not re.search(r"(?:\d|\b(?:million|billion|thousand|hundred|cents?|dollars?|percent|%))[^.;:\d]{0,20}$", left):
        return None
    if re.search(r"\b(?:for|in|within|than|about|nearly|over|after|once|twice|times)\s*$", left):
        return None
    return duration_value(1, m["u"].lower()), SET


@rule(LB + r"(?:on\s+)?(?P<t>(?P<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)|weekends)" + RB)
def plural_weekday(m, ctx):
    if m["wd"]:
        if not m["wd"][:1].isupper():
            return None
        return f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()[:-1]] + 1}", SET
    return "XXXX-WXX-WE", SET


# ---------------------------------------------------------------- now, recently, the future
@rule(LB + r"(?P<t>right now|just now|now|currently|nowadays|presently|at present|these days|the present)" + RB)
def present_ref(m, ctx):
    word = m.group("t").lower()
    if word == "now" and re.match(r"-", ctx.after(m, 1)):
        return None
    if word == "presently" and re.match(r"\s+(?:to|be)\b", ctx.after(m, 5)):
        return None
    return "PRESENT_REF", DATE


@rule(LB + r"(?:in\s+)?(?P<t>recently|lately|the past|the recent past|the old days|years past|past years|recent times)"
      r"(?!\s+(?:\w+\s+)?(?:" + UNIT_RE + r"|" + NUMBER_RE + r"\s))" + RB)
def past_ref(m, ctx):
    word = m.group("t").lower()
    if word == "the past" and not re.search(r"\b(?:in|of|over|from)\s*$", ctx.before(m, 6), re.I):
        return None
    return "PAST_REF", DATE


@rule(LB + r"(?:in\s+)?(?P<t>the (?:near |distant |foreseeable |immediate )?future|the near term|the coming (?:days|weeks|months))"
      + RB)
def future_ref(m, ctx):
    return "FUTURE_REF", DATE


@rule(LB + r"(?:in\s+)?(?P<t>(?:" + SEASON_RE + r")s)" + RB)
def plural_season(m, ctx):
    if not re.search(r"\b(?:in|during|past|recent)\s*$", ctx.before(m, 10), re.I):
        return None
    return f"XXXX-{SEASONS[m.group('t').lower()[:-1]]}", SET
