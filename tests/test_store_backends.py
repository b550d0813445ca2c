"""One store test suite, run against every backend: SQLite (a fresh file) and PostgreSQL (a fresh schema
in the server named by NEWSDESK_TEST_PG; `scripts/test` starts one). The PostgreSQL runs skip with the
reason when no server is configured or it cannot be reached."""
from __future__ import annotations

import os
import uuid

import pytest

from newsdesk.errors import NotFound, StoreError
from newsdesk.model import Article, Entity, Quote, Span
from newsdesk.store import Ingest, SearchFilters, open_store
from newsdesk.corpus.timeline import refresh_story_digests
from newsdesk.store.base import StoryDigest, digest_signature

TEXT = ("The central bank raised interest rates by half a point on Tuesday.\n\n"
        "\"Inflation is too high,\" said Governor Jane Smith, who leads the bank.")
NO_PG = "NEWSDESK_TEST_PG is not set (scripts/test starts a server and sets it)"


def pg_url_or_skip() -> str:
    base = os.environ.get("NEWSDESK_TEST_PG")
    if not base:
        pytest.skip(NO_PG)
    try:
        import psycopg

        psycopg.connect(base, connect_timeout=3).close()
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server is a skip reason
        pytest.skip(f"PostgreSQL at NEWSDESK_TEST_PG unreachable: {str(exc).splitlines()[0] if str(exc) else exc}")
    return base


def drop_schema(base: str, schema: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    """A URL/path of an empty store of each backend; the PostgreSQL schema is dropped afterwards."""
    if request.param == "sqlite":
        yield str(tmp_path / "s.db")
        return
    base = pg_url_or_skip()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}schema={schema}"
    drop_schema(base, schema)


@pytest.fixture
def store(store_url):
    with open_store(store_url) as s:
        yield s


def article(text=TEXT, title="Bank raises rates", **kw) -> Article:
    ents = (Entity("Jane Smith", "PERSON", ("Governor",), (Span(text.find("Jane"), text.find("Jane") + 10),)),
            Entity("Central Bank", "ORG", (), (Span(4, 16),)))
    quotes = (Quote("Jane Smith", None, "said", None, "Inflation is too high", Span(1, 22), "direct"),)
    kw.setdefault("published", "2025-02-18")
    kw.setdefault("publisher", "Daily Example")
    return Article(input="a.txt", text=text, title=title, entities=ents if "Jane" in text else (),
                   quotes=quotes if "Jane" in text else (), **kw)


def add(store, art, key="k1", h="h1", **kw):
    kw.setdefault("story_title", art.title if kw.get("story_id") is None else None)
    return store.add(Ingest(art, key=key, content_hash=h, **kw))


def test_same_content_adds_nothing_and_changed_content_is_a_revision(store):
    first = add(store, article(), source_hash="s1", features={"terms": {"rates": 0.8}, "date": "2025-02-18"})
    assert first.status == "new" and first.revision == 1
    again = add(store, article(), source_hash="s2")
    assert again.status == "unchanged" and again.article_id == first.article_id
    assert store.lookup("k1").source_hash == "s2"
    changed = article(TEXT + "\n\nMarkets fell after the announcement.", title="Bank raises rates again")
    second = add(store, changed, h="h2", story_id=first.story_id)
    assert second.status == "revised" and second.article_id == first.article_id and second.revision == 2
    revs = store.revisions(first.article_id)
    assert [r.revision for r in revs] == [2, 1] and revs[0].current and not revs[1].current
    assert revs[0].change["title"] == ["Bank raises rates", "Bank raises rates again"]
    assert revs[0].change["paragraphs_added"] == 1
    assert store.article(first.article_id).article.title == "Bank raises rates again"
    assert store.article(first.article_id, revision=1).article == article()
    assert store.counts() == {"articles": 1, "revisions": 2, "stories": 1, "copies": 0, "entities": 2, "quotes": 1}
    # the derived tables follow the current revision only
    assert len(store.search("markets")) == 1 and store.entity("Jane Smith").quotes


def test_a_failed_add_leaves_nothing_behind(store):
    add(store, article())
    before = store.counts()
    with pytest.raises((TypeError, ValueError, StoreError)):   # features must be JSON: fails mid-transaction
        add(store, article("Another story about rain.", title="Rain"), key="k2", h="h2", features={"x": object()})
    assert store.counts() == before and store.lookup("k2") is None
    assert [s.title for s in store.stories()] == ["Bank raises rates"]
    assert add(store, article("Another story about rain.", title="Rain"), key="k2", h="h2").status == "new"


