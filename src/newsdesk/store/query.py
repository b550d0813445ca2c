"""The search query language both stores share, parsed once and rendered per backend.

Words are ANDed; "quoted phrases" stay phrases; OR between terms is kept; a leading - excludes a
term; a trailing * is a prefix search. Everything else (punctuation, FTS operators) is dropped, so
no user input can become a syntax error: only \\w+ words reach the backend.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    prefix: bool = False   # a trailing * (never on a quoted phrase)


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[tuple[Term, ...], ...]   # ANDed; the terms of one group are ORed, left to right
    excluded: tuple[Term, ...]


def parse_query(query: str) -> ParsedQuery:
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for m in _TOKEN.finditer(query or ""):
        neg, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare == "OR":
            pending_or = bool(groups)
            continue
        if phrase is not None:
            term = Term(tuple(_WORD.findall(phrase)))
        else:
            neg = "-" if bare.startswith("-") and len(bare) > 1 else ""
            term = Term(tuple(_WORD.findall(bare)), bare.endswith("*"))
        if not term.words:
            continue
        if neg:
            excluded.append(term)
        elif pending_or and groups:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def fts_query(query: str) -> str:
    """A user's query -> an SQLite FTS5 MATCH expression ("" when nothing is left to search)."""
    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")

    parsed = parse_query(query)
    if not parsed.groups:
        return ""
    ands = []
    for group in parsed.groups:
        expr = term(group[0])
        for t in group[1:]:
            expr = f"({expr} OR {term(t)})"
        ands.append(expr)
    expr = " AND ".join(ands)
    for t in parsed.excluded:
        expr = f"({expr}) NOT {term(t)}"
    return expr
