#!/usr/bin/env python3
"""Speed and memory of the full `analyze` pipeline next to spaCy alone on the same texts.

    python3 benchmarks/pipeline_speed.py [--n 1000] [--corpus ../shared/corpus/wikinews.jsonl]
                                         [--batch-size 16] [--stages entities,quotes,...]

Each mode runs in a fresh process (so each has its own peak memory):
  spacy     `nlp.pipe` over the texts and nothing else — the floor;
  pipeline  `Pipeline.analyze_documents` over the same texts as scraped-text Documents:
            extraction, one spaCy pass in batches, then every stage.
The corpus has fewer than N articles, so texts are recombined (the first half of one article's
paragraphs + the second half of another's) until there are N distinct ones. Prints articles/s,
peak RSS and RSS at each quarter of the run (flat = streaming works), per-stage time, and the
pipeline/spaCy ratio of CPU time (goal: <= 1.3; CPU time, because wall time on a machine shared
with other jobs measures the neighbours too).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews.jsonl"
GOAL_RATIO = 1.3


def load_texts(corpus: Path, n: int) -> list[dict]:
    base = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = list(base)
    k = 1
    while len(records) < n:  # recombine: head of article i + tail of article i+k
        for i, a in enumerate(base):
            if len(records) >= n:
                break
            b = base[(i + k) % len(base)]
            pa, pb = a["text"].split("\n\n"), b["text"].split("\n\n")
            text = "\n\n".join(pa[:max(1, len(pa) // 2)] + pb[len(pb) // 2:])
            records.append({"title": a.get("title"), "published": a.get("published"), "text": text})
        k += 1
    return records[:n]


def rss_mib() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MiB."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def run_mode(mode: str, corpus: Path, n: int, batch_size: int, stages: list[str] | None) -> dict:
    records = load_texts(corpus, n)
    t0 = time.perf_counter()
    stage_time: dict[str, float] = {}
    if mode == "spacy":
        from newsdesk.understand.nlp import load_nlp

        nlp = load_nlp()
        nlp(records[0]["text"])  # warm up, as the pipeline is
        load_s = time.perf_counter() - t0
        stream = nlp.pipe((r["text"] for r in records), batch_size=batch_size)
    else:
        from newsdesk.model import Document
        from newsdesk.pipeline import DEFAULT_STAGES, Pipeline

        pipe = Pipeline(stages or DEFAULT_STAGES)
        # load the model and every stage's lazy data (word lists, lexicons) before the clock starts
        pipe.understand(pipe.extract(Document(input="warm-up", data=records[0]["text"].encode("utf-8"),
                                              content_type="text")))
        pipe.stages = [dataclasses.replace(st, fn=_timed(st.name, st.fn, stage_time)) for st in pipe.stages]
        load_s = time.perf_counter() - t0
        docs = ((f"wikinews#{i}", Document(input=f"wikinews#{i}", data=r["text"].encode("utf-8"),
                                           content_type="text", title=r.get("title"),
                                           published=r.get("published")))
                for i, r in enumerate(records))
        stream = pipe.analyze_documents(docs, batch_size=batch_size)
    checkpoints = {n * q // 4 for q in (1, 2, 3, 4)}
    rss_at, errors, done = [], 0, 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for item in stream:
        done += 1
        if mode == "pipeline" and not hasattr(item[1], "text"):
            errors += 1
        if done in checkpoints:
            rss_at.append(round(rss_mib()[0], 1))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {"mode": mode, "articles": done, "errors": errors, "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "per_second": round(done / seconds, 2), "load_seconds": round(load_s, 2),
            "peak_mib": round(rss_mib()[1], 1), "rss_by_quarter": rss_at,
            "stage_seconds": {k: round(v, 2) for k, v in stage_time.items()},
            "words": sum(len(r["text"].split()) for r in records)}


def _timed(name, fn, into):
    def wrapper(article, doc):
        t = time.process_time()
        try:
            return fn(article, doc)
        finally:
            into[name] = into.get(name, 0.0) + time.process_time() - t

    return wrapper


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=1000)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--stages", help="comma-separated stage names (default: all)")
    p.add_argument("--mode", choices=("spacy", "pipeline"), help=argparse.SUPPRESS)  # worker process
    args = p.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    stages = args.stages.split(",") if args.stages else None
    if args.mode:
        print(json.dumps(run_mode(args.mode, args.corpus, args.n, args.batch_size, stages)))
        return

    results = {}
    for mode in ("spacy", "pipeline"):
        cmd = [sys.executable, __file__, "--mode", mode, "--n", str(args.n), "--corpus", str(args.corpus),
               "--batch-size", str(args.batch_size)] + (["--stages", args.stages] if args.stages else [])
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"{mode} run failed:\n{proc.stderr[-3000:]}")
        results[mode] = json.loads(proc.stdout.strip().splitlines()[-1])

    sp, pl = results["spacy"], results["pipeline"]
    print(f"{args.n} articles ({sp['words']:,} words) from {args.corpus.name}, batch size {args.batch_size}")
    print(f"{'mode':<10}{'wall s':>8}{'CPU s':>8}{'articles/s':>12}{'per CPU s':>10}{'peak MiB':>10}"
          "  RSS MiB at 25/50/75/100%")
    for r in (sp, pl):
        print(f"{r['mode']:<10}{r['seconds']:>8}{r['cpu_seconds']:>8}{r['per_second']:>12}"
              f"{round(r['articles'] / r['cpu_seconds'], 2):>10}{r['peak_mib']:>10}  {r['rss_by_quarter']}")
    total_stage = sum(pl["stage_seconds"].values())
    print("pipeline stages (CPU s): " + ", ".join(f"{k} {v}" for k, v in pl["stage_seconds"].items())
          + f"; all stages {total_stage:.2f}; errors {pl['errors']}")
    # CPU time is the fair comparison on a shared machine; wall time is shown too
    ratio = pl["cpu_seconds"] / sp["cpu_seconds"]
    print(f"pipeline / spaCy CPU time: {ratio:.2f}x (goal <= {GOAL_RATIO}x) -> "
          f"{'OK' if ratio <= GOAL_RATIO else 'OVER'}; wall time {pl['seconds'] / sp['seconds']:.2f}x")
    growth = pl["rss_by_quarter"][-1] - pl["rss_by_quarter"][0] if pl["rss_by_quarter"] else 0.0
    print(f"pipeline RSS growth from 25% to 100% of the run: {growth:+.1f} MiB")


if __name__ == "__main__":
    main()
