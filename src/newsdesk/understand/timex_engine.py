"""The machinery of our HeidelTime-like tagger: rules are (regex, normaliser) pairs kept as
small data in `timex_rules_*`; the engine finds every candidate, keeps the longest
non-overlapping ones and resolves them in reading order, so anaphora ("that year",
"a year earlier") can look back at what was resolved before.

A normaliser gets the match and a `Context` and returns `(value, type)` - value None when
it cannot be resolved (no reference date) - or None to say "not a time expression here"
(e.g. "may" the verb). The span is the rule's `t` group when it has one, else the match.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from newsdesk.understand.timex_tense import tense_at

Resolved = Optional[tuple[Optional[str], str]]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, "Context"], Resolved]
    anchor: bool = True  # do later anaphors ("that year") refer back to this rule's values?


RULES: list[Rule] = []


def rule(pattern: str, *, flags: int = re.I, anchor: bool = True) -> Callable:
    """Register a normaliser for `pattern`; rules registered first win ties of equal length.
    `anchor=False` for anaphoric rules, whose values must not become the next anchor
    (else "a year ago" after "a year ago" would slide one more year back)."""
    def register(fn):
        RULES.append(Rule(fn.__name__, re.compile(pattern, flags), fn, anchor))
        return fn

    return register


@dataclass
class Context:
    """What a normaliser may look at: the text, the parse, the reference date, and the
    anchors left by earlier expressions of the same article."""

    text: str
    doc: Any = None
    ref: dt.date | None = None
    last_year: int | None = None
    last_month: tuple[int, int] | None = None
    last_date: dt.date | None = None
    last_quarter: tuple[int, int] | None = None
    last_quarter_at: int = -1  # where that quarter was named
    _tense_cache: dict = field(default_factory=dict)

    def tense(self, m: re.Match) -> str | None:
        key = m.span()
        if key not in self._tense_cache:
            self._tense_cache[key] = tense_at(self.text, self.doc, *span_of(m))
        return self._tense_cache[key]

    def before(self, m: re.Match, width: int = 40) -> str:
        start = span_of(m)[0]
        return self.text[max(0, start - width):start]

    def after(self, m: re.Match, width: int = 40) -> str:
        end = span_of(m)[1]
        return self.text[end:end + width]

    def quarter_near(self, pos: int, window: int = 1500) -> tuple[int, int] | None:
        """The last quarter named, if it was named within `window` characters before `pos`."""
        if self.last_quarter and 0 <= pos - self.last_quarter_at <= window:
            return self.last_quarter
        return None

    def remember(self, value: str | None, pos: int = -1) -> None:
        """Keep the calendar anchors a later "that year" or "a year earlier" refers to."""
        if not value:
            return
        mm = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4]))?", value)
        if not mm:
            return
        y = int(mm.group(1))
        self.last_year = y
        if mm.group(4):
            self.last_quarter = (y, int(mm.group(4)))
            self.last_quarter_at = pos
        if mm.group(2):
            self.last_month = (y, int(mm.group(2)))
            if mm.group(3):
                try:
                    self.last_date = dt.date(y, int(mm.group(2)), int(mm.group(3)))
                except ValueError:
                    pass


def span_of(m: re.Match) -> tuple[int, int]:
    if "t" in m.re.groupindex and m.group("t") is not None:
        return m.span("t")
    return m.span()


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    value: str | None
    type: str
    rule: str


def find_times(text: str, ref: dt.date | None, doc=None) -> list[Found]:
    """Every time expression of `text`, resolved against `ref`."""
    probe = Context(text, doc, ref)
    cands = []
    for order, r in enumerate(RULES):
        pos = 0
        while True:
            m = r.pattern.search(text, pos)
            if m is None:
                break
            start, end = span_of(m)
            if end <= start or r.resolve(m, probe) is None:
                pos = m.start() + 1  # rejected: a shorter reading may start just after
                continue
            pos = max(m.end(), m.start() + 1)
            cands.append((-(end - start), order, start, end, r, m))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for _, _, start, end, r, m in cands:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, r, m))
    chosen.sort(key=lambda c: c[0])
    ctx = Context(text, doc, ref, _tense_cache=probe._tense_cache)
    out = []
    for start, end, r, m in chosen:
        res = r.resolve(m, ctx)
        if res is None:
            continue
        value, kind = res
        out.append(Found(start, end, text[start:end], value, kind, r.name))
        if r.anchor:
            ctx.remember(value, end)
    return out
