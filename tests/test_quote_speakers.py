"""Who is the speaker of a statement we already find: hand-made sentences for each construction
where the parse's own subject is missing or names someone (or something) that does not speak."""
from __future__ import annotations

from newsdesk.model import Article

from conftest import first_quote as _find


def _span(article: Article, q) -> str | None:
    return q.speaker_span.of(article.text) if q.speaker_span is not None else None


# ---- a participle or gerund speaks with its clause's subject -----------------------------------
def test_gerund_after_preposition_takes_the_clause_subject(understand):
    a = understand("Senator Maria Lopez stopped short of fully endorsing the governor's sharp criticisms of the union.")
    q = _find(a, "criticisms of the union")
    assert q.speaker == "Maria Lopez"


def test_gerund_after_to_takes_the_clause_subject(understand):
    a = understand("Governor Tom Baxter pivoted to arguing that the budget crisis was one more reason to cut taxes.")
    q = _find(a, "budget crisis")
    assert q.speaker == "Tom Baxter"


def test_verb_joined_to_a_passive_keeps_its_subject(understand):
    a = understand("By the end of the day, Mayor Alan Reed was forced into damage control and said "
                   "that his words had been misconstrued by the press.")
    q = _find(a, "words had been misconstrued")
    assert q.speaker == "Alan Reed"
    assert _span(a, q) == "Mayor Alan Reed"


# ---- the one asking is not named -----------------------------------------------------------------
def test_asked_whether_has_no_source_but_the_answer_does(understand):
    a = understand('Asked whether he would fire the speechwriter over the passages, Ron Pelham said, "Probably not."')
    asked = _find(a, "fire the speechwriter")
    assert asked.speaker is None and asked.speaker_span is None
    answer = _find(a, "Probably not")
    assert answer.speaker == "Ron Pelham"


def test_when_asked_has_no_source(understand):
    a = understand("When asked whom she supported in the primary race, Ms. Sherry smiled and said nothing at all.")
    q = _find(a, "whom she supported")
    assert q.speaker is None and q.speaker_span is None


# ---- what someone issues speaks for them ------------------------------------------------------------
def test_statement_saying_is_the_issuers(understand):
    a = understand("Senate Majority Leader Mitch McConnell issued a statement saying that the Senate "
                   "should not confirm a replacement until after the election.")
    q = _find(a, "should not confirm")
    assert q.speaker == "Mitch McConnell"


def test_ad_that_said_is_the_issuers(understand):
    a = understand('Donald Trump released a marketing video that said, "We are going to have terrific professors."')
    q = _find(a, "terrific professors")
    assert q.speaker == "Donald Trump"


def test_a_document_that_is_itself_the_subject_still_speaks(understand):
    a = understand("A new Quinnipiac poll shows that most voters in Ohio distrust both candidates.")
    q = _find(a, "distrust both candidates")
    assert _span(a, q) == "A new Quinnipiac poll"


# ---- a second cue joined to the reported clause ------------------------------------------------------
def test_second_cue_joined_to_the_reported_clause_is_the_reporters(understand):
    a = understand("Party leader Nigel Farage said the warning showed that the president did not know the facts, "
                   "and accused Downing Street of putting words in the president's mouth.")
    q = _find(a, "putting words")
    assert q.speaker == "Nigel Farage"


# ---- the speaker phrase ----------------------------------------------------------------------------------
def test_relative_clause_names_are_not_the_speaker(understand):
    a = understand("Hillary Clinton spoke in Ohio on Monday.\n\n"
                   "Some national security law experts who studied the case against Clinton think "
                   "that the evidence is clear and damning.")
    q = _find(a, "evidence is clear")
    assert q.speaker == "national security law experts"


def test_speaker_text_skips_an_ing_clause_but_keeps_a_participle(understand):
    a = understand("Most of those surveyed said that the economy was their first worry this year.")
    q = _find(a, "economy was their first worry")
    assert "surveyed" in q.speaker


# ---- pronouns ------------------------------------------------------------------------------------------
def test_she_is_not_the_man_named_just_before(understand):
    a = understand("Hillary Clinton met Jacob Weiss, a donor from Ohio, at the rally on Monday.\n\n"
                   "\"We are going to win this state,\" she said.")
    q = _find(a, "win this state")
    assert q.speaker == "Hillary Clinton"
    assert _span(a, q) == "she"


def test_possessor_of_an_intention_speaks(understand):
    a = understand("Turkey's refusal to acknowledge fully the atrocities committed a century ago angers many Armenians.")
    q = _find(a, "atrocities committed")
    assert q.speaker == "Turkey"


