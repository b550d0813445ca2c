"""HTML rendering: spans become well-formed, escaped markup; pages carry the article's pieces; hostile
content stays text."""
from __future__ import annotations

import sys
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.model import Article, Entity, Quote, Span, Takeaway
from newsdesk.web.annotate import render_body, snippet_html
from newsdesk.web.pages import bracket_snippet, nice_date, web_url

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from web_corpus import build_store  # noqa: E402

from newsdesk.web.app import create_app  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

VOID = {"meta", "link", "input", "br", "img", "hr"}


class Structure(HTMLParser):
    """Checks nesting and collects text, tags and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> Structure:
    s = Structure()
    s.feed(markup)
    s.close()
    return s


class VisibleText(HTMLParser):
    """The text a reader sees in the body, without the quote tooltips (they add the speaker's name)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_hidden = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth_hidden or dict(attrs).get("class") == "quote-by":
            self.depth_hidden += 1

    def handle_endtag(self, tag):
        if self.depth_hidden:
            self.depth_hidden -= 1

    def handle_data(self, data):
        if not self.depth_hidden:
            self.text.append(data)


def visible_text(markup: str) -> str:
    v = VisibleText()
    v.feed(markup)
    v.close()
    return "".join(v.text)


# ---- the span renderer ------------------------------------------------------------------------------
def test_quotes_entities_and_sources_are_marked():
    text = 'Ms Kay said "we will <win>" on Monday.\n\nThe board & Kay agreed.'
    kay = [Span(3, 6), Span(text.rindex("Kay"), text.rindex("Kay") + 3)]
    content = Span(text.index("we"), text.index('" on'))
    a = Article(input="t", text=text,
                entities=(Entity("Ann Kay", "PERSON", (), tuple(kay)),),
                quotes=(Quote("Ann Kay", kay[0], "said", None, content.of(text), content, "direct"),),
                takeaways=(Takeaway("x", (Span(0, text.index("\n")),)),))
    out = str(render_body(a))
    s = parse(out)
    assert not s.errors and not s.stack
    assert out.count("<p>") == 2
    assert '<a class="ent ent-PERSON" href="/entities/Ann%20Kay">Kay</a>' in out
    assert 'id="q-' in out and "— Ann Kay, said" in out
    assert 'id="src-0-' in out
    assert "&lt;win&gt;" in out and "<win>" not in out
    assert visible_text(out) == text.replace("\n\n", "")


def test_spans_crossing_paragraphs_and_each_other_stay_well_formed():
    text = "One two three.\n\nFour five six."
    a = Article(input="t", text=text,
                takeaways=(Takeaway("x", (Span(4, 20), Span(8, 30))),),
                quotes=(Quote(None, None, None, None, "", Span(2, 22), "mixed"),),
                entities=(Entity("E", "ORG", (), (Span(6, 18), Span(0, 3))),))
    out = str(render_body(a))
    s = parse(out)
    assert not s.errors and not s.stack
    assert visible_text(out) == text.replace("\n\n", "")
    assert out.count('id="src-4-20"') == 1 and out.count('data-src="4-20"') >= 2
    assert "unattributed" in out


def test_bad_spans_are_ignored():
    a = Article(input="t", text="Short text.",
                entities=(Entity("E", "ORG", (), (Span(5, 50), Span(-1, 2), Span(3, 3))),),
                takeaways=(Takeaway("x", (Span(8, 2),)),))
    out = str(render_body(a))
    assert out == "<p>Short text.</p>"



def test_text_slices_are_escaped_alike_with_or_without_nul_characters():
    # the renderer escapes all slices in one call joined by NUL; a text holding NUL takes the slow path
    for text in ('A <b>"quoted"</b> & \'x\' said Kay.', 'A <b>"quoted"</b>\x00 & \'x\' said Kay.'):
        kay = Span(text.index("Kay"), text.index("Kay") + 3)
        a = Article(input="t", text=text, entities=(Entity("Ann Kay", "PERSON", (), (kay,)),))
        out = str(render_body(a))
        assert out.startswith("<p>A &lt;b&gt;&#34;quoted&#34;&lt;/b&gt;") and "&amp; &#39;x&#39; said <a " in out
        assert visible_text(out) == text

def test_highlight_marks_a_linked_sentence():
    a = Article(input="t", text="First sentence. Second one.")
    out = str(render_body(a, highlight=(16, 27)))
    assert '<mark class="hl" id="hl" tabindex="-1">Second one.</mark>' in out


spans = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: Span(min(t), max(t) + 1))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab <>&\"'\n."), min_size=1, max_size=60),
       ent=st.lists(spans, max_size=6), src=st.lists(spans, max_size=4), quo=st.lists(spans, max_size=3))
