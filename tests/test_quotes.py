"""Who said what: hand-made sentences for each construction a reporter writes."""
from __future__ import annotations

import pytest

from newsdesk.model import Entity, Span
from newsdesk.understand.attribution_marks import find_quotes

from conftest import first_quote as _find


# ---- quotation marks ------------------------------------------------------------------------
def test_quote_marks_straight_curly_typewriter_and_paragraphs():
    text = ('He said "one two three" and \u201cfour five\u201d and ``six seven\'\'.\n\n'
            '\u201cA long quote goes on.\n\n\u201cAnd ends here,\u201d she said.')
    found = [text[q.start:q.end] for q in find_quotes(text)]
    assert found[:3] == ['"one two three"', "\u201cfour five\u201d", "``six seven''"]
    assert found[3].startswith("\u201cA long quote") and found[3].endswith("ends here,\u201d")


# ---- direct ---------------------------------------------------------------------------------
def test_direct_speaker_after(understand):
    a = understand('"We are ready to talk to anyone," Peskov said.')
    q = _find(a, "ready to talk")
    assert (q.speaker, q.kind, q.cue) == ("Peskov", "direct", "said")
    assert q.speaker_span.of(a.text) == "Peskov"


def test_direct_inverted_with_title_and_canonical_name(understand):
    a = understand("Dmitry Peskov met reporters in Moscow.\n\n"
                   "\u201cThe work goes on and it will take time,\u201d said Peskov, the Kremlin spokesman.")
    q = _find(a, "work goes on")
    assert q.speaker == "Dmitry Peskov" and q.kind == "direct"


def test_direct_speaker_inside_is_one_statement(understand):
    a = understand("Maria Lopez spoke after the vote.\n\n"
                   "\u201cWe lost this round,\u201d she said, \u201cbut we will be back next year.\u201d")
    quotes = [q for q in a.quotes if q.kind == "direct"]
    assert len(quotes) == 1
    q = quotes[0]
    assert "lost this round" in q.content and "back next year" in q.content
    assert q.speaker == "Maria Lopez" and q.speaker_span.of(a.text) == "she"


def test_direct_quote_over_two_paragraphs(understand):
    a = understand("\u201cThe budget is balanced for the first time in a decade.\n\n"
                   "\u201cNobody thought we could do it,\u201d Governor Ann Price said.")
    q = _find(a, "budget is balanced")
    assert "Nobody thought" in q.content and q.kind == "direct" and q.speaker == "Ann Price"


def test_direct_typewriter_quotes(understand):
    a = understand("``We will not sign this agreement in its current form,'' Minister John Hale said.")
    q = _find(a, "not sign this agreement")
    assert q.kind == "direct" and q.speaker == "John Hale"


def test_nested_quote_stays_inside(understand):
    a = understand("\u201cHe looked at me and said \u2018never again,\u2019 and I believed him,\u201d "
                   "Sarah Jones said.")
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert len(direct) == 1 and "never again" in direct[0].content
    assert direct[0].speaker == "Sarah Jones"


def test_speaker_before_with_colon(understand):
    a = understand("The senator, Tom Wells, told the crowd: \u201cThis bill will pass before the summer.\u201d")
    q = _find(a, "bill will pass")
    assert q.kind == "direct" and q.speaker == "Tom Wells"


# ---- indirect, beliefs, intentions -----------------------------------------------------------
@pytest.mark.parametrize("sentence, speaker, words", [
    ("Peskov said that the talks would continue next week.", "Peskov", "talks would continue"),
    ("Mayor Ruth Ellis told reporters the bridge will reopen in May.", "Ruth Ellis", "bridge will reopen"),
    ("Ahmed Karim warned that prices could rise again.", "Ahmed Karim", "prices could rise"),
    ("Jane Doe insisted she had done nothing wrong.", "Jane Doe", "done nothing wrong"),
    ("Paul Grant confirmed that the company would cut 300 jobs.", "Paul Grant", "cut 300 jobs"),
    ("Critics argue that the plan is far too expensive.", "Critics", "plan is far too expensive"),
    ("Lisa Moore believes the economy will recover by spring.", "Lisa Moore", "economy will recover"),
    ("Tom Baker wants to run for governor again next year.", "Tom Baker", "run for governor"),
    ("Polls show that voters are evenly split on the measure.", "Polls", "voters are evenly split"),
])
def test_indirect_speech_beliefs_and_intentions(understand, sentence, speaker, words):
    a = understand(sentence)
    q = _find(a, words)
    assert q.kind == "indirect"
    assert q.speaker == speaker