def test_trailing_participle_hung_inside_the_reported_clause_is_the_reporters(understand):
    a = understand('Senator Ben Cardin stressed that "the way to proceed is to get both parties working together," '
                   "suggesting that the only way to do that might be to pass a plain renewal of the act.")
    q = _find(a, "plain renewal")
    assert q.speaker == "Ben Cardin"
    a = understand("Campaign manager Corey Lewandowski rejected the idea that the developer would be a drag on the ticket, "
                   "saying the huge crowds at his rallies prove that he would energize the party.")
    q = _find(a, "huge crowds")
    assert q.speaker == "Corey Lewandowski"


def test_they_is_the_last_group_named(understand):
    a = understand("Senate Republicans met behind closed doors on Tuesday to discuss the nomination.\n\n"
                   "They said that no hearing would be held before the election.")
    q = _find(a, "no hearing would be held")
    assert q.speaker is not None and "Republicans" in q.speaker
    assert _span(a, q) == "They"


def test_empty_it_names_no_source(understand):
    a = understand("It is important to note that the court has ruled only on emergency filings so far.")
    q = _find(a, "ruled only on emergency filings")
    assert q.speaker is None and q.speaker_span is None


def test_asked_by_someone_names_the_asker(understand):
    a = understand('"Absolutely," Bernie Sanders said when asked by a reporter if that remains his view of the race.')
    q = _find(a, "remains his view")
    assert q.speaker is not None and "reporter" in q.speaker


def test_a_subject_from_the_line_before_gives_way_to_the_cue_paragraphs_own(understand):
    a = understand("Clinton is slated to be at South Carolina State later in the month.\n\n"
                   "'Relationships that last.'\n\n"
                   "Her campaign workers here said they have been working the state since the spring.")
    q = _find(a, "working the state")
    assert q.speaker is not None and "campaign workers" in q.speaker


def test_sentence_first_asked_has_no_source(understand):
    a = understand("Asked whether watching the campaign from the sidelines had been hard for Mr. Biden, "
                   "Mr. Daley said: ''Of course. He wanted to run.''")
    q = _find(a, "watching the campaign")
    assert q.speaker is None and q.speaker_span is None


def test_inverted_cue_whose_speaker_was_parsed_as_its_object(understand):
    a = understand("\u201cThere are more candidates competing in New Hampshire, many of whom have practically lived "
                   "there for months,\u201d added another New Hampshire Republican.")
    q = _find(a, "more candidates competing")
    assert _span(a, q) == "another New Hampshire Republican"


def test_the_one_made_to_speak_is_the_object_of_the_causing_verb(understand):
    a = understand("The abrupt announcement led some members to speculate that disagreement over the campaign "
                   "was partly to blame.")
    q = _find(a, "disagreement over the campaign")
    assert q.speaker is not None and "members" in q.speaker
    a = understand("The shift in tone prompted Anderson Cooper to accuse the attorney general of hypocrisy on air.")
    q = _find(a, "hypocrisy")
    assert q.speaker == "Anderson Cooper"


def test_to_verb_hung_on_the_object_is_the_subjects_purpose(understand):
    a = understand("Since Thursday, Mr. Khizr Khan has mounted an extraordinary public campaign to condemn "
                   "Donald Trump for the proposal.")
    q = _find(a, "for the proposal")
    assert q.speaker == "Khizr Khan"


def test_a_name_behind_a_preposition_is_not_the_speaker(understand):
    a = understand("Senator Marco Rubio spoke in Miami on Monday.\n\n"
                   "A spokesman for Senator Marco Rubio said that the campaign would appeal the ruling at once.")
    q = _find(a, "appeal the ruling")
    assert q.speaker != "Marco Rubio" and "spokesman for" in q.speaker


def test_name_with_an_apposition_the_parser_hung_elsewhere(understand):
    a = understand("Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that he "
                   "spoke with Mr. Sanders on Tuesday.")
    q = _find(a, "spoke with Mr. Sanders")
    assert q.speaker == "Harry Reid"


def test_honorific_picks_the_right_person_of_a_shared_surname(understand):
    a = understand("Hillary Clinton and Bill Clinton campaigned in Ohio on Monday.\n\n"
                   "Mrs. Clinton said that she would win the state by a wide margin in November.\n\n"
                   "Mr. Clinton said that the crowds were the largest he had seen in years.")
    assert _find(a, "wide margin").speaker == "Hillary Clinton"
    assert _find(a, "largest he had seen").speaker == "Bill Clinton"


# ---- an aside between the name and its verb ------------------------------------------------------
def test_name_before_a_participle_aside_between_commas(understand):
    a = understand("The talks ended early, as Carlos Mendoza, contradicting the governor, said he had warned "
                   "the delegation that the state would not pay for the bridge.")
    q = _find(a, "not pay for the bridge")
    assert q.speaker == "Carlos Mendoza"


def test_name_before_a_bracketed_aside(understand):
    a = understand("Senator Dana Whitfield (a Vermont Democrat who rarely speaks to reporters) says she was "
                   "surprised by the size of the crowd in Burlington.")
    q = _find(a, "size of the crowd")
    assert q.speaker == "Dana Whitfield"


