"""The JSON API, every endpoint, errors included, over a real SQLite store of hand-written articles
(tests/fixtures/web/corpus.json: a wire story with a syndicated copy and a follow-up, unrelated
articles, and one hostile page full of markup)."""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from web_corpus import build_store  # noqa: E402

from newsdesk.web.app import CSP, create_app  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

CONTRACT_FIELDS = {"input", "title", "publisher", "agency", "authors", "credits", "published", "updated", "dateline",
                   "category", "language", "reading_minutes", "word_count", "standfirst", "site_takeaways", "text",
                   "summary", "takeaways", "entities", "quotes", "times", "keywords"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    store, ids = build_store(tmp_path_factory.mktemp("web") / "store.db")
    yield store, ids
    store.close()


@pytest.fixture(scope="module")
def client(corpus):
    store, _ = corpus
    with TestClient(create_app(store=store)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(corpus):
    _, ids = corpus
    return {"wire": ids["fixtures/port-strike-wire.html"], "copy": ids["fixtures/port-strike-copy.html"],
            "day3": ids["fixtures/port-strike-day3.html"], "comet": ids["fixtures/comet.html"],
            "freight": ids["fixtures/freight-rates.html"], "hostile": ids["fixtures/hostile.html"]}


def get_json(client, path, status=200):
    r = client.get(path)
    assert r.status_code == status, (path, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


# ---- reading endpoints ------------------------------------------------------------------------------
def test_article_has_contract_fields_copies_story_and_related(client, ids):
    d = get_json(client, f"/api/articles/{ids['wire']}")
    assert CONTRACT_FIELDS <= set(d["article"])
    assert d["article"]["title"] == "Dockworkers walk out at Northport as wage talks collapse"
    assert [c["id"] for c in d["copies"]] == [ids["copy"]]
    assert d["copies"][0]["publisher"] == "Valley Courier"
    assert d["story"]["article_count"] == 3
    related = [r["id"] for r in d["related"]]
    assert ids["freight"] in related and ids["wire"] not in related and ids["copy"] not in related
    assert d["category"] == {"name": "Business", "href": "/categories/Business"}
    assert "_article" not in d
    okafor = next(e for e in d["entities"] if e["name"] == "Maria Okafor")
    assert okafor["href"] == "/entities/Maria%20Okafor" and okafor["mentions"] == 2


def test_copy_points_to_its_origin(client, ids):
    d = get_json(client, f"/api/articles/{ids['copy']}")
    assert d["origin"]["id"] == ids["wire"]
    assert [c["id"] for c in d["copies"]] == [ids["wire"]]


def test_article_revisions(client, ids):
    d = get_json(client, f"/api/articles/{ids['wire']}/revisions")
    assert [r["revision"] for r in d["revisions"]] == [1] and d["revisions"][0]["current"] is True


def test_story_timeline_says_what_each_article_added(client, ids):
    story_id = get_json(client, f"/api/articles/{ids['wire']}")["story"]["id"]
    d = get_json(client, f"/api/stories/{story_id}")
    assert [t["id"] for t in d["timeline"]] == [ids["wire"], ids["copy"], ids["day3"]]
    kinds = [t["added"]["kind"] for t in d["timeline"]]
    assert kinds == ["first", "copy", "new"]
    added = d["timeline"][2]["added"]
    assert "third day" in added["text"] and added["href"].startswith(f"/articles/{ids['day3']}?hl=")
    assert added["new_entities"] == ["Idris Bello"]
    speakers = {g["speaker"]: g for g in d["quotes_by_speaker"]}
    # the copy repeats the wire's quotes: each statement is listed once
    assert speakers["Maria Okafor"]["count"] == 3
    assert speakers["Idris Bello"]["count"] == 2
    assert {p["publisher"] for p in d["publishers"]} == {"Harbour Times", "Valley Courier", "Coastal Ledger"}
    assert d["agencies"] == ["Reuters"]
    assert {e["name"] for e in d["entities"]} >= {"Northport", "Maria Okafor"}


def test_story_page_reads_the_stored_digest_only_when_it_is_current(tmp_path):
    from newsdesk.corpus.timeline import refresh_story_digests
    from newsdesk.store.base import StoryDigest, digest_signature

    store, ids = build_store(tmp_path / "s.db")
    story_id = store.article(ids["fixtures/port-strike-wire.html"]).summary.story_id
    url = f"/api/stories/{story_id}"
    with TestClient(create_app(store=store, page_cache_mb=0)) as c:
        live = get_json(c, url)                      # no digest yet: computed from the articles
    assert refresh_story_digests(store) == len(store.stories()) and store.stories_without_digest() == []
    with TestClient(create_app(store=store, page_cache_mb=0)) as c:
        assert get_json(c, url) == live              # the stored digest gives the very same page
    current = store.story_digest(story_id)
    marked = {**current.data, "quotes_by_speaker": [{"speaker": None, "count": 0, "quotes": []}]}
    store.put_story_digests([StoryDigest(story_id, current.signature, marked)])
    with TestClient(create_app(store=store, page_cache_mb=0)) as c:
        assert get_json(c, url)["quotes_by_speaker"][0]["count"] == 0       # read from the store
    with store._tx() as db:         # a row left from other revisions (as a writer racing the refresh could)
        db.execute("UPDATE story_digests SET signature='stale' WHERE story_id=?", (story_id,))
    with TestClient(create_app(store=store, page_cache_mb=0)) as c:
        assert get_json(c, url) == live              # a digest of other revisions is never shown
    assert digest_signature(store.story(story_id).articles) == current.signature
    store.close()


def test_stories_list_and_home(client, ids):
    stories = get_json(client, "/api/stories")["stories"]
    assert sum(s["article_count"] for s in stories) == 6
    home = get_json(client, "/api/home")
    linked = {a["id"] for s in home["stories"] for a in s["articles"]} | {a["id"] for a in home["latest"]}
    assert linked == set(ids.values())      # every recent article is reachable from the home page
    assert {c["name"] for c in home["categories"]} >= {"Business", "Science"}
    assert home["top_entities"][0]["name"] == "Northport"


def test_articles_list_filters(client, ids):
    d = get_json(client, "/api/articles?category=Science")
    assert [a["id"] for a in d["articles"]] == [ids["comet"]]
    d = get_json(client, "/api/articles?publisher=Harbour%20Times&limit=1")
    assert [a["id"] for a in d["articles"]] == [ids["freight"]]


def test_entity_statements_stories_and_co_occurring(client, ids):
    d = get_json(client, "/api/entities/Maria%20Okafor")
    assert d["type"] == "PERSON" and d["titles"] == ["union leader"]
    contents = [s["content"] for s in d["statements"]]
    assert len(contents) == len(set(contents)) == 3          # the copy's repeat is folded into "also_in"
    fair = next(s for s in d["statements"] if "fair wage" in s["content"])
    assert fair["article"]["id"] == ids["wire"] and [c["id"] for c in fair["also_in"]] == [ids["copy"]]
    start, end = fair["content_span"]
    assert fair["href"] == f"/articles/{ids['wire']}?hl={start}-{end}#hl"
    assert [s["article"]["published"] for s in d["statements"]] == sorted(
        (s["article"]["published"] for s in d["statements"]), reverse=True)
    assert len(d["stories"]) == 1 and d["stories"][0]["articles"] == 3
    assert {"Northport", "Port Authority"} <= {e["name"] for e in d["related"]}


def test_entity_lookup_ignores_case(client):
    assert get_json(client, "/api/entities/maria%20okafor")["name"] == "Maria Okafor"


def test_top_entities(client):
    d = get_json(client, "/api/entities?limit=2")
    assert [e["name"] for e in d["entities"]][0] == "Northport" and len(d["entities"]) == 2
    assert all(e["type"] == "PERSON" for e in get_json(client, "/api/entities?type=PERSON")["entities"])


def test_categories(client, ids):
    cats = {c["name"]: c for c in get_json(client, "/api/categories")["categories"]}
    assert cats["Business"]["articles"] == 4
    d = get_json(client, "/api/categories/Business")
    assert len(d["articles"]) == 4 and d["next_page"] is None
    assert d["feeds"]["atom"] == "/feeds/categories/Business.atom"


def test_search_hits_snippets_entities_and_filters(client, ids):
    d = get_json(client, "/api/search?q=Okafor")
    assert {h["article"]["id"] for h in d["hits"]} == {ids["wire"], ids["copy"], ids["day3"]}
    assert all("[Okafor]" in h["snippet"] for h in d["hits"])
    assert [e["name"] for e in d["entities"]] == ["Maria Okafor"]
    assert d["entities"][0]["href"] == "/entities/Maria%20Okafor"
    only = get_json(client, "/api/search?q=Okafor&since=2025-03-04")
    assert [h["article"]["id"] for h in only["hits"]] == [ids["day3"]]
    by_pub = get_json(client, "/api/search?q=Okafor&publisher=Valley%20Courier")
    assert [h["article"]["id"] for h in by_pub["hits"]] == [ids["copy"]]
    by_ent = get_json(client, "/api/search?q=Northport&entity=Idris%20Bello")
    assert [h["article"]["id"] for h in by_ent["hits"]] == [ids["day3"]]
    assert get_json(client, "/api/search?q=")["hits"] == []
    page2 = get_json(client, "/api/search?q=Okafor&limit=2&page=2")
    assert len(page2["hits"]) == 1 and page2["page"] == 2


def test_stats(client):
    d = get_json(client, "/api/stats")
    assert d["articles"] == 6 and d["copies"] == 1


# ---- errors ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/api/articles/9999", "/api/stories/9999", "/api/entities/Nobody%20Here",
                                  "/api/categories/Nothing", "/api/articles/9999/revisions", "/api/no-such-thing"])
def test_missing_things_are_404_with_a_json_body(client, path):
    d = get_json(client, path, 404)
    assert d["error"] and d["code"]


@pytest.mark.parametrize("path", ["/api/articles/abc", "/api/articles/0", "/api/stories/x", "/api/home?page=0",
                                  "/api/search?q=a&since=21-02-2025", "/api/search?q=a&until=tomorrow",
                                  "/api/search?q=a&since=2025-03-05&until=2025-03-01", "/api/search?q=a&limit=1000",
                                  "/api/search?q=a&story=-1", "/api/search?q=" + "x" * 501,
                                  "/api/entities?type=lower", "/api/categories/Business?page=-2",
                                  "/api/articles?limit=0"])
def test_bad_parameters_are_422_with_a_json_body(client, path):
    d = get_json(client, path, 422)
    assert d["error"] and d["code"] == "E422"


def test_html_errors_are_pages(client):
    r = client.get("/articles/9999")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "Not found" in r.text
    r = client.get("/search?q=a&since=nope")
    assert r.status_code == 422 and "since" in r.text


# ---- feeds ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/feeds/categories/Business.atom", "/feeds/categories/Business.rss",
                                  "/feeds/stories/{story}.atom", "/feeds/stories/{story}.rss",
                                  "/feeds/search.atom?q=Okafor", "/feeds/search.rss?q=Okafor"])
