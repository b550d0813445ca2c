"""Sentences of an article as candidate units for summaries and takeaways.

The units come from the spaCy Doc the stage is given (`doc.sents`), with their character spans in
`Article.text`. Fragments that are not prose are marked, not silently dropped, so a caller can
still say why an article had nothing to summarise: headline-like lines without a verb, page
furniture ("Scroll down for video", "Share this with…"), one- or two-word exclamations, and
captions glued to the next sentence (a run-on with no full stop for 60+ words).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.model import Span

# Phrases that open page furniture rather than prose, in any news site's scrape (lower case).
FURNITURE_OPENERS = (
    "scroll down", "click here", "read more", "share this", "follow us", "sign up", "subscribe",
    "advertisement", "related:", "watch:", "video:", "photo:", "image:", "pictured:", "copy this link",
)
# Capitalised function words that, in the middle of a "sentence", can only open a new one.
GLUED_OPENERS = frozenset("A An The He She They It His Her Their Its This These Those We".split())
MIN_WORDS = 4          # "No wonder." / "Guilty across the board." carry no standalone fact
RUN_ON_WORDS = 60      # longer "sentences" are mostly captions glued to the prose around them
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


@dataclass(frozen=True)
class Unit:
    """One sentence of the article, with what the summariser needs to know about it."""

    index: int              # position among all sentences of the article (0 = lede)
    span: Span              # [start, end) in Article.text, stripped of surrounding space
    text: str
    words: int
    sent: object            # the spaCy Span, for the dependency-based compression
    furniture: bool         # not prose: skip it for summaries and takeaways
    terminated: bool        # ends with . ! ? (captions and headlines usually do not)
    paragraph: int          # index of the "\n\n"-separated paragraph it starts in
    quoted: bool            # opens with a quotation mark: someone's words, not the reporter's


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def sentence_units(text: str, doc) -> list[Unit]:
    """The sentences of `doc` (the spaCy Doc of `text`) as `Unit`s, in order."""
    if doc is None or not text.strip():
        return []
    units: list[Unit] = []
    for sent in _sentences(doc):
        start, end = _strip(text, sent.start_char, sent.end_char)
        if end <= start:
            continue
        body = text[start:end]
        words = count_words(body)
        units.append(Unit(
            index=len(units), span=Span(start, end), text=body, words=words, sent=sent,
            furniture=_is_furniture(body, sent, words),
            terminated=bool(_TERMINAL.search(body)),
            paragraph=text.count("\n\n", 0, start),
            quoted=body[:1] in "\"'“‘",
        ))
    return units


def _sentences(doc):
    """spaCy sentences, split again at paragraph breaks (the parser sometimes runs across them)
    and where a caption without a full stop runs into the next sentence."""
    for sent in doc.sents:
        begin = sent.start
        for tok in sent:
            if tok.i > begin and tok.is_space and "\n\n" in tok.text:
                yield doc[begin:tok.i]
                begin = tok.i + 1
            elif tok.i > begin + 2 and _glued_start(tok):
                yield doc[begin:tok.i]
                begin = tok.i
        if begin < sent.end:
            yield doc[begin:sent.end]


def _glued_start(tok) -> bool:
    """"…half of his winnings A man who won…": a capitalised article or pronoun straight after a
    content word or a closing quote, with no punctuation between, starts a new sentence."""
    prev = tok.nbor(-1)
    if tok.text not in GLUED_OPENERS or tok.i + 1 >= len(tok.doc) or not prev.whitespace_:
        return False
    if not tok.nbor(1).is_alpha or tok.nbor(1).pos_ == "CCONJ":
        return False                              # "Patient A and …"
    return prev.pos_ in ("NOUN", "PROPN", "NUM", "ADV", "ADJ") or prev.text in ("’", "'", "”", '"')


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_furniture(body: str, sent, words: int) -> bool:
    lowered = body.lower()
    if words < MIN_WORDS or words > RUN_ON_WORDS:
        return True
    if any(lowered.startswith(p) for p in FURNITURE_OPENERS):
        return True
    letters = [c for c in body if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters) and len(letters) > 3:
        return True          # ALL-CAPS banner or section label
    if not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return True          # a headline or label, not a statement
    return False
