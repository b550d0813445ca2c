#!/usr/bin/env python3
"""Latency of the reading site under load: p50/p95 of article, story, search (and entity, home) pages
with N concurrent clients (default 20) against `newsdesk serve` on a store of 10,000+ articles.

    python3 benchmarks/web_latency.py [--articles 10000] [--clients 20] [--seconds 20] [--workers 2]

The store is built once (cached under --work) by recombining the shared Wikinews corpus: the 293
articles are analysed by the real pipeline, then each synthetic article joins two analysed articles
(text, entities, quotes and takeaways with their spans shifted), with its own title, publisher,
date and category; articles are grouped into stories of 1-8 and about 10% are syndicated copies.
Each client is a closed loop (next request as soon as the last one answers) over random pages, so
the figures include queueing at the server. Goal: p95 < 100 ms on a 2-core machine.
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews.jsonl"
PUBLISHERS = ["Harbour Times", "Valley Courier", "Coastal Ledger", "Daily Meridian", "The Northern Post",
              "Metro Wire", "Evening Standard-Bearer", "Global Desk", "Riverside Herald", "Capital Observer"]
CATEGORIES = ["World", "Politics", "Business", "Science", "Health", "Sport", "Culture", "Technology"]


# ---- building the store ------------------------------------------------------------------------------
def analysed_corpus(work: Path) -> list[dict]:
    """The Wikinews records through the real pipeline (cached as JSONL)."""
    cache = work / "wikinews.analysed.jsonl"
    if cache.exists():
        return [json.loads(line) for line in cache.open(encoding="utf-8")]
    from newsdesk.pipeline import Pipeline
    from newsdesk.sources.jsonl import read_jsonl

    pipeline = Pipeline()
    out = []
    started = time.perf_counter()
    for label, result in pipeline.analyze_documents(read_jsonl(str(CORPUS))):
        if not isinstance(result, Exception):
            out.append(result.to_dict())
    print(f"analysed {len(out)} Wikinews articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    with cache.open("w", encoding="utf-8") as fh:
        for d in out:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return out


def _shift(spans, by):
    return [[s + by, e + by] for s, e in spans]


def combine(a: dict, b: dict, n: int, rng: random.Random) -> dict:
    """Article `a` followed by article `b`, every span of `b` shifted; new metadata."""
    offset = len(a["text"]) + 2
    d = dict(a)
    d["input"] = f"bench:{n}"
    d["url"] = f"https://bench.example/{n}"
    d["text"] = a["text"] + "\n\n" + b["text"]
    d["title"] = f"{a['title']} ({rng.choice(['update', 'analysis', 'report', 'latest', 'explainer'])} {n})"
    d["publisher"] = rng.choice(PUBLISHERS)
    d["category"] = rng.choice(CATEGORIES)
    d["published"] = f"{rng.randint(2019, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    d["summary"] = a["summary"]
    d["takeaways"] = a["takeaways"] + [{"text": t["text"], "sources": _shift(t["sources"], offset)}
                                       for t in b["takeaways"]][:2]
    ents = {e["name"]: dict(e, mentions=list(e["mentions"])) for e in a["entities"]}
    for e in b["entities"]:
        ents.setdefault(e["name"], dict(e, mentions=[]))["mentions"] += _shift(e["mentions"], offset)
    d["entities"] = list(ents.values())
    d["quotes"] = a["quotes"] + [dict(q, content_span=_shift([q["content_span"]], offset)[0],
                                      speaker_span=_shift([q["speaker_span"]], offset)[0] if q["speaker_span"] else None,
                                      cue_span=_shift([q["cue_span"]], offset)[0] if q["cue_span"] else None)
                                 for q in b["quotes"]]
    d["times"] = a["times"] + [dict(t, span=_shift([t["span"]], offset)[0]) for t in b["times"]]
    return d


def build_store(db: Path, work: Path, articles: int, seed: int = 7) -> None:
    from newsdesk.model import Article
    from newsdesk.store.base import Ingest, open_store

    base = analysed_corpus(work)
    rng = random.Random(seed)
    started = time.perf_counter()
    with open_store(str(db)) as store:
        story, left, made = None, 0, []
        for n in range(articles):
            if made and rng.random() < 0.1:          # a syndicated copy of a recent article
                origin_id, origin = made[-rng.randint(1, min(20, len(made)))]
                d = dict(origin, input=f"bench:{n}", url=f"https://bench.example/{n}",
                         publisher=rng.choice(PUBLISHERS))
                art = Article.from_dict(d)
                r = store.add(Ingest(art, key=d["url"], content_hash=f"copy-{n}", origin_id=origin_id,
                                     story_id=origin["_story"]))
                continue
            if left == 0:
                story, left = None, rng.randint(1, 8)
            a, b = rng.sample(base, 2)
            d = combine(a, b, n, rng)
            art = Article.from_dict(d)
            r = store.add(Ingest(art, key=d["url"], content_hash=hashlib.sha1(d["text"].encode()).hexdigest(),
                                 story_id=story, story_title=art.title if story is None else None))
            story, left = r.story_id, left - 1
            d["_story"] = r.story_id
            made.append((r.article_id, d))
        counts = store.counts()
    print(f"built {db} in {time.perf_counter() - started:.0f} s: {counts}", file=sys.stderr)


def precompute(db: Path) -> None:
    """What `newsdesk ingest` computes at the end of a run (the store was written with store.add, as a
    writer that skips the corpus layer would): every story's digest. A store that has them is unchanged."""
    from newsdesk.corpus.timeline import refresh_story_digests
    from newsdesk.store.base import open_store

    started = time.perf_counter()
    with open_store(str(db)) as store:      # (migrates a store built by an older newsdesk)
        done = refresh_story_digests(store)
    if done:
        print(f"computed {done} story digests in {time.perf_counter() - started:.1f} s (ingest-time work)",
              file=sys.stderr)