def test_gerund_as_object_of_a_preposition_takes_the_clause_subject(understand):
    a = understand("At the end of the day, Senator Maria Lopez was back to implying that the audit had been rigged.")
    assert _find(a, "audit had been rigged").speaker == "Maria Lopez"


def test_subject_the_tagger_lost_to_a_misread_participle(understand):
    # 'agreed' read as a participle heading the sentence, 'a third' as an adverb of it
    a = understand("Less than a third agreed with the President that Britain would have to wait its turn.")
    q = _find(a, "wait its turn")
    assert _span(a, q) == "Less than a third"


def test_present_tense_cue_read_as_a_plural_noun(understand):
    # the small model tags 'claims' NNS after 'Trump' (a name it also knows as a noun)
    a = understand("Donald Trump is on the ballot. But Trump claims that he should be the exception to the rule.")
    q = _find(a, "exception to the rule")
    assert q.cue == "claims" and q.speaker == "Donald Trump"


def test_participle_on_a_speech_or_letter_speaks_for_who_gave_it(understand):
    a = understand("On Tuesday, Senator Maria Lopez opened a Rochester rally blasting the governor for his budget cuts.")
    assert _find(a, "governor for his budget cuts").speaker == "Maria Lopez"
    b = understand("The unions sent Senate leaders a letter opposing the new trade agreement.")
    assert _span(b, _find(b, "trade agreement")) == "The unions"


def test_participle_on_people_or_a_document_speaks_for_them(understand):
    a = understand("The company published a report showing that sales fell by a third.")
    assert _span(a, _find(a, "sales fell")) == "a report"


def test_contracted_has_is_not_a_passive(understand):
    a = understand("Senator Maria Lopez spoke at length. She's said she gets her ideas about money from old novels.")
    q = _find(a, "ideas about money")
    assert _span(a, q) == "She" and q.speaker == "Maria Lopez"


def test_name_stranded_before_asides_is_the_subject(understand):
    a = understand("In U.S. District Court in Alexandria, Va., Lazar, in a green jail jumpsuit, said little, "
                   "offering only short confirmations that he was pleading guilty voluntarily.")
    q = _find(a, "pleading guilty")
    assert _span(a, q) == "Lazar"


def test_poll_share_as_a_number_is_the_subject(understand):
    a = understand("The entrance poll of caucus-goers was released on Saturday.\n\n"
                   "About 4 in 10 say they want the next president to have more liberal policies.")
    q = _find(a, "more liberal policies")
    assert _span(a, q) == "About 4 in 10"


def test_first_name_gender_abstains_when_the_name_is_given_to_both_sexes():
    from newsdesk.understand.coref import first_name_gender
    assert first_name_gender("Hillary Clinton") == "f" and first_name_gender("Bill Clinton") == "m"
    assert first_name_gender("Laurence Tribe") is None      # mostly a woman's name abroad, a man's in the US
    assert first_name_gender("Jean Smith") is None


def test_post_on_a_platform_speaks_for_the_poster(understand):
    a = understand("Then, last week, Taylor Swift posted on Twitter accusing Big Machine of trying to stop her "
                   "performing her old songs. She claimed the label thought the show would be a re-recording.")
    assert _find(a, "Big Machine of trying").speaker == "Taylor Swift"
    assert _find(a, "re-recording").speaker == "Taylor Swift"


def test_named_aide_speaks_not_the_boss_who_owns_the_title(understand):
    # the parser makes the title the subject and hangs the name on it in apposition
    a = understand('Hillary Clinton spoke in Iowa. "We will fight for every vote," said Clinton\'s '
                   'spokesman Brian Fallon. "Heartbroken and numb," writes Huber\'s longtime tag team '
                   'partner Erick Rowan.')
    assert _find(a, "fight for every vote").speaker == "Brian Fallon"
    assert _find(a, "Heartbroken").speaker == "Erick Rowan"


def test_a_pronoun_about_someone_else_does_not_set_a_gender(understand):
    # "her" after Sanders is Clinton; one such pronoun must not make Sanders a "she"
    a = understand("Kelly Clinton called on Donald Trump to release his tax returns. Bernie Sanders, who "
                   "cites her paid speeches, was not impressed.\n\nSanders says he would happily release "
                   "all his speeches.\n\nOn his tax returns, he says he would release them on Friday.")
    assert _find(a, "release them on Friday").speaker == "Bernie Sanders"


def test_he_is_the_last_subject_not_the_last_name(understand):
    a = understand("Glenn Beck campaigned on Monday alongside Ted Cruz in Indiana.\n\n"
                   "He said the state would decide the race.")
    assert _find(a, "decide the race").speaker == "Glenn Beck"


