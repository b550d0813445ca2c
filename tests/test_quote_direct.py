"""Direct quotes from quotation marks: spans, quotes joined across a cue, and the cues themselves.

Hand-made sentences, one construction each. A statement's content is one contiguous span of
the text (`content == text[content_span]`), so a quote interrupted by its cue is one record
while the cue words are few, and one record per part when the words between outweigh it.
"""
from __future__ import annotations

from newsdesk.model import Article

from conftest import one_quote


def _with(article: Article, words: str):
    return [q for q in article.quotes if words.lower() in q.content.lower()]


def test_quote_resumed_after_a_short_cue_is_one_record(understand):
    a = understand('"We expect to win this state by a wide margin," Jane Doe said on Monday. '
                   '"Nobody in our campaign doubts it."')
    q = one_quote(a, "wide margin")
    assert "Nobody in our campaign" in q.content and q.kind == "direct"
    assert (q.speaker, q.cue) == ("Jane Doe", "said")


def test_quote_resumed_after_a_long_aside_gives_one_record_per_part(understand):
    a = understand('"We will win," said Jane Doe, a retired teacher from Dayton who has volunteered for '
                   'the campaign every weekend since the spring and has knocked on hundreds of doors in her '
                   'county. "It is close."')
    first, second = one_quote(a, "We will win"), one_quote(a, "It is close")
    assert first is not second and "retired teacher" not in first.content + second.content
    assert first.speaker == second.speaker == "Jane Doe"
    assert first.kind == second.kind == "direct"


def test_quote_that_ends_its_sentence_continues_the_one_before(understand):
    a = understand("Sam Lee's brother spoke to reporters at the airport.\n\n"
                   "\u201cHe is a new dad,\u201d he said. \u201cA dad for the second time now, and that would "
                   "have filled him with joy.\u201d Others paid tribute to the geologist online.")
    q = one_quote(a, "new dad")
    assert "filled him with joy" in q.content and q.kind == "direct"
    assert "Others paid tribute" not in q.content


def test_any_verb_right_after_an_open_quote_is_its_cue(understand):
    a = understand("Jonathan Chait read the essay closely.\n\n"
                   "\u201cThe marketplace has not failed the working class,\u201d he mocks. "
                   "\u201cThe working class has failed capitalism.\u201d")
    q = one_quote(a, "marketplace")
    assert (q.kind, q.cue) == ("direct", "mocks")
    assert "failed capitalism" in q.content


def test_quote_after_a_colon_with_its_own_cue_is_direct(understand):
    a = understand("Marvin Roffman told the newspaper he did not think the new casino would last long: "
                   '"Once the cold winds blow in October, it will not make it," Roffman predicted.')
    q = one_quote(a, "cold winds")
    assert (q.kind, q.cue, q.speaker) == ("direct", "predicted", "Marvin Roffman")
    assert q.content.startswith('"Once')


def test_cue_right_after_the_quote_attributes_it_in_a_long_sentence(understand):
    a = understand("\u201cHis legend will live on forever,\u201d Dino Spencer said, as a few young fighters "
                   "worked out inside the gym, while outside some passers-by stopped to take photos of "
                   "themselves near the large painted image of the champion that overlooks the front door.")
    q = one_quote(a, "legend will live on")
    assert (q.kind, q.cue, q.speaker) == ("direct", "said", "Dino Spencer")
    assert q.content == "\u201cHis legend will live on forever,\u201d"


def test_a_second_speaker_between_two_quotes_is_not_joined(understand):
    a = understand('"The plan is a good one," Mayor Ann Lee said. Councilman Bob Kim disagreed, saying '
                   'it cost too much. "We cannot afford it at all."')
    first = one_quote(a, "good one")
    assert "afford" not in first.content
    assert all(q.speaker != "Ann Lee" for q in _with(a, "afford"))


def test_colon_after_any_verb_introduces_a_statement(understand):
    a = understand("Marco Rubio was asked about the embargo.\n\n"
                   "Rubio fired back forcefully: \u201cIf they sue us in a court in Miami, they are going to lose.\u201d")
    q = one_quote(a, "sue us")
    assert (q.kind, q.cue, q.speaker) == ("direct", "fired", "Marco Rubio")


