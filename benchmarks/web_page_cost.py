#!/usr/bin/env python3
"""CPU cost of a first visit to each page type: what the reading site spends on a page it has not
made before (its page cache can only answer repeats).

    python3 benchmarks/web_page_cost.py [--db PATH] [--pages 150] [--kinds article,story,search,entity]

Same store and same page URLs as benchmarks/web_latency.py (built there if absent), but no server
and no clients: each URL is requested once through the app's whole ASGI stack (middleware, routing,
views, templates) in this process, with the page cache off and every in-process cache fresh, and
the figure is CPU time (all threads) per request. Unlike latency under load it does not depend on
what else runs on the machine, so it is the figure to compare before/after a change to a page's
code; web_latency.py says what the figures mean for 20 clients.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web_latency  # noqa: E402  (the store builder and the page URLs)


async def visit(app, url: str) -> tuple[int, int]:
    """One GET through the ASGI app; (status, body bytes)."""
    raw, _, query = url.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
             "scheme": "http", "path": unquote(raw), "raw_path": raw.encode(), "query_string": query.encode(),
             "root_path": "", "headers": [(b"host", b"bench"), (b"accept", b"text/html")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    sent = {"status": 0, "size": 0}

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
        elif message["type"] == "http.response.body":
            sent["size"] += len(message.get("body", b""))

    await app(scope, receive, send)
    return sent["status"], sent["size"]


async def measure(db: Path, kinds: list[str], pages: int, seed: int) -> None:
    from newsdesk.web.app import create_app

    urls = web_latency.targets(db, random.Random(11))
    app = create_app(str(db), page_cache_mb=0, serving=True)     # (as `newsdesk serve` makes it)
    async with app.router.lifespan_context(app):       # (computes the corpus aggregates first)
        await visit(app, "/")
        print(f"store: {db} ({db.stat().st_size / 1e6:.0f} MB); first visits, page cache off; "
              f"load average {os.getloadavg()[0]:.1f} (CPU time barely depends on it)")
        print(f"{'page':8} {'n':>5} {'mean ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KB':>6}")
        for kind in kinds:
            sample = random.Random(seed).sample(urls[kind], min(pages, len(urls[kind])))
            for url in sample[:3]:          # imports, template compilation: not a page's cost
                await visit(app, url)
            costs, sizes = [], []
            for url in sample[3:]:
                started = time.process_time()
                status, size = await visit(app, url)
                costs.append((time.process_time() - started) * 1000)
                sizes.append(size)
                if status != 200:
                    raise SystemExit(f"{url}: HTTP {status}")
            costs.sort()
            print(f"{kind:8} {len(costs):5d} {statistics.fmean(costs):8.2f} {web_latency.pct(costs, 50):8.2f} "
                  f"{web_latency.pct(costs, 95):8.2f} {costs[-1]:8.2f} {statistics.fmean(sizes) / 1000:6.0f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--work", default=os.environ.get("NEWSDESK_BENCH_DIR", "/tmp/newsdesk-bench"))
    ap.add_argument("--db", help="use this store instead of building one")
    ap.add_argument("--pages", type=int, default=150, help="distinct pages visited per kind")
    ap.add_argument("--kinds", default="article,story,search,entity")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    db = Path(args.db) if args.db else work / f"web-{args.articles}.db"
    if not db.exists():
        web_latency.build_store(db, work, args.articles)
    web_latency.precompute(db)      # story digests, as ingest leaves them
    asyncio.run(measure(db, args.kinds.split(","), args.pages, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
