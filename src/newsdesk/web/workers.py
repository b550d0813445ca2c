"""Several server processes on one port, with the open connections shared out evenly between them.

uvicorn's own workers all accept from one listening socket, and whichever process wakes first takes
every connection waiting. Browsers and HTTP clients keep connections open (keep-alive), so a burst
of clients arriving together often lands in one process, which then serves all of them on one core
while the other idles: with 20 clients and 2 workers the split was 20/0 in one start of three on the
benchmark (benchmarks/web_latency.py), and p95 latency doubled with it.

Here each worker still accepts from the one shared socket, but a worker holding more open
connections than the least loaded live worker leaves new connections to that worker for a moment
(`GRACE`; after it, anyone takes them, so a busy or dead worker never stalls the site) — the idea of
nginx's accept mutex. Each worker publishes its number of connections and a heartbeat in shared
memory (`Board`). The supervisor restarts a worker that dies and stops them all on SIGINT/SIGTERM.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import select
import signal
import socket
import sys
import time
from typing import Any, Callable

import uvicorn
from uvicorn.config import STARTUP_FAILURE

GRACE = 0.02        # s a new connection is left to a less loaded worker before anyone takes it
RETRY = 0.002       # s between looks at a waiting connection this worker leaves to another
STALE = 2.0         # s without a heartbeat: the worker is gone, its slot and connections do not count
MAX_WORKERS = 64


class Board:
    """Per worker slot, in shared memory: its open connections and the time of its last report."""

    def __init__(self, size: int = MAX_WORKERS):
        ctx = multiprocessing.get_context("spawn")
        self._lock = ctx.Lock()
        self.connections = ctx.RawArray("i", size)
        self.beats = ctx.RawArray("d", size)

    def claim(self) -> int:
        """A free slot for this process (never used, or its worker stopped reporting)."""
        with self._lock:
            now = time.time()
            for i in range(len(self.beats)):
                if now - self.beats[i] > STALE:
                    self.connections[i], self.beats[i] = 0, now
                    return i
        raise RuntimeError(f"more than {len(self.beats)} workers")

    def report(self, slot: int, connections: int) -> None:
        self.connections[slot], self.beats[slot] = connections, time.time()

    def release(self, slot: int) -> None:
        self.connections[slot], self.beats[slot] = 0, 0.0

    def fewest_elsewhere(self, slot: int) -> int | None:
        """The fewest connections held by another live worker (None: no other worker is live)."""
        now = time.time()
        others = [self.connections[i] for i in range(len(self.beats))
                  if i != slot and now - self.beats[i] <= STALE]
        return min(others, default=None)


class Acceptor:
    """Accepts from the shared socket for one worker; stands in for the asyncio Server uvicorn keeps."""

    def __init__(self, sock: socket.socket, make_protocol: Callable[[], asyncio.Protocol],
                 open_connections: Callable[[], int], board: Board, slot: int):
        self.sock, self.make_protocol, self.open_connections = sock, make_protocol, open_connections
        self.board, self.slot = board, slot
        self.loop = asyncio.get_running_loop()
        self.waiting_since: float | None = None     # when this worker first left a connection to another
        self.closed = False
        self.fd = sock.fileno()     # (kept: at shutdown the socket may already be closed)
        sock.setblocking(False)
        self.loop.add_reader(self.fd, self._ready)

    def _ready(self) -> None:
        mine = self.open_connections()
        fewest = self.board.fewest_elsewhere(self.slot)
        now = time.monotonic()
        if fewest is not None and mine > fewest:
            if self.waiting_since is None:
                self.waiting_since = now
            if now - self.waiting_since < GRACE:      # the less loaded worker should take it: look again soon
                self.loop.remove_reader(self.fd)
                self.loop.call_later(RETRY, self._resume)
                return
        self.waiting_since = None
        try:
            conn, _ = self.sock.accept()
        except (BlockingIOError, InterruptedError):    # another worker took it
            return
        except OSError:             # e.g. too many open files: leave it queued and look again later
            self.loop.remove_reader(self.fd)
            self.loop.call_later(0.1, self._resume)
            return
        conn.setblocking(False)
        self.board.report(self.slot, mine + 1)
        self.loop.create_task(self.loop.connect_accepted_socket(self.make_protocol, conn))

    def _resume(self) -> None:
        if self.closed:
            return
        if not select.select([self.sock], [], [], 0)[0]:
            self.waiting_since = None       # another worker took the connection
        self.loop.add_reader(self.fd, self._ready)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.loop.remove_reader(self.fd)

    async def wait_closed(self) -> None:
        return None


class BalancedServer(uvicorn.Server):
    """uvicorn's server, accepting through an `Acceptor` and reporting its connections to the board."""

    def __init__(self, config: uvicorn.Config, board: Board):
        super().__init__(config)
        self.board = board
        self.slot = -1

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        if not sockets:
            return await super().startup(sockets)
        await self.lifespan.startup()
        if self.lifespan.should_exit:
            sys.exit(STARTUP_FAILURE)
        config = self.config

        def make_protocol() -> asyncio.Protocol:      # (as uvicorn's own startup builds them)
            return config.http_protocol_class(config=config, server_state=self.server_state,
                                              app_state=self.lifespan.state)

        self.slot = self.board.claim()
        for sock in sockets:
            sock.listen(config.backlog)     # (uvicorn's bind_socket binds; create_server would listen)
        self.servers = [Acceptor(sock, make_protocol, lambda: len(self.server_state.connections), self.board,
                                 self.slot) for sock in sockets]
        self.started = True

    async def on_tick(self, counter: int) -> bool:     # every 0.1 s: connections that closed, and a heartbeat
        if self.slot >= 0:
            self.board.report(self.slot, len(self.server_state.connections))
        return await super().on_tick(counter)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.slot >= 0:
            self.board.release(self.slot)
        await super().shutdown(sockets)