def test_full_article_round_trips_with_its_features(store):
    art = article(url="https://example.com/a", agency="Reuters", category="Business", language="en",
                  summary="Rates up.", keywords=("interest rates",), notes=("a note",))
    feats = {"terms": {"rates": 0.71234, "bank": 0.5}, "names": {"Jane Smith": 2}, "date": "2025-02-18",
             "mh": "AAAA", "shingles": 20, "agency": "Reuters", "publisher": None}
    r = add(store, art, features=feats)
    stored = store.article(r.article_id)
    assert stored.article == art and stored.summary.url == "https://example.com/a"
    assert stored.summary.agency == "Reuters" and stored.summary.summary == "Rates up."
    assert [row.features for row in store.corpus_rows()] == [feats]
    assert [s.id for s in store.articles([r.article_id, 999])] == [r.article_id]


def test_search_ranks_filters_and_snippets(store):
    add(store, article())
    add(store, article("Rain is expected across the region on Tuesday.", title="Weather"), key="k2", h="x")
    add(store, article("Tuesday brings talk of rates at the office.", title="Interest rates rise",
                       published="2025-03-01", publisher="Other Paper"), key="k3", h="y")
    hits = store.search("interest rates")
    assert [h.article.title for h in hits][0] == "Interest rates rise"      # headline matches rank first
    assert len(hits) == 2 and "[interest]" in hits[1].snippet.lower()
    assert hits[0].score >= hits[1].score
    assert {h.article.title for h in store.search('"half a point" OR weather')} == {"Bank raises rates", "Weather"}
    assert {h.article.title for h in store.search("Tuesday -rain")} == {"Bank raises rates", "Interest rates rise"}
    assert {h.article.title for h in store.search("infla*")} == {"Bank raises rates"}
    assert store.search("Tuesday", SearchFilters(entity="jane smith"))[0].article.title == "Bank raises rates"
    assert [h.article.title for h in store.search("Tuesday", SearchFilters(since="2025-02-19"))] == \
        ["Interest rates rise"]
    assert len(store.search("Tuesday", SearchFilters(until="2025-02-18", publisher="daily example"))) == 2
    assert len(store.search("Tuesday", SearchFilters(limit=1, offset=1))) == 1
    assert isinstance(store.search('AND OR "(" NEAR* \' ; DROP TABLE articles; --'), list)   # never an error
    assert store.search("") == [] and store.search("-rain") == []
    assert store.counts()["articles"] == 3


def test_entity_page_quotes_copies_and_top_entities(store):
    origin = add(store, article())
    copy = add(store, article(), key="k2", h="h9", origin_id=origin.article_id, story_id=origin.story_id)
    page = store.entity("jane smith")                  # case-insensitive fallback
    assert page.name == "Jane Smith" and page.type == "PERSON" and "Governor" in page.titles
    assert len(page.articles) == 2 and page.quotes[0].quote.content == "Inflation is too high"
    assert page.related[0].name == "Central Bank"
    assert [a.id for a in store.copies(copy.article_id)] == [origin.article_id, copy.article_id]
    assert [(e.name, e.articles) for e in store.top_entities(5)] == [("Central Bank", 2), ("Jane Smith", 2)]
    assert [e.name for e in store.top_entities(5, type="ORG")] == ["Central Bank"]
    view = store.story(origin.story_id)
    assert [a.id for a in view.articles] == [origin.article_id, copy.article_id]
    assert {e.name for e in view.entities} == {"Jane Smith", "Central Bank"}
    assert store.counts()["copies"] == 1
    with pytest.raises(NotFound):
        store.entity("Nobody")
    with pytest.raises(NotFound):
        store.article(999)
    with pytest.raises(NotFound):
        store.story(999)


def test_a_better_origin_adopts_existing_copies(store):
    first = add(store, article(publisher="Site A"))
    second = add(store, article(publisher="Site B"), key="k2", h="h2", origin_id=first.article_id,
                 story_id=first.story_id)
    wire = add(store, article(publisher="Reuters", agency="Reuters"), key="k3", h="h3", story_id=first.story_id,
               adopt_copies=(first.article_id, second.article_id))
    group = store.copies(second.article_id)
    assert group[0].id == wire.article_id and {a.origin_id for a in group[1:]} == {wire.article_id}


