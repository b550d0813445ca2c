"""Summary (standfirst) and takeaways: every word cited, sensible on short, long and empty articles."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import FIXTURES, shared_path
from newsdesk.model import Article
from newsdesk.understand.compress import DATELINE, FULL, LIGHT, compress
from newsdesk.understand.nlp import load_nlp
from newsdesk.understand.sentences import sentence_units
from newsdesk.understand.salience import analyse
from newsdesk.understand.summary import MAX_WORDS, NO_TEXT_NOTE, choose


def words(s: str) -> list[str]:
    return re.findall(r"[^\W_]+", s.lower())


def assert_summary_cited(text: str, summary: str, spans) -> None:
    """The summary is exactly its cited spans, in order (only letter case may differ)."""
    assert all(0 <= s.start < s.end <= len(text) for s in spans), spans
    assert list(spans) == sorted(spans), "summary spans out of article order"
    assert words(summary) == words(" ".join(s.of(text) for s in spans)), (summary, [s.of(text) for s in spans])


def assert_takeaway_cited(text: str, takeaway) -> None:
    """Every word of a takeaway is a word of its sources, and the sources carry no extra words
    (an attributed quote reorders speaker, cue and content, so compare as multisets)."""
    assert takeaway.sources, takeaway
    assert all(0 <= s.start < s.end <= len(text) for s in takeaway.sources), takeaway
    cited = Counter(w for s in takeaway.sources for w in words(s.of(text)))
    assert Counter(words(takeaway.text)) == cited, (takeaway.text, [s.of(text) for s in takeaway.sources])


def assert_faithful(article: Article) -> None:
    assert_summary_cited(article.text, article.summary, article.summary_sources)
    for t in article.takeaways:
        assert_takeaway_cited(article.text, t)


# ---- the seed ------------------------------------------------------------------------------------
def test_seed_summary_is_a_short_cited_standfirst(seed_article):
    a = seed_article
    n = len(a.summary.split())
    assert 10 <= n <= MAX_WORDS
    low = a.summary.lower()
    assert "meeting" in low and ("kremlin" in low or "peskov" in low)
    assert_faithful(a)


def test_seed_takeaways_are_distinct_cited_points(seed_article):
    a = seed_article
    assert 3 <= len(a.takeaways) <= 7
    assert len({t.text for t in a.takeaways}) == len(a.takeaways)
    starts = [min(s.start for s in t.sources) for t in a.takeaways]
    assert starts == sorted(starts), "takeaways follow the article's order"
    assert_faithful(a)


def test_quote_takeaway_is_written_in_attributed_form(seed_article):
    a = seed_article
    speakers = {q.speaker_span.of(a.text) for q in a.quotes if q.speaker_span is not None}
    attributed = [t for t in a.takeaways if len(t.sources) >= 3
                  and any(t.text.startswith(sp) for sp in speakers)]
    if not a.quotes:
        pytest.skip("quotes stage found no quotes")
    assert attributed, [t.text for t in a.takeaways]


def test_attributed_form_keeps_the_listener_with_the_cue():
    from newsdesk.model import Quote, Span
    from newsdesk.understand.takeaways import attributed_form
    text = "The chief executive told reporters on Friday that the stoppage was costing millions a day."
    q = Quote(speaker="chief executive", speaker_span=Span(0, 19), cue="told", cue_span=Span(20, 24),
              content="that the stoppage was costing millions a day",
              content_span=Span(45, 89), kind="indirect")
    t = attributed_form(text, q, Article(input="test", text=text))
    assert t.text == "The chief executive told reporters on Friday that the stoppage was costing millions a day."
    assert_takeaway_cited(text, t)


# ---- edge cases ------------------------------------------------------------------------------------
def test_no_text_gives_empty_fields_and_a_note(pipeline):
    a = pipeline.understand(Article(input="empty", text=""))
    assert a.summary == "" and a.summary_sources == () and a.takeaways == ()
    assert NO_TEXT_NOTE in a.notes


def test_only_furniture_gives_a_note_not_an_error(pipeline):
    a = pipeline.understand(Article(input="x", text="Scroll down for video\n\nADVERTISEMENT", language="en"))
    assert a.summary == "" and a.takeaways == ()
    assert any(n.startswith("summary:") for n in a.notes)


def test_one_sentence_article(pipeline):
    text = "The city council approved a new budget for road repairs on Tuesday evening."
    a = pipeline.understand(Article(input="x", text=text, language="en"))
    assert a.summary.rstrip(".") in text
    assert len(a.takeaways) <= 1
    assert_faithful(a)


def test_one_paragraph_article(pipeline):
    a = pipeline.analyze(str(FIXTURES / "summary" / "one_paragraph.txt"))
    assert 5 <= len(a.summary.split()) <= MAX_WORDS
    assert len(re.findall(r"[.!?](?:\s|$)", a.summary)) == 1, "a one-paragraph story gets a one-sentence standfirst"
    assert 1 <= len(a.takeaways) <= 3
    assert_faithful(a)


def test_long_article_stays_short_and_cited(pipeline):
    """10,000+ words (dev articles joined as paragraphs) still give a standfirst within the cap."""
    folder = shared_path("eval", "summaries", "cnndm", "txt")
    paragraphs, n = [], 0
    for path in sorted(folder.glob("*.txt")):
        body = path.read_text(encoding="utf-8").strip()
        paragraphs.append(body)
        n += len(body.split())
        if n > 10_500:
            break
    a = pipeline.understand(Article(input="long", text="\n\n".join(paragraphs), language="en"))
    assert a.word_count > 10_000
    assert 10 <= len(a.summary.split()) <= MAX_WORDS
    assert 3 <= len(a.takeaways) <= 7
    assert_faithful(a)


def _sentences_cited(article: Article) -> int:
    """How many of the article's sentences the standfirst's spans come from."""
    starts = sorted({u.span.start for u in sentence_units(article.text, load_nlp()(article.text))})
    return len({max(x for x in starts if x <= sp.start) for sp in article.summary_sources})


def test_standfirst_is_one_or_two_sentences(seed_article, pipeline):
    """The issue's shape: one or two sentences, even where the article is long."""
    assert 1 <= _sentences_cited(seed_article) <= 2
    folder = shared_path("eval", "summaries", "cnndm", "txt")
    for path in sorted(folder.glob("*.txt"))[:5]:
        a = pipeline.analyze(str(path))
        assert 1 <= _sentences_cited(a) <= 2, (path.name, a.summary)
        assert_faithful(a)


