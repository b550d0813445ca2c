"""Corpus at scale: ingest speed, and how syndicated-copy detection + story clustering grow with size.

    python3 benchmarks/corpus_scale.py [--sizes 1000,3000,10000,30000,100000] [--pipeline 100]

1. `--pipeline N`: N real articles (timeline17) through the whole `newsdesk ingest` path (spaCy and
   all stages, store writes) -> articles/s.
2. For each size: that many articles made by recombining the real corpus (timeline17's 2,297 articles
   + Wikinews): each is 10-15 sentences drawn from five articles of one timeline topic, dated near one of
   them and shifted by whole years per "epoch" so that there are many distinct events; 15% are
   republished copies of an earlier one (furniture, new headline, trimmed). They go through
   `Corpus.add` (features, MinHash LSH, online story assignment, one SQLite transaction each) and a
   final consolidation, without the NLP stages (measured in 1.). Prints seconds per phase, microseconds
   per article, the growth exponent between sizes (1.0 = linear) and a projection for 1M articles.
"""
from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from newsdesk.corpus.ingest import Corpus, content_hash, ingest
from newsdesk.model import Article
from newsdesk.store import open_store

SHARED = Path(os.environ.get("NEWSDESK_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FURNITURE = ["Sign up for our newsletter to get the day's top stories.", "Advertisement",
             "Follow us for breaking news and analysis, around the clock.", "All rights reserved."]


def load_pool() -> dict[str, list[dict]]:
    """Real articles grouped by topic: timeline17 topics, and Wikinews as one more 'topic' per month."""
    topics: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(SHARED / "corpus" / "timeline17" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            topics[r["topic"]].append(r)
    with open(SHARED / "corpus" / "wikinews.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            topics["wikinews-" + r["published"][:7]].append(r)
    return topics


def sentences(text: str) -> list[str]:
    return [s.strip() for s in text.replace("\n\n", "\n").split("\n") if len(s.split()) >= 6]


def synthesize(n: int, pool: dict[str, list[dict]], seed: int = 1) -> list[Article]:
    rng = random.Random(seed)
    names = sorted(pool)
    made: list[Article] = []
    for i in range(n):
        if made and rng.random() < 0.15:                   # a syndicated copy of an earlier article
            src = made[rng.randrange(len(made))]
            paras = src.paragraphs[:max(2, int(len(src.paragraphs) * rng.uniform(0.6, 1.0)))]
            made.append(Article(input=f"synthetic#{i}", text="\n\n".join([rng.choice(FURNITURE)] + paras),
                                title=f"Republished: {src.title}", published=src.published))
            continue
        topic = names[rng.randrange(len(names))]
        docs = pool[topic]
        base = docs[rng.randrange(len(docs))]
        epoch = (i // 2000) * 2                                # a new run of events every 2,000 articles
        sents: list[str] = []
        for other in [base] + rng.sample(docs, min(4, len(docs))):   # 2-3 sentences from each of 5 articles
            pick = sentences(other["text"])
            sents += rng.sample(pick, min(len(pick), rng.randint(2, 3)))
        year = int(base["published"][:4]) + epoch
        made.append(Article(input=f"synthetic#{i}", text="\n\n".join(s for s in sents if s),
                            title=(base.get("title") or sents[0][:80]),
                            published=f"{year}{base['published'][4:10]}"))
    return made


def bench_size(n: int, pool) -> dict[str, float]:
    articles = synthesize(n, pool)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.db") as store:
        corpus = Corpus(store)
        t0 = time.perf_counter()
        copies = 0
        for a in articles:
            _, is_copy = corpus.add(a, key=a.input + content_hash(a)[:8])
            copies += is_copy
        t1 = time.perf_counter()
        moved = corpus.consolidate()
        t2 = time.perf_counter()
        stories = store.counts()["stories"]
    return {"n": n, "add_s": t1 - t0, "consolidate_s": t2 - t1, "copies": copies, "stories": stories,
            "moved": moved}


def bench_pipeline(n: int, pool) -> float:
    rows = [r for t, docs in sorted(pool.items()) if not t.startswith("wikinews") for r in docs]
    rng = random.Random(2)
    rows = rng.sample(rows, n)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("".join(json.dumps({"title": r.get("title"), "published": r["published"],
                                           "text": r["text"]}) + "\n" for r in rows), encoding="utf-8")
        from newsdesk.pipeline import Pipeline

        pipeline = Pipeline()
        pipeline.nlp  # load the model outside the timing
        with open_store(Path(tmp) / "s.db") as store:
            t0 = time.perf_counter()
            report = ingest([str(src)], store, pipeline=pipeline)
            elapsed = time.perf_counter() - t0
    print(f"full ingest (all stages): {report.summary()} in {elapsed:.1f}s = {n / elapsed:.1f} articles/s")
    return n / elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,3000,10000", help="comma-separated article counts")
    ap.add_argument("--pipeline", type=int, default=100, help="articles for the full-pipeline rate (0: skip)")
    args = ap.parse_args()
    if not (SHARED / "corpus").exists():
        sys.exit(f"shared corpus not found under {SHARED} (set NEWSDESK_SHARED)")
    pool = load_pool()
    print(f"pool: {sum(map(len, pool.values()))} real articles in {len(pool)} topics; {os.cpu_count()} cores")
    if args.pipeline:
        bench_pipeline(args.pipeline, pool)
    rows = []
    print(f"{'articles':>9} {'add s':>8} {'us/art':>7} {'consol s':>9} {'copies':>7} {'stories':>8} {'exp':>5}")
    for n in (int(x) for x in args.sizes.split(",")):
        r = bench_size(n, pool)
        total = r["add_s"] + r["consolidate_s"]
        exp = ""
        if rows:
            prev = rows[-1]
            exp = f"{math.log(total / (prev['add_s'] + prev['consolidate_s'])) / math.log(n / prev['n']):.2f}"
        rows.append(r)
        print(f"{n:>9} {r['add_s']:>8.1f} {1e6 * r['add_s'] / n:>7.0f} {r['consolidate_s']:>9.1f} "
              f"{r['copies']:>7} {r['stories']:>8} {exp:>5}", flush=True)
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        ta, tb = a["add_s"] + a["consolidate_s"], b["add_s"] + b["consolidate_s"]
        k = math.log(tb / ta) / math.log(b["n"] / a["n"])
        proj = tb * (1_000_000 / b["n"]) ** k
        print(f"growth exponent {a['n']}->{b['n']}: {k:.2f}; projected dedup+clustering for 1M articles: "
              f"{proj / 3600:.1f} h ({proj / 1e6 * 1e3:.1f} ms/article)")


if __name__ == "__main__":
    main()
