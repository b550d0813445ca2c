"""newsdesk batch on a real 2-worker LocalCluster: the same articles, copies and stories as a local ingest
even when a worker is killed mid-run; failing partitions are retried and reported; a page that kills
its worker every time costs only itself."""
from __future__ import annotations

import json
import os
import signal
import sys

import cloudpickle
import dask
import pytest
from typer.testing import CliRunner

from conftest import shared_path
from newsdesk.corpus.ingest import ingest
from newsdesk.scale.dask import dask_client, run_batch
from newsdesk.scale.worker import analyze_partition
from newsdesk.store import open_store

# the flaky/poisonous task functions below live in this test module, which workers cannot import
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client():
    with dask_client(local=2) as c:
        yield c


def write_warc(path, rows) -> str:
    """A CC-NEWS-like WARC: each record an HTML response of one Wikinews article, plus an image (a skip)."""
    import html
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for r in rows:
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in r["text"].split("\n\n"))
            body = (f"<html><head><title>{html.escape(r['title'])}</title></head><body><article>"
                    f"<h1>{html.escape(r['title'])}</h1>{paras}</article></body></html>").encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(r["url"], "response", payload=io.BytesIO(body), http_headers=http))
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://img.example/a.png", "response",
                                            payload=io.BytesIO(b"\x89PNG...."), http_headers=http))
    return str(path)


def real_inputs(tmp_path, n_files: int = 28, n_records: int = 10, warc: int = 0) -> list[str]:
    """ECB+ text pages from two topics, a JSONL of Wikinews records with syndicated copies, and
    optionally a WARC of `warc` further Wikinews articles as HTML."""
    folder = shared_path("eval", "stories", "txt")
    files = sorted(str(p) for p in folder.glob("*.txt"))[:n_files]
    with open(shared_path("corpus", "wikinews.jsonl"), encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(n_records), fh)]
    paragraphs = rows[3]["text"].split("\n\n")
    rows.append(dict(rows[3], url="https://copy.example/one", title="Pileup on Florida highway"))
    rows.append(dict(rows[0], url="https://copy.example/two", text=rows[0]["text"] + "\n\nReporting by a desk."))
    rows.append(dict(rows[3], url="https://copy.example/three", text="\n\n".join(paragraphs[:-1])))
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if not warc:
        return files + [str(jsonl)]
    with open(shared_path("corpus", "wikinews.jsonl"), encoding="utf-8") as fh:
        more = [json.loads(line) for _, line in zip(range(n_records + warc), fh)][n_records:]
    return files + [str(jsonl), write_warc(tmp_path / "news.warc.gz", more)]


def corpus_view(store) -> dict:
    """What must agree between two stores, independent of ids: articles, copy groups, stories."""
    stories = store.stories()
    by_id = {a.id: a for s in stories for a in s.articles}
    article = {a.input: (a.title, a.url, a.published, store.article(a.id).article.text) for a in by_id.values()}
    groups = {frozenset(c.input for c in store.copies(a.id)) for a in by_id.values()}
    return {"articles": article,
            "copies": {g for g in groups if len(g) > 1},
            "stories": {frozenset(a.input for a in s.articles) for s in stories},
            "counts": store.counts()}


def test_batch_gives_the_answers_of_ingest_even_when_a_worker_is_killed(tmp_path, client, pipeline):
    inputs = real_inputs(tmp_path, warc=3)     # 28 text files, 13 JSONL records, 3 HTML pages + 1 image in a WARC
    with open_store(tmp_path / "local.db") as local:
        expected_report = ingest(inputs, local, pipeline=pipeline)
        expected = corpus_view(local)
    assert expected_report.ingested == 44 and expected_report.total_skipped == 1
    assert expected_report.copies >= 2 and len(expected["copies"]) >= 2

    killed: list[int] = []

    def kill_a_worker(partition) -> None:      # after the first partition is written, SIGKILL a busy worker
        if not killed:
            pid = sorted(client.run(os.getpid).values())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    with open_store(tmp_path / "batch.db") as store:
        report = run_batch(inputs, store, client, partition_items=4, on_written=kill_a_worker)
        assert killed and killed[0] not in client.run(os.getpid).values()    # the kill landed: a new worker
        assert report.partitions == 11
        assert (report.ingested, report.copies, report.total_skipped) == \
               (expected_report.ingested, expected_report.copies, 1)
        assert report.skips[0][1] == expected_report.skips[0][1]
        assert not report.failed
        assert corpus_view(store) == expected
        again = run_batch(inputs, store, client, partition_items=4)       # a rerun adds nothing
        assert (again.ingested, again.unchanged, again.partitions) == (0, 44, 0)
        assert store.counts() == expected["counts"]


