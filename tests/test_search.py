"""Search (ranking, snippets, filters) and export (jsonl, csv, parquet) over a small real store."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import shared_path
from newsdesk.corpus.export import export_table
from newsdesk.corpus.ingest import ingest
from newsdesk.corpus.search import run_search
from newsdesk.errors import InputError
from newsdesk.pipeline import Pipeline
from newsdesk.store import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    rows = [json.loads(line) for line in open(shared_path("corpus", "wikinews.jsonl"), encoding="utf-8")][:40]
    path = tmp_path_factory.mktemp("search") / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = path.parent / "s.db"
    with open_store(db) as s:
        ingest([str(path)], s, pipeline=Pipeline(stages=()))
    s = open_store(db, readonly=True)
    s.rows = rows
    yield s
    s.close()


def test_title_words_rank_first_with_snippets(store):
    target = next(r for r in store.rows if len(r["title"].split()) >= 4)
    word = max((w for w in target["title"].split() if w.isalpha()), key=len)
    hits = run_search(store, word, limit=5)
    assert hits and any(h["title"] == target["title"] for h in hits)
    assert all("[" in h["snippet"] or word.lower() in (h["title"] or "").lower() for h in hits)
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_filters_date_story_and_bad_input(store):
    first = store.rows[0]
    word = max((w for w in first["title"].split() if w.isalpha()), key=len)
    day = first["published"][:10]
    assert all(h["published"][:10] >= day for h in run_search(store, word, since=day))
    assert all(h["published"][:10] <= day for h in run_search(store, word, until=day))
    hit = run_search(store, word)[0]
    assert all(h["story_id"] == hit["story_id"] for h in run_search(store, word, story=hit["story_id"]))
    assert run_search(store, word, publisher="No Such Publisher") == []
    with pytest.raises(InputError):
        run_search(store, word, since="last week")
    with pytest.raises(InputError):
        run_search(store, "   ")


def test_export_articles_stories_as_jsonl_csv_parquet(store, tmp_path, capsys):
    assert export_table(store, "articles", "jsonl", None) == 40
    lines = capsys.readouterr().out.splitlines()
    first = json.loads(lines[0])
    assert {"id", "story_id", "text", "title", "entities", "quotes"} <= set(first)
    out = tmp_path / "stories.csv"
    n = export_table(store, "stories", "csv", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == n and sum(int(r["size"]) for r in rows) == 40
    pq = pytest.importorskip("pyarrow.parquet")
    export_table(store, "articles", "parquet", str(tmp_path / "a.parquet"))
    assert pq.read_table(tmp_path / "a.parquet").num_rows == 40
    with pytest.raises(InputError):
        export_table(store, "nothing", "jsonl", None)
