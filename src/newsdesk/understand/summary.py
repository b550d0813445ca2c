"""The standfirst: a short summary made only of the article's own words, citing where they came from.

Sentences are compressed by deleting scaffolding clauses (`compress.py`) and picked greedily by
how much of the article's weighted concepts they add (`salience.py`: lead position, recurrence,
entities), while they fit the word budget; the picks are put back in article order. Every character of the summary is a character of `Article.text` at one of
`Article.summary_sources` (only a first letter may be upper-cased after an opening phrase was cut).

The standfirst is one sentence for a one-paragraph story and up to three short ones for a long
article, never more than 60 words.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsdesk.model import Article, Span
from newsdesk.understand import stage
from newsdesk.understand.compress import Compressed
from newsdesk.understand.salience import Candidate, Salience, analyse
from newsdesk.understand.sentences import Unit, sentence_units

MAX_WORDS = 60
LENGTH_POWER = 0.0      # value of a sentence = gain / words ** LENGTH_POWER
NO_TEXT_NOTE = "summary: no article text to summarise"
NO_PROSE_NOTE = "summary: no prose sentences found (only headlines, captions or furniture)"


@dataclass(frozen=True)
class Pick:
    candidate: Candidate
    compressed: Compressed


def sentence_limit(prose_words: int) -> int:
    """How many sentences the standfirst may have, by the length of the article's prose."""
    if prose_words < 120:
        return 1
    if prose_words < 400:
        return 2
    return 3


def choose(text: str, salience: Salience, *, max_words: int = MAX_WORDS,
           max_sentences: int | None = None) -> list[Pick]:
    """Greedy budgeted coverage: repeatedly take the sentence that adds the most uncovered weight
    and still fits; stop at the sentence limit. The picks come back in article order."""
    cands = salience.candidates
    if not cands:
        return []
    if max_sentences is None:
        max_sentences = sentence_limit(sum(c.unit.words for c in cands))
    picks: list[Pick] = []
    covered: set[str] = set()
    used = 0
    while len(picks) < max_sentences:
        best, best_value = None, 0.0
        for c in cands:
            if any(p.candidate is c for p in picks):
                continue
            for short, kept in c.versions(text):
                if used + short.words > max_words:
                    continue
                value = salience.gain(c, covered, kept) / max(1, short.words) ** LENGTH_POWER
                if value > best_value:
                    best, best_value = (c, short, kept), value
        if best is None:
            break
        c, short, kept = best
        picks.append(Pick(c, short))
        covered |= kept
        used += short.words
    return sorted(picks, key=lambda p: p.candidate.unit.index)


def summarize(text: str, units: list[Unit], entities=()) -> tuple[str, tuple[Span, ...]]:
    picks = choose(text, analyse(units, entities))
    return " ".join(p.compressed.text for p in picks), tuple(sp for p in picks for sp in p.compressed.spans)


@stage("summary", needs=("entities", "quotes"))
def add_summary(article: Article, doc) -> Article:
    from newsdesk.understand.takeaways import takeaways

    if not article.text.strip():
        return article.replace(summary="", summary_sources=(), takeaways=()).with_note(NO_TEXT_NOTE)
    salience = analyse(sentence_units(article.text, doc), article.entities)
    if not salience.candidates:
        return article.replace(summary="", summary_sources=(), takeaways=()).with_note(NO_PROSE_NOTE)
    picks = choose(article.text, salience)
    return article.replace(
        summary=" ".join(p.compressed.text for p in picks),
        summary_sources=tuple(span for p in picks for span in p.compressed.spans),
        takeaways=takeaways(article, salience),
    )
