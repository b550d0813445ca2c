"""Time expressions on hand-made sentences: each construction the `times` stage promises,
resolved against a known publication date (TIMEX3 values)."""
from __future__ import annotations

import datetime as dt

import pytest

from newsdesk.understand.times import reference_date, resolve_times

FRIDAY = "2025-02-21"       # a Friday in ISO week 8
WSJ_DAY = "1989-11-02"      # a Thursday, in the fourth quarter


@pytest.fixture(scope="module")
def nlp():
    from newsdesk.understand.nlp import load_nlp

    return load_nlp()


def times(nlp, text, published=FRIDAY):
    return resolve_times(text, published, nlp(text))


def value_of(nlp, text, expr, published=FRIDAY):
    """The value given to the expression whose text contains `expr` (it must be found)."""
    found = [t for t in times(nlp, text, published) if expr.lower() in t.text.lower()]
    assert found, f"{expr!r} not found in {[t.text for t in times(nlp, text, published)]}"
    return found[0].value


# ---------------------------------------------------------------- weekdays and tense
@pytest.mark.parametrize("sentence, expr, value", [
    ("The minister said on Tuesday that talks would resume.", "Tuesday", "2025-02-18"),    # past: 3 days back
    ("Officials met Wednesday in Geneva.", "Wednesday", "2025-02-19"),
    ("The union will strike on Monday.", "Monday", "2025-02-24"),                          # future: 3 days on
    ("The festival's closing night falls on Monday.", "Monday", "2025-02-24"),              # present: ahead
    ("The court is expected to rule on Wednesday.", "Wednesday", "2025-02-26"),
    ("The vote is due to take place on Sunday.", "Sunday", "2025-02-23"),
    ("Markets closed lower last Thursday.", "last Thursday", "2025-02-20"),
    ("The talks resume next Friday.", "next Friday", "2025-02-28"),
])
def test_weekday_direction_follows_the_verb(nlp, sentence, expr, value):
    assert value_of(nlp, sentence, expr) == value


@pytest.mark.parametrize("sentence", ["The agency said on Friday that prices rose.",
                                      "The agency will publish its figures on Friday."])
def test_weekday_of_the_reference_day_is_that_day(nlp, sentence):
    assert value_of(nlp, sentence, "Friday") == FRIDAY


