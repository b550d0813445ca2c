"""Indirect statements from the parse: content boundaries and which cue frames count.

Hand-made sentences, one construction each, run through the entities and quotes stages.
"""
from __future__ import annotations

from newsdesk.model import Article

from conftest import one_quote


def _contents(article: Article) -> list[str]:
    return [q.content for q in article.quotes]


def test_trailing_nonrestrictive_relative_clause_is_not_part_of_the_statement(understand):
    a = understand("Jane Doe said the committee would vote on the budget next week, which would be "
                   "the third vote this year.")
    q = one_quote(a, "vote on the budget")
    assert q.content == "the committee would vote on the budget next week"
    assert q.speaker == "Jane Doe" and q.kind == "indirect"


def test_trailing_participial_phrase_is_not_part_of_the_statement(understand):
    a = understand("The governor endorsed the mayor's plan for new schools, citing the rising number "
                   "of children in the city.")
    q = one_quote(a, "plan for new schools")
    assert "citing" not in q.content and q.content.endswith("new schools")


def test_restrictive_relative_clause_stays(understand):
    a = understand("John Smith said the senators who voted against the bill had made a mistake.")
    assert one_quote(a, "senators").content == "the senators who voted against the bill had made a mistake"


def test_one_word_object_of_a_verb_with_its_own_subject(understand):
    a = understand("After months of silence, the former governor endorsed Thompson on Friday.")
    q = one_quote(a, "Thompson")
    assert q.cue == "endorsed" and q.speaker_span is not None
    assert a.text[q.speaker_span.start:q.speaker_span.end] == "the former governor"


def test_declined_to_comment(understand):
    a = understand("A spokesman for the company declined to comment.")
    q = one_quote(a, "to comment")
    assert q.content == "to comment" and q.cue == "declined"


def test_short_object_without_a_subject_of_its_own_is_left_out(understand):
    a = understand("Mary Jones, praising Thompson, walked off the stage.")
    assert not any(q.content == "Thompson" for q in a.quotes)


def test_raising_verb_gives_an_unsourced_impression(understand):
    a = understand("After the debate, the senator appeared to be losing support among older voters.")
    q = one_quote(a, "losing support")
    assert q.content == "the senator appeared to be losing support among older voters"
    assert q.speaker is None and q.speaker_span is None and q.cue == "appeared"


def test_raising_verb_with_a_cue_in_its_infinitive_leaves_the_statement_to_that_cue(understand):
    a = understand("The senator seemed to suggest that the vote would be delayed until spring.")
    q = one_quote(a, "vote would be delayed")
    assert q.cue == "suggest" and q.content == "that the vote would be delayed until spring"


def test_belief_nested_in_a_report_is_part_of_that_report(understand):
    a = understand("Mary Jones said she did not think the bill would pass the Senate this year.")
    assert _contents(a) == ["she did not think the bill would pass the Senate this year"]
    assert a.quotes[0].speaker == "Mary Jones"


def test_speech_retold_inside_a_report_is_one_statement(understand):
    a = understand("Mary Jones said the governor had told her the bill would pass the Senate.")
    assert _contents(a) == ["the governor had told her the bill would pass the Senate"]
    assert a.quotes[0].speaker == "Mary Jones"


def test_report_retold_inside_a_long_statement_is_part_of_it(understand):
    a = understand("Mary Jones said that the budget, which the committee spent four months drafting, "
                   "was dead and that the governor had told her it cost too much.")
    assert len(a.quotes) == 1 and a.quotes[0].content.endswith("the governor had told her it cost too much")


def test_statement_noun_with_its_holder(understand):
    a = understand("The senator's claim that the new law would cost thousands of jobs has been disputed by economists.")
    q = next(q for q in a.quotes if q.cue == "claim")
    assert q.content == "that the new law would cost thousands of jobs"
    assert a.text[q.speaker_span.start:q.speaker_span.end] == "The senator's"


def test_statement_noun_inside_a_report_is_part_of_the_report(understand):
    a = understand("Economists disputed the senator's claim that the new law would cost thousands of jobs.")
    assert _contents(a) == ["the senator's claim that the new law would cost thousands of jobs"]
    assert a.quotes[0].speaker == "Economists"


def test_statement_noun_without_a_holder_is_left_out(understand):
    a = understand("The idea that the new law would cost thousands of jobs is popular in the district.")
    assert not any(q.cue == "idea" for q in a.quotes)


def test_according_to_takes_the_whole_coordination(understand):
    a = understand("The top earners paid a quarter of all federal taxes in 2013, and the next group paid "
                   "most of the rest, according to the Budget Office.")
    q = one_quote(a, "the top earners paid")
    assert "next group paid" in q.content and "Budget Office" not in q.content


def test_according_to_keeps_the_clause_not_the_trailing_comparison(understand):
    a = understand("The richest households would see their incomes rise by 19.9 percent, according to the "
                   "Tax Foundation, more than twice what it projected for the middle class.")
    q = one_quote(a, "would see their incomes")
    assert "twice" not in q.content