def test_colon_after_a_verb_does_not_make_a_title_a_statement(understand):
    a = understand("Donald Trump named an NBC show as his guilty pleasure: \u201cSaturday Night Live\u201d.")
    assert not [q for q in _with(a, "Saturday Night Live") if q.kind == "direct"]


def test_second_cue_between_two_quotes_starts_a_new_statement(understand):
    a = understand('"I have tremendous respect for Governor Mike Pence," Ted Cruz said, adding: '
                   '"I would enthusiastically welcome his support."')
    first, second = one_quote(a, "tremendous respect"), one_quote(a, "enthusiastically welcome")
    assert first is not second
    assert (first.cue, second.cue) == ("said", "adding")
    assert first.speaker == second.speaker == "Ted Cruz"


def test_a_statement_span_is_widened_to_the_quote_it_cuts():
    from newsdesk.understand.attribution_marks import find_quotes, snap_to_quotes

    text = ("Trump recalled the widow as \u201ca great woman, and passed away happy. I love to do things "
            "like that.\u201d Then he left.")
    clause_end = text.index(" I love")             # where a parser's sentence break cuts the clause
    start, end = snap_to_quotes(text, (text.index("the widow"), clause_end), find_quotes(text))
    assert text[start:end] == "the widow as \u201ca great woman, and passed away happy. I love to do things like that.\u201d"
    # a quote in the next paragraph is not pulled in
    text2 = "He called it \u201ca disgrace\n\nand a shame.\u201d"
    assert snap_to_quotes(text2, (0, text2.index("\n")), find_quotes(text2)) == (0, text2.index("\n"))


def test_a_name_and_a_colon_label_a_quote(understand):
    a = understand("The candidates disagreed on the war.\n\n"
                   'Hillary Clinton: "Our goal is not to contain ISIS but to defeat and destroy it."')
    q = one_quote(a, "defeat and destroy")
    assert (q.kind, q.cue, q.speaker) == ("direct", ":", "Hillary Clinton")


def test_transcript_lines_take_the_speaker_label(understand):
    a = understand("Chris Wallace interviewed Mike Pence on Sunday.\n\n"
                   "WALLACE: Do you really see those two guests as equivalent?\n\n"
                   "PENCE: Well, look, the question really is about the issues.\n\n"
                   "UPDATE: This story has been corrected.\n\n"
                   "\"PENCE: And that is why Donald Trump is on his way to the White House.")
    q = one_quote(a, "those two guests")
    assert (q.kind, q.cue) == ("direct", ":") and q.speaker == "Chris Wallace"
    assert q.speaker_span.of(a.text) == "WALLACE"
    assert one_quote(a, "about the issues").speaker == "Mike Pence"
    # the label alone speaks, not a name inside the line
    last = one_quote(a, "on his way to the White House")
    assert last.speaker == "Mike Pence" and last.speaker_span.of(a.text) == "PENCE"
    assert not _with(a, "has been corrected")


def test_an_interviewer_label_that_comes_back_is_a_speaker(understand):
    a = understand("The governor spoke to CNN on Sunday.\n\n"
                   "JAKE TAPPER: Do you think the race is close?\n\n"
                   "FALLIN: Well, I think it is very close this year.\n\n"
                   "TAPPER: And will you campaign for him?\n\n"
                   "UPDATE: This story has been updated.\n\nUPDATE: And updated again.")
    assert one_quote(a, "the race is close").speaker == "Jake Tapper"
    assert one_quote(a, "campaign for him").speaker == "Tapper"
    assert not _with(a, "has been updated") and not _with(a, "updated again")


def test_quote_closing_its_sentence_after_said_comma_keeps_that_cue(understand):
    a = understand('In March, as a heckler was led out of the hall in Reno, Tom Fields said, "Get him out of '
                   'here. We have work to do." And in Tucson on Friday, as people kept interrupting, he stopped twice.')
    q = one_quote(a, "We have work to do")
    assert q.cue == "said" and q.speaker == "Tom Fields"