def test_feeds_parse_and_link_to_article_pages(client, ids, path):
    import feedparser

    story = get_json(client, f"/api/articles/{ids['wire']}")["story"]["id"]
    r = client.get(path.format(story=story))
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] in ("application/atom+xml", "application/rss+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.bozo_exception
    links = {e.link for e in feed.entries}
    assert len(links) == 3 or (len(links) == 4 and "categories" in path)
    assert all(link.startswith("http://testserver/articles/") for link in links)


def test_feed_of_hostile_titles_is_well_formed(client):
    import feedparser

    r = client.get("/feeds/search.atom?q=Visitors")
    feed = feedparser.parse(r.content)
    assert not feed.bozo and feed.entries[0].title.startswith("<script>")   # text, not markup
    assert b"<script>" not in r.content


def test_feed_errors(client):
    assert client.get("/feeds/stories/9999.atom").status_code == 404
    assert client.get("/feeds/search.rss?q=a&since=bad").status_code == 422


# ---- writing is off unless a token is configured --------------------------------------------------
def test_read_only_without_token(client):
    r = client.post("/api/ingest", json={"text": "Something happened."})
    assert r.status_code == 403 and "read-only" in r.json()["error"]


def test_ingest_needs_the_right_token(corpus):
    store, _ = corpus
    with TestClient(create_app(store=store, write_token="s3cret")) as c:
        assert c.post("/api/ingest", json={"text": "x"}).status_code == 401
        r = c.post("/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.post("/api/ingest", content=b"not json", headers={"Authorization": "Bearer s3cret",
                                                                   "content-type": "application/json"}
                      ).status_code == 422


