"""Shorten a sentence by DELETING clauses, never by adding or changing words.

A standfirst has room for two or three facts; news sentences carry scaffolding around them that a
reader of the summary does not need: a dateline ("BOSTON (CNN) -"), parentheticals, an opening
connective ("But", "Meanwhile,"), an opening adverbial ("On Thursday,", "Speaking to reporters,"),
a closing attribution (", police said on Friday.", ", according to a study."), non-restrictive
relative clauses (", who …,") and long appositives (", the former Hearts boss,"), and asides
between dashes. Each rule marks character ranges to delete; what is kept is returned as the list
of spans it came from, so the result cites exactly the characters it is made of.

The rules lean on the dependency parse, which is noisy on long sentences: a cut that would remove
the main verb or its subject is refused, and the clause-level cuts are skipped altogether when the
parse found no subject for the main verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.model import Span
from newsdesk.understand.sentences import Unit

DATELINE, LIGHT, FULL, CORE = 0, 1, 2, 3   # DATELINE cuts only "BOSTON (CNN) --"; CORE keeps the main clause only

# Verbs that introduce reported speech or reported fact: "…, police said." / "…, it emerged."
REPORTING_VERBS = frozenset("""say tell add claim state announce explain confirm report reveal insist warn
write note argue admit suggest emerge believe estimate allege acknowledge conclude declare predict
think tweet post testify reply respond""".split())
CONNECTIVES = frozenset("but and so however meanwhile yet also still now then instead indeed".split())
OPENING_DEPS = frozenset({"prep", "advmod", "npadvmod", "advcl", "tmod", "pcomp", "agent"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})

_DATELINE = re.compile(r"^(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,4}\s*)?"
                       r"\((?:[A-Z][\w&.'’]*(?: [A-Z][\w&.'’]*){0,3})\)\s*(?:[-—–]{1,2}\s*)?")
_PARENTHETICAL = re.compile(r"\s*\([^()]{0,200}\)")
_DASH_ASIDE = re.compile(r"\s+(?:--|[–—-])\s+[^–—]{1,120}?\s+(?:--|[–—-])(?=\s)")
_LABEL = re.compile(r"^([A-Z][^:.!?\"“‘']{0,40}):\s+(?=[\"“‘'A-Z])")
_PUNCT_START = re.compile(r"^[.,;:!?…)\]’”]")
_DANGLING = " ,;:–—-"


@dataclass(frozen=True)
class Compressed:
    text: str
    spans: tuple[Span, ...]
    words: int          # whitespace-separated tokens, as a reader (and the 60-word cap) counts them


def whole(unit: Unit) -> Compressed:
    """The sentence as it is."""
    return Compressed(unit.text, (unit.span,), len(unit.text.split()))


def compress(text: str, unit: Unit, level: int = FULL) -> Compressed:
    """`unit` with the clauses of `level` deleted; falls back to the whole sentence if little is left."""
    base = unit.span.start
    body = unit.text
    m = _DATELINE.match(body)
    if level == DATELINE:                     # the dateline only: no need to read the parse
        return _assemble(text, base, len(body), [(0, m.end())]) if m and 0 < m.end() < len(body) else whole(unit)
    cuts: list[tuple[int, int]] = []          # [start, end) relative to the sentence
    protected = _protected_offsets(unit, base)
    subjects = [(t.idx - base, t.head.idx - base) for t in unit.sent if t.dep_ in SUBJECT_DEPS]

    def cut(a: int, b: int, *, drops_root: bool = False, force: bool = False) -> None:
        if b <= a or (not drops_root and not force and any(a <= p < b for p in protected)):
            return
        if not force and any(a <= s < b and not a <= h < b for s, h in subjects):
            return                               # would orphan the verb whose subject it removes
        cuts.append((a, b))

    if m and m.end() < len(body):
        cut(0, m.end(), force=True)          # "(CNN)Buzz has…" can glue the dateline to the subject token
    for m in _PARENTHETICAL.finditer(body):
        cut(m.start(), m.end())
    m = _LABEL.match(body)
    if m and not any(t.pos_ in ("VERB", "AUX") for t in unit.sent if t.idx - base < m.end(1)):
        cut(0, m.end())
    for a, b in _trailing_attribution(list(unit.sent), base):
        cut(a, b, drops_root=True)           # the reporting verb goes; the reported clause stays
    for a, b in _token_cuts(unit, base, level):
        cut(a, b)
    if level >= FULL:
        for m in _DASH_ASIDE.finditer(body):
            cut(m.start(), m.end())
    if not cuts:
        return whole(unit)
    result = _assemble(text, base, len(body), cuts)
    if result.words < max(5, unit.words // 4):
        return whole(unit)                      # the parse misled us: keep the sentence whole
    return result


# ---- clause rules on the dependency parse ------------------------------------------------------
def _root(sent):
    return sent.root


def _protected_offsets(unit: Unit, base: int) -> set[int]:
    """The main verb and its subjects must survive every cut."""
    root = _root(unit.sent)
    keep = [root] + [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    return {t.idx - base for t in keep}


def _root_of(toks):
    return toks[0].doc[toks[0].i:toks[-1].i + 1].root


def _last_word(toks) -> int:
    final = len(toks) - 1
    while final > 0 and toks[final].is_punct:
        final -= 1
    return final


def _span_chars(tokens, base: int) -> tuple[int, int]:
    first, last = tokens[0], tokens[-1]
    return first.idx - base, last.idx + len(last.text) - base


def _token_cuts(unit: Unit, base: int, level: int):
    sent = unit.sent
    toks = list(sent)
    if not toks:
        return
    root = _root(sent)
    final = len(toks) - 1
    while final > 0 and toks[final].is_punct:
        final -= 1                               # toks[final] = last word before closing punctuation
    start = 0
    while start < len(toks) and (toks[start].is_punct or toks[start].is_space):
        start += 1
    if start < len(toks) and toks[start].lower_ in CONNECTIVES and start + 1 < len(toks):
        end = start + 1 if toks[start + 1].text != "," else start + 2
        yield _span_chars(toks[start:end], base)
        start = end
    yield from _according_to(toks, final, base)
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in root.children)
    if level < FULL or not has_subject:
        return
    yield from _opening_adverbial(toks, root, start, base)
    yield from _nonrestrictive(toks, final, base)
    yield from _trailing_participle(toks, root, final, base)
    if level >= CORE:
        yield from _trailing_clause(toks, root, final, base)


TRAILING_MARKS = frozenset("as after while before when because since although though whereas".split())


def _trailing_clause(toks, root, final, base):
    """The main clause only: "X was shot, and later died as part of a kidnapping" -> "X was shot"."""
    offset = toks[0].i
    for t in root.children:
        if t.i < root.i or t.dep_ not in ("advcl", "conj", "prep", "npadvmod", "xcomp", "dep"):
            continue
        left, right = t.left_edge.i - offset, t.right_edge.i - offset
        if left <= 0 or right != final:
            continue
        before = left - 1
        if toks[before].dep_ == "cc" and before > 0:
            before -= 1
        marked = t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TRAILING_MARKS for c in t.children)
        if toks[before].text == ",":
            yield _span_chars(toks[before:right + 1], base)
        elif marked:
            yield _span_chars(toks[left:right + 1], base)


def _trailing_participle(toks, root, final, base):
    """"… took a plea deal, sobbing as she accepted it." -> "… took a plea deal." """
    offset = toks[0].i
    for t in root.children:
        if t.dep_ not in ("advcl", "xcomp") or t.tag_ not in ("VBG", "VBN") or t.i < root.i:
            continue
        left, right = t.left_edge.i - offset, t.right_edge.i - offset
        if 0 < left and right == final and toks[left - 1].text == ",":
            yield _span_chars(toks[left - 1:right + 1], base)


def _trailing_attribution(toks, base):
    """"X happened, police said on Friday." -> "X happened." (not for direct quotes)."""
    if not toks:
        return
    root = _root_of(toks)
    final = _last_word(toks)
    if root.lemma_.lower() not in REPORTING_VERBS:
        return
    comps = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i < root.i]
    if not comps:
        return
    comp = comps[0]
    offset = toks[0].i
    left, right = comp.left_edge.i - offset, comp.right_edge.i - offset
    if left < 0 or right >= len(toks):
        return                                   # the parse runs outside this (re-split) sentence
    if toks[left].is_quote or (left > 0 and toks[left - 1].is_quote):
        return                                   # a direct quote: its attribution is the evidence
    comma = right + 1
    if comma >= len(toks) or toks[comma].text != ",":
        return
    tail = toks[comma:final + 1]
    if 2 <= len(tail) <= 14 and root.i - offset > comma:
        yield _span_chars(tail, base)


def _according_to(toks, final, base):
    for k, t in enumerate(toks[:-1]):
        if t.lower_ == "according" and toks[k + 1].lower_ == "to":
            right = t.right_edge.i - toks[0].i
            if k > 0 and toks[k - 1].text == "," and right >= final:
                yield _span_chars(toks[k - 1:final + 1], base)
            elif k == 0:
                comma = next((j for j in range(k, min(len(toks), k + 12)) if toks[j].text == ","), None)
                if comma is not None:
                    yield _span_chars(toks[:comma + 1], base)


def _opening_adverbial(toks, root, start, base):
    """"On Thursday, the minister said …" -> "the minister said …"."""
    comma = next((j for j in range(start + 1, min(len(toks), start + 16)) if toks[j].text == ","), None)
    if comma is None:
        return
    phrase = toks[start:comma]
    inside = {t.i for t in phrase}
    heads = [t for t in phrase if t.head.i not in inside or t.head.i == t.i]
    if len(heads) != 1 or heads[0].dep_ not in OPENING_DEPS or heads[0].i == root.i:
        return
    if heads[0].dep_ == "npadvmod" and heads[0].ent_type_ not in ("DATE", "TIME"):
        return                                   # "Obesity, he said, …" is not an adverbial
    if heads[0].right_edge.i >= toks[comma].i:
        return                                   # the comma is inside the phrase ("Whether A, B or C, …")
    rest = toks[comma + 1:]
    if any(c.dep_ in SUBJECT_DEPS and c.i in inside for c in root.children):
        return
    if not any(t.i == root.i for t in rest):
        return
    yield _span_chars(toks[start:comma + 1], base)


def _nonrestrictive(toks, final, base):
    """", who …," relative clauses and ", the former …," appositives of three words or more."""
    offset = toks[0].i
    for t in toks:
        if t.dep_ not in ("relcl", "appos"):
            continue
        left, right = t.left_edge.i - offset, t.right_edge.i - offset
        if left <= 0 or right >= len(toks) or toks[left - 1].text != ",":
            continue
        if t.dep_ == "relcl" and toks[left].lower_ not in ("who", "which", "whose", "whom", "where"):
            continue
        if t.dep_ == "appos" and (right - left < 2 or any(x.pos_ in ("VERB", "AUX") for x in toks[left:right + 1])):
            continue
        if right + 1 < len(toks) and toks[right + 1].text == ",":
            after = toks[right + 2] if right + 2 < len(toks) else None
            if after is not None and after.tag_ in ("VBD", "VBZ", "VBP", "MD") and not any(
                    c.dep_ in SUBJECT_DEPS for c in after.children):
                continue                         # ", his son, confirmed" - the phrase was the subject
            if after is not None and after.pos_ == "PROPN" and toks[right].pos_ == "PROPN":
                continue                         # "…pub in Broadhempston, Devon": a place, not a closing comma
            yield _span_chars(toks[left - 1:right + 2], base)
        elif right == final:
            yield _span_chars(toks[left - 1:right + 1], base)


# ---- putting the kept characters back together --------------------------------------------------
def _assemble(text: str, base: int, length: int, cuts: list[tuple[int, int]]) -> Compressed:
    dropped = bytearray(length)
    for a, b in cuts:
        dropped[max(0, a):min(length, b)] = b"\x01" * (min(length, b) - max(0, a))
    runs: list[list[int]] = []
    i = 0
    while i < length:
        if dropped[i]:
            i += 1
            continue
        j = i
        while j < length and not dropped[j]:
            j += 1
        runs.append([base + i, base + j])
        i = j
    pieces = _tidy(text, runs)
    out = ""
    for a, b in pieces:
        piece = text[a:b]
        if out and not _PUNCT_START.match(piece):
            out += " "
        out += piece
    if out[:1].islower():
        out = out[0].upper() + out[1:]
    return Compressed(out, tuple(Span(a, b) for a, b in pieces), len(out.split()))


def _tidy(text: str, runs: list[list[int]]) -> list[tuple[int, int]]:
    """Strip spaces and the punctuation a deletion leaves dangling (", ," / "- ." / a leading ",")."""
    pieces: list[list[int]] = []
    for a, b in runs:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            pieces.append([a, b])
    # leading punctuation of the first piece, and of any piece that follows dangling punctuation
    while pieces and pieces[0][0] < pieces[0][1] and text[pieces[0][0]] in _DANGLING:
        pieces[0][0] += 1
        while pieces[0][0] < pieces[0][1] and text[pieces[0][0]].isspace():
            pieces[0][0] += 1
        if pieces[0][0] >= pieces[0][1]:
            pieces.pop(0)
    for k in range(len(pieces) - 1):
        nxt = text[pieces[k + 1][0]:pieces[k + 1][1]]
        if _PUNCT_START.match(nxt) or nxt[:1] in ",;:":
            while pieces[k][1] > pieces[k][0] and text[pieces[k][1] - 1] in _DANGLING:
                pieces[k][1] -= 1
    if pieces and not any(c.isalnum() for c in text[pieces[-1][0]:pieces[-1][1]]):
        # closing punctuation left alone after a cut: keep its full stop, not an orphaned quote mark
        a, b = pieces.pop()
        stop = next((k for k in range(a, b) if text[k] in ".!?…"), None)
        if stop is not None and pieces:
            pieces.append([stop, stop + 1])
    return [(a, b) for a, b in pieces if b > a and (any(c.isalnum() for c in text[a:b]) or b == pieces[-1][1])]
