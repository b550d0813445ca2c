"""A user's search query -> an FTS5 MATCH expression that cannot be a syntax error.

Words are ANDed; "quoted phrases" stay phrases; OR between terms is kept; a leading - excludes a
term; a trailing * is a prefix search. Everything else (punctuation, FTS operators) is quoted away.
"""
from __future__ import annotations

import re

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    positive: list[str] = []
    negative: list[str] = []
    pending_or = False
    for m in _TOKEN.finditer(query or ""):
        neg, phrase, bare = m.group(1), m.group(2), m.group(3)
        if bare == "OR":
            pending_or = bool(positive)
            continue
        if phrase is not None:
            words = _WORD.findall(phrase)
            term = '"' + " ".join(words) + '"' if words else ""
        else:
            neg = "-" if bare.startswith("-") and len(bare) > 1 else ""
            prefix = bare.endswith("*")
            words = _WORD.findall(bare)
            if not words:
                continue
            term = '"' + " ".join(words) + '"' + ("*" if prefix else "")
        if not term:
            continue
        if neg:
            negative.append(term)
        elif pending_or and positive:
            positive[-1] = f"({positive[-1]} OR {term})"
            pending_or = False
        else:
            positive.append(term)
    if not positive:
        return ""
    expr = " AND ".join(positive)
    for term in negative:
        expr = f"({expr}) NOT {term}"
    return expr