def test_denied_report_takes_the_object(understand):
    a = understand("Dmitry Peskov spoke on Friday.\n\n"
                   "He denied a newspaper report that Russia had demanded the withdrawal of troops.")
    q = _find(a, "had demanded the withdrawal")
    assert q.speaker == "Dmitry Peskov" and q.cue == "denied"
    assert q.speaker_span.of(a.text) == "He"


def test_mixed_statement(understand):
    a = understand('Kremlin spokesman Dmitry Peskov said the two leaders should meet, but '
                   '"there are no specifics yet."')
    q = _find(a, "there are no specifics yet")
    assert q.kind == "mixed" and q.speaker == "Dmitry Peskov"


@pytest.mark.parametrize("sentence, source, words", [
    ("According to the health ministry, 40 people were injured in the blast.", "ministry", "40 people were injured"),
    ("Forty people were injured in the blast, according to Ana Silva, a local official.", "Ana Silva",
     "people were injured"),
])
def test_according_to(understand, sentence, source, words):
    a = understand(sentence)
    q = _find(a, words)
    assert q.cue.lower() == "according to"
    assert source in (q.speaker or "")
    assert "according" not in q.content.lower()


def test_parenthetical_cue(understand):
    a = understand("Senator Mark Hill spoke at length.\n\n"
                   "The new rules, he said, would hurt small farmers the most.")
    q = _find(a, "would hurt small farmers")
    assert q.speaker == "Mark Hill"


# ---- speakers --------------------------------------------------------------------------------
def test_pronoun_after_a_paragraph_about_someone(understand):
    a = understand("Dmitry Peskov, the Kremlin spokesman, held his daily briefing on Friday.\n\n"
                   "He noted that both presidents wanted to meet in person.")
    q = _find(a, "both presidents wanted")
    assert q.speaker == "Dmitry Peskov" and q.speaker_span.of(a.text) == "He"


def test_pronoun_gender_picks_the_right_person(understand):
    a = understand("Mr. John Reed and Ms. Clara Bell met on Monday.\n\n"
                   "She said the agreement was a good start.")
    q = _find(a, "agreement was a good start")
    assert q.speaker == "Clara Bell"


def test_speaker_named_only_by_title(understand):
    a = understand("Kremlin spokesman Dmitry Peskov arrived late.\n\n"
                   "The spokesman said the meeting had been useful.")
    q = _find(a, "meeting had been useful")
    assert q.speaker == "Dmitry Peskov" and q.speaker_span.of(a.text) == "The spokesman"


def test_organisation_as_speaker(understand):
    a = understand("The Kremlin said on Friday that there was a mutual understanding about the meeting.")
    q = _find(a, "mutual understanding")
    assert q.speaker == "Kremlin" and q.kind == "indirect"


def test_two_speakers_in_one_sentence(understand):
    a = understand("Donald Trump said the deal was fair, while Vladimir Putin said it was premature.")
    fair = _find(a, "deal was fair")
    premature = _find(a, "it was premature")
    assert fair.speaker == "Donald Trump" and premature.speaker == "Vladimir Putin"


def test_relative_pronoun_speaker(understand):
    a = understand("Senator Amy Clark, who said the vote was rigged, left early.")
    q = _find(a, "vote was rigged")
    assert q.speaker == "Amy Clark" and q.speaker_span.of(a.text) == "who"


def test_canonical_entities_from_the_entities_stage(understand):
    text = "Peskov said the talks in Riyadh had been useful."
    ents = (Entity("Dmitry Peskov", "PERSON", ("Kremlin spokesman",), (Span(0, 6),)),)
    a = understand(text, ents)
    q = _find(a, "talks in Riyadh")
    assert q.speaker == "Dmitry Peskov" and q.speaker_span.of(text) == "Peskov"