def test_a_subject_outranks_a_later_name_only_in_its_own_sentence(understand):
    # the sentence before ends with Sanders; Bush, a subject one sentence further back, is not "he"
    a = understand("Jeb Bush toured a factory on Monday.\n\nThe Democratic side was hardly calm as "
                   "Hillary Clinton sharpened her attack on Bernie Sanders. He said Clinton was too "
                   "close to Wall Street.")
    assert _find(a, "too close to Wall Street").speaker == "Bernie Sanders"


def test_a_subject_pronoun_carries_its_person_forward(understand):
    a = understand("Christyn Gionfriddo graduated from college in 2009.\n\nAt 29, she still lives in her "
                   "childhood bedroom, next door to her aunt Maria Lopez.\n\n"
                   "\u201cWho wants to live at home at 29?\u201d she said.")
    assert _find(a, "Who wants to live").speaker == "Christyn Gionfriddo"


def test_the_pronoun_chain_follows_the_speakers_already_resolved(understand):
    # "he said" is Peskov (the last speaker), so the "He" after it is Peskov too, not Putin
    a = understand("Dmitry Peskov restated that Vladimir Putin was open to talks.\n\n"
                   "\u201cWe have our goals, connected with our national security and our national interests, "
                   "and we are ready to achieve these goals by means of peace talks,\u201d he said.\n\n"
                   "He denied a report that Russia had demanded the withdrawal of NATO forces.")
    assert _find(a, "ready to achieve").speaker == "Dmitry Peskov"
    assert _find(a, "had demanded the withdrawal").speaker == "Dmitry Peskov"


def test_a_clitic_the_parser_made_the_subject_is_not_the_speaker(understand):
    a = understand("Jane Doe spoke in Ohio on Monday. While she\u2019s said she believes the tax is fair, "
                   "she\u2019s also called for a review.")
    q = _find(a, "believes the tax is fair")
    assert q.speaker == "Jane Doe" and _span(a, q) == "she"


def test_they_are_people_not_the_last_plural_thing(understand):
    a = understand("Senate Democrats met on Tuesday to weigh the bill.\n\nThe proposals were complex and "
                   "the costs were high.\n\nThey said the bill would fail without changes.")
    assert "Democrats" in _find(a, "the bill would fail").speaker
    # a nationality adjective is no group that speaks
    b = understand("Chinese officials toured the plant.\n\nThey said the plant was safe.")
    assert _find(b, "the plant was safe").speaker != "Chinese"


def test_it_is_never_the_platform_a_statement_was_posted_on(understand):
    a = understand("A statement was posted to his official Twitter account on Saturday.\n\n"
                   "It also stated that he had been ill since 2016.")
    assert _find(a, "he had been ill").speaker != "Twitter"


def test_subjects_the_parser_leaves_behind_a_copula_a_habit_or_an_unlabelled_verb(understand):
    a = understand("Raul Grijalva was the first Democrat in Congress to endorse Sanders in the primary. "
                   "Donald Trump has a long history of blaming others for his wounds. "
                   "Hillary Clinton paused, then revealed why the activism was especially moving.")
    assert _find(a, "Sanders in the primary").speaker == "Raul Grijalva"
    assert _find(a, "others for his wounds").speaker == "Donald Trump"
    assert _find(a, "activism was especially moving").speaker == "Hillary Clinton"
    c = understand("Jeb Bush, channeling his respectful roots, responded by first saying good things about him.")
    assert _find(c, "good things about him").speaker == "Jeb Bush"
    # the copula rule wants a person: "the greatest hole … is the inability to agree" names nobody
    b = understand("The greatest hole in their plan is the inability to agree on who should lead the party.")
    assert all(q.speaker is None or "hole" not in q.speaker for q in b.quotes)


def test_a_participle_after_an_inverted_quote_speaks_for_the_named_speaker(understand):
    a = understand("\u201cIs Donald Trump running against the party?\u201d asked Paul Manafort, referring to "
                   "the candidate\u2019s assault on the nominating process.")
    assert _find(a, "assault on the nominating process").speaker == "Paul Manafort"
    # a comma alone is no quote: "screaming slurs and calling her …" is not spoken by the slurs
    b = understand("Trump supporters began shoving her, screaming racial slurs and calling her names.")
    assert all(q.speaker != "racial slurs" for q in b.quotes)


def test_a_role_described_again_is_the_person_with_that_title(understand):
    a = understand("Florida Sen. Marco Rubio and Sen. John McCain met in Miami.\n\n"
                   "The Florida senator said he would win the nomination.\n\n"
                   "The Vermont senator said the race was not over.")
    assert _find(a, "he would win the nomination").speaker == "Marco Rubio"
    # a name in the description that no title carries: nobody named, and never the place
    vermont = _find(a, "the race was not over").speaker
    assert vermont not in ("John McCain", "Marco Rubio", "Vermont")
