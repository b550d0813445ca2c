"""The whole-page cache (web/pagecache.py): a repeated URL is answered from memory with the very
same bytes, and any commit to the store — even from another connection, as another worker or a
`newsdesk ingest` run would make — is visible on the next request."""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from web_corpus import build_store  # noqa: E402

from newsdesk.model import Article  # noqa: E402
from newsdesk.store.base import Ingest  # noqa: E402
from newsdesk.store.sqlite import SQLiteStore  # noqa: E402
from newsdesk.web import views  # noqa: E402
from newsdesk.web.app import create_app  # noqa: E402
from newsdesk.web.pagecache import Pages, version_probe  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "store.db"
    store, ids = build_store(path)
    yield path, store, ids
    store.close()


def _fail(*args, **kwargs):
    raise AssertionError("rendered again: the page should have come from the cache")


def test_a_repeated_page_is_served_from_memory_byte_for_byte(corpus, monkeypatch):
    _, store, ids = corpus
    wire = ids["fixtures/port-strike-wire.html"]
    with TestClient(create_app(store=store)) as c:
        urls = [f"/articles/{wire}", f"/api/articles/{wire}", "/stories/1", "/search?q=strike", "/"]
        first = {u: c.get(u) for u in urls}
        assert all(r.status_code == 200 for r in first.values())
        for name in ("article", "story", "search", "home"):
            monkeypatch.setattr(views, name, _fail)
        for u in urls:
            again = c.get(u)
            assert again.content == first[u].content and again.headers == first[u].headers, u
        pages = c.app.state.pages
        assert pages.hits >= len(urls) and len(pages) == len(urls)


def test_a_commit_from_another_connection_is_seen_on_the_next_request(corpus):
    path, store, _ = corpus
    with TestClient(create_app(store=store)) as c:
        before = c.get("/api/stats").json()["articles"]
        assert "Lighthouse keeper retires" not in c.get("/categories/World").text
        with SQLiteStore(path) as other:        # e.g. `newsdesk ingest` while the site runs
            other.add(Ingest(Article(input="x", url="https://e.example/l", title="Lighthouse keeper retires",
                                     category="World", published="2099-01-01", text="After forty years, the keeper "
                                     "of the Northport light retired on Friday."), key="l", content_hash="l"))
        assert c.get("/api/stats").json()["articles"] == before + 1
        assert "Lighthouse keeper retires" in c.get("/categories/World").text


def test_errors_feeds_and_other_methods_are_not_kept(corpus):
    _, store, _ = corpus
    with TestClient(create_app(store=store)) as c:
        assert c.get("/articles/999999").status_code == 404
        assert c.get("/feeds/search.atom?q=strike").status_code == 200
        assert c.get("/static/site.css").status_code == 200
        assert c.head("/").status_code in (200, 405)
        assert len(c.app.state.pages) == 0


def test_page_cache_off(corpus, monkeypatch):
    _, store, ids = corpus
    with TestClient(create_app(store=store, page_cache_mb=0)) as c:
        assert c.app.state.pages is None
        assert c.get("/").status_code == 200
        monkeypatch.setattr(views, "home", _fail)
        c.app.state.home.clear()
        with pytest.raises(AssertionError, match="rendered again"):
            c.get("/")


def test_no_version_no_cache(tmp_path):
    assert version_probe("postgresql://u@h/db") is None
    assert version_probe(":memory:") is None
    assert version_probe(str(tmp_path / "missing.db")) is None


def test_pages_keep_a_byte_budget_and_one_version():
    version = [1]
    changes = []
    pages = Pages(lambda: version[0], max_bytes=1600, on_change=lambda: changes.append(1))
    start = {"type": "http.response.start", "status": 200, "headers": []}
    v = pages.current()
    for i in range(20):
        pages.put(("/p", str(i).encode()), v, start, b"x" * 100)
    assert len(pages) == 16                     # the oldest went first
    assert pages.get(("/p", b"0"), v) is None and pages.get(("/p", b"19"), v) == (start, b"x" * 100)
    pages.put(("/big", b""), v, start, b"x" * 101)   # more than 1/16 of the budget: not kept
    assert pages.get(("/big", b""), v) is None
    version[0] = 2
    assert pages.current() == 2 and len(pages) == 0 and changes == [1]
    assert pages.get(("/p", b"19"), 2) is None
