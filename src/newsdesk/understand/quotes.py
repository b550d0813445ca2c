"""Attributed statements: direct, indirect and mixed quotes with their speakers.

Three steps: quotation marks give the direct quotes and the cue clause around them
(`attribution_direct`); the dependency parse gives every reporting verb with its subject and
complement (`attribution_indirect`); then, in text order, each speaker phrase is resolved to
a canonical entity through names, pronouns, titles and organisations (`coref`).
"""
from __future__ import annotations

from newsdesk.model import Article, Quote, Span
from newsdesk.understand import stage
from newsdesk.understand.attribution_direct import find_direct
from newsdesk.understand.attribution_indirect import find_indirect, quoted_kind
from newsdesk.understand.attribution_marks import find_quotes, quoted_mask, snap_to_quotes
from newsdesk.understand.attribution_types import Candidate
from newsdesk.understand.coref import Known, SpeakerResolver
from newsdesk.understand.nlp import doc_text
from newsdesk.understand.speaker_syntax import refine_subject


@stage("quotes", needs=("entities",))
def add_quotes(article: Article, doc) -> Article:
    if doc is None or not article.text.strip():
        return article
    return article.replace(quotes=tuple(extract_quotes(article, doc)))


def extract_quotes(article: Article, doc) -> list[Quote]:
    text = article.text
    marks = find_quotes(text)
    mask = quoted_mask(text, marks)
    direct, _fragments = find_direct(text, doc, marks)
    indirect = _drop_covered(find_indirect(doc, mask), direct, mask)
    # embedded social-media markup left in a body ('author="@…" datetime="…"') is not speech
    indirect = [c for c in indirect if '="' not in text[c.content[0]:c.content[1]]]
    indirect = [c for c in (_within_paragraph(text, c, mask) for c in indirect) if c is not None]
    for cand in indirect:   # a clause the parser ended inside a quotation runs to its closing mark
        snapped = snap_to_quotes(text, _naming_quote(text, cand, marks), marks)
        if snapped != cand.content:
            cand.content, cand.kind = snapped, quoted_kind(text, snapped, mask)
    indirect = _drop_nested(indirect, direct + indirect)
    cands = sorted(direct + indirect, key=lambda c: (c.anchor, c.content[0]))
    return _resolve(article, doc, cands, direct, mask)


NAMING_CUES = frozenset({"call", "dub", "label", "brand", "term", "deem", "describe", "characterize"})


def _naming_quote(text: str, cand: Candidate, marks) -> tuple[int, int]:
    """'calling Gov. Mike Pence “my partner in this campaign”': the quoted name given to the object
    right after it is part of the statement, wherever the parser hung it."""
    start, end = cand.content
    if cand.cue_token is None or cand.cue_token.lemma_.lower() not in NAMING_CUES:
        return start, end
    gap = len(text[end:]) - len(text[end:].lstrip(" "))
    q = next((q for q in marks if q.start == end + gap and q.closed), None)
    return (start, q.end) if q is not None and "\n" not in text[end:q.end] else (start, end)


def _within_paragraph(text: str, cand: Candidate, mask) -> Candidate | None:
    """A reported clause stays in its paragraph: when the parser runs it over a line break
    (a headline or a subheading joined to the next sentence), keep the part next to the cue."""
    start, end = cand.content
    if "\n" not in text[start:end] or cand.cue is None:
        return cand
    if cand.cue[0] >= end:
        start = text.rindex("\n", start, end) + 1
    elif cand.cue[1] <= start:
        end = text.index("\n", start, end)
    else:
        return cand
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if len(text[start:end].split()) < 3:
        return None
    cand.content = (start, end)
    cand.kind = quoted_kind(text, cand.content, mask)
    return cand


def _drop_covered(indirect: list[Candidate], direct: list[Candidate], mask) -> list[Candidate]:
    """An indirect reading of a direct quote's own cue, or of its words, is the same statement."""
    used = {c.cue_token.i for c in direct if c.cue_token is not None}
    out = []
    for cand in indirect:
        if cand.cue_token is not None and cand.cue_token.i in used:
            continue
        inside_cue = any(d.content[0] <= cand.cue[0] < d.content[1] for d in direct) if cand.cue else False
        if inside_cue or (cand.cue and mask[cand.cue[0]]):
            continue   # "I think …" inside a quote: rarely annotated as a statement of its own
        if any(_overlap(cand.content, d.content) > 0.5 for d in direct):
            continue
        out.append(cand)
    return out