def test_move_articles_creates_and_drops_stories(store):
    a = add(store, article())
    b = add(store, article("Another text about rates.", title="B"), key="k2", h="h2", story_id=a.story_id)
    assert len(store.stories()) == 1
    created = store.move_articles({b.article_id: -1}, {-1: "B story"})
    assert set(created) == {-1}
    assert {s.title for s in store.stories()} == {"Bank raises rates", "B story"}
    store.move_articles({b.article_id: a.story_id}, {})
    assert len(store.stories()) == 1 and len(store.story(a.story_id).articles) == 2
    # a story id the corpus layer chose itself is created, and new ids come after it
    c = add(store, article("A third text.", title="C"), key="k3", h="h3", story_id=50, story_title="C story")
    d = add(store, article("A fourth text.", title="D"), key="k4", h="h4")
    assert c.story_id == 50 and d.story_id > 50
    store.set_meta("x", "1")
    store.set_meta("x", "2")
    assert store.meta("x") == "2" and store.meta("nope") is None


def test_story_digests_are_kept_and_dropped_by_every_write_to_their_story(store):
    def current(story_id, data):
        return StoryDigest(story_id, digest_signature(store.story(story_id).articles), data)

    a = add(store, article())
    b = add(store, article("Another text about rates.", title="B"), key="k2", h="h2", story_id=a.story_id)
    other = add(store, article("Unrelated text.", title="C"), key="k3", h="h3")
    assert store.stories_without_digest() == sorted([a.story_id, other.story_id])
    data = {"timeline": [{"id": a.article_id, "added": {"text": "caf\u00e9 \u0000 \u201cq\u201d"}}]}
    assert store.put_story_digests([current(a.story_id, data), current(other.story_id, {})]) == 2
    assert store.story_digest(a.story_id) == current(a.story_id, data)     # exact JSON round trip
    assert store.stories_without_digest() == [] and store.story_digest(12345) is None
    store.put_story_digests([current(other.story_id, {"x": 1})])          # replaces
    assert store.story_digest(other.story_id).data == {"x": 1}
    # a digest of revisions that are no longer the story's is not kept
    assert store.put_story_digests([StoryDigest(other.story_id, "computed-from-older-articles", {})]) == 0
    assert store.story_digest(other.story_id).data == {"x": 1}
    # an unchanged article changes nothing; a revision drops its story's digest, not the others'
    add(store, article("Another text about rates.", title="B"), key="k2", h="h2", story_id=a.story_id)
    assert store.stories_without_digest() == []
    before = store.story_digest(a.story_id).signature
    add(store, article("Another text about rates, revised.", title="B"), key="k2", h="h2b", story_id=a.story_id)
    assert store.stories_without_digest() == [a.story_id]
    assert current(a.story_id, {}).signature != before
    # moving an article drops the digests of the story it left and of the one it joined
    store.put_story_digests([current(a.story_id, {})])
    store.move_articles({b.article_id: other.story_id}, {})
    assert store.stories_without_digest() == sorted([a.story_id, other.story_id])
    # adopting copies drops the digests of the copies' stories
    store.put_story_digests([current(a.story_id, {}), current(other.story_id, {})])
    add(store, article(publisher="Reuters"), key="k4", h="h4", story_id=a.story_id, adopt_copies=(b.article_id,))
    assert store.stories_without_digest() == sorted([a.story_id, other.story_id])


def test_recent_and_stories_lists_are_ordered_and_paged(store):
    for i in range(5):
        add(store, article(f"Text number {i}.", title=f"T{i}", published=f"2025-02-1{i}",
                           category="World" if i % 2 else "Sport"), key=f"k{i}", h=f"h{i}")
    assert [a.title for a in store.recent(3)] == ["T4", "T3", "T2"]
    assert [a.title for a in store.recent(2, offset=3)] == ["T1", "T0"]
    assert [a.title for a in store.recent(category="World")] == ["T3", "T1"]
    assert len(store.stories()) == 5 and len(store.stories(limit=2, offset=4)) == 1