def test_dateparser_weekday_trap_is_avoided(nlp):
    """dateparser moves a bare weekday a week back even when the reference day is that weekday;
    our own resolver gives the reference day itself."""
    import dateparser

    base = dt.datetime(2025, 2, 21, 12, 0)
    theirs = dateparser.parse("Friday", settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    assert theirs is not None and theirs.date() == dt.date(2025, 2, 14)  # the trap, as of dateparser 1.5
    assert value_of(nlp, "The central bank said on Friday it would hold rates.", "Friday") == "2025-02-21"


def test_weekday_span_keeps_its_preposition(nlp):
    found = times(nlp, "Prices fell on Thursday.")
    assert [t.text for t in found] == ["on Thursday"]
    assert found[0].span.of("Prices fell on Thursday.") == "on Thursday"


def test_weekday_with_part_of_day_and_clock(nlp):
    assert value_of(nlp, "The blast happened Thursday morning.", "Thursday morning") == "2025-02-20TMO"
    assert value_of(nlp, "The fire started at 10 p.m. Wednesday.", "10 p.m. Wednesday") == "2025-02-19T22:00"
    assert value_of(nlp, "The offer expires at noon Monday.", "noon Monday") == "2025-02-24T12:00"


# ---------------------------------------------------------------- explicit dates
@pytest.mark.parametrize("sentence, expr, value", [
    ("The treaty was signed on February 21, 2025, in Paris.", "February 21, 2025", "2025-02-21"),
    ("The shares were issued Feb. 10.", "Feb. 10", "2025-02-10"),
    ("Registration closes 21/02/2025 at midnight.", "21/02/2025", "2025-02-21"),
    ("The report was filed Feb 3 with regulators.", "Feb 3", "2025-02-03"),
    ("The company was founded in March 1996.", "March 1996", "1996-03"),
    ("Growth slowed in 1988.", "1988", "1988"),
    ("Rates peaked in the early 1980s.", "1980s", "198"),
    ("It was built in the 11th century.", "11th century", "10"),
])
def test_explicit_dates(nlp, sentence, expr, value):
    assert value_of(nlp, sentence, expr) == value


def test_weekday_and_date_together_take_the_date(nlp):
    assert value_of(nlp, "The paper said in an editorial on Monday, Oct. 26:", "Oct. 26", "1998-10-25") == "1998-10-26"


def test_month_without_year_takes_the_year_from_context(nlp):
    # a past event in a month still ahead of the reference is last year's
    assert value_of(nlp, "The plant closed in November.", "November", "2025-02-21") == "2024-11"
    # a future one in a month already behind is next year's
    assert value_of(nlp, "The summit will be held in January.", "January", "1989-10-30") == "1990-01"
    assert value_of(nlp, "Trading resumed Jan. 13.", "Jan. 13", "1998-03-06") == "1998-01-13"
    # a deadline a few weeks after the reference stays in its year even in a past-tense clause
    assert value_of(nlp, "The company extended the offer to Nov. 20.", "Nov. 20", WSJ_DAY) == "1989-11-20"


# ---------------------------------------------------------------- relative to the reference date
@pytest.mark.parametrize("sentence, expr, value", [
    ("Diplomats met in Oslo this week.", "this week", "2025-W08"),
    ("Inflation eased last month.", "last month", "2025-01"),
    ("Elections are due next year.", "next year", "2026"),
    ("The index fell yesterday.", "yesterday", "2025-02-20"),
    ("The president speaks today.", "today", "2025-02-21"),
    ("The results come out tomorrow.", "tomorrow", "2025-02-22"),
    ("Earlier this month, the board resigned.", "earlier this month", "2025-02"),
    ("Sales rose 5% last year.", "last year", "2024"),
    ("The mayor spoke this morning.", "this morning", "2025-02-21TMO"),
    ("Two people were hurt last night.", "last night", "2025-02-20TNI"),
    ("The ship sank three weeks ago.", "three weeks ago", "2025-W05"),
    ("He left the party two years ago.", "two years ago", "2023"),
    ("Protesters gathered over the weekend.", "weekend", "2025-W07-WE"),
])
def test_relative_to_the_reference(nlp, sentence, expr, value):
    assert value_of(nlp, sentence, expr) == value


def test_before_the_end_of_the_month_is_an_interval(nlp):
    sentence = "The two leaders could meet before the end of the month."
    found = [t for t in times(nlp, sentence) if "end of the month" in t.text]
    assert len(found) == 1 and found[0].text == "before the end of the month"
    assert found[0].value == "2025-02-21/2025-02-28"


def test_end_of_the_year_is_the_year(nlp):
    assert value_of(nlp, "The deal should close by the end of the year.", "the end of the year") == "2025"


# ---------------------------------------------------------------- durations
@pytest.mark.parametrize("sentence, expr, value", [
    ("The war has lasted three years.", "three years", "P3Y"),
    ("Shares fell during the past three years.", "the past three years", "P3Y"),
    ("Leaders ended a two-day summit.", "two-day", "P2D"),
    ("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
    ("Net income rose in the first nine months.", "the first nine months", "P9M"),
    ("The strike may last for weeks.", "weeks", "PXW"),
    ("He served a 10-year sentence.", "10-year", "P10Y"),
    ("The meeting lasted 45 minutes.", "45 minutes", "PT45M"),
])
def test_durations(nlp, sentence, expr, value):
    found = [t for t in times(nlp, sentence) if expr in t.text]
    assert found and found[0].value == value and found[0].type == "DURATION"


def test_ages_and_amounts_are_not_time(nlp):
    text = "Mr. Smith, 52 years old, paid $1990 for 1990 shares, and a 44-year-old man may leave."
    assert times(nlp, text) == []


# ---------------------------------------------------------------- sets
@pytest.mark.parametrize("sentence, expr, value", [
    ("The ferry sails every morning.", "every morning", "XXXX-XX-XXTMO"),
    ("The magazine is published weekly.", "weekly", "P1W"),
    ("The council meets every Tuesday.", "every Tuesday", "XXXX-WXX-2"),
    ("Dividends are paid annually.", "annually", "P1Y"),
    ("The pipeline carries 300,000 barrels a day.", "a day", "P1D"),
    ("Inspectors visit twice a year.", "twice a year", "P1Y"),
])
def test_sets(nlp, sentence, expr, value):
    found = [t for t in times(nlp, sentence) if expr in t.text]
    assert found and found[0].value == value and found[0].type == "SET"


# ---------------------------------------------------------------- quarters, halves, seasons
@pytest.mark.parametrize("sentence, expr, value", [
    ("Net income fell in the third quarter.", "the third quarter", "1989-Q3"),
    ("The company posted a third-quarter loss.", "third-quarter", "1989-Q3"),
    ("Results for the 1988 second quarter were restated.", "the 1988 second quarter", "1988-Q2"),
    ("Sales may improve in next year's first quarter.", "next year's first quarter", "1990-Q1"),
    ("Profit rose in the first half.", "the first half", "1989-H1"),
    ("The stock began trading this summer.", "this summer", "1989-SU"),
    ("The factory closed last spring.", "last spring", "1989-SP"),
])
def test_quarters_halves_seasons(nlp, sentence, expr, value):
    assert value_of(nlp, sentence, expr, WSJ_DAY) == value


def test_quarter_not_begun_is_last_years():
    # in February, a fourth quarter reported in the past tense is the previous year's
    text = "The company reported a fourth-quarter loss."
    assert resolve_times(text, "1990-02-06")[0].value == "1989-Q4"


def test_season_across_the_year_end(nlp):
    assert value_of(nlp, "He was shot in his kitchen last fall.", "last fall", "1999-04-10") == "1998-FA"


def test_the_quarter_and_a_year_earlier_follow_the_reported_quarter(nlp):
    text = ("Acme posted third-quarter net income of $5 million. Revenue in the quarter rose 8% "
            "from a year earlier. In the year-ago quarter, Acme lost money. Profit a year ago was lower.")
    found = {t.text.lower(): t.value for t in times(nlp, text, WSJ_DAY)}
    assert found["third-quarter"] == "1989-Q3"
    assert found["the quarter"] == "1989-Q3"
    assert found["a year earlier"] == "1988-Q3"
    assert found["the year-ago quarter"] == "1988-Q3"
    assert found["a year ago"] == "1988-Q3"  # not 1987: anaphors do not become anchors


# ---------------------------------------------------------------- vague references and anaphora
@pytest.mark.parametrize("sentence, expr, value", [
    ("Prices are now rising.", "now", "PRESENT_REF"),
    ("The firm currently employs 300 people.", "currently", "PRESENT_REF"),
    ("The minister recently resigned.", "recently", "PAST_REF"),
    ("Rates may rise in the future.", "the future", "FUTURE_REF"),
])
def test_present_past_future_refs(nlp, sentence, expr, value):
    assert value_of(nlp, sentence, expr) == value


def test_that_year_is_the_previous_explicit_year(nlp):
    text = "Imports reached $1.5 billion in 1988. Exports also grew that year."
    assert value_of(nlp, text, "that year", WSJ_DAY) == "1988"


# ---------------------------------------------------------------- robustness
def test_without_a_publication_date_relative_values_are_unresolved(nlp):
    text = "The talks began on Tuesday and end on February 28, 2025; they may last three years."
    found = {t.text: t.value for t in resolve_times(text, None, nlp(text))}
    assert found["on Tuesday"] is None
    assert found["February 28, 2025"] == "2025-02-28"
    assert found["three years"] == "P3Y"


def test_works_without_a_parse():
    found = resolve_times("The ministry said on Friday that exports grew last year.", FRIDAY, None)
    assert [(t.text, t.value) for t in found] == [("on Friday", FRIDAY), ("last year", "2024")]


def test_may_the_verb_is_not_a_month(nlp):
    assert times(nlp, "Officials may decide soon. The vote may be delayed.") == []


@pytest.mark.parametrize("published, expected", [
    ("2025-02-21T09:30:00Z", dt.date(2025, 2, 21)), ("2025-02-21", dt.date(2025, 2, 21)),
    ("yesterday", None), (None, None), ("2025-02-30", None)])
def test_reference_date(published, expected):
    assert reference_date(published) == expected


# ---------------------------------------------------------------- the seed article, end to end
def test_seed_article_times(nlp):
    from conftest import shared_path
    from newsdesk.extract import extract
    from newsdesk.pipeline import read_input
    from newsdesk.understand.times import add_times

    article = extract(read_input(str(shared_path("seed", "article.txt"))))
    article = add_times(article, nlp(article.text))
    got = {t.text.lower(): t.value for t in article.times}
    assert article.published and article.published.startswith("2025-02-21")
    assert got["on friday"] == "2025-02-21"
    assert got["this week"] == "2025-W08"
    assert got["on tuesday"] == "2025-02-18"
    assert got["on wednesday"] == "2025-02-19"
    assert got["on thursday"] == "2025-02-20"
    assert got["before the end of the month"] == "2025-02-21/2025-02-28"
    assert got["on monday"] == "2025-02-24"
    for t in article.times:
        assert article.text[t.span.start:t.span.end] == t.text
