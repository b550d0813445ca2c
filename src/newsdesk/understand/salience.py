"""What an article is about, as weighted concepts, and how much each sentence says of it.

A concept is the lemma of a content word (noun, proper noun, verb, adjective, number). Its weight
is how often the article's prose uses it, raised for concepts the story introduces early: news
puts its main facts first (the inverted pyramid), so a word of the lede that recurs is the core of
the story. A sentence is worth the weight of the concepts it covers that are not covered yet (the
budgeted maximum-coverage view of extractive summarisation, which also removes redundancy),
times a prior for its position, and damped when it is someone's words rather than the reporter's
(quotes, first person) or a caption without a full stop. Everything is computed per article: no
corpus, no model download.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from newsdesk.model import Entity
from newsdesk.understand.compress import CORE, DATELINE, FULL, Compressed, compress
from newsdesk.understand.sentences import Unit

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
LEDE_BOOST = 1.0          # a concept first seen in sentence r weighs tf * (1 + LEDE_BOOST * exp(-r / LEDE_SPAN))
LEDE_SPAN = 5.0
POSITION_DECAY = 0.1      # prior of the r-th prose sentence: exp(-POSITION_DECAY * r)
SPEECH_PENALTY = 0.6      # quotes and first-person sentences
UNTERMINATED_PENALTY = 0.6
DANGLING_PENALTY = 0.7    # opens with a pronoun whose antecedent the summary may not include
ENTITY_BOOST = 0.5        # extra weight for concepts that name the article's resolved entities
# The standfirst's prior is flat over the lede, then one step down: the share of a sentence's words
# that a human summary uses is about the same over a story's first four or five sentences (~120
# words) and about a third lower after them, with little further slope (CNN/DM dev, by position).
LEDE_WORDS = 120
AFTER_LEDE = 0.5
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "mine", "ours"})
ANAPHORA = frozenset({"he", "she", "they", "it", "his", "her", "their", "its", "this", "these", "those", "him", "them"})


@dataclass
class Candidate:
    unit: Unit
    prior: float                     # position and kind of sentence, in (0, 1]
    concepts: frozenset[str]
    lede_prior: float = 1.0          # the standfirst's prior: in the lede or not, and kind of sentence
    _short: Compressed | None = None
    _versions: list[tuple[Compressed, frozenset[str]]] | None = None

    def short(self, text: str) -> Compressed:
        """The sentence with its scaffolding clauses deleted (computed once)."""
        if self._short is None:
            self._short = compress(text, self.unit, FULL)
        return self._short

    def versions(self, text: str) -> list[tuple[Compressed, frozenset[str]]]:
        """The sentence as written, without its scaffolding clauses, and its main clause alone --
        each distinct version once, with the concepts it keeps."""
        if self._versions is None:
            self._versions = []
            for version in (compress(text, self.unit, DATELINE), self.short(text), compress(text, self.unit, CORE)):
                if all(version.text != v.text for v, _ in self._versions):
                    self._versions.append((version, self.kept_concepts(version)))
        return self._versions

    def kept_concepts(self, version: Compressed) -> frozenset[str]:
        return frozenset(t.lemma_.lower() for t in self.unit.sent if _is_concept(t)
                         and any(sp.start <= t.idx < sp.end for sp in version.spans))


@dataclass
class Salience:
    """The concept weights of one article and its prose sentences as candidates."""

    weights: dict[str, float]
    candidates: list[Candidate] = field(default_factory=list)

    def gain(self, cand: Candidate, covered: set[str], concepts: frozenset[str] | None = None) -> float:
        return cand.prior * sum(self.weights[c] for c in (cand.concepts if concepts is None else concepts) - covered)


def _is_concept(tok) -> bool:
    return tok.pos_ in CONTENT_POS and not tok.is_stop and (tok.is_alpha or tok.like_num)


def concepts(unit: Unit) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in unit.sent if _is_concept(t))


def is_speech(unit: Unit) -> bool:
    """Someone's own words: opens with a quotation mark or speaks in the first person."""
    return unit.quoted or any(t.lower_ in FIRST_PERSON for t in unit.sent)


def opens_with_anaphora(unit: Unit) -> bool:
    first = next((t for t in unit.sent if t.is_alpha), None)
    return first is not None and first.lower_ in ANAPHORA


def analyse(units: list[Unit], entities: tuple[Entity, ...] = ()) -> Salience:
    prose = [u for u in units if not u.furniture]
    sets = [concepts(u) for u in prose]
    tf: Counter[str] = Counter()
    first: dict[str, int] = {}
    for rank, cs in enumerate(sets):
        for c in cs:
            tf[c] += 1
            first.setdefault(c, rank)
    weights = {c: tf[c] * (1 + LEDE_BOOST * math.exp(-first[c] / LEDE_SPAN)) for c in tf}
    for word in _entity_words(entities):
        if word in weights:
            weights[word] *= 1 + ENTITY_BOOST
    cands = []
    words_before = 0
    for rank, (u, cs) in enumerate(zip(prose, sets)):
        kind = SPEECH_PENALTY if is_speech(u) else 1.0
        if rank and opens_with_anaphora(u):
            kind *= DANGLING_PENALTY
        # a caption without a full stop is damped for takeaways but not for the standfirst: a
        # caption run into the lede is often the story in brief
        unterminated = 1.0 if u.terminated else UNTERMINATED_PENALTY
        lede = 1.0 if words_before < LEDE_WORDS else AFTER_LEDE
        cands.append(Candidate(u, math.exp(-POSITION_DECAY * rank) * kind * unterminated, cs, lede * kind))
        words_before += u.words
    return Salience(weights, cands)


def _entity_words(entities: tuple[Entity, ...]) -> set[str]:
    """Lower-cased words of the names of entities mentioned more than once."""
    return {w.lower() for e in entities if len(e.mentions) > 1 for w in e.name.split()}
