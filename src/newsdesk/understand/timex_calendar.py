"""Calendar arithmetic behind TIMEX3 values: shifting days, weeks, months, quarters and
seasons from a reference date, and writing each granularity the TimeML way
(`2025-02-18`, `2025-W08`, `2025-02`, `2025-Q1`, `2025-SU`, `198` for a decade).

Everything here is pure: a `datetime.date` in, a string out. Direction words are
"past" (the latest one on or before the reference), "future" (the next one on or after),
"last"/"next" (strictly before / after).
"""
from __future__ import annotations

import calendar
import datetime as dt

PAST, PRESENT, FUTURE = "past", "present", "future"

SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP",
                   6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def day(d: dt.date) -> str:
    return d.isoformat()


def week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def quarter(y: int, q: int) -> str:
    return f"{y:04d}-Q{q}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def add_quarters(y: int, q: int, n: int) -> tuple[int, int]:
    k = y * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def add_years_to_date(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def weekday_date(ref: dt.date, weekday: int, direction: str) -> dt.date:
    """The `weekday` (0=Monday) nearest `ref` in `direction`; the reference day itself when it
    is that weekday, unless the direction is strict ("last"/"next")."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if direction == "last":
        return ref - dt.timedelta(days=back or 7)
    if direction == "next":
        return ref + dt.timedelta(days=ahead or 7)
    if direction in (FUTURE, PRESENT):
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


def month_year(ref: dt.date, m: int, direction: str | None, d: int | None = None) -> int:
    """The year of a month (or month-day) written without one.

    News talks about the recent past and the near future, so the nearest occurrence wins,
    bent by the tense: a past event may still lie a few weeks ahead ("extended the offer to
    Nov. 20"), but not months ahead; a future one may not lie months behind."""
    try:
        here = dt.date(ref.year, m, d or 15)
    except ValueError:
        here = dt.date(ref.year, m, 28)
    delta = (here - ref).days
    if d is None:
        delta = (m - ref.month) * 30  # a month counts from the reference month, not its middle
    if direction == PAST:
        return ref.year - 1 if delta > 75 else ref.year
    if direction == FUTURE:
        return ref.year + 1 if delta < -75 else ref.year
    if direction == PRESENT:
        return ref.year + 1 if delta < -120 else ref.year - 1 if delta > 240 else ref.year
    return ref.year - 1 if delta > 183 else ref.year + 1 if delta < -183 else ref.year


def season_year(ref: dt.date, season: str, direction: str) -> int:
    """The year of a season named without one ("last fall", "this summer", "next spring")."""
    y = ref.year
    current = SEASON_OF_MONTH[ref.month]
    start = SEASON_START[season]
    # winter is labelled by the year it starts in (December)
    ref_season_year = y - 1 if ref.month < 3 else y
    if direction == "last":
        if season == current:
            return ref_season_year - 1
        return y if start < ref.month else y - 1
    if direction == "next":
        if season == current:
            return ref_season_year + 1
        return y if start > ref.month else y + 1
    if season == current:
        return ref_season_year
    return y


def period_end(ref: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return ref + dt.timedelta(days=6 - ref.weekday())
    if unit == "month":
        return month_end(ref.year, ref.month)
    if unit == "quarter":
        q = (ref.month - 1) // 3 + 1
        return month_end(ref.year, 3 * q)
    return dt.date(ref.year, 12, 31)


def shift(ref: dt.date, unit: str, n: int) -> str | None:
    """The period `n` units away from `ref`, at the granularity of the unit ("two weeks ago" is
    a week, "three months ago" a month, "41 years ago" a year)."""
    if unit == "day":
        return day(ref + dt.timedelta(days=n))
    if unit == "week":
        return week(ref + dt.timedelta(weeks=n))
    if unit == "month":
        return month(*add_months(ref.year, ref.month, n))
    if unit == "quarter":
        return quarter(*add_quarters(*quarter_of(ref), n))
    if unit == "year":
        return f"{ref.year + n:04d}"
    if unit == "decade":
        return f"{(ref.year + 10 * n) // 10:03d}"
    if unit == "century":
        return f"{(ref.year + 100 * n) // 100:02d}"
    return None
