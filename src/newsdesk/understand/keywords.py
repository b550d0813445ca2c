"""Key phrases, most important first, merged with the canonical entities.

Candidates are the canonical entities (one per real-world thing, named as `entities` named them)
and the noun chunks of the parse, trimmed of articles, pronouns, numbers and dates. Each is
scored the way keyphrase extractors for news do (SGRank, YAKE): how often it occurs, how early it
first appears (news puts what matters first), and how specific its words are — word rarity comes
from `wordfreq`'s bundled frequency lists, standing in for corpus IDF. Near-duplicates are merged,
and page furniture ("min read", "Posted on", the publisher's own name, credits) never qualifies.
No second spaCy pass: everything is read off the Doc the pipeline already made.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsdesk.model import Article
from newsdesk.understand import stage
from newsdesk.understand.entities import CREDIT_LINE
from newsdesk.understand.titles import ROLE_WORDS

MAX_KEYWORDS = 10
MAX_PHRASE_TOKENS = 4

# How much an entity of each type tends to say about what a story is about.
ENTITY_WEIGHT = {"PERSON": 1.0, "ORG": 1.0, "GPE": 0.8, "LOC": 0.8, "EVENT": 1.0, "FAC": 0.8,
                 "PRODUCT": 0.9, "WORK_OF_ART": 0.9, "LAW": 0.9, "NORP": 0.45}

# Page furniture: phrases a site wraps around a story. A candidate containing one never qualifies,
# and names seen only inside a furniture line do not count.
FURNITURE_WORDS = re.compile(
    r"\b(?:min(?:ute)?s? read|read more|posted|published by|last updated|updated on|sign up|subscribe"
    r"|newsletter|advertisement|cookies?|click here|copyright|all rights reserved|share this|follow us"
    r"|related articles?|more articles|categor(?:y|ies))(?:\b|(?=[A-Z]))", re.I)
FURNITURE_LINE = re.compile(
    r"\b(?:Published|Posted|Written|Updated|Last updated)(?:\s+(?:by|on|at|in))?:?\s+"
    r"(?:[A-Z][\w&'.-]*(?:\s+(?:and|of|&|the|[A-Z][\w&'.-]*))*|[\w ,:]{0,40}\d{4})"
    r"|\b\d+\s*min(?:ute)?s?\s+read"
    r"|\bExplore more articles[^.\n]*")

_SKIP_ENT = frozenset("DATE TIME CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())
_TRIM_POS = frozenset("DET PRON NUM PART ADP CCONJ SCONJ PUNCT AUX SYM X SPACE".split())


@dataclass
class _Candidate:
    text: str
    key: frozenset[str]          # lemmas, for merging near-duplicates
    first: int                   # sentence index of first occurrence
    count: float = 0.0
    weight: float = 1.0
    entity: bool = False
    head: str = ""               # lemma of the phrase's last word: "dam" for "the Renaissance Dam"
    proper: bool = False         # a name the model did not tag ("Grand Ethiopian Renaissance Dam")
    spans: list[tuple[int, int]] = field(default_factory=list)

    def score(self) -> float:
        return (1.0 + math.log(self.count)) * (1.0 + 1.0 / (1.0 + self.first)) * self.weight


@stage("keywords", needs=("entities",))
def add_keywords(article: Article, doc) -> Article:
    if doc is None or not article.text.strip():
        return article
    return article.replace(keywords=key_phrases(article, doc))


def key_phrases(article: Article, doc, limit: int = MAX_KEYWORDS) -> tuple[str, ...]:
    text = article.text
    furniture = [m.span() for m in FURNITURE_LINE.finditer(text)] + [m.span() for m in CREDIT_LINE.finditer(text)]
    sentence_of = _sentence_index(doc)
    blocked = {_norm(n) for n in [article.publisher, article.agency, *article.authors,
                                  *(c.name for c in article.credits)] if n}

    def in_furniture(a: int, b: int) -> bool:
        return any(x < b and a < y for x, y in furniture)

    candidates: list[_Candidate] = []
    entity_spans: set[tuple[int, int]] = set()
    person_ends: set[int] = set()
    person_starts: set[int] = set()
    for entity in article.entities:
        spans = [(m.start, m.end) for m in entity.mentions if not in_furniture(m.start, m.end)]
        entity_spans.update((m.start, m.end) for m in entity.mentions)
        if entity.type == "PERSON":
            person_ends.update(m.end for m in entity.mentions)
            person_starts.update(m.start for m in entity.mentions)
        if not spans or entity.type not in ENTITY_WEIGHT:
            continue
        candidates.append(_Candidate(entity.name, frozenset(_norm(entity.name).split()),
                                     sentence_of(spans[0][0]), len(spans), ENTITY_WEIGHT[entity.type],
                                     entity=True, spans=spans))
    candidates.extend(_chunk_candidates(doc, entity_spans, (person_starts, person_ends), in_furniture, sentence_of))

    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: -c.score()):
        if len(chosen) >= limit:
            break
        if _norm(cand.text) in blocked or FURNITURE_WORDS.search(cand.text):
            continue
        if any(_overlaps(cand, c) for c in chosen):
            continue
        chosen.append(cand)
    return tuple(c.text for c in chosen)


def _chunk_candidates(doc, entity_spans, people, in_furniture, sentence_of) -> list[_Candidate]:
    person_starts, person_ends = people
    by_key: dict[frozenset[str], _Candidate] = {}
    for chunk in doc.noun_chunks:
        tokens = _trim(list(chunk))
        if not tokens or len(tokens) > MAX_PHRASE_TOKENS:
            continue
        a, b = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        if (a, b) in entity_spans or b in person_ends or in_furniture(a, b):
            continue  # the entity (or "spokesman <person>") is already a candidate, under its canonical name
        after = tokens[-1].i + 1
        if tokens[-1].lower_ in ROLE_WORDS and after < len(doc) and doc[after].idx in person_starts:
            continue  # "Russian President" of "Russian President Vladimir Putin" is a title
        if not any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
            continue
        key = frozenset(t.lemma_.casefold() for t in tokens if not t.is_punct)
        cand = by_key.get(key)
        if cand is None:
            words = [t for t in tokens if not t.is_punct and t.text != "-"]
            if not words:
                continue
            rarity = sum(_rarity(t.lemma_.casefold()) for t in words) / len(words)
            length_bonus = (0.7, 1.0, 1.2)[min(len(words), 3) - 1]  # a lone common noun says little
            cand = by_key[key] = _Candidate(_display(tokens), key, sentence_of(a), 0.0,
                                            rarity * length_bonus, head=tokens[-1].lemma_.casefold(),
                                            proper=all(t.pos_ == "PROPN" for t in words))
        cand.count += 1
        cand.spans.append((a, b))
    return _merge_families(by_key.values())


def _merge_families(candidates) -> list[_Candidate]:
    """'the dam', 'its own dams', 'the Grand Ethiopian Renaissance Dam' are one topic: the family
    counts all their occurrences under its best spelling (a name if there is one, else the best
    phrase of several words, else the word)."""
    families: dict[str, list[_Candidate]] = {}
    for cand in candidates:
        families.setdefault(cand.head, []).append(cand)
    out = []
    for members in families.values():
        names = [m for m in members if m.proper and len(m.key) > 1]
        phrases = [m for m in members if len(m.key) > 1]  # "Ukraine war" says more than "war"
        best = max(names or phrases or members, key=lambda m: (m.score(), len(m.key)))
        best.count += 0.5 * sum(m.count for m in members if m is not best)
        best.first = min(m.first for m in members)
        out.append(best)
    return out


def _trim(tokens: list) -> list:
    """Drop articles, pronouns, numbers, dates and stop words at the edges of a noun chunk."""
    def edge(t) -> bool:
        return t.pos_ in _TRIM_POS or t.is_stop or t.ent_type_ in _SKIP_ENT or t.text in ("'s", "’s")

    while tokens and edge(tokens[0]):
        tokens = tokens[1:]
    while tokens and edge(tokens[-1]):
        tokens = tokens[:-1]
    if any(t.ent_type_ in _SKIP_ENT or t.pos_ == "PRON" for t in tokens):
        return []
    return tokens


def _display(tokens) -> str:
    words = []
    for t in tokens:
        proper = t.pos_ == "PROPN" or (t.text.isupper() and len(t.text) > 1) or t.ent_type_
        words.append(t.text if proper else t.text.lower())
        words.append(t.whitespace_)
    return "".join(words).strip()


def _overlaps(cand: _Candidate, chosen: _Candidate) -> bool:
    """Near-duplicates: same words, or a plain phrase whose words all sit in one already chosen."""
    if cand.key == chosen.key:
        return True
    return not cand.entity and cand.key <= chosen.key


def _sentence_index(doc):
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    def index(char: int) -> int:
        lo, hi = 0, len(starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= char:
                lo = mid
            else:
                hi = mid
        return lo

    return index


@lru_cache(maxsize=65536)
def _rarity(word: str) -> float:
    """0.1 for the commonest words, about 1 for rare ones (Zipf frequency 7 -> 3.5)."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, "en")
    if zipf == 0:
        return 1.0  # unknown to the lists: a name or a coinage, specific by definition
    return min(1.2, max(0.1, (7.0 - zipf) / 3.5))


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).casefold()
