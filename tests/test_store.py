"""The SQLite store only: search and entity-page details, WAL readers, query plans, migrations (the
behaviour both backends share is tested once for both in test_store_backends.py)."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from newsdesk.errors import NotFound
from newsdesk.model import Article, Entity, Quote, Span
from newsdesk.store import Ingest, SearchFilters, open_store
from newsdesk.store.base import StoryView
from newsdesk.store.migrations import MIGRATIONS, SCHEMA_VERSION

TEXT = ("The central bank raised interest rates by half a point on Tuesday.\n\n"
        "\"Inflation is too high,\" said Governor Jane Smith, who leads the bank.")


def article(text=TEXT, title="Bank raises rates", **kw) -> Article:
    ents = (Entity("Jane Smith", "PERSON", ("Governor",), (Span(text.find("Jane"), text.find("Jane") + 10),)),)
    quotes = (Quote("Jane Smith", None, "said", None, "Inflation is too high", Span(1, 22), "direct"),)
    return Article(input="a.txt", text=text, title=title, published="2025-02-18", publisher="Daily Example",
                   entities=ents if "Jane" in text else (), quotes=quotes if "Jane" in text else (), **kw)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "s.db") as s:
        yield s


def add(store, art, key="k1", h="h1", **kw):
    kw.setdefault("story_title", art.title if kw.get("story_id") is None else None)
    return store.add(Ingest(art, key=key, content_hash=h, **kw))


def test_search_ranks_filters_and_snippets(store):
    add(store, article())
    add(store, article("Rain is expected across the region on Tuesday.", title="Weather"), key="k2", h="x")
    hits = store.search("interest rates")
    assert len(hits) == 1 and "[interest]" in hits[0].snippet
    assert store.search('"half a point" OR weather', SearchFilters(limit=5))
    assert store.search("Tuesday", SearchFilters(entity="jane smith"))[0].article.title == "Bank raises rates"
    assert store.search("Tuesday", SearchFilters(since="2025-02-19")) == []
    assert len(store.search("Tuesday", SearchFilters(until="2025-02-18", publisher="daily example"))) == 2
    assert isinstance(store.search('AND OR "(" NEAR*'), list)      # operators are quoted, never a syntax error
    assert store.search("") == []


def test_entity_page_quotes_and_copies(store):
    origin = add(store, article())
    copy = add(store, article(), key="k2", h="h9", origin_id=origin.article_id, story_id=origin.story_id)
    page = store.entity("Jane Smith")
    assert page.type == "PERSON" and "Governor" in page.titles and len(page.articles) == 2
    assert page.quotes[0].quote.content == "Inflation is too high"
    assert [a.id for a in store.copies(copy.article_id)] == [origin.article_id, copy.article_id]
    with pytest.raises(NotFound):
        store.entity("Nobody")
    with pytest.raises(NotFound):
        store.article(999)


def test_schema_is_versioned_and_reopen_is_a_no_op(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        add(s, article())
    with open_store(f"sqlite:///{path}") as s:
        assert s.counts()["articles"] == 1
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readers_keep_working_while_a_writer_holds_a_transaction(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as writer:
        add(writer, article())
        reader = open_store(path, readonly=True)
        started, release = threading.Event(), threading.Event()

        def write():
            with writer._tx() as db:        # a long write transaction, as during an ingest
                db.execute("UPDATE stories SET title='x'")
                started.set()
                release.wait(5)

        t = threading.Thread(target=write)
        t.start()
        started.wait(5)
        assert reader.search("rates") and reader.counts()["articles"] == 1
        release.set()
        t.join()
        reader.close()


# ---- read queries at scale: same answers as a plain computation, indexed plans, upgrades ------------
NAMES = ["Alpha Corp", "Beta Party", "Gamma City", "Delta River", "Epsilon Lab", "Zeta Group"]


def corpus(store, n=36):
    """n articles: entity sets, dates, categories and stories that vary; every 7th a copy; one revision."""
    made = []
    for i in range(n):
        names = [NAMES[j] for j in range(len(NAMES)) if (i + 1) % (j + 2) == 0] or [NAMES[i % len(NAMES)]]
        text = f"Report {i} on interest rates. " + " ".join(f"{name} said something." for name in names)
        ents = tuple(Entity(name, "ORG" if j % 2 else "GPE", (), (Span(text.find(name), text.find(name) + len(name)),))
                     for j, name in enumerate(names))
        quotes = tuple(Quote(name, None, "said", None, "something", Span(text.find(name), text.find(name) + 5),
                             "indirect") for name in names[:1])
        art = Article(input=f"{i}.txt", text=text, title=f"Rates report {i}" + " rates" * (i % 3),
                      published=None if i % 5 == 0 else f"2024-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
                      category=["World", "Business"][i % 2], publisher=["P1", "P2", "P3"][i % 3],
                      entities=ents, quotes=quotes)
        origin = made[-1].article_id if i % 7 == 6 else None
        story = made[-1].story_id if made and i % 3 else None
        made.append(store.add(Ingest(art, key=f"k{i}", content_hash=f"h{i}", origin_id=origin, story_id=story,
                                     story_title=art.title if story is None else None)))
    revised = Article(input="0.txt", text="Report 0 revised. Gamma City said something.", title="Rates report 0",
                      published="2024-06-01", entities=(Entity("Gamma City", "GPE", ("Town",), (Span(18, 28),)),))
    store.add(Ingest(revised, key="k0", content_hash="h0-2", story_id=made[0].story_id))
    return made


def newest_first(summaries):
    return sorted(summaries, key=lambda s: (s.published or s.ingested_at, s.id), reverse=True)


def test_read_queries_agree_with_a_plain_computation(store):
    corpus(store)
    full = store.articles(list(range(1, 100)))
    mentions = {name: [f.summary for f in full if any(e.name == name for e in f.article.entities)] for name in NAMES}
    top = store.top_entities(limit=10)
    assert [(e.name, e.articles) for e in top] == sorted(((n, len(a)) for n, a in mentions.items() if a),
                                                         key=lambda p: (-p[1], p[0]))
    assert store.recent(limit=100) == newest_first(f.summary for f in full)
    assert store.recent(limit=5, offset=3, category="World") == \
        newest_first(f.summary for f in full if f.article.category == "World")[3:8]
    for name in NAMES:
        page = store.entity(name)
        assert list(page.articles) == newest_first(mentions[name])
        together = {}
        for f in full:
            names = {e.name for e in f.article.entities}
            if name in names:
                for other in names - {name}:
                    together[other] = together.get(other, 0) + 1
        assert sorted((e.articles, e.name) for e in page.related) == \
            sorted((n, o) for o, n in together.items())[-len(page.related):]
        assert [q.article for q in page.quotes] == newest_first(r.article for r in page.quotes)
    assert store.entity("gamma city").titles == ("Town",)       # case-insensitive, titles of every row
    view = store.story(1)
    assert view.entities and store.story(1, entities=False) == StoryView(view.id, view.title, view.articles, (),
                                                                          view.first_published, view.last_published)


def test_search_pages_rank_every_match_and_snippet_only_the_page(store):
    corpus(store)
    everything = store.search("rates", SearchFilters(limit=100))
    assert len(everything) == 36
    assert [h.score for h in everything] == sorted((h.score for h in everything), reverse=True)
    pages = [store.search("rates", SearchFilters(limit=10, offset=o)) for o in (0, 10, 20, 30)]
    assert [h for page in pages for h in page] == everything
    assert all("[" in h.snippet for h in everything)
    alpha = store.search("rates", SearchFilters(entity="alpha corp", limit=100))
    assert {h.article.id for h in alpha} == {s.id for s in store.entity("Alpha Corp").articles}


def read_plans(store):
    """Every SELECT the site's read paths run, with its query plan."""
    seen = []
    store._db.set_trace_callback(seen.append)
    try:
        store.article(3), store.copies(3), store.articles([1, 2]), store.story(1), store.stories(limit=5)
        store.recent(limit=5), store.recent(limit=5, category="World"), store.entity("Alpha Corp")
        store.search("rates"), store.search("rates", SearchFilters(entity="alpha corp", publisher="p1"))
    finally:
        store._db.set_trace_callback(None)
    return {sql: [r[3] for r in store._db.execute("EXPLAIN QUERY PLAN " + sql)]
            for sql in seen if sql.startswith("SELECT") and "'main'." not in sql}