def _worker(config: uvicorn.Config, sock: socket.socket, board: Board) -> None:
    config.configure_logging()      # (a spawned process starts with none)
    BalancedServer(config, board).run(sockets=[sock])


def serve_workers(app: str, workers: int, *, host: str, port: int, **options: Any) -> None:
    """Serve the ASGI app at import string `app` (a factory: `factory=True` in options) with `workers`
    processes on host:port until SIGINT or SIGTERM."""
    config = uvicorn.Config(app, host=host, port=port, workers=workers, **options)
    sock = config.bind_socket()
    board = Board(2 * workers + 2)     # spare slots: a restarted worker need not wait for a dead one's to go stale
    ctx = multiprocessing.get_context("spawn")     # (fork would copy the parent's threads and locks)

    def start() -> multiprocessing.process.BaseProcess:
        proc = ctx.Process(target=_worker, args=(config, sock, board), daemon=False)
        proc.start()
        return proc

    stopping = False

    def stop(signum: int, frame: Any) -> None:
        nonlocal stopping
        stopping = True

    old = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    procs = [start() for _ in range(workers)]
    try:
        while not stopping:
            time.sleep(0.2)
            for i, proc in enumerate(procs):
                if not proc.is_alive() and not stopping:
                    if proc.exitcode == STARTUP_FAILURE:    # the app cannot start: restarting will not help
                        stopping = True
                        break
                    print(f"newsdesk: worker {proc.pid} exited ({proc.exitcode}); starting another",
                          file=sys.stderr)
                    procs[i] = start()
    finally:
        for proc in procs:
            if proc.is_alive():
                os.kill(proc.pid, signal.SIGTERM)
        for proc in procs:
            proc.join(timeout=config.timeout_graceful_shutdown or 30)
            if proc.is_alive():
                proc.kill()
        sock.close()
        for s, handler in old.items():
            signal.signal(s, handler)
