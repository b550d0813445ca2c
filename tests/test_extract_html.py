"""HTML extraction: the body (two trafilatura passes + our clean-up) and the metadata chains."""
from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newsdesk.extract import extract
from newsdesk.extract.dates import ShownDate, choose_dates, cued_dates, parse_date, shown_near_headline
from newsdesk.extract.html import (clean_body, drop_headline, drop_link_runs, headline_candidates, merge_passes,
                                   split_standfirst)
from newsdesk.extract.metadata import (clean_authors, clean_category, extract_metadata, json_ld_objects,
                                       strip_site_suffix)
from newsdesk.sources.files import read_path

from conftest import FIXTURES, shared_path

HTML = FIXTURES / "html"


def _article(name: str):
    return extract(read_path(HTML / name))


# ---- whole pages ---------------------------------------------------------------------------------
def test_json_ld_graph_article():
    a = _article("graph_article.html")
    assert a.title == "Storm floods harbour district as river breaks its banks"
    assert a.publisher == "Valley Courier"
    assert a.authors == ("Maria Lopez", "Tom Becker")  # the Organization author is not a person
    assert [(c.role, c.name) for c in a.credits] == [("author", "Maria Lopez"), ("author", "Tom Becker")]
    # JSON-LD says 02:30 UTC on the 4th; the page shows (and its microdata says) the 3rd, local time
    assert a.published == "2024-03-03"
    assert a.updated == "2024-03-04"
    assert a.category == "Local News"  # from the BreadcrumbList
    assert a.language == "en"
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0].startswith("Hundreds of residents")  # no headline, byline or date line
    assert paragraphs[-1].startswith("The council has opened a hotline")  # no related links, no newsletter box
    assert "Related:" not in a.text and "newsletter" not in a.text
    assert a.confidence == 1.0


def test_meta_tags_and_visible_byline():
    a = _article("meta_article.html")
    assert a.title == "Library extends opening hours after record winter"  # " - Northfield Post" cut
    assert a.publisher == "Northfield Post"
    # meta author names the outlet, so the byline by the headline supplies the person
    assert a.authors == ("Priya Natarajan",)
    assert (a.published, a.updated, a.category) == ("2023-01-17", "2023-01-18", "Community")
    assert a.text.startswith("The central library will stay open")


def test_microdata_german_page():
    a = _article("microdata_article_de.html")
    assert a.publisher == "Rheintaler Anzeiger"
    assert a.authors == ("Katrin Vogel",)  # the commenter's itemprop=author is ignored
    assert (a.published, a.updated) == ("2022-01-12", "2022-01-14")
    assert a.language == "de"
    assert "Katrin Vogel" not in a.text and "Endlich" not in a.text


def test_real_page_from_the_benchmark():
    page = next(shared_path("eval", "extraction", "html").glob("08f793*"))
    a = extract(read_path(page))
    assert a.title.startswith("Browns player on Mason Rudolph")
    assert a.publisher and a.publisher not in a.authors
    assert a.standfirst and a.standfirst.startswith("One member of the Browns' defense")
    assert "Newsletter" not in a.text and not a.text.startswith("Browns player")


# ---- body clean-up --------------------------------------------------------------------------------
def test_merge_keeps_default_paragraphs_between_the_precise_edges():
    default = ["Headline of the story", "First paragraph of the story here.", "A Subheading",
               "Second paragraph has a linked phrase in it.", "Sign up for our newsletter", "Most read"]
    precise = ["First paragraph of the story here.", "Second paragraph has phrase in it."]
    assert merge_passes(default, precise) == default[1:4]


def test_merge_takes_the_first_copy_of_a_repeated_story():
    story = ["One two three four five.", "Six seven eight nine ten.", "Eleven twelve thirteen."]
    assert merge_passes(story + ["junk"] + story, story) == story


def test_merge_trusts_the_precise_pass_when_they_disagree():
    assert merge_passes(["a b c", "d e f"], ["x y z", "u v w"]) == ["x y z", "u v w"]
    assert merge_passes([], ["x y z"]) == ["x y z"]
    assert merge_passes(["a b"], []) == ["a b"]


def test_headline_and_kicker_lines_go():
    titles = {"big news today in town"}
    assert drop_headline(["Politics", "Big news today, in town", "Body text."], titles) == ["Body text."]
    assert drop_headline(["Body text first.", "Other."], titles) == ["Body text first.", "Other."]


def test_headline_candidates_cut_site_names():
    tree = lxml_html.fromstring("<html><head><title>Big news today | The Daily</title></head>"
                                "<body><h1>Big news today</h1></body></html>")
    assert "big news today" in headline_candidates(tree, None)


def test_link_runs_and_shouting_links_go_but_single_links_stay():
    anchors = {"other story one about things", "other story two about stuff", "read this other headline now",
               "acme widget pro"}
    paras = ["Body paragraph.", "Other story one about things", "Other story two about stuff", "More body.",
             "READ THIS OTHER HEADLINE NOW", "Body again.", "Acme Widget Pro", "Its price is low."]
    assert drop_link_runs(paras, anchors) == ["Body paragraph.", "More body.", "Body again.", "Acme Widget Pro",
                                              "Its price is low."]


def test_promo_and_trailer_lines():
    paras = ["5 min read", "The story starts here and goes on.", "Related: Another story entirely",
             "More than 2,500 people came, officials said.", "The story ends.", "Follow us on Twitter",
             "Copyright 2024 Example Media", "SOURCE: News agencies"]
    assert clean_body(paras, titles=set(), anchors=set()) == [
        "The story starts here and goes on.", "More than 2,500 people came, officials said.", "The story ends."]