def flaky_task(pages, stages, max_bytes, *, marker=None):
    """Fails the first time it meets the marked page, then works: a transient failure."""
    for page in pages:
        if page.label.endswith("#2") and not os.path.exists(marker):
            open(marker, "w").close()
            raise RuntimeError("transient failure")
    return analyze_partition(pages, stages, max_bytes)


def test_a_failed_partition_is_retried_and_reported(tmp_path, client):
    inputs = real_inputs(tmp_path, n_files=6, n_records=6)
    marker = str(tmp_path / "failed-once")

    def task(pages, stages, max_bytes):
        return flaky_task(pages, stages, max_bytes, marker=marker)

    with open_store(tmp_path / "b.db") as store:
        report = run_batch(inputs, store, client, stages=(), partition_items=3, task=task)
        assert os.path.exists(marker)
        assert len(report.retries) == 1 and "RuntimeError: transient failure" in report.retries[0][1]
        assert report.ingested == 15 and not report.failed and store.counts()["articles"] == 15
        assert "1 retried" in report.summary()


def poisonous_task(pages, stages, max_bytes):
    """A page that kills its worker process every time it is analysed (think: a crash in a C parser)."""
    if any(p.label.endswith("#4") for p in pages):
        os._exit(1)
    return analyze_partition(pages, stages, max_bytes)


def test_a_page_that_kills_every_worker_costs_only_itself(tmp_path):
    inputs = real_inputs(tmp_path, n_files=4, n_records=6)
    # one task per worker at a time (no innocent task queued behind the poison), give up after one death
    settings = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
    with dask.config.set(settings), dask_client(local=2) as c, open_store(tmp_path / "b.db") as store:
        report = run_batch(inputs, store, c, stages=(), partition_items=3, task=poisonous_task)
    assert [label.rsplit("#", 1)[1] for label, _ in report.failed] == ["4"]
    assert "KilledWorker" in report.failed[0][1] and any("page by page" in why for _, why in report.retries)
    assert report.ingested == 12 and report.total_skipped == 1


def test_batch_command_on_a_running_scheduler(tmp_path, client):
    from newsdesk.cli import app
    from newsdesk.cli import batch as _  # noqa: F401  (registers the command)

    inputs = real_inputs(tmp_path, n_files=3, n_records=4)
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(app, ["batch", "--scheduler", client.scheduler.address, "--db", db, *inputs])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1].startswith("ingested 10, unchanged 0, revised 0")
    assert "partitions on 2 workers" in result.stdout
    result = runner.invoke(app, ["batch", "--db", db, *inputs])
    assert result.exit_code == 2 and "exactly one of --local N or --scheduler" in result.output


def test_batch_into_postgres_matches_ingest_into_sqlite(tmp_path, client):
    """Across backends too: a batch into a PostgreSQL schema holds what a local ingest into SQLite holds."""
    from test_store_backends import drop_schema, pg_url_or_skip

    from newsdesk.pipeline import Pipeline

    base = pg_url_or_skip()
    inputs = real_inputs(tmp_path, n_files=8, n_records=8)
    with open_store(tmp_path / "local.db") as local:
        ingest(inputs, local, pipeline=Pipeline(stages=()))
        expected = corpus_view(local)
    schema = f"test_batch_{os.getpid()}"
    try:
        with open_store(f"{base}{'&' if '?' in base else '?'}schema={schema}") as store:
            report = run_batch(inputs, store, client, stages=(), partition_items=3)
            assert report.ingested == 19 and corpus_view(store) == expected
    finally:
        drop_schema(base, schema)
