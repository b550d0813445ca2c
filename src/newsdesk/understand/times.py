"""Time expressions resolved against the publication date (TIMEX3 values).

Detection and resolution are our own HeidelTime-like rule set (`timex_rules_*`: regex +
normaliser pairs run by `timex_engine`), with the spaCy parse telling which way a bare
weekday or month points ("said on Tuesday" vs "falls on Monday"). dateparser is not used
for relative expressions: it moves a bare weekday a week back even when the reference day
is that weekday.
"""
from __future__ import annotations

import datetime as dt
import re

from newsdesk.model import Article, Span, TimeExpr
from newsdesk.understand import stage
# the rule modules register themselves in order: absolute dates, relative, spans and sets
from newsdesk.understand import timex_rules_dates, timex_rules_relative, timex_rules_spans  # noqa: F401
from newsdesk.understand.timex_engine import find_times

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def reference_date(published: str | None) -> dt.date | None:
    """The day an article's relative expressions count from ('2025-02-21T09:30:00Z' -> 2025-02-21)."""
    if not published:
        return None
    m = _ISO_DAY.match(published.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def resolve_times(text: str, published: str | None = None, doc=None) -> list[TimeExpr]:
    """All time expressions of `text` with TIMEX3 values; relative ones are None without a date."""
    return [TimeExpr(f.text, Span(f.start, f.end), f.value, f.type)
            for f in find_times(text, reference_date(published), doc)]


@stage("times")
def add_times(article: Article, doc) -> Article:
    if not article.text:
        return article
    return article.replace(times=tuple(resolve_times(article.text, article.published, doc)))
