"""Ingest: idempotence, revisions, JSONL labels, counted skips, and kill -9 at any moment losing and
duplicating nothing."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import shared_path
from newsdesk.corpus.ingest import ingest, skip_kind
from newsdesk.store import open_store


def wikinews(n: int, start: int = 0) -> list[dict]:
    path = shared_path("corpus", "wikinews.jsonl")
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return rows[start:start + n]


def write_jsonl(path, rows) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_ingesting_twice_adds_nothing_and_changed_content_is_a_revision(tmp_path, pipeline):
    rows = wikinews(6)
    src = write_jsonl(tmp_path / "news.jsonl", rows)
    with open_store(tmp_path / "s.db") as store:
        first = ingest([src], store, pipeline=pipeline)
        assert (first.ingested, first.unchanged, first.revised) == (6, 0, 0)
        again = ingest([src], store, pipeline=pipeline)
        assert (again.ingested, again.unchanged, again.revised) == (0, 6, 0)
        assert again.summary().startswith("ingested 0, unchanged 6, revised 0, skipped 0")
        rows[2] = dict(rows[2], text=rows[2]["text"] + "\n\nThe story was updated with a new paragraph.")
        changed = ingest([write_jsonl(tmp_path / "news.jsonl", rows)], store, pipeline=pipeline)
        assert (changed.ingested, changed.unchanged, changed.revised) == (0, 5, 1)
        counts = store.counts()
        assert counts["articles"] == 6 and counts["revisions"] == 7
        (article,) = [a for a in store.recent(limit=10) if a.url == rows[2]["url"]]
        revs = store.revisions(article.id)
        assert revs[0].current and revs[0].change["paragraphs_added"] == 1
        # every article is in exactly one story
        listed = [a.id for s in store.stories() for a in s.articles]
        assert sorted(listed) == sorted(a.id for a in store.recent(limit=10))


def test_jsonl_labels_bad_records_and_missing_files_are_counted_skips(tmp_path, pipeline):
    rows = wikinews(2, start=10)
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(rows[0]) + "\nnot json\n\n" + json.dumps({"url": "https://x.example/a"}) + "\n"
                    + json.dumps(rows[1]) + "\n", encoding="utf-8")
    with open_store(tmp_path / "s.db") as store:
        report = ingest([str(path), str(tmp_path / "missing.html")], store, pipeline=pipeline)
        assert report.ingested == 2 and report.total_skipped == 3
        assert "skipped 3 (" in report.summary()
        inputs = sorted(a.input for a in store.recent())
        assert inputs == [f"{path}#1", f"{path}#5"]
        assert {label for label, _ in report.skips} == {f"{path}#2", f"{path}#4", str(tmp_path / "missing.html")}


def test_skip_kinds_are_short():
    assert skip_kind("HTTP 404 Not Found for https://x") == "HTTP 404"
    assert skip_kind("not HTML (image/png): https://x/a.png") == "not HTML"
    assert skip_kind("no such file: a.html") == "no such file"


def _count(db: str) -> int:
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return 0


def test_sigkill_mid_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path):
    kill_after = 3
    rows = wikinews(12, start=40)
    src = write_jsonl(tmp_path / "news.jsonl", rows)
    db = str(tmp_path / "s.db")
    cmd = [sys.executable, "-c", "from newsdesk.cli import main; main()", "ingest", "--db", db, src]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while _count(db) < kill_after and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _count(db)
    assert 0 < before <= 12
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"ingested {12 - before}, unchanged {before}" in done.stdout
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT key) FROM articles").fetchone() == (12, 12)
    assert con.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == 12
    assert con.execute("SELECT COUNT(*) FROM fts").fetchone()[0] == 12
    assert con.execute("SELECT COUNT(*) FROM articles WHERE story_id IS NULL OR story_id NOT IN "
                       "(SELECT id FROM stories)").fetchone()[0] == 0
    assert con.execute("SELECT COUNT(*) FROM stories WHERE id NOT IN (SELECT story_id FROM articles)"
                       ).fetchone()[0] == 0


def test_cli_stories_jsonl_follows_the_contract(tmp_path):
    src = write_jsonl(tmp_path / "news.jsonl", wikinews(3, start=100))
    db = str(tmp_path / "s.db")
    run = lambda *a: subprocess.run([sys.executable, "-c", "from newsdesk.cli import main; main()", *a],  # noqa: E731
                                    capture_output=True, text=True, timeout=300)
    out = run("ingest", "--db", db, src)
    assert out.returncode == 0 and out.stdout.startswith("ingested 3, unchanged 0, revised 0, skipped 0")
    lines = run("stories", "--db", db, "--format", "jsonl").stdout.splitlines()
    stories = [json.loads(line) for line in lines]
    arts = [a for s in stories for a in s["articles"]]
    assert sorted(a["input"] for a in arts) == [f"{src}#1", f"{src}#2", f"{src}#3"]
    for s in stories:
        assert {"id", "title", "articles"} <= set(s)
        for a in s["articles"]:
            assert {"id", "input", "url", "title", "published"} <= set(a)
    found = run("search", "--db", db, "--format", "jsonl", wikinews(1, start=100)[0]["title"].split()[0])
    assert found.returncode == 0
