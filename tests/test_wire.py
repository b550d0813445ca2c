"""Wire-copy conventions: datelines and credit lines, on any article (HTML or text)."""
from __future__ import annotations

import pytest

from newsdesk.extract.wire import apply_wire_conventions, find_dateline, normalize_agency, parse_credits
from newsdesk.model import Article, Credit


@pytest.mark.parametrize("lede, place, agency, date, rest", [
    ("MOSCOW (Reuters) - The Kremlin said on Friday", "MOSCOW", "Reuters", None, "The Kremlin"),
    ("WASHINGTON, Feb 21 (AP) — Lawmakers voted", "WASHINGTON", "AP", "Feb 21", "Lawmakers"),
    ("PARIS (AFP) - France said", "PARIS", "AFP", None, "France"),
    ("NAIROBI, Kenya (AP) _ Police said", "NAIROBI, Kenya", "AP", None, "Police"),
    ("LONDON, Feb 3 (Reuters) - Britain's economy", "LONDON", "Reuters", "Feb 3", "Britain"),
    ("BEIJING, Feb. 21 (Xinhua) -- China will", "BEIJING", "Xinhua", "Feb. 21", "China"),
    ("(Bloomberg) -- Apple Inc. said", None, "Bloomberg", None, "Apple"),
    ("THE HAGUE, Netherlands (AP)_ The World Court", "THE HAGUE, Netherlands", "AP", None, "The World"),
    ("BUFFALO, N.Y. (AP) -- A doctor", "BUFFALO, N.Y.", "AP", None, "A doctor"),
    ("Hong Kong (CNN Business)A muddled view", "Hong Kong", "CNN", None, "A muddled"),
    ("MADRID — Rafael Nadal kept", "MADRID", None, None, "Rafael"),
    ("DUBAI, United Arab Emirates — Dubai's carrier", "DUBAI, United Arab Emirates", None, None, "Dubai"),
    ("BERLIN (dpa) - Die Regierung", "BERLIN", "dpa", None, "Die"),
    ("(CNN)Sofia Vergara's ex-fiance is", None, "CNN", None, "Sofia"),   # glued to the first word
])
def test_datelines_of_many_agencies(lede, place, agency, date, rest):
    found = find_dateline(lede)
    assert found is not None, lede
    assert (found.dateline.place, found.dateline.agency, found.dateline.date) == (place, agency, date)
    assert lede[found.end:].startswith(rest)


@pytest.mark.parametrize("text", [
    "The Kremlin (Russia) - said nothing",       # a mixed-case 'place' needs a known agency
    "NASA said on Friday that the launch slipped.",
    "UPDATE 2-Kremlin says no meeting",
    "I - am not a dateline",
    "U.S. President Donald Trump said",
    "(cnn)sofia is not a dateline",             # glued only before a capital
])
def test_not_datelines(text):
    assert find_dateline(text) is None


def test_dateline_standing_alone_as_a_paragraph():
    found = find_dateline("HAVANA (AP) --")
    assert found and found.dateline.place == "HAVANA" and found.dateline.agency == "AP"


def test_agency_names_are_normalised():
    assert normalize_agency("Associated Press") == "AP"
    assert normalize_agency("Agence France-Presse") == "AFP"
    assert normalize_agency("thomson reuters") == "Reuters"
    assert normalize_agency("UNIAN") == "UNIAN"  # unknown agencies keep their spelling


@pytest.mark.parametrize("line, expected", [
    ("(Reporting by Gleb Stolyarov, Writing by Mark Trevelyan and Felix Light; Editing by Andrew Osborn)",
     [("reporting", "Gleb Stolyarov"), ("writing", "Mark Trevelyan"), ("writing", "Felix Light"),
      ("editing", "Andrew Osborn")]),
    ("Reporting by John Smith in Moscow; Editing by Alison Williams",
     [("reporting", "John Smith"), ("editing", "Alison Williams")]),
    ("(Additional reporting by Julia Harte and Peter Eisler in Orlando; Editing by Jan van der Berg)",
     [("additional reporting", "Julia Harte"), ("additional reporting", "Peter Eisler"),
      ("editing", "Jan van der Berg")]),
    ("— With assistance from Jane Doe and Bob Smith.",
     [("additional reporting", "Jane Doe"), ("additional reporting", "Bob Smith")]),
    ("Associated Press writer Jane Doe in Paris contributed to this report.",
     [("additional reporting", "Jane Doe")]),
    ("Photo: Damian Dovarganes, AP", [("photo", "Damian Dovarganes")]),
    ("To contact the reporter on this story: Jane Doe in London at jdoe@example.net",
     [("reporting", "Jane Doe")]),
])
def test_credit_lines_with_roles(line, expected):
    credits = parse_credits(line)
    assert credits is not None
    assert [(c.role, c.name) for c in credits] == expected


@pytest.mark.parametrize("line", [
    "Reports by the agency show growth slowed in the third quarter.",
    "Edited by the committee, the book runs to 900 pages.",
    "He said the photo was taken in 2019.",
])
def test_story_sentences_are_not_credit_lines(line):
    assert parse_credits(line) is None


def test_apply_moves_dateline_and_credits_out_of_the_text():
    article = Article(input="x", text=(
        "LONDON, Feb 3 (Reuters) - Britain's economy grew faster than expected.\n\n"
        "The pound rose after the data.\n\n"
        "(Reporting by Jane Doe; Editing by John Roe)"))
    out = apply_wire_conventions(article)
    assert out.text == "Britain's economy grew faster than expected.\n\nThe pound rose after the data."
    assert out.agency == "Reuters"
    assert (out.dateline.place, out.dateline.agency, out.dateline.date) == ("LONDON", "Reuters", "Feb 3")
    assert set(out.credits) == {Credit("reporting", "Jane Doe"), Credit("editing", "John Roe")}


def test_apply_handles_a_credit_glued_to_the_last_paragraph_and_keeps_existing_credits():
    article = Article(input="x", agency=None, credits=(Credit("author", "Ann Lee"),), text=(
        "PARIS (AFP) - France said on Monday it would act.\n\n"
        "Officials declined to comment. (Reporting by Ann Lee; Editing by Tom Hay)"))
    out = apply_wire_conventions(article)
    assert out.text.endswith("Officials declined to comment.")
    assert Credit("author", "Ann Lee") in out.credits and Credit("editing", "Tom Hay") in out.credits


def test_apply_leaves_a_plain_story_alone():
    article = Article(input="x", text="The council met on Tuesday.\n\nIt approved the budget.")
    assert apply_wire_conventions(article) == article