# ---- not statements --------------------------------------------------------------------------
def test_scare_quotes_and_titles_are_not_statements(understand):
    a = understand('The so-called "peace plan" was printed in the "Daily Record" on Tuesday.')
    assert a.quotes == ()


def test_empty_text_is_left_alone(understand):
    assert understand("").quotes == ()


def test_doubled_apostrophes_open_and_close_a_quote(understand):
    # some wire feeds write '' for both marks; "the students'' lounge" style apostrophes stay apostrophes
    text = ("''I think he has become more cautious,'' said Ann Price, a pollster. ''Going negative "
            "just isn't his strength.''")
    found = [text[q.start:q.end] for q in find_quotes(text)]
    assert found[0] == "''I think he has become more cautious,''"
    a = understand(text)
    q = _find(a, "more cautious")
    assert q.kind == "direct" and q.speaker == "Ann Price" and "his strength" in q.content


def test_subject_the_parser_lost_to_a_headline_line(understand):
    # the small model parses the headline and the first sentence as one; the name right
    # before the cue verb is still its speaker, and the speaker span stays on its own line
    text = ("Mark Davis Hits Paul Green On Tax Plan For Farmers\n"
            "Mark Davis criticized Paul Green for opposing tax cuts for farmers and ranchers.")
    a = understand(text)
    q = _find(a, "Paul Green for opposing")
    assert q.speaker == "Mark Davis" and q.speaker_span.of(a.text) == "Mark Davis"


def test_second_that_clause_joins_and_trailing_adding_clause_is_cut(understand):
    a = understand("Mr. Trump said that their father could be unyielding, and that Fred had "
                   "struggled with his abundant criticism.")
    q = _find(a, "could be unyielding")
    assert "abundant criticism" in q.content and q.speaker == "Trump"
    b = understand("Ann Price says rival Bob Stone accepted about $200,000 in donations from banks "
                   "and there is nothing wrong with that, asserting that big donations did not "
                   "change his votes.")
    q = _find(b, "accepted about")
    assert "asserting" not in q.content and q.content.endswith("nothing wrong with that")


def test_cue_between_two_quotes_that_the_parser_takes_as_its_clause(understand):
    a = understand("''That, unfortunately,'' he said, ''is part of the reality of life on a global basis.''")
    q = _find(a, "unfortunately")
    assert q.kind == "direct" and "global basis" in q.content and q.cue == "said"


def test_direct_speaker_named_right_before_the_cue(understand):
    # the parser hangs "Tulsa police Chief Ann Lee" off the quote; she is still the speaker
    a = understand("\u201cI will just make this promise to you: We will achieve justice in this case,\u201d "
                   "Tulsa police Chief Ann Lee said Monday. \u201cI want to assure our community.\u201d")
    q = _find(a, "make this promise")
    assert q.speaker == "Ann Lee" and "assure our community" in q.content


def test_reported_clause_stays_in_its_paragraph(understand):
    # a title-case heading the parser runs into the next paragraph: the statement ends at the break
    a = understand("Trump Says His Health Plan Will Not Allow People To Die On The Street\n\n"
                   "Donald Trump, who has praised single-payer health care in the past, spoke on Sunday.")
    q = _find(a, "Health Plan Will Not")
    assert q.content == "His Health Plan Will Not Allow People To Die On The Street"


def test_unnamed_group_speaker_keeps_the_texts_own_spelling(understand):
    a = understand("The growers' cooperative said it would cut prices next season. "
                   "Rolls-Royce and Airbus said they had agreed on a new engine.")
    assert _find(a, "cut prices").speaker == "growers' cooperative"
    assert _find(a, "agreed on a new engine").speaker == "Rolls-Royce and Airbus"


def test_mixed_statement_runs_to_the_closing_mark_of_its_quote(understand):
    # the parser ends the reported clause at the sentence break inside the quotation
    a = understand('Donald Trump said his mother was \u201ca great woman. She loved this country more than '
                   'anyone I know.\u201d')
    q = _find(a, "great woman")
    assert q.kind == "mixed" and q.content.endswith("anyone I know.\u201d")