def test_any_spans_give_well_formed_markup_with_the_text_intact(text, ent, src, quo):
    a = Article(input="t", text=text,
                entities=(Entity("<E>", "ORG", (), tuple(ent)),),
                takeaways=(Takeaway("t", tuple(src)),),
                quotes=tuple(Quote("<S>", None, "said", None, "", q, "direct") for q in quo))
    out = str(render_body(a))
    s = parse(out)
    assert not s.errors and not s.stack
    assert all(tag in ("p", "a", "span") for tag, _ in s.tags)
    paragraphs = [p for p in __import__("re").split(r"\n\s*\n", text) if p.strip()]
    assert visible_text(out) == "".join(paragraphs)


# ---- small helpers --------------------------------------------------------------------------------------
def test_snippets_escape_then_mark():
    assert str(bracket_snippet("a [<b>] and [x]")) == "a <mark>&lt;b&gt;</mark> and <mark>x</mark>"
    assert str(snippet_html("Some <b> text about Kay here", ["kay"])) == "Some &lt;b&gt; text about <mark>Kay</mark> here"


def test_dates_and_urls():
    assert nice_date("2025-02-21") == "February 21, 2025"
    assert nice_date("2026-01-26T10:00:00+00:00") == "January 26, 2026"
    assert nice_date("sometime") == "sometime"
    assert web_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", None, ""):
        assert web_url(bad) is None


# ---- whole pages ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store, ids = build_store(tmp_path_factory.mktemp("web") / "store.db")
    with TestClient(create_app(store=store)) as client:
        yield client, ids
    store.close()


def test_article_page_shows_everything(site):
    client, ids = site
    page = client.get(f"/articles/{ids['fixtures/port-strike-wire.html']}").text
    for piece in ("Dockworkers walk out at Northport as wage talks collapse", "Harbour Times", "March 3, 2025",
                  "1 min read", "Last updated", "March 4, 2025", "Northport dockworkers went on strike",
                  "Key takeaways", "Dockworkers struck after wage talks failed.", "Reporting</span> by Ana Lopez",
                  "Editing</span> by Tom Reid", "Reuters", "Valley Courier",
                  "Explore more articles in the", ">Business</a> category", "Freight rates climb",
                  "The publisher's summary", "NORTHPORT"):
        assert piece in page, piece
    s = parse(page)
    assert not s.errors
    anchors = {a.get("id") for _, a in s.tags if a.get("id")}
    for _, attrs in s.tags:
        if attrs.get("class") == "takeaway":
            assert attrs["href"].removeprefix("#") in anchors
            for key in attrs["data-sources"].split():
                assert f"src-{key}" in anchors


def test_story_entity_category_search_and_home_pages(site):
    client, ids = site
    story = client.get(f"/api/articles/{ids['fixtures/port-strike-wire.html']}").json()["story"]["href"]
    pages = {
        story: ["Timeline", "First report", "Syndicated copy", "Who said what", "Who published it", "Coastal Ledger"],
        "/entities/Maria%20Okafor": ["Maria Okafor", "union leader", "Statements by Maria Okafor", "in context",
                                     "Appears with", "also in"],
        "/categories/Business": ["Business", "Freight rates climb", "Atom feed"],
        "/categories": ["Business", "Science"],
        "/search?q=Okafor": ["Results for", "<mark>Okafor</mark>", 'href="/entities/Maria%20Okafor"'],
        "/": ["Latest stories", "Just in", "Astronomers spot a bright comet"],
        "/api/docs": ["/api/articles/{article_id}", "openapi.json"],
    }
    for path, pieces in pages.items():
        r = client.get(path)
        assert r.status_code == 200, path
        assert not parse(r.text).errors, path
        for piece in pieces:
            assert piece in r.text, (path, piece)


def _assert_inert(markup: str) -> None:
    s = parse(markup)
    assert not s.errors
    for tag, attrs in s.tags:
        assert tag not in ("img", "svg", "iframe", "object") or tag == "svg" and attrs.get("class") == "bar", tag
        if tag == "script":
            assert attrs == {"src": "/static/site.js", "defer": None}
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith(("javascript:", "data:")), (tag, name, value)
    assert "style=" not in markup


def test_hostile_content_is_text_on_every_page(site):
    client, ids = site
    hostile = ids["fixtures/hostile.html"]
    data = client.get(f"/api/articles/{hostile}").json()
    entity = data["entities"][0]["href"]
    paths = [f"/articles/{hostile}", f"/stories/{data['story']['id']}", entity, "/", "/search?q=Visitors",
             "/search?q=%3Cscript%3E", data["category"]["href"], "/categories"]
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, path
        _assert_inert(r.text)
        assert "&lt;script&gt;" in r.text or "&lt;svg onload" in r.text, path
    page = client.get(f"/articles/{hostile}").text
    assert "Original:" not in page      # a javascript: URL is not linked at all