def test_read_paths_use_indexes_not_table_scans(store):
    corpus(store)
    plans = read_plans(store)
    assert len(plans) >= 10
    for sql, plan in plans.items():
        scans = [step for step in plan if step.startswith("SCAN ") and " INDEX " not in step
                 and not step.startswith(("SCAN top", "SCAN (subquery"))]
        assert not scans, (sql, plan)
    recent = [p for s, p in plans.items() if "ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id DESC LIMIT 5" in s]
    assert recent and all(not any("TEMP B-TREE" in step for step in plan) for plan in recent)


def test_migration_upgrades_a_store_of_the_first_schema(tmp_path):
    path = tmp_path / "old.db"
    with open_store(path) as s:
        corpus(s)
        before = (s.top_entities(), s.recent(limit=50), s.entity("Beta Party"), s.search("rates"))
    db = sqlite3.connect(path, isolation_level=None)        # take it back to schema 1, data kept
    for (name,) in db.execute("SELECT name FROM sqlite_schema WHERE type='index' AND sql IS NOT NULL").fetchall():
        db.execute(f"DROP INDEX {name}")
    for statement in MIGRATIONS[0].split(";"):
        if statement.strip().startswith("CREATE INDEX"):
            db.execute(statement)
    db.execute("DROP TABLE story_digests")                 # (schema 3)
    db.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    db.close()
    with open_store(path, readonly=True) as old:             # a reader does not migrate, still answers
        assert old.schema_version() == 1 and old.recent(limit=50) == before[1]
    with open_store(path) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert (s.top_entities(), s.recent(limit=50), s.entity("Beta Party"), s.search("rates")) == before
        names = {r[0] for r in s._db.execute("SELECT name FROM sqlite_schema WHERE type='index'")}
        assert {"articles_recent", "entities_name_article", "entities_name_nocase"} <= names
        assert s.stories_without_digest() == [v.id for v in sorted(s.stories(), key=lambda v: v.id)]


def test_one_query_language_rendered_for_both_backends():
    from newsdesk.store.postgres_schema import ts_query
    from newsdesk.store.query import Term, fts_query, parse_query

    parsed = parse_query('"trump putin" OR rubio* -nato x:y')
    assert parsed.groups == ((Term(("trump", "putin")), Term(("rubio",), True)), (Term(("x", "y")),))
    assert parsed.excluded == (Term(("nato",)),)
    assert fts_query('"trump putin" OR rubio* -nato') == '(("trump putin" OR "rubio"*)) NOT "nato"'
    sql, params = ts_query('"trump putin" OR rubio* -nato')
    assert params == ["trump putin", "'rubio':*", "nato"] and sql.count("%s") == 3
    assert fts_query("-only OR") == "" and ts_query("-only") is None