def test_only_get_on_read_endpoints(client, ids):
    assert client.post(f"/api/articles/{ids['wire']}").status_code == 405
    assert client.delete("/api/stories/1").status_code == 405


# ---- headers, documentation -------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/api/home", "/static/site.css", "/api/articles/9999", "/feeds/search.atom?q=a"])
def test_every_response_carries_the_csp(client, path):
    r = client.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def test_every_api_endpoint_is_documented_and_tested(client):
    schema = get_json(client, "/api/openapi.json")
    documented = {(m.upper(), p) for p, ops in schema["paths"].items() for m in ops}
    from newsdesk.web import api

    routes = {(m, r.path.replace(":path}", "}")) for r in api.router.routes for m in r.methods}
    assert routes <= documented
    for path, ops in schema["paths"].items():
        for op in ops.values():
            assert op.get("summary"), f"{path} has no summary"
    tested = Path(__file__).read_text()
    for _, path in routes:
        stem = path.split("{")[0].rstrip("/")
        assert f'"{stem}' in tested or f"'{stem}" in tested or f"f\"{stem}" in tested, f"{path} untested"
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and all(p in docs.text for _, p in routes)


def test_ingest_with_the_token_adds_an_article_once(tmp_path, pipeline):
    from newsdesk.store.sqlite import SQLiteStore

    record = {"url": "https://harbour-times.example/news/ferry", "title": "Ferry service resumes after storm",
              "published": "2025-03-12",
              "text": "The ferry between Northport and Eastbay resumed on Wednesday after a two-day storm "
                      "closed the crossing.\n\nHarbour master Lena Park said crews had inspected the piers "
                      "overnight and found no damage."}
    with SQLiteStore(tmp_path / "w.db") as store, \
            TestClient(create_app(store=store, write_token="s3cret")) as c:
        auth = {"Authorization": "Bearer s3cret"}
        first = c.post("/api/ingest", json=record, headers=auth)
        assert first.status_code == 200, first.text
        made = first.json()
        assert made["status"] == "new" and made["title"] == "Ferry service resumes after storm"
        page = get_json(c, made["href"].replace("/articles", "/api/articles"))
        assert page["article"]["published"] == "2025-03-12" and "Lena Park" in page["article"]["text"]
        again = c.post("/api/ingest", json=record, headers=auth).json()
        assert again["status"] == "unchanged" and again["id"] == made["id"]
        assert get_json(c, "/api/stats")["articles"] == 1
        bad = c.post("/api/ingest", json={"title": "no body"}, headers=auth)
        assert bad.status_code == 400 and "neither text nor html" in bad.json()["error"]