def test_schema_is_versioned_and_reopen_is_a_no_op(store_url):
    with open_store(store_url) as s:
        version = s.schema_version()
        assert version >= 1
        add(s, article())
    with open_store(store_url) as s:
        assert s.schema_version() == version and s.counts()["articles"] == 1
        assert s.meta("schema_version") == str(version)


def test_ingest_twice_adds_nothing(store_url, pipeline, tmp_path):
    """The corpus layer over each backend: real pages, copies and stories, then a rerun that adds nothing."""
    from newsdesk.corpus.ingest import ingest

    page = tmp_path / "page.txt"
    page.write_text("Port workers strike\n\n" + " ".join(
        f"Dock workers at the port walked out on day {i} of the dispute over pay and hours." for i in range(12)))
    copy = tmp_path / "copy.txt"
    copy.write_text("Strike at the port\n\n" + page.read_text().split("\n\n", 1)[1] + " Reporting by a desk.")
    with open_store(store_url) as s:
        report = ingest([str(page), str(copy)], s, pipeline=pipeline)
        assert report.ingested == 2 and report.copies == 1
        assert s.counts()["copies"] == 1 and len(s.stories()) == 1
        again = ingest([str(page), str(copy)], s, pipeline=pipeline)
        assert again.ingested == 0 and again.unchanged == 2 and s.counts()["articles"] == 2


def test_unreachable_postgres_is_a_one_line_store_error():
    with pytest.raises(StoreError) as info:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    message = str(info.value)
    assert "cannot connect" in message and "secret" not in message and "\n" not in message


def _build(store) -> None:
    """The same writes for every backend: stories, a copy, a revision, a move, many entities."""
    a = add(store, article(), source_hash="s")
    add(store, article(publisher="Copy Times"), key="k2", h="h2", origin_id=a.article_id, story_id=a.story_id)
    b = add(store, article("Rain is expected across the region on Tuesday, said Jane Smith.", title="Weather",
                           published="2025-02-20", category="World"), key="k3", h="h3")
    add(store, article("Storms hit the coast.", title="Storms", published=None), key="k4", h="h4",
        story_id=b.story_id)
    add(store, article(TEXT + "\n\nMarkets fell.", title="Bank raises rates again"), h="h1b", story_id=a.story_id)
    store.move_articles({b.article_id: -1}, {-1: "Rain story"})
    refresh_story_digests(store)        # as ingest does at the end of a run


def _reads(store) -> dict:
    """Every read of the Store protocol, with ids, timestamps, scores and snippets left out."""
    def arts(items):
        return [(x.input, x.title, x.published, x.publisher, x.category, x.revision, x.origin_id) for x in items]

    stories = store.stories()
    first = stories[-1].id
    return {
        "recent": arts(store.recent()), "recent_world": arts(store.recent(category="World")),
        "stories": sorted((s.title, tuple(arts(s.articles))) for s in stories),
        "story": [(e.name, e.type, e.articles) for e in store.story(first).entities],
        "entity": [(p.name, p.type, p.titles, tuple(arts(p.articles)), tuple(q.quote.content for q in p.quotes),
                    tuple((e.name, e.articles) for e in p.related)) for p in [store.entity("jane smith")]],
        "top": [(e.name, e.type, e.articles) for e in store.top_entities()],
        "copies": arts(store.copies(2)),
        "revisions": [(r.revision, r.current, r.title, dict(r.change)) for r in store.revisions(1)],
        "search": {q: sorted(h.article.title for h in store.search(q))
                   for q in ("rates", "tuesday -rain", '"half a point" OR storms', "stor*", "nothing-here")},
        "counts": store.counts(),
        "rows": [(r.article_id, r.origin_id, r.title) for r in store.corpus_rows()],
        "digests": sorted((s.title, store.story_digest(s.id).signature, repr(store.story_digest(s.id).data))
                          for s in stories),
    }


def test_backends_agree_on_every_read(tmp_path):
    """SQLite and PostgreSQL given the same writes answer every read alike."""
    base = pg_url_or_skip()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    try:
        with open_store(tmp_path / "s.db") as lite, open_store(f"{base}{'&' if '?' in base else '?'}schema={schema}") as pg:
            _build(lite)
            _build(pg)
            expected, got = _reads(lite), _reads(pg)
            for name in expected:
                assert got[name] == expected[name], name
    finally:
        drop_schema(base, schema)