def test_according_to_as_an_aside_inside_the_clause(understand):
    # the clause goes on after the aside: the statement is all of it, not "One child was"
    a = understand("One child was, according to the fire service, among the dead. "
                   "The old bridge was, according to state engineers, in poor condition for years.")
    q = one_quote(a, "one child was")
    assert q.content.endswith("among the dead") and q.speaker == "fire service"
    assert one_quote(a, "old bridge").content.endswith("for years")


def test_a_trailing_concession_is_the_reporters(understand):
    a = understand("Jane Doe said the party should take up the matter at next month's convention, despite "
                   "the potential for a feud. John Roe said North Carolina would win, even though he had "
                   "picked Denver in an interview on Sunday.")
    assert one_quote(a, "take up the matter").content.endswith("next month's convention")
    assert one_quote(a, "North Carolina would win").content == "North Carolina would win"


def test_call_for_someone_to_act(understand):
    a = understand("Jane Doe is calling for the United States to take a stronger role in the conflict.")
    q = one_quote(a, "take a stronger role")
    assert q.content.startswith("the United States") and q.speaker == "Jane Doe"


def test_what_the_speaker_did_next_is_not_part_of_the_statement(understand):
    a = understand("Jane Doe said she admires his determination and highlighted their shared commitment "
                   "on policy goals like health care.")
    q = one_quote(a, "admires his determination")
    assert "highlighted" not in q.content


def test_questioned_whether(understand):
    a = understand("Jane Doe questioned whether the governor was prepared to face emergencies.")
    q = one_quote(a, "governor was prepared")
    assert q.speaker == "Jane Doe"


def test_asked_if_has_no_named_asker(understand):
    a = understand("Asked if he was ever bullied at school, the Republican candidate said no.")
    q = one_quote(a, "ever bullied")
    assert q.speaker is None


def test_occasion_after_the_object_is_not_part_of_the_statement(understand):
    a = understand("Jane Doe endorsed the governor's budget plan during a conference call with reporters on Tuesday.")
    q = one_quote(a, "budget plan")
    assert "conference call" not in q.content


def test_infinitive_with_a_speech_verb_stays_inside_the_statement(understand):
    a = understand('The chief said it would be "improper" for him to speak on the case while the inquiry goes on.')
    q = one_quote(a, "improper")
    assert q.content == 'it would be "improper" for him to speak on the case while the inquiry goes on'


def test_clause_subject_the_parser_hung_on_the_cue_is_kept(understand):
    a = understand("The budget office said about half of the higher adjustment in its deficit projections "
                   "reflected revenue losses from the compromise tax cuts.")
    q = one_quote(a, "revenue losses")
    assert q.content.startswith("about half of the higher adjustment")


def test_how_something_seems_is_an_unsourced_impression(understand):
    a = understand("As attack ads intensify on both sides, voters already appear fatigued by the race.")
    q = one_quote(a, "fatigued")
    assert q.cue == "appear" and q.speaker is None
    b = understand("Although this is not an exact science, it seems the Democrats have far too many superdelegates.")
    assert one_quote(b, "superdelegates").content == "the Democrats have far too many superdelegates"
    c = understand("The senator appeared on Fox News on Sunday morning to discuss the budget.")
    assert not any(q.cue == "appeared" for q in c.quotes)


def test_statement_noun_made_by_the_subject(understand):
    a = understand("The senator made the case that the deal would protect their jobs.")
    q = one_quote(a, "protect their jobs")
    assert q.cue == "case" and q.speaker == "senator"


def test_statement_noun_before_a_copula(understand):
    a = understand("The governor's fear is that the budget will collapse before the election.")
    q = one_quote(a, "budget will collapse")
    assert q.content == "that the budget will collapse before the election"
    assert q.speaker_span is not None and a.text[q.speaker_span.start:q.speaker_span.end] == "The governor's"


def test_a_subordinate_clause_with_a_speech_verb_is_not_an_aside(understand):
    a = understand("While Clinton continues to lead in the polls, Sanders draws the larger crowds in every state.")
    assert not any(q.cue and q.cue.startswith("continue") for q in a.quotes)
    b = understand("This campaign, he says, is different from every race before it.")
    assert _contents(b) == ["This campaign, he says, is different from every race before it"]


def test_quoted_name_given_to_the_object_belongs_to_the_statement(understand):
    a = understand('Trump introduced him on Saturday, calling Indiana Gov. Mike Pence "my partner in this '
                   'campaign and in the White House."')
    q = one_quote(a, "Mike Pence")
    assert q.kind == "mixed" and q.content.endswith('White House."')


def test_a_tour_that_continues_is_not_speech(understand):
    a = understand("The band\u2019s current tour continues November 19th in Greenville, South Carolina; after a "
                   "break later that month, the schedule picks up February 7th in Las Vegas.")
    assert not any(q.cue and q.cue.startswith("continue") for q in a.quotes)


def test_that_said_is_a_discourse_marker(understand):
    a = understand("The deal fell through in June.\n\nThat said, the two companies might have made a good fit.\n\n"
                   "That being said, nothing about the merger is certain yet.")
    assert not any(q.cue == "said" for q in a.quotes)
