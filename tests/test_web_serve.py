"""`newsdesk serve` end to end: the command starts uvicorn over a store and answers; bad stores fail
with a one-line message."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from web_corpus import build_store  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, timeout: float = 30) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"no answer from {url}")


def test_serve_answers_pages_and_api(tmp_path):
    store, ids = build_store(tmp_path / "site.db")
    store.close()
    port = _free_port()
    proc = subprocess.Popen(["newsdesk", "serve", "--db", str(tmp_path / "site.db"), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    try:
        stats = _wait(f"http://127.0.0.1:{port}/api/stats", proc)
        assert stats.status_code == 200 and stats.json()["articles"] == 6
        home = httpx.get(f"http://127.0.0.1:{port}/")
        assert home.status_code == 200 and "Latest stories" in home.text
        assert "script-src 'self'" in home.headers["content-security-policy"]
        article = httpx.get(f"http://127.0.0.1:{port}/articles/{ids['fixtures/comet.html']}")
        assert "Astronomers spot a bright comet" in article.text
        assert httpx.post(f"http://127.0.0.1:{port}/api/ingest", json={"text": "x"}).status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "read-only" in proc.stderr.read()


def test_serve_refuses_a_store_it_cannot_open(tmp_path):
    bad = tmp_path / "not-a-store.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    proc = subprocess.run(["newsdesk", "serve", "--db", str(bad), "--port", str(_free_port())],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.startswith("newsdesk: ") and "Traceback" not in proc.stderr


def test_a_serving_app_tunes_the_garbage_collector_and_a_test_app_does_not(tmp_path):
    import gc

    from fastapi.testclient import TestClient

    from newsdesk.web.app import GC_THRESHOLDS, create_app

    store, _ = build_store(tmp_path / "site.db")
    store.close()
    before = gc.get_threshold()
    with TestClient(create_app(str(tmp_path / "site.db"))) as client:
        assert client.get("/api/stats").status_code == 200
        assert gc.get_threshold() == before
    try:
        with TestClient(create_app(str(tmp_path / "site.db"), serving=True)) as client:
            assert client.get("/api/stats").status_code == 200
            assert gc.get_threshold() == GC_THRESHOLDS and gc.get_freeze_count() > 0
    finally:         # (the test process goes on with the interpreter's own settings)
        gc.unfreeze()
        gc.set_threshold(*before)
