"""Quotation marks: where quoted stretches of `text` begin and end.

Handles curly (“…”), straight ("…"), guillemets («…»), low-9 („…“) and typewriter (``…'')
marks. Quotes are paragraph-local, except the reporter's convention for long quotes: a
paragraph that ends inside an open quote continues when the next paragraph opens with a quote
mark. Single quotes (‘…’, or '…' in a plain-text scrape) are the quotation marks of a text
written in the British style (they open more quotes than double marks do); elsewhere they are
only nested quotes or apostrophes, so they are not looked at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "\u201c\u201e\u00ab"          # “ „ «
CLOSERS = "\u201d\u00bb"                # ” »  (“ also closes a „ quote)
STRAIGHT = '"'
ALL_DOUBLE = OPENERS + CLOSERS + STRAIGHT + "\u2033"
PARAGRAPH_RE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch `[start, end)` including its marks; `closed` is False when the
    paragraph ended before a closing mark."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


def _is_opening_straight(text: str, i: int, lo: int, hi: int) -> bool:
    """Guess whether a straight " at i opens (space before, word after) or closes a quote."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isspace() or before in "([{\u2014\u2013-/:":
        return not after.isspace()
    if after.isspace() or after in ".,;:!?)]}\u2014\u2013-":
        return False
    return False


def _opens_doubled_apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 2] if i + 2 < hi else " "
    return (before.isspace() or before in "([{\u2014\u2013-/:") and (after.isalnum() or after in "$.\u2026")


def _marks(text: str, lo: int, hi: int):
    """Yield (position, length, role) for quotation marks in text[lo:hi]; role is
    'open', 'close' or 'toggle'."""
    i = lo
    while i < hi:
        ch = text[i]
        two = text[i:i + 2]
        if two == "``":
            yield i, 2, "open"
            i += 2
            continue
        if two == "''":
            # typewriter close, but some newsrooms' feeds write '' for both marks
            # (''It was fine,'' he said): after a space and before a word it opens
            yield i, 2, "open" if _opens_doubled_apostrophe(text, i, lo, hi) else "close"
            i += 2
            continue
        if ch in OPENERS:
            yield i, 1, "open"
        elif ch in CLOSERS or ch == "\u2033":
            yield i, 1, "close"
        elif ch == STRAIGHT:
            yield i, 1, "open" if _is_opening_straight(text, i, lo, hi) else "toggle"
        i += 1


def paragraph_quotes(text: str, lo: int, hi: int) -> list[Quoted]:
    """Quoted stretches inside one paragraph text[lo:hi]."""
    out: list[Quoted] = []
    open_at: int | None = None
    for pos, length, role in _marks(text, lo, hi):
        if open_at is None:
            if role in ("open", "toggle"):
                open_at = pos
            continue
        if role == "open" and text[open_at] not in "\u201e" and pos - open_at > 1:
            # a second opener while open: the first one was never closed (typo or
            # a quote left open); restart from here.
            if text[pos] == STRAIGHT:
                out.append(Quoted(open_at, pos + 1))
                open_at = None
                continue
            open_at = pos
            continue
        out.append(Quoted(open_at, pos + length))
        open_at = None
    if open_at is not None:
        end = hi
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        out.append(Quoted(open_at, end, closed=False))
    return out


SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"
_OPENS_AFTER = "([{\u2014\u2013-/:"
# a straight ' before these is an apostrophe that starts a word, not a quote: '90s, 'em, rock 'n' roll,
# and the clitics of tokenised text ("Wall Street 's biggest banks", "they 're")
_ELISION = re.compile(r"'(?:\d\d?s?\b|(?:em|til|tis|twas|cause|bout|n|s|re|ll|ve|m|d|t)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class SingleMarks:
    """The single quotation marks a text quotes with: curly ‘…’ or straight '…'."""

    open: str
    close: str

    def openers(self, text: str, lo: int, hi: int) -> list[int]:
        """‘ after a space (or the paragraph start) and before a word: "she said ‘no’"."""
        out = []
        for m in re.compile(re.escape(self.open)).finditer(text, lo, hi):   # re caches the pattern
            i = m.start()
            before = text[i - 1] if i > lo else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if (before.isspace() or before in _OPENS_AFTER) and not after.isspace() \
                    and after != self.close and not (self.open == "'" and _ELISION.match(text, i)):
                out.append(i)
        return out

    def closers(self, text: str, lo: int, hi: int) -> list[int]:
        """’ that ends a quote, not an apostrophe: no letter after it ("won’t", "Labour’s" are words)."""
        out = []
        for m in re.compile(re.escape(self.close)).finditer(text, lo, hi):
            j = m.start()
            after = text[j + 1] if j + 1 < hi else " "
            if not after.isalnum() and not text[j - 1].isspace():
                out.append(j)
        return out


CURLY_SINGLE, STRAIGHT_SINGLE = SingleMarks(SINGLE_OPEN, SINGLE_CLOSE), SingleMarks("'", "'")


def single_quote_marks(text: str) -> SingleMarks | None:
    """The single marks the text quotes with (British style: ‘…’, or '…' in a plain scrape),
    when they open more quotes than double marks do; None for a text that quotes with “…”."""
    doubles = text.count("\u201c") + text.count("\u201e") + text.count("\u00ab") + text.count('"') // 2 \
        + text.count("``") + text.count("''") // 2
    for marks in (CURLY_SINGLE, STRAIGHT_SINGLE):
        if text.count(marks.open) < 2:
            continue
        singles = len(marks.openers(text, 0, len(text)))
        if singles >= 2 and singles > doubles:
            return marks
    return None


def paragraph_single_quotes(text: str, lo: int, hi: int, marks: SingleMarks = CURLY_SINGLE) -> list[Quoted]:
    """‘…’ stretches inside one paragraph. Between an opening ‘ and the next one, the quote
    closes at a ’ after , . ! or ? when there is one ('‘We will win,’ she said' even with "the
    members’ union" inside), else at the first ’ that no letter follows."""
    opens = marks.openers(text, lo, hi)
    out: list[Quoted] = []
    at = lo
    for n, i in enumerate(opens):
        if i < at:
            continue
        limit = opens[n + 1] if n + 1 < len(opens) else hi
        closes = marks.closers(text, i + 2, limit)
        after_punct = [j for j in closes if text[j - 1] in ",.!?"]
        if closes:
            end = (after_punct or closes)[0] + 1
            out.append(Quoted(i, end))
            at = end
        else:
            end = hi
            while end > i + 1 and text[end - 1].isspace():
                end -= 1
            out.append(Quoted(i, end, closed=False))
            at = hi
    return out


def _british_paragraph_quotes(text: str, lo: int, hi: int, marks: SingleMarks) -> list[Quoted]:
    """Single-mark quotes, and double-mark ones outside them: whichever holds the other is the
    quote (‘…“nested”…’ and "…'nested'…" each stay one quote)."""
    singles = paragraph_single_quotes(text, lo, hi, marks)
    doubles = paragraph_quotes(text, lo, hi)
    singles = [q for q in singles if not any(d.start < q.start and q.end <= d.end for d in doubles)]
    doubles = [d for d in doubles if not any(q.start < d.end and d.start < q.end for q in singles)]
    return sorted(singles + doubles, key=lambda q: q.start)


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in PARAGRAPH_RE.finditer(text) if m.group().strip()]


def find_quotes(text: str) -> list[Quoted]:
    """All quoted stretches of the text, with quotes that run over paragraphs joined."""
    merged: list[Quoted] = []
    carry: Quoted | None = None   # an unclosed quote waiting for the next paragraph
    marks = single_quote_marks(text)
    for lo, hi in paragraphs(text):
        quotes = _british_paragraph_quotes(text, lo, hi, marks) if marks else paragraph_quotes(text, lo, hi)
        starts_quoted = bool(quotes) and quotes[0].start == lo + (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
        if carry is not None:
            if starts_quoted:
                first = quotes.pop(0)
                carry = Quoted(carry.start, first.end, first.closed)
                if carry.closed:
                    merged.append(carry)
                    carry = None
                else:
                    continue
            else:
                merged.append(carry)
                carry = None
        for q in quotes:
            if not q.closed and q is quotes[-1]:
                carry = q
            else:
                merged.append(q)
    if carry is not None:
        merged.append(carry)
    return merged


def quoted_mask(text: str, quotes: list[Quoted]) -> bytearray:
    mask = bytearray(len(text))
    for q in quotes:
        mask[q.start:q.end] = b"\x01" * (q.end - q.start)
    return mask


def snap_to_quotes(text: str, span: tuple[int, int], quotes: list[Quoted]) -> tuple[int, int]:
    """Widen a statement's span so that it does not cut a quotation it holds in two.

    A parser's clause often stops at a sentence break inside the quote ('as “a great woman,
    and passed away. I love to do things …”') or begins inside one; the quote is the
    speaker's, so the statement runs to its closing (or from its opening) mark, within its
    paragraph."""
    start, end = span
    for q in quotes:
        if q.start >= end:
            break
        if start <= q.start < end < q.end and q.closed and "\n" not in text[end:q.end]:
            end = q.end
        elif q.start < start < q.end <= end and "\n" not in text[q.start:start]:
            start = q.start
    return start, end