def _drop_nested(indirect: list[Candidate], every: list[Candidate]) -> list[Candidate]:
    """'Klein reported that Wolff said he was gathering material', 'reiterated his claim that …':
    a statement whose cue and words sit inside another's content is part of that statement;
    readers (and PolNeAR's annotators) take the outer report, and a second record would say the
    same thing again."""
    def inside(cand: Candidate, other: Candidate) -> bool:
        return other is not cand and other.content != cand.content \
            and other.content[0] <= cand.cue[0] < other.content[1] \
            and other.content[0] <= cand.content[0] and cand.content[1] <= other.content[1]
    return [cand for cand in indirect if cand.cue is None or not any(inside(cand, other) for other in every)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(1, a[1] - a[0])


def _subject_span(subj) -> tuple[int, int]:
    """The speaker phrase as written: the subject's subtree without a trailing relative clause."""
    if subj.lower_ in ("who", "which", "that", "he", "she", "they", "it", "i", "we", "you"):
        return subj.idx, subj.idx + len(subj.text)
    toks = list(subj.subtree)
    cut = [c for c in subj.children if c.dep_ in ("relcl", "acl") and c.i > subj.i]
    if cut:
        toks = [t for t in toks if t.i < cut[0].left_edge.i]
    lines = [k for k, t in enumerate(toks) if "\n" in t.text_with_ws and t.i < subj.i]
    if lines:
        toks = toks[lines[-1] + 1:]    # a headline line the parser joined to the sentence
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    if not toks:
        return subj.idx, subj.idx + len(subj.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _resolve(article: Article, doc, cands: list[Candidate], direct: list[Candidate], mask) -> list[Quote]:
    text = article.text
    resolver = SpeakerResolver(article, doc, mask)
    speaker_of: dict[int, tuple[str | None, Known | None, tuple[int, int] | None]] = {}
    out: list[Quote] = []
    previous_direct: tuple[str | None, Known | None, tuple[int, int] | None] | None = None
    for cand in cands:
        name: str | None = None
        known: Known | None = None
        span: tuple[int, int] | None = None
        refine_subject(cand)
        if cand.inherit:
            if previous_direct is None:
                continue
            name, known, span = previous_direct
        elif cand.label is not None:
            name, known = resolver.resolve_label(text[cand.label[0]:cand.label[1]], cand.label[0])
            span = cand.label
        elif cand.subject is not None and not cand.passive:
            cand.subject = _same_paragraph(cand.subject, cand)
            outer = _enclosing(direct, cand, speaker_of)
            name, known = resolver.resolve(cand.subject, cand.anchor, outer)
            span = _subject_span(cand.subject)
        if name is None and cand.kind == "direct" and not cand.passive and cand.cue is not None:
            known = resolver.last_person(cand.anchor)   # '“…,” was the reply.': the person just named
            name = known.name if known else None
        if known is not None:
            resolver.remember(cand.anchor, known)
        if cand.kind == "direct":
            previous_direct = (name, known, span)
        speaker_of[id(cand)] = (name, known, span)
        start, end = cand.content
        out.append(Quote(
            speaker=name,
            speaker_span=Span(*span) if span else None,
            cue=text[cand.cue[0]:cand.cue[1]] if cand.cue else None,
            cue_span=Span(*cand.cue) if cand.cue else None,
            content=text[start:end],
            content_span=Span(start, end),
            kind=cand.kind,
        ))
    return out


def _same_paragraph(subj, cand: Candidate):
    """The parser sometimes takes a subject from the paragraph before ("12:15 p.m.\n\nObama
    says …"); then use the last name (else the first noun) of the cue's own paragraph."""
    if cand.cue is None:
        return subj
    doc = subj.doc
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, cand.cue[0]) + 1
    if subj.idx >= para_start or subj.idx > cand.cue[0]:
        return subj
    span = doc.char_span(para_start, cand.cue[0], alignment_mode="contract")
    if span is None or not len(span):
        return subj
    # the cue's own subject in its paragraph, when the parser gave it two ("'Slogan.'\n\nHer aides said")
    own = [t for t in span if t.dep_ in ("nsubj", "nsubjpass") and cand.cue_token is not None
           and t.head.i == cand.cue_token.i]
    if own:
        return own[-1]
    names = [t for t in span if t.ent_type_ in ("PERSON", "ORG", "NORP") and t.pos_ == "PROPN"]
    if names:
        last = names[-1]
        return last.head if last.dep_ == "compound" and last.head.i < span.end else last
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return nouns[0] if nouns else subj


def _enclosing(direct: list[Candidate], cand: Candidate, speaker_of) -> Known | None:
    """The speaker of the direct quote this statement is nested in ("I think …" inside a quote)."""
    if cand.cue is None:
        return None
    for d in direct:
        if d is not cand and d.content[0] <= cand.cue[0] < d.content[1]:
            return (speaker_of.get(id(d)) or (None, None, None))[1]
    return None
