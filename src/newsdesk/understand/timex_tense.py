"""Which way a bare "Tuesday" or "in March" points: the tense of the verb that governs it.

"Peskov said on Tuesday" (past) is the Tuesday before the reference date; "the anniversary
falls on Monday" and "they will meet on Monday" (present, future) are the Monday after.
With a spaCy parse we walk from the expression up to its verb and read the verb group
(auxiliaries and tags); without one we look at the words of the clause before it.
"""
from __future__ import annotations

import re

from newsdesk.understand.timex_calendar import FUTURE, PAST, PRESENT

FUTURE_AUX = {"will", "wo", "'ll", "shall", "would", "'d"}
FUTURE_VERBS = {"plan", "expect", "schedule", "intend", "hope", "aim", "set", "due", "propose", "prepare"}
# verbs of intention: what they govern lies after them ("agreed to meet on Monday")
INTENT_VERBS = FUTURE_VERBS | {"agree", "decide", "promise", "vow", "pledge", "threaten", "want", "seek", "ask",
                               "urge", "wish", "try", "need", "hope", "arrange", "invite"}
PAST_AUX_TAGS = {"VBD"}
_FUTURE_WORDS = re.compile(r"\b(?:will|won't|'ll|shall|would|going to|scheduled|expected|plans?|planned|"
                           r"due to|set to|intends?|to be held)\b", re.I)
_PAST_WORDS = re.compile(r"\b(?:said|was|were|had|did|told|announced|reported|\w+ed)\b", re.I)


def _verb_group(token):
    """The nearest verb at or above `token` in the dependency tree (None at the root)."""
    seen = 0
    while token is not None and seen < 12:
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or token.tag_ == "MD":
            return token
        if token.head is token:
            return None
        token = token.head
        seen += 1
    return None


def _tense_of_verb(verb, depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return FUTURE
    if verb.lemma_.lower() in ("schedule", "plan"):
        return FUTURE  # "has scheduled a news conference Thursday": the time is the plan's
    # "is expected to close", "plans to meet": the governing verb carries the intention
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in FUTURE_VERBS:
        return FUTURE
    if verb.lemma_.lower() == "be" and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children):
        return FUTURE  # "is to meet"
    if any(a.tag_ in PAST_AUX_TAGS for a in auxes):
        return PAST
    if any(a.lower_ in ("has", "have", "'ve") for a in auxes):
        return PAST
    tag = verb.tag_
    if tag == "VBD":
        return PAST
    if tag == "VBN":
        # a bare participle modifying a noun ("the offer announced Tuesday") is past;
        # "is expected in December" is present passive
        if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return FUTURE if verb.lemma_.lower() in FUTURE_VERBS else PRESENT
        return PAST
    if tag in ("VBZ", "VBP"):
        return PRESENT
    if tag == "VBG":
        if any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return FUTURE  # "is leaving on Monday"
        return None
    if tag == "VB":
        # infinitive ("to meet on Monday"): its time is set by the verb that governs it
        head = _verb_group(verb.head) if verb.head is not verb else None
        if head is None or head is verb or depth > 4:
            return None
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in head.children):
            return PAST  # "had been due to expire Friday": pluperfect frame
        if head.lemma_.lower() in INTENT_VERBS:
            return FUTURE
        return _tense_of_verb(head, depth + 1)
    return None


def tense_from_doc(doc, start: int, end: int) -> str | None:
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    verb = _verb_group(span.root)
    if verb is None:
        return None
    return _tense_of_verb(verb)


def tense_from_words(text: str, start: int) -> str | None:
    """Fallback without a parse: the clause before the expression."""
    left = text[max(0, start - 80):start]
    left = re.split(r"[.!?;\n]", left)[-1]
    if _FUTURE_WORDS.search(left):
        return FUTURE
    if _PAST_WORDS.search(left):
        return PAST
    return None


def tense_at(text: str, doc, start: int, end: int) -> str | None:
    return tense_from_doc(doc, start, end) or tense_from_words(text, start)
