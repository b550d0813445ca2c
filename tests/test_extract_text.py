"""Text-scrape extraction: furniture recognised by shape and place, plain articles kept whole."""
from __future__ import annotations

from newsdesk.extract import extract
from newsdesk.extract.furniture import describe, split_glued, stoplist
from newsdesk.extract.text import extract_text
from newsdesk.extract.textmeta import byline, category, dates_in, published_by, reading_minutes

from conftest import FIXTURES


def _text_article(text: str):
    from newsdesk.model import Document

    return extract(Document(input="t.txt", data=text.encode("utf-8"), content_type="text"))


# ---- line shapes -------------------------------------------------------------------------------
def test_glued_reading_time_is_split_from_the_next_field():
    assert split_glued("4 min readLast updated: May 2, 2024") == ["4 min read", "Last updated: May 2, 2024"]


def test_share_widget_glued_onto_the_lede_is_cut_off():
    line = "Share this withEmailFacebookTwitterCopy this linkThe council voted on Tuesday to close the depot."
    assert split_glued(line) == ["The council voted on Tuesday to close the depot."]


def test_line_kinds():
    stops = stoplist("en")
    assert describe(0, "• Markets", False, stops).kind == "bullet"
    assert describe(0, "[INS::INS]", False, stops).kind == "placeholder"
    assert describe(0, "━━━━━━━━", False, stops).kind == "rule"
    assert describe(0, "Subscribe Sign In", False, stops).kind == "widget"
    assert describe(0, "© 2019 Example Media Inc. All Rights Reserved.", False, stops).kind == "cue"
    assert describe(0, "34 responses to “A story”", False, stops).kind == "comments"
    assert describe(0, "width:100%;", False, stops).kind == "code"
    prose = describe(0, "The council voted on Tuesday to close the depot, officials said.", False, stops)
    assert prose.kind is None and prose.sentence_like
    assert describe(0, "&#39;Quoted&#39; headline", False, stops).text == "'Quoted' headline"


def test_metadata_lines():
    assert reading_minutes("2 min read") == 2
    assert reading_minutes("Reading time: 4 minutes") == 4
    assert [(d.kind, d.iso) for d in dates_in("Posted on February 21, 2025")] == [("published", "2025-02-21")]
    assert [(d.kind, d.iso) for d in dates_in("Updated Nov 19, 2019, 6:55 AM; Posted Nov 18, 2019")] == [
        ("updated", "2019-11-19"), ("published", "2019-11-18")]
    assert published_by("Published by Harbour Ledger Daily") == "Harbour Ledger Daily"
    assert published_by("Published by John Smith") is None  # a person: a byline, not the publisher
    b = byline("By Jill Doe and Sam Roe, Example News")
    assert b.authors == ("Jill Doe", "Sam Roe") and b.outlet == "Example News"
    assert byline("By the way, the council never met.") is None
    assert category("Explore more articles in the Business category") == "Business"
    assert category("Filed under: Politics") == "Politics"


# ---- plain articles keep all their text ----------------------------------------------------------
def test_plain_article_keeps_every_paragraph_and_takes_the_headline():
    raw = ("Council approves budget after late-night session.\n\n"
           "The city council approved its budget early on Wednesday after a debate that ran past midnight.\n\n"
           "1. Roads (last year: 2.)\n\n"
           "The mayor said the vote was “a good night for the city”.\n\n"
           "Short line.\n")
    a = extract_text(raw, input="x")
    assert a.title == "Council approves budget after late-night session."
    assert a.text.split("\n\n") == [
        "The city council approved its budget early on Wednesday after a debate that ran past midnight.",
        "1. Roads (last year: 2.)",
        "The mayor said the vote was “a good night for the city”.",
        "Short line."]


def test_a_leading_lede_sentence_is_not_mistaken_for_a_headline():
    raw = ("Shares of the company rose 5% on Tuesday after it said profit had doubled.\n\n"
           "The results beat forecasts.\n")
    a = extract_text(raw, input="x")
    assert a.title is None
    assert a.text.startswith("Shares of the company rose")


def test_two_line_headline_and_a_dateline_paragraph():
    raw = ("Storm closes ports;\nFerries halted across the region.\n\n"
           "HELSINKI (AP) _\n\nFerry operators suspended all crossings on Monday after an ice storm.\n\n"
           "Officials said sailings would resume.\n")
    a = _text_article(raw)
    assert a.title == "Storm closes ports; Ferries halted across the region."
    assert a.dateline.place == "HELSINKI" and a.agency == "AP"
    assert a.text.startswith("Ferry operators suspended")


