"""Search snippets cut in Python: a window of the hit's text around its matches, matches in [ ].

SQLite's FTS5 `snippet()` tokenizes and porter-stems the whole document of every hit to place its
window: about 1 ms for a 50,000-character article, 20 ms for a page of long hits, while ranking the
same page costs under 1 ms. The query's words can be found with one regular expression instead,
scanning each document only as far as its first dozen matches (tens of microseconds): each query
word matches itself and its common inflections (`share` finds shares, shared, sharing; `company`
finds companies), a `prefix*` word anything it starts.
When that finds nothing in a hit (a stemming or diacritics case the expression does not cover),
`cut` returns None and the store asks FTS5 for that hit's snippet, so every hit still gets one.
"""
from __future__ import annotations

import re

from newsdesk.store.query import ParsedQuery

WINDOW = 160            # characters shown (FTS5's 24 tokens are about as many)
LEAD_IN = 40            # context kept before the first match, unless its sentence starts sooner
MAX_MATCHES = 12        # matches looked at per document: enough to find a dense window near the top
_STEM_SUFFIXES = ("ing", "ies", "ied", "es", "ed", "s", "e", "y")
_ENDINGS = r"(?:s|es|e|ed|d|ing|y|ies|ied|er|ers|ly)?(?:['’]s)?"
_SPACE = re.compile(r"\s+")
_SENTENCE_START = re.compile(r"[.!?]['\"”’)]?\s+|\n")


def _stem(word: str) -> str:
    """The query word without one common ending, kept at 3+ letters ('shares' -> 'shar')."""
    for suffix in _STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


def query_pattern(parsed: ParsedQuery) -> re.Pattern[str] | None:
    """One expression matching every word the query looks for, one group per word (excluded terms
    are never shown)."""
    alternatives: dict[str, None] = {}
    for group in parsed.groups:
        for term in group:
            for i, word in enumerate(term.words):
                word = word.lower()
                if term.prefix and i == len(term.words) - 1:
                    alternatives[re.escape(word) + r"\w*"] = None
                else:
                    alternatives[re.escape(_stem(word)) + _ENDINGS] = None
    if not alternatives:
        return None
    # no leading \b: it makes the scan ~3x slower; `_matches` checks the start of the word instead
    return re.compile("|".join(f"({a})" for a in sorted(alternatives, key=len, reverse=True)) + r"(?!\w)",
                      re.IGNORECASE)


def _matches(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Whole-word matches from the first one on: at least MAX_MATCHES, and on until every query
    word has been seen (or a few thousand characters later), so a dense window can be chosen."""
    found: list[re.Match[str]] = []
    words: set[int | None] = set()
    for m in pattern.finditer(text):
        at = m.start()
        if at and (text[at - 1].isalnum() or text[at - 1] == "_"):
            continue            # inside a longer word ("who" in "whole")
        if found and at > found[0].start() + 25 * WINDOW:
            break
        found.append(m)
        words.add(m.lastindex)
        if len(found) >= MAX_MATCHES and len(words) == pattern.groups:
            break
    return found


def _best_start(matches: list[re.Match[str]]) -> int:
    """Index of the match opening the window with the most distinct query words (earliest of equals)."""
    best, best_count = 0, 0
    for i, first in enumerate(matches):
        words = set()
        for m in matches[i:]:
            if m.end() > first.start() + WINDOW - LEAD_IN:
                break
            words.add(m.lastindex)
        if len(words) > best_count:
            best, best_count = i, len(words)
    return best


def _mark(text: str, start: int, end: int, matches: list[re.Match[str]]) -> str:
    out, pos = [], start
    for m in matches:
        if m.start() >= start and m.end() <= end:
            out.append(text[pos:m.start()])
            out.append(f"[{m.group(0)}]")
            pos = m.end()
    out.append(text[pos:end])
    return _SPACE.sub(" ", "".join(out)).strip()


def cut(title: str, text: str, pattern: re.Pattern[str] | None) -> str | None:
    """The snippet of one hit: a window of the body around its densest matches, else the headline
    with its matches marked; None when the pattern finds the query in neither."""
    if pattern is None:
        return None
    matches = _matches(text, pattern)
    if not matches:
        title_matches = _matches(title, pattern)
        return _mark(title, 0, len(title), title_matches) if title_matches else None
    first = matches[_best_start(matches)].start()
    start = max(0, first - LEAD_IN)
    sentence = None
    for sentence in _SENTENCE_START.finditer(text, start, first):
        pass                    # the last sentence start before the match, if within the lead-in
    if sentence is not None:
        start = sentence.end()
    elif start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    end = min(len(text), start + WINDOW)
    if end < len(text):
        space = text.rfind(" ", start + WINDOW // 2, end)
        end = space if space > 0 else end
    return ("…" if start > 0 else "") + _mark(text, start, end, matches) + ("…" if end < len(text) else "")
