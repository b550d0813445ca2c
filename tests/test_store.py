"""The SQLite store: transactions, revisions, search, entity pages, copies, migrations, WAL readers."""
from __future__ import annotations

import sqlite3
import threading

import pytest

from newsdesk.errors import NotFound
from newsdesk.model import Article, Entity, Quote, Span
from newsdesk.store import Ingest, SearchFilters, open_store
from newsdesk.store.migrations import SCHEMA_VERSION

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


def test_same_content_adds_nothing_and_changed_content_is_a_revision(store):
    first = add(store, article())
    assert first.status == "new" and first.revision == 1
    assert add(store, article()).status == "unchanged"
    changed = article(TEXT + "\n\nMarkets fell after the announcement.", title="Bank raises rates again")
    second = add(store, changed, h="h2", story_id=first.story_id)
    assert second.status == "revised" and second.article_id == first.article_id and second.revision == 2
    revs = store.revisions(first.article_id)
    assert [r.revision for r in revs] == [2, 1] and revs[0].current and not revs[1].current
    assert revs[0].change["title"] == ["Bank raises rates", "Bank raises rates again"]
    assert revs[0].change["paragraphs_added"] == 1
    assert store.article(first.article_id).article.title == "Bank raises rates again"
    assert store.article(first.article_id, revision=1).article.title == "Bank raises rates"
    assert store.counts()["articles"] == 1 and store.counts()["revisions"] == 2


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


def test_move_articles_creates_and_drops_stories(store):
    a = add(store, article())
    b = add(store, article("Another text about rates.", title="B"), key="k2", h="h2", story_id=a.story_id)
    assert len(store.stories()) == 1
    created = store.move_articles({b.article_id: -1}, {-1: "B story"})
    assert set(created) == {-1}
    assert {s.title for s in store.stories()} == {"Bank raises rates", "B story"}
    store.move_articles({b.article_id: a.story_id}, {})
    assert len(store.stories()) == 1 and len(store.story(a.story_id).articles) == 2
    store.set_meta("x", "1")
    assert store.meta("x") == "1" and store.meta("nope") is None


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