def test_leaked_style_sheet_lines_are_dropped_from_a_plain_article():
    raw = ("A headline for the test page\n\n"
           "The first paragraph of the story says something about the budget vote.\n\n"
           ".bio-text {\nwidth:100%;\n}\n\n"
           "The second paragraph of the story closes the report with a quote.\n")
    a = extract_text(raw, input="x")
    assert ".bio-text" not in a.text and "width" not in a.text
    assert len(a.paragraphs) == 2


# ---- a scraped page of another site, other furniture words, other order ---------------------------
def test_wire_story_scraped_from_another_site():
    a = _text_article((FIXTURES / "text" / "wire-scrape.txt").read_text(encoding="utf-8"))
    assert a.title == "Ferry operators on the Baltic halt crossings as ice storm closes three ports"
    assert a.publisher == "Northern Cables"
    assert a.agency == "AP"
    assert (a.dateline.place, a.dateline.agency, a.dateline.date) == ("HELSINKI", "AP", "March 3")
    assert a.published == "2025-03-03" and a.updated == "2025-03-04"
    assert a.category == "World"
    assert a.language == "en"
    assert a.standfirst.startswith("Freezing rain and gale-force winds shut ports")
    assert len(a.site_takeaways) == 4 and a.site_takeaways[0].startswith("Ice storm closes ferry ports")
    assert {(c.role, c.name) for c in a.credits} >= {("additional reporting", "Jari Tanner"),
                                                      ("additional reporting", "David Keyton")}
    assert a.text.startswith("Ferry operators suspended all crossings")
    assert a.text.endswith("when operators hope to run a reduced schedule.")
    assert len(a.paragraphs) == 7
    for furniture in ("Reading time", "Updated 4 March", "By Staff", "contributed to this report",
                      "Share", "Cookie", "More stories", "Freezing rain", "About 4,000 passengers spent"):
        assert furniture not in a.text, furniture


def test_comment_section_does_not_become_the_story():
    story = "\n".join(f"Paragraph {i} of the story reports what the minister said about the plan on Monday."
                      for i in range(4))
    comments = "\n".join(f"user{i} says:\nNovember 19, 2019 at 6:{i:02d} am\n"
                         f"I think this is the worst plan I have ever seen and the minister should resign today, "
                         f"because nobody asked the people who actually live here what they want from it."
                         for i in range(12))
    raw = f"• Home\n• News\n• Sport\nMinister unveils plan\nBy Ann Lee\n{story}\n• Share\n• Tweet\n" \
          f"12 Comments\n{comments}\n© 2019 Example Media\n"
    a = _text_article(raw)
    assert a.text.startswith("Paragraph 0") and a.text.endswith("on Monday.")
    assert len(a.paragraphs) == 4
    assert a.authors == ("Ann Lee",)


def test_key_points_become_site_takeaways_and_photo_captions_leave_the_text():
    raw = ("• News\n• Business\n• Markets\nSign In\n"
           "Airline orders 30 wide-body jets at the air show\n"
           "Published Wed, Nov 20 2019 4:01 AM EST\n"
           "Key Points\n"
           "• The carrier finalised a deal to buy 30 wide-body jets, executives said on Wednesday.\n"
           "• The order replaces part of an earlier commitment for a larger model.\n"
           "The chairman walks past an aircraft on display at the show on Monday.\n"
           "Jane Roe | Bloomberg | Getty Images\n"
           "The airline said on Wednesday it had finalised an order for 30 wide-body jets, worth about $9 billion "
           "at list prices, at the regional air show.\n"
           "The order is important for the manufacturer, whose sales have been hit by the grounding of another "
           "model after two crashes.\n"
           "Executives said deliveries would start in 2023 and run over several years of the airline's plan.\n"
           "• Privacy Policy\n• Terms of Service\n© 2019 Example Business News LLC. All Rights Reserved.\n")
    a = _text_article(raw)
    assert a.title == "Airline orders 30 wide-body jets at the air show"
    assert a.published == "2019-11-20"
    assert [t[:20] for t in a.site_takeaways] == ["The carrier finalise", "The order replaces p"]
    assert a.text.startswith("The airline said on Wednesday")
    assert "Getty" not in a.text and "chairman walks past" not in a.text
    assert len(a.paragraphs) == 3


def test_a_dash_signature_under_a_quote_keeps_its_dash():
    stops = stoplist("en")
    assert describe(0, "- Bernie Sanders.", False, stops).text == "- Bernie Sanders."
    assert describe(0, "- Markets and more", False, stops).text == "Markets and more"   # list items
    assert describe(0, "- Markets", False, stops).text == "Markets"
    a = _text_article("Sanders rallies supporters\n\nBernie Sanders spoke to a crowd in Iowa on Monday about "
                      "the economy and wages.\n\n\"We need a political revolution in this country.\"\n\n"
                      "- Sanders.\n\nThe crowd cheered for several minutes after the senator finished.\n")
    assert "\n\n- Sanders.\n\n" in a.text