def test_choice_fits_the_budget_and_takes_each_sentence_once(pipeline):
    """Whatever budget it is given, the joint choice stays inside it and never cites one sentence twice."""
    a = pipeline.analyze(str(shared_path("seed", "article.txt")))
    doc = load_nlp()(a.text)
    salience = analyse(sentence_units(a.text, doc), a.entities)
    for budget in (15, 30, 60):
        picks = choose(a.text, salience, max_words=budget, max_sentences=2)
        assert picks and sum(p.compressed.words for p in picks) <= budget
        indexes = [p.candidate.unit.index for p in picks]
        assert indexes == sorted(set(indexes)), indexes


# ---- compression deletes, never adds -------------------------------------------------------------------
@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _compress(nlp, text, level=FULL):
    units = sentence_units(text, nlp(text))
    assert len(units) == 1
    return compress(text, units[0], level)


@pytest.mark.parametrize("sentence, expected", [
    ("BOSTON (CNN) -- Jurors found the defendant guilty on all 30 counts he faced in the trial.",
     "Jurors found the defendant guilty on all 30 counts he faced in the trial."),
    ("(CNN)Buzz has surrounded the new documentary, but the actor is not a fan.",
     "Buzz has surrounded the new documentary, but the actor is not a fan."),
    ("The family is hopeful for a full recovery, according to a statement released Monday.",
     "The family is hopeful for a full recovery."),
    ("The company will close four factories next year, the chief executive said on Tuesday.",
     "The company will close four factories next year."),
    ("Homes near the store cost 12 per cent more (about £38,000) than other homes in the area.",
     "Homes near the store cost 12 per cent more than other homes in the area."),
    ("On Sunday alone, the army delivered 187 tons of supplies to the worst-hit villages.",
     "The army delivered 187 tons of supplies to the worst-hit villages."),
    ("Bader – who lost his legs in a flying accident in 1931 – was shot down over France in 1941.",
     "Bader was shot down over France in 1941."),
])
def test_compression_deletes_scaffolding(nlp, sentence, expected):
    c = _compress(nlp, sentence)
    assert c.text == expected
    assert_summary_cited(sentence, c.text, c.spans)


def test_dateline_level_cuts_only_the_dateline(nlp):
    """The "as written" version of a sentence for the standfirst: its dateline goes, nothing else."""
    sentence = "(CNN)Over the last year more than 25,000 people, a population the size of Key West, have fought Ebola."
    c = _compress(nlp, sentence, DATELINE)
    assert c.text == "Over the last year more than 25,000 people, a population the size of Key West, have fought Ebola."
    assert_summary_cited(sentence, c.text, c.spans)
    plain = "The council approved the budget, which had been delayed twice, on Tuesday."
    assert _compress(nlp, plain, DATELINE).text == plain


def test_compression_keeps_the_attribution_of_a_direct_quote(nlp):
    sentence = '"We are ready to pay on time," the minister said on Thursday.'
    assert _compress(nlp, sentence, LIGHT).text == sentence


def test_compressed_length_counts_words_as_a_reader_does(nlp):
    """The 60-word cap counts whitespace-separated tokens, so a spaced dash is a word too."""
    sentence = "The arrows were markers for early airmail flights - the first land-based navigation system."
    c = _compress(nlp, sentence, LIGHT)
    assert c.words == len(c.text.split())


def test_compression_keeps_the_subject(nlp):
    sentence = "Obesity, he told me, is becoming a national security issue for the army."
    c = _compress(nlp, sentence)
    assert "he told me" in c.text or c.text.startswith("Obesity")
