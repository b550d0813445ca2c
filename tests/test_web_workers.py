"""Serving processes share the open connections evenly (web/workers.py): a burst of keep-alive clients
is split between the workers instead of landing on whichever woke first; a worker that stopped
reporting is ignored; `newsdesk serve --workers 2` answers and stops on SIGTERM."""
from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from newsdesk.web import workers
from newsdesk.web.workers import BalancedServer, Board

sys.path.insert(0, str(Path(__file__).parent))
from test_web_serve import _free_port, _wait  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "web"))
from web_corpus import build_store  # noqa: E402


async def hello(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            await send({"type": message["type"] + ".complete"})
            if message["type"] == "lifespan.shutdown":
                return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"2")]})
    await send({"type": "http.response.body", "body": b"ok"})


def test_a_burst_of_keep_alive_connections_is_shared_evenly(monkeypatch):
    monkeypatch.setattr(workers, "GRACE", 2.0)     # a slow CI thread must not take its turn for an imbalance
    config = uvicorn.Config(hello, host="127.0.0.1", port=_free_port(), log_level="warning", lifespan="on")
    sock = config.bind_socket()
    board = Board(4)
    servers = [BalancedServer(config, board) for _ in range(2)]
    threads = [threading.Thread(target=lambda s=s: asyncio.run(s.serve(sockets=[sock])), daemon=True)
               for s in servers]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while not all(s.started for s in servers):
        assert time.monotonic() < deadline, "servers did not start"
        time.sleep(0.05)
    clients = []
    try:
        for _ in range(20):         # all at once, as 20 benchmark clients or browsers starting together
            clients.append(socket.create_connection(sock.getsockname(), timeout=10))
        for c in clients:           # every connection is served, then kept open
            c.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while not answer.endswith(b"\r\n\r\nok"):
                chunk = c.recv(1024)
                assert chunk, answer
                answer += chunk
        held = sorted(len(s.server_state.connections) for s in servers)
        assert sum(held) == 20 and held[1] - held[0] <= 2, held
    finally:
        for c in clients:
            c.close()
        for s in servers:
            s.should_exit = True
        for t in threads:
            t.join(timeout=10)
        sock.close()


def test_a_worker_that_stopped_reporting_does_not_count():
    board = Board(4)
    me, other = board.claim(), board.claim()
    assert me != other
    board.report(other, 3)
    assert board.fewest_elsewhere(me) == 3
    board.beats[other] = time.time() - 2 * workers.STALE     # it died without releasing its slot
    assert board.fewest_elsewhere(me) is None
    assert board.claim() == other                              # and its slot is free again


def test_serve_with_two_workers_answers_and_stops(tmp_path):
    store, _ = build_store(tmp_path / "site.db")
    store.close()
    port = _free_port()
    proc = subprocess.Popen(["newsdesk", "serve", "--db", str(tmp_path / "site.db"), "--port", str(port),
                             "--workers", "2"], stderr=subprocess.PIPE, text=True)
    try:
        assert _wait(f"http://127.0.0.1:{port}/api/stats", proc, timeout=60).json()["articles"] == 6
        with httpx.Client() as client:      # one connection after another: both workers answer alike
            assert all(client.get(f"http://127.0.0.1:{port}/").status_code == 200 for _ in range(5))
    finally:
        proc.terminate()
        assert proc.wait(timeout=30) is not None
    assert "Traceback" not in proc.stderr.read()
