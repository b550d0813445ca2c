"""The standfirst: a short summary made only of the article's own words, citing where they came from.

Each of the first sentences comes in up to three versions -- as written, without scaffolding
clauses, main clause only (`compress.py`) -- and the standfirst is the set of one or two versions
of different sentences, within the word budget, that scores best: the weight of the article's
concepts it covers (`salience.py`: recurrence, entities, lede) plus a little per word, per word of
length plus a reserve -- an F1-like trade between saying more and saying it in fewer words. The
picks are put back in article order. Every character of the summary is a character of `Article.text` at one of
`Article.summary_sources` (only a first letter may be upper-cased after an opening phrase was cut).

The standfirst is one sentence for a one-paragraph story and at most two otherwise, never more
than 60 words.
"""
from __future__ import annotations

from dataclasses import dataclass

from newsdesk.model import Article, Span
from newsdesk.understand import stage
from newsdesk.understand.compress import Compressed
from newsdesk.understand.salience import Candidate, Salience, analyse
from newsdesk.understand.sentences import Unit, sentence_units

MAX_WORDS = 60
SEARCH_DEPTH = 10       # the standfirst is chosen from the first prose sentences (the lede and its follow-up)
WORD_VALUE = 0.3        # every kept word is worth this share of a typical word's concept weight ...
LENGTH_RESERVE = 50     # ... and the score is divided by (words + this): a summary's share of a ~50-word ideal
NO_TEXT_NOTE = "summary: no article text to summarise"
NO_PROSE_NOTE = "summary: no prose sentences found (only headlines, captions or furniture)"


@dataclass(frozen=True)
class Pick:
    candidate: Candidate
    compressed: Compressed


@dataclass(frozen=True)
class Option:
    """One version (as written, scaffolding cut, main clause only) of one candidate sentence."""
    candidate: Candidate
    compressed: Compressed
    concepts: frozenset[str]


def sentence_limit(prose_words: int) -> int:
    """One sentence for a one-paragraph story, two otherwise (the issue's "one or two sentences")."""
    return 1 if prose_words < 120 else 2


def choose(text: str, salience: Salience, *, max_words: int = MAX_WORDS,
           max_sentences: int | None = None) -> list[Pick]:
    """The best set of at most `max_sentences` sentence versions that fits `max_words`, searched
    exhaustively over the first SEARCH_DEPTH candidates. Picks come back in article order."""
    cands = salience.candidates
    if not cands:
        return []
    if max_sentences is None:
        max_sentences = sentence_limit(sum(c.unit.words for c in cands))
    pool = cands[:SEARCH_DEPTH]
    options = _options(text, pool, max_words) or _options(text, cands, max_words)   # the lede may be all run-ons
    if not options:
        return []
    unit_weight = _typical_density(salience, pool)
    best, best_score = None, float("-inf")
    for combo in _combinations(options, max_sentences, max_words):
        score = _score(salience, combo, unit_weight)
        if score > best_score:
            best, best_score = combo, score
    return [Pick(o.candidate, o.compressed) for o in best]   # options and combos keep article order


def _options(text: str, cands: list[Candidate], max_words: int) -> list[Option]:
    return [Option(c, short, kept) for c in cands for short, kept in c.versions(text) if short.words <= max_words]


def _combinations(options: list[Option], max_sentences: int, max_words: int):
    """Every set of versions of distinct sentences, at most `max_sentences` of them, within the budget."""
    def extend(start: int, chosen: tuple[Option, ...], words: int):
        for k in range(start, len(options)):
            o = options[k]
            if words + o.compressed.words > max_words or any(o.candidate is c.candidate for c in chosen):
                continue
            combo = chosen + (o,)
            yield combo
            if len(combo) < max_sentences:
                yield from extend(k + 1, combo, words + o.compressed.words)
    yield from extend(0, (), 0)


def _score(salience: Salience, combo: tuple[Option, ...], unit_weight: float) -> float:
    """Expected overlap with an ideal summary per word, F1-style: each version earns the weight of the
    concepts it adds (once per summary, so repeats earn nothing) plus a little for every word, times
    its prior; the total is divided by the length plus a reserve, so a longer pick must earn its words."""
    covered: set[str] = set()
    earned = 0.0
    words = 0
    for o in combo:
        new = o.concepts - covered
        earned += o.candidate.lede_prior * (sum(salience.weights[c] for c in new) / unit_weight
                                            + WORD_VALUE * o.compressed.words)
        covered |= new
        words += o.compressed.words
    return earned / (words + LENGTH_RESERVE)


def _typical_density(salience: Salience, pool: list[Candidate]) -> float:
    """Mean concept weight per word over the searched sentences: puts concept weight and word count
    on one scale whatever the article's length."""
    densities = [sum(salience.weights[c] for c in cand.concepts) / max(1, cand.unit.words) for cand in pool]
    return (sum(densities) / len(densities)) or 1.0


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
