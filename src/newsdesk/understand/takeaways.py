"""Key takeaways: three to seven distinct facts of the article, each citing the spans it rests on.

The points are the sentences that add the most not-yet-covered weight of the article's concepts
(the same salience model as the summary, without its word budget), compressed by deleting
clauses. When a point is mostly someone's statement and the quotes stage recorded who said it, the
point is written in attributed form from the quote record -- speaker, cue, content: "Peskov said
the two leaders should meet" -- and cites exactly those three spans, so every word of a takeaway
is a word of one of its sources.
"""
from __future__ import annotations

from newsdesk.model import Article, Quote, Span, Takeaway
from newsdesk.understand.salience import SPEECH_PENALTY, Candidate, Salience
from newsdesk.understand.sentences import count_words

MIN_POINTS, MAX_POINTS = 3, 7
SENTENCES_PER_POINT = 4       # a 12-sentence story gets 3 points, a 28-sentence one 7
MAX_POINT_WORDS = 45
QUOTE_SHARE = 0.5             # a quote covering half the sentence's words makes it a statement
PRONOUNS = frozenset("he she they it we i you his her their him them".split())
MAX_CUE_TAIL_WORDS = 4       # "told reporters on Friday that …"


def point_count(n_candidates: int) -> int:
    return max(MIN_POINTS, min(MAX_POINTS, round(n_candidates / SENTENCES_PER_POINT)))


def takeaways(article: Article, salience: Salience) -> tuple[Takeaway, ...]:
    text = article.text
    cands = salience.candidates
    if not cands:
        return ()
    quotes_by_cand = {id(c): _main_quote(c, article.quotes) for c in cands}
    options = [(c, point) for c in cands
               if (point := _point(text, c, quotes_by_cand[id(c)], article)) is not None]
    points: list[tuple[int, Takeaway]] = []
    covered: set[str] = set()
    wanted = min(len(options), point_count(len(cands)))
    while len(points) < wanted:
        best, best_gain = None, 0.0
        for k, (c, point) in enumerate(options):
            gain = _gain(salience, c, covered, quoted=quotes_by_cand[id(c)] is not None)
            if gain > best_gain:
                best, best_gain = k, gain
        if best is None:
            break
        c, point = options.pop(best)
        covered |= c.concepts
        points.append((c.unit.index, point))
    return tuple(p for _, p in sorted(points, key=lambda ip: ip[0]))


def _gain(salience: Salience, cand: Candidate, covered: set[str], *, quoted: bool) -> float:
    gain = salience.gain(cand, covered)
    # a statement with a recorded speaker is a fine takeaway once it is attributed
    if quoted and (cand.unit.quoted or cand.prior < 1.0):
        gain /= SPEECH_PENALTY
    return gain


def _point(text: str, cand: Candidate, quote: Quote | None, article: Article) -> Takeaway | None:
    if quote is not None:
        attributed = attributed_form(text, quote, article)
        if attributed is not None and count_words(attributed.text) <= MAX_POINT_WORDS:
            return attributed
    if cand.unit.quoted:
        return None                       # an unattributed quotation is not a takeaway
    short = cand.short(text)
    if short.words > MAX_POINT_WORDS:
        return None
    return Takeaway(short.text, short.spans)


def _main_quote(cand: Candidate, quotes: tuple[Quote, ...]) -> Quote | None:
    """The quote record whose content makes up most of this sentence, if any."""
    span = cand.unit.span
    best = None
    for q in quotes:
        cs = q.content_span
        overlap = min(cs.end, span.end) - max(cs.start, span.start)
        if overlap <= 0 or not q.cue or q.speaker_span is None:
            continue
        words = count_words(cand.unit.text[max(0, cs.start - span.start):max(0, cs.end - span.start)])
        if words >= QUOTE_SHARE * cand.unit.words and (best is None or cs.end - cs.start > best.content_span.end
                                                       - best.content_span.start):
            best = q
    return best


def attributed_form(text: str, quote: Quote, article: Article) -> Takeaway | None:
    """"<speaker> <cue> <content>" from a quote record, citing speaker, cue and content spans.

    The speaker is the mention the record points at, or -- when that is a pronoun ("he said") --
    a mention elsewhere in the text that spells the resolved name; the record is skipped when
    neither exists, rather than write a name the cited spans do not contain."""
    speaker_span = _speaker_mention(text, quote, article)
    if speaker_span is None or quote.cue_span is None:
        return None
    speaker = speaker_span.of(text).strip()
    content_span = _trim(text, quote.content_span)
    cue_span = _cue_with_listener(text, quote.cue_span, content_span)
    cue = cue_span.of(text).strip()
    content = content_span.of(text)
    if not content or not speaker or not cue:
        return None
    if quote.kind == "direct":
        content = f"“{content}”"
    if cue.lower().startswith("according to"):
        body = f"{_capitalise(content)}, {cue} {speaker}."
        sources = (content_span, cue_span, speaker_span)
    else:
        body = f"{_capitalise(speaker)} {cue} {content}."
        sources = (speaker_span, cue_span, content_span)
    return Takeaway(body.replace("”.", ".”"), tuple(sorted(sources)))


def _cue_with_listener(text: str, cue: Span, content: Span) -> Span:
    """'told reporters that …': the few words between a cue and the content that follows it (the
    listener, 'on Friday') stay with the cue, or the sentence reads 'told that …'."""
    end = content.start
    while end > cue.end and text[end - 1].isspace():
        end -= 1
    between = text[cue.end:end]
    if end > cue.end and len(between.split()) <= MAX_CUE_TAIL_WORDS \
            and not any(ch in between for ch in ".;:\n\"“”"):
        return Span(cue.start, end)
    return cue


def _speaker_mention(text: str, quote: Quote, article: Article) -> Span | None:
    span = quote.speaker_span
    if span is not None and span.of(text).strip().lower() not in PRONOUNS:
        return span
    if not quote.speaker:
        return None
    for entity in article.entities:
        if entity.name == quote.speaker:
            for m in entity.mentions:
                if m.of(text) == quote.speaker:
                    return m
            named = [m for m in entity.mentions if m.of(text).strip().lower() not in PRONOUNS]
            return named[0] if named else None
    return None


def _trim(text: str, span: Span) -> Span:
    """Content span without surrounding spaces, quotation marks and trailing commas or stops."""
    start, end = span.start, span.end
    strip = " \n\t\"'“”‘’,.;:"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return Span(start, end)


def _capitalise(s: str) -> str:
    for k, ch in enumerate(s):
        if ch.isalpha():
            return s[:k] + ch.upper() + s[k + 1:]
    return s