def test_standfirst_needs_its_own_header_element():
    tree = lxml_html.fromstring(
        "<html><body><header><h1>T</h1><h2 class='dek'>A short summary of the whole story for readers.</h2></header>"
        "<div class='body'><p>First paragraph of the story.</p><p>Second.</p></div></body></html>")
    paras = ["A short summary of the whole story for readers.", "First paragraph of the story.", "Second."]
    assert split_standfirst(paras, tree) == (paras[0], paras[1:])
    same_box = lxml_html.fromstring(
        "<html><body><div class='body'><p class='intro'>A short summary of the whole story for readers.</p>"
        "<p>First paragraph of the story.</p><p>Second.</p></div></body></html>")
    assert split_standfirst(paras, same_box) == (None, paras)


# ---- metadata pieces ------------------------------------------------------------------------------
def test_json_ld_lists_graphs_and_broken_json():
    tree = lxml_html.fromstring(
        '<html><head><script type="application/ld+json">[{"@type": "Organization", "name": "X"}, '
        '{"@graph": [{"@type": "NewsArticle", "headline": "H"}]}]</script>'
        '<script type="application/ld+json">{"@type": "Article", "headline": "line\nbreak"}</script>'
        '<script type="application/ld+json">{not json</script></head><body></body></html>')
    kinds = [o.get("@type") for o in json_ld_objects(tree)]
    assert "NewsArticle" in kinds and "Organization" in kinds and "Article" in kinds


def test_publisher_is_never_an_author():
    assert clean_authors(["The Daily Planet", "Lois Lane"], "The Daily Planet") == ["Lois Lane"]
    assert clean_authors(["Daily Planet"], "The Daily Planet Online") == []
    assert clean_authors(["dailyplanet"], None, "dailyplanet.example") == []
    assert clean_authors(["By Jane Roe, MS, RD", "AP Political Writer", "Newsroom Staff"], None) == ["Jane Roe"]
    assert clean_authors(["STEVE PEOPLES"], None) == ["Steve Peoples"]
    assert clean_authors(["Carrie Arnold November 15, 2019"], None) == ["Carrie Arnold"]


def test_title_suffix():
    assert strip_site_suffix("Big storm hits the coast | The Daily", ["The Daily"]) == "Big storm hits the coast"
    assert strip_site_suffix("The Daily - Big storm hits the coast", ["The Daily"]) == "Big storm hits the coast"
    assert strip_site_suffix("Big storm hits the coast today | Daily", []) == "Big storm hits the coast today"
    assert strip_site_suffix("Q&A: what the storm means", []) == "Q&A: what the storm means"


def test_category_rejects_urls_handles_and_tag_lists():
    assert clean_category("https://example.com/news", []) is None
    assert clean_category("@someone", []) is None
    assert clean_category("politics,elections,debates", []) == "politics"
    assert clean_category("Uncategorized", []) is None
    assert clean_category("Sport", []) == "Sport"


def test_missing_fields_keep_their_reason():
    tree = lxml_html.fromstring("<html><body><p>Nothing here to go on.</p></body></html>")
    meta = extract_metadata(tree, body_text="Nothing here to go on.")
    assert meta.publisher is None and meta.published is None
    assert any(n.startswith("publisher unknown") for n in meta.notes)
    assert any(n.startswith("no publication date") for n in meta.notes)


# ---- dates ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw,day", [("2019-11-19T08:57:40+01:00", "2019-11-19"), ("03.12.2011", "2011-12-03"),
                                     ("4. 2. 2022", "2022-02-04"), ("June 13, 2019", "2019-06-13"),
                                     ("18. März 2020", "2020-03-18"), ("not a date", None), ("31.02.2020", None)])
def test_parse_date(raw, day):
    assert parse_date(raw) == day


def test_shown_and_cued_dates():
    text = "Site nav Headline of the piece By Jo · 12.01.2022 · Aktualisiert: 14.01.2022 Body 01.01.1999"
    at = text.index("Headline")
    shown = shown_near_headline(text, at, len("Headline of the piece"))
    assert [(s.date, s.updated) for s in shown[:2]] == [("2022-01-12", False), ("2022-01-14", True)]
    assert cued_dates("Dieser Beitrag wurde am Samstag, 3. Dezember 2011 veröffentlicht. Erschienen am: 01.11.2023"
                      " Letzte Änderung: 31.10.2023") == (["2023-11-01"], ["2023-10-31"])


def test_date_chain_order():
    shown = [ShownDate("2024-03-03", 5, False)]
    # a shown date confirmed by a machine date beats the structured published date
    assert choose_dates(structured_published=["2024-03-04", "2024-03-03"], structured_updated=[], shown=shown,
                        cued_published=[], cued_updated=[], htmldate_guess=None).published == "2024-03-03"
    # structured data and htmldate agreeing beat an unconfirmed shown date
    assert choose_dates(structured_published=["2020-01-01"], structured_updated=[], shown=shown, cued_published=[],
                        cued_updated=[], htmldate_guess="2020-01-01").published == "2020-01-01"
    # with nothing else, htmldate's guess; updated only when later than published
    chosen = choose_dates(structured_published=[], structured_updated=["2019-01-01"], shown=[], cued_published=[],
                          cued_updated=[], htmldate_guess="2020-05-05")
    assert (chosen.published, chosen.updated) == ("2020-05-05", None)


def test_story_endings_that_only_look_like_trailers_stay():
    paras = ["The story starts here and goes on.", "Follow-up talks are planned for next week.",
             "Copyright law changes were debated, too.", "Subscribers will pay more from May."]
    assert clean_body(paras, titles=set(), anchors=set()) == paras