# ---- load ------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def targets(db: Path, rng: random.Random) -> dict[str, list[str]]:
    """Page URLs per kind, drawn from the whole store so requests are not served from one hot row."""
    from newsdesk.store.base import open_store

    with open_store(str(db), readonly=True) as store:
        counts = store.counts()
        ids = [s.id for s in store.recent(limit=counts["articles"])]
        stories = [v.id for v in store.stories(limit=5000)]
        names = [e.name for e in store.top_entities(limit=400)]
    words = ["election", "police", "earthquake", "court ruling", "president", "football", "climate", "vaccine",
             "protest", "minister said", "hospital", "storm", "company shares", "space", "border"]
    return {
        "article": [f"/articles/{i}" for i in rng.sample(ids, min(2000, len(ids)))],
        "story": [f"/stories/{i}" for i in rng.sample(stories, min(2000, len(stories)))],
        "search": [f"/search?q={quote(w)}" for w in words] + [f"/search?q={quote(n)}" for n in names[:200]],
        "entity": [f"/entities/{quote(n, safe='')}" for n in names[50:400]],
        "home": ["/"],
    }


class Connection:
    """A minimal HTTP/1.1 keep-alive client (httpx costs about as much CPU as the server it measures)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: text/html\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise RuntimeError(f"no content-length for {path}")
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def run_load(host: str, port: int, pages: dict[str, list[str]], mix: dict[str, float], clients: int,
                   seconds: float, rng: random.Random, seen: set[str] | None = None,
                   firsts: dict[str, int] | None = None) -> dict[str, list[float]]:
    """Latencies per page kind. `seen` collects the URLs asked for (across runs); `firsts` counts
    the requests for a URL no client had asked for before: pages no server process can have cached."""
    seen = set() if seen is None else seen
    firsts = {} if firsts is None else firsts
    kinds = list(mix)
    weights = [mix[k] for k in kinds]
    results: dict[str, list[float]] = {k: [] for k in kinds}
    errors: list[str] = []
    stop = time.perf_counter() + seconds

    async def client(cid: int) -> None:
        local = random.Random(rng.random())
        conn = Connection(host, port)
        try:
            while time.perf_counter() < stop:
                kind = local.choices(kinds, weights)[0]
                url = local.choice(pages[kind])
                if url not in seen:
                    seen.add(url)
                    firsts[kind] = firsts.get(kind, 0) + 1
                t0 = time.perf_counter()
                status = await conn.get(url)
                results[kind].append((time.perf_counter() - t0) * 1000)
                if status != 200:
                    errors.append(f"{status} {url}")
        finally:
            conn.close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    if errors:
        print(f"{len(errors)} non-200 answers, e.g. {errors[:3]}", file=sys.stderr)
    return results


def process_tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and its descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, (ppid, _) in stats.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(stats[p][1] for p in tree if p in stats)


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--warmup", type=float, default=3)
    ap.add_argument("--workers", type=int, default=2, help="server processes (one per core)")
    ap.add_argument("--threads", type=int, help="threads per server process (default: newsdesk serve's)")
    ap.add_argument("--page-cache-mb", type=int, help="newsdesk serve --page-cache-mb (0: render every request)")
    ap.add_argument("--work", default=os.environ.get("NEWSDESK_BENCH_DIR", "/tmp/newsdesk-bench"))
    ap.add_argument("--db", help="use this store instead of building one")
    ap.add_argument("--mix", default="article=0.5,story=0.25,search=0.25",
                    help="page kinds and their shares of the requests (also: entity, home), "
                         "e.g. article=0.4,story=0.2,search=0.2,entity=0.1,home=0.1")
    args = ap.parse_args()

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    db = Path(args.db) if args.db else work / f"web-{args.articles}.db"
    if not db.exists():
        build_store(db, work, args.articles)
    precompute(db)
    rng = random.Random(11)
    pages = targets(db, rng)

    load_before = os.getloadavg()[0]       # other work on the machine (the run itself adds ~2)
    port = free_port()
    cmd = ["newsdesk", "serve", "--db", str(db), "--port", str(port), "--workers", str(args.workers)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    if args.page_cache_mb is not None:
        cmd += ["--page-cache-mb", str(args.page_cache_mb)]
    server = subprocess.Popen(cmd)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("server did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        mix = {k: float(v) for k, v in (part.split("=") for part in args.mix.split(","))}
        seen: set[str] = set()
        asyncio.run(run_load("127.0.0.1", port, pages, mix, args.clients, args.warmup, rng, seen))
        cpu_before, client_before = process_tree_cpu(server.pid), time.process_time()
        firsts: dict[str, int] = {}
        results = asyncio.run(run_load("127.0.0.1", port, pages, mix, args.clients, args.seconds, rng, seen, firsts))
        server_cpu = process_tree_cpu(server.pid) - cpu_before
        client_cpu = time.process_time() - client_before     # the load generator shares the cores
    finally:
        server.terminate()
        server.wait(timeout=20)

    total = sum(len(v) for v in results.values())
    print(f"store: {db} ({db.stat().st_size / 1e6:.0f} MB); {args.clients} concurrent clients, {args.seconds:.0f} s, "
          f"{args.workers} server process(es), {os.cpu_count()} CPUs, load average {load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after")
    print(f"throughput: {total / args.seconds:.0f} requests/s over {total} requests; server CPU "
          f"{server_cpu * 1000 / max(total, 1):.1f} ms per request (mixed pages), i.e. about "
          f"{total * min(args.workers, os.cpu_count() or 1) / max(server_cpu, 1e-9):.0f} requests/s "
          f"if the server had {min(args.workers, os.cpu_count() or 1)} idle core(s)")
    print(f"cores busy: server {server_cpu / args.seconds:.2f}, load generator {client_cpu / args.seconds:.2f} "
          f"({client_cpu * 1000 / max(total, 1):.2f} ms CPU per request) of {os.cpu_count()}")
    # first: requests for a page asked for the first time in the run (warm-up included); each server
    # process keeps its own page cache, so its misses are more, and a faster server repeats more pages
    print(f"{'page':8} {'n':>6} {'first':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8}")
    for kind, values in results.items():
        print(f"{kind:8} {len(values):6d} {firsts.get(kind, 0) / max(len(values), 1):6.0%} {pct(values, 50):8.1f} "
              f"{pct(values, 95):8.1f} {pct(values, 99):8.1f} {statistics.fmean(values) if values else float('nan'):8.1f}")
    goal_pages = [k for k in ("article", "story", "search") if results.get(k)]
    if goal_pages:      # (a mix of only entity or home pages has no figure to judge)
        worst = max(pct(results[k], 95) for k in goal_pages)
        print(f"goal p95 < 100 ms for article/story/search: {'met' if worst < 100 else 'NOT met'} "
              f"(worst p95 {worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
