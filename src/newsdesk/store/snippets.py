"""Search snippets cut in Python: a window of the hit's text around its matches, matches in [ ].

SQLite's FTS5 `snippet()` tokenizes and porter-stems the whole document of every hit to place its
window: about 1 ms for a 50,000-character article, 20 ms for a page of long hits, while ranking the
same page costs under 1 ms. The query's words can be found with one regular expression instead,
scanning each document only as far as its first dozen matches (tens of microseconds): each query
word matches itself and its common inflections (`share` finds shares, shared, sharing; `company`
finds companies), a `prefix*` word anything it starts.
When that finds nothing in a hit (a stemming or diacritics case the expression does not cover),
`cut` returns None and the store asks its engine (FTS5's snippet(), PostgreSQL's ts_headline) for
that hit's snippet, so every hit still gets one. Both stores use this module: their snippets agree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class QueryWords:
    """What a query looks for in a text: one expression with a group per word, and the literal
    start of each word, to skip to the first place any of them can match."""

    pattern: re.Pattern[str]
    starts: tuple[str, ...]         # lower-cased

    def first_at(self, text: str) -> int:
        """Where the first word could start (as written, Capitalised or UPPER), -1 for nowhere: a
        plain find() per form is ~50x faster than the case-blind expression over a text without it
        (a hit found by its headline only, or by a stem the expression misses)."""
        found = [at for start in self.starts for form in {start, start.capitalize(), start.upper()}
                 if (at := text.find(form)) >= 0]
        return min(found, default=-1)


def query_words(parsed: ParsedQuery) -> QueryWords | None:
    """The words the query looks for (excluded terms are never shown), or None if it has none."""
    alternatives: dict[str, str] = {}
    for group in parsed.groups:
        for term in group:
            for i, word in enumerate(term.words):
                word = word.lower()
                if term.prefix and i == len(term.words) - 1:
                    alternatives[re.escape(word) + r"\w*"] = word
                else:
                    alternatives[re.escape(_stem(word)) + _ENDINGS] = _stem(word)
    if not alternatives:
        return None
    # no leading \b: it makes the scan ~3x slower; `_matches` checks the start of the word instead
    ordered = sorted(alternatives, key=len, reverse=True)
    return QueryWords(re.compile("|".join(f"({a})" for a in ordered) + r"(?!\w)", re.IGNORECASE),
                      tuple(dict.fromkeys(alternatives[a] for a in ordered)))


def _matches(text: str, words: QueryWords) -> list[re.Match[str]]:
    """Whole-word matches from the first one on: at least MAX_MATCHES, and on until every query
    word has been seen (or a thousand characters later), so a dense window can be chosen."""
    first = words.first_at(text)
    if first < 0:
        return []
    found: list[re.Match[str]] = []
    seen: set[int | None] = set()
    for m in words.pattern.finditer(text, first):
        at = m.start()
        if at and (text[at - 1].isalnum() or text[at - 1] == "_"):
            continue            # inside a longer word ("who" in "whole")
        if found and at > found[0].start() + 8 * WINDOW:
            break
        found.append(m)
        seen.add(m.lastindex)
        if words.pattern.groups == 1 or (len(found) >= MAX_MATCHES and len(seen) == words.pattern.groups):
            break               # (one word: the first match opens the best window)
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


def _mark(text: str, start: int, end: int, words: QueryWords) -> str:
    """text[start:end] with every whole-word match of the query in [ ], spaces collapsed."""
    out, pos = [], start
    for m in words.pattern.finditer(text, start, end):
        at = m.start()
        if at and (text[at - 1].isalnum() or text[at - 1] == "_"):
            continue
        out.append(text[pos:at])
        out.append(f"[{m.group(0)}]")
        pos = m.end()
    out.append(text[pos:end])
    return _SPACE.sub(" ", "".join(out)).strip()


def cut(title: str, text: str, words: QueryWords | None) -> str | None:
    """The snippet of one hit: a window of the body around its densest matches, else the headline
    with its matches marked; None when the pattern finds the query in neither."""
    if words is None:
        return None
    matches = _matches(text, words)
    if not matches:
        title_matches = _matches(title, words)
        return _mark(title, 0, len(title), words) if title_matches else None
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
    return ("…" if start > 0 else "") + _mark(text, start, end, words) + ("…" if end < len(text) else "")