BRITISH = ("Ministers split over rail strike\n\n"
           "The transport secretary, Grant Shapps, said the strike was \"unjustified\" in his view.\n\n"
           "\u2018We will not be held to ransom by the unions,\u2019 Shapps told reporters. "
           "\u2018The public deserves better than this.\u2019\n\n"
           "Mick Lynch, the RMT\u2019s general secretary, called the offer \u2018an insult to our members\u2019.\n\n"
           "\u2018Our members\u2019 patience has run out,\u2019 Lynch said. \u2018They won\u2019t accept a pay cut.\u2019")


def test_british_single_quotes_are_quotation_marks():
    from newsdesk.understand.attribution_marks import find_quotes, single_quote_marks
    assert single_quote_marks(BRITISH).open == "\u2018"
    quoted = [BRITISH[q.start:q.end] for q in find_quotes(BRITISH)]
    # apostrophes (RMT’s, won’t, members’) neither open nor close a quote
    assert "\u2018Our members\u2019 patience has run out,\u2019" in quoted
    assert "\u2018They won\u2019t accept a pay cut.\u2019" in quoted
    assert "\u2018an insult to our members\u2019" in quoted
    assert '"unjustified"' in quoted
    # an American text's apostrophes and nested singles change nothing
    us = "\u201cHe told me \u2018never again,\u2019 and I believed him,\u201d Sarah Jones said. It\u2019s late."
    assert single_quote_marks(us) is None and [us[q.start:q.end] for q in find_quotes(us)] == [us[:us.index(" Sarah")]]


def test_british_quotes_are_attributed(understand):
    a = understand(BRITISH)
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["Grant Shapps", "Mick Lynch"]
    assert direct[0].content.endswith("better than this.\u2019")
    assert any(q.kind == "mixed" and "an insult" in q.content and q.speaker == "Mick Lynch" for q in a.quotes)


# the same story as a plain-text scrape of a tabloid page: straight single marks quote
SCRAPED_BRITISH = ("Rail strike goes ahead\n\n"
                   "Talks broke down on Tuesday, 'with no prospect of a deal', the union said.\n\n"
                   "'We will not be held to ransom by the unions,' Grant Shapps told reporters. "
                   "'The public deserves better than this.'\n\n"
                   "'Our members' patience has run out,' said Mick Lynch. 'They won't accept a pay cut.'\n\n"
                   "Fans of '90s rock 'n' roll will miss the festival, and the trains.")


def test_straight_single_quotes_of_a_scraped_british_page():
    from newsdesk.understand.attribution_marks import find_quotes, single_quote_marks
    marks = single_quote_marks(SCRAPED_BRITISH)
    assert marks is not None and marks.open == "'"
    quoted = [SCRAPED_BRITISH[q.start:q.end] for q in find_quotes(SCRAPED_BRITISH)]
    assert quoted == ["'with no prospect of a deal'",
                      "'We will not be held to ransom by the unions,'",
                      "'The public deserves better than this.'",
                      "'Our members' patience has run out,'",      # members' is an apostrophe
                      "'They won't accept a pay cut.'"]          # '90s and 'n' are not quotes
    # an American text with straight doubles keeps its nested singles inside its quotes
    us = '"He told me \'never again,\' and I believed him," Sarah Jones said. \'Tis late, \'til dawn.'
    assert single_quote_marks(us) is None and [us[q.start:q.end] for q in find_quotes(us)] == [us[:us.index(" Sarah")]]
    # tokenised archive text: its clitics stand apart ("Wall Street 's") and open nothing
    tokenised = ("Wall Street 's biggest banks were invited . The Fed 's chairman said they 're safe . "
                 "`` We 'll act , '' he said . It 's the Treasury 's call , and we 've said so .")
    assert single_quote_marks(tokenised) is None
    assert [tokenised[q.start:q.end] for q in find_quotes(tokenised)] == ["`` We 'll act , ''"]


def test_straight_single_quotes_are_attributed(understand):
    a = understand(SCRAPED_BRITISH)
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["Grant Shapps", "Mick Lynch"]
    assert direct[1].content == "'Our members' patience has run out,' said Mick Lynch. 'They won't accept a pay cut.'"