def test_a_document_noun_before_the_verb_is_the_speaker_not_the_cue(understand):
    a = understand("Senator Mark Hale spoke in Denver on Monday.\n\n"
                   "\u201cThe nation\u2019s demographic changes add to the urgency of reform,\u201d the report said.")
    q = one_quote(a, "demographic changes")
    assert q.cue == "said" and q.speaker == "report"
    a = understand("Mark Singer keeps a framed note from Donald Trump.\n\n"
                   "\u201cMark, you are a total loser!\u201d the note says.")
    q = one_quote(a, "total loser")
    assert q.cue == "says" and q.speaker == "note"


def test_speaker_before_an_apposition_after_the_quote(understand):
    a = understand("The actor spoke about his new play on Tuesday.\n\n"
                   "\u201cAll of my closest friendships are with women,\u201d Butz, 49, told The Huffington Post.")
    q = next(q for q in a.quotes if q.kind == "direct")
    assert q.speaker == "Butz" and q.cue == "told"


def test_title_apposition_and_weekday_after_the_quote(understand):
    a = understand('"He should resign in disgrace!" the presumptive GOP presidential nominee, '
                   'Donald Trump, tweeted Sunday after the attack.')
    assert a.quotes[0].speaker == "Donald Trump"


def test_a_singular_noun_is_not_a_cue(understand):
    # 'state' here is a place, not the verb: the quote has no cue and no speaker
    a = understand("The race is close.\n\n''I am really, totally committed to bringing back manufacturing'' "
                   "sounds great in Youngstown, Ohio, before the state's primary.")
    assert not any(q.cue and q.cue.lower() == "state" for q in a.quotes)


def test_quote_closed_by_a_full_stop_ends_its_sentence(understand):
    a = understand("''Our jobs are being sucked out of our states,'' Mr. Trump said. ''One of the big problems "
                   "is economy and jobs, and that is my wheelhouse.'' He said, twice, that he was going to get up "
                   "and go back to work for the nomination on Wednesday morning.")
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].content.endswith("my wheelhouse.''")


def test_bare_attribution_after_a_full_stop_still_counts(understand):
    a = understand("The senator spoke for an hour.\n\n\u201cWe are going to win this state.\u201d Lopez said.")
    q = next(q for q in a.quotes if q.kind == "direct")
    assert q.cue == "said" and q.speaker == "Lopez"


def test_quote_signed_with_a_dash_and_a_name(understand):
    a = understand("Readers wrote in about the race.\n\n"
                   "\u201cMr. Trump relies on generalizing when it comes to our community.\u201d \u2015 Ariana Huichapa\n\n"
                   "\u201cIf he is elected, this country has gotten the president it deserves.\u201d \u2015 Martha Aguilar")
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert [q.speaker for q in direct] == ["Ariana Huichapa", "Martha Aguilar"]
    assert all(q.cue == "\u2015" for q in direct)


def test_a_dash_aside_after_a_quote_is_not_a_signature(understand):
    a = understand("He repeated the slogan \u201cMake America Great Again\u201d \u2014 Trump used it at every rally in Iowa.")
    assert not any(q.cue in ("\u2014", "-") for q in a.quotes)


def test_any_clause_ending_in_a_colon_introduces_the_next_paragraph_quote(understand):
    a = understand("The moderators pressed him on his record.\n\nSenator Maria Lopez called them on it:\n\n"
                   "\u201cThe questions asked in this debate illustrate why the voters do not trust the media.\u201d")
    q = next(q for q in a.quotes if q.kind == "direct")
    assert q.speaker == "Maria Lopez" and q.cue == "called"


def test_cue_far_after_a_quote_whose_subject_starts_right_after_it(understand):
    a = understand("Researchers detected the plume for the first time, a new study reports.\n\n"
                   "\"Essential chemical elements and sources of energy are found all over the solar system. "
                   "But the third is somewhat hard to find beyond Earth,\" study lead author Lucas Paganini, "
                   "a planetary scientist at the Goddard Space Flight Center in Greenbelt, Maryland, said in a statement.")
    q = next(q for q in a.quotes if q.kind == "direct")
    assert q.content.startswith('"Essential') and q.speaker == "Lucas Paganini" and q.cue == "said"