def test_a_revised_article_says_what_changed(tmp_path):
    from newsdesk.model import Article
    from newsdesk.store.base import Ingest
    from newsdesk.store.sqlite import SQLiteStore

    first = Article(input="x", url="https://e.example/a", title="Storm closes port", published="2025-03-01",
                    text="The port closed on Monday.")
    second = first.replace(title="Storm closes port for two days",
                           text="The port closed on Monday.\n\nIt will reopen on Wednesday, officials said.")
    with SQLiteStore(tmp_path / "r.db") as store:
        aid = store.add(Ingest(first, key="k", content_hash="1")).article_id
        store.add(Ingest(second, key="k", content_hash="2"))
        with TestClient(create_app(store=store)) as c:
            d = get_json(c, f"/api/articles/{aid}")
            assert d["summary"]["revision"] == 2
            change = d["revisions"][0]["change"]
            assert change["title"] == ["Storm closes port", "Storm closes port for two days"]
            assert change["paragraphs_added"] == 1
            page = c.get(f"/articles/{aid}").text
            assert "Revised 1 time since we first read it" in page and "1 paragraph added" in page
            assert get_json(c, f"/api/articles/{aid}/revisions")["revisions"][0]["revision"] == 2


def test_search_snippet_cut_from_the_headline_falls_back_to_the_summary(client, ids):
    from newsdesk.web.views import _same_text

    assert _same_text("Astronomers spot a bright [comet]…", "Astronomers spot a bright comet heading out")
    assert not _same_text("…a [comet] that may become visible", "Astronomers spot a bright comet")
    # "heading" is only in the comet article's headline: its snippet would repeat the headline
    hit = get_json(client, "/api/search?q=heading")["hits"][0]
    assert hit["article"]["id"] == ids["comet"] and hit["snippet"] is None
    assert "A newly found comet may be visible" in client.get("/search?q=heading").text


def test_search_words_match_entity_names_at_word_starts():
    from newsdesk.store.base import EntityCount
    from newsdesk.web.views import _matching

    names = [EntityCount(n, "PERSON", 1) for n in ("Donald Trump", "Wrongtrump", "Trump-Putin summit", "Ivana")]
    assert [e.name for e in _matching(names, ["trump"])] == ["Donald Trump", "Trump-Putin summit"]
    assert [e.name for e in _matching(names, ["putin", "trump"])] == ["Trump-Putin summit"]
    assert _matching(names, []) == [] and _matching(names, ["van"]) == []
