#!/usr/bin/env python3
"""What summaries and takeaways add to the time it takes to analyse an article.

Reads dev articles (FRANK CNN/DM and XSum texts from ../shared/eval/summaries, plus the seed), runs
the full pipeline stage by stage, and prints the per-article time of each step: reading and
extraction, the spaCy pass, each understanding stage. The summary stage (standfirst + takeaways) is
reported as a share of the whole. Goal: <= 10%. Also times one 10,000+ word article.

    python3 benchmarks/summary_cost.py [--limit 60] [--shared ../shared]
"""
from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from newsdesk.model import Article
from newsdesk.pipeline import Pipeline, read_input


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--limit", type=int, default=60, help="articles per set")
    args = ap.parse_args()
    shared = Path(args.shared)
    paths = [shared / "seed" / "article.txt"]
    for name in ("cnndm", "xsum"):
        paths += sorted((shared / "eval" / "summaries" / name / "txt").glob("*.txt"))[:args.limit]

    pipe = Pipeline()
    pipe.nlp("warm up")                      # model load is per process, not per article
    timings: dict[str, float] = defaultdict(float)
    words = 0
    for path in paths:
        t0 = time.perf_counter()
        article = pipe.extract(read_input(str(path)))
        t1 = time.perf_counter()
        doc = pipe.nlp(article.text)
        t2 = time.perf_counter()
        timings["read + extract"] += t1 - t0
        timings["spaCy"] += t2 - t1
        article, stage_times = run_stages(pipe, article, doc)
        for name, secs in stage_times.items():
            timings[f"stage {name}"] += secs
        words += article.word_count

    n = len(paths)
    total = sum(timings.values())
    print(f"{n} articles, {words / n:.0f} words on average")
    print(f"{'step':<20} {'ms/article':>10} {'share':>7}")
    for name, secs in timings.items():
        print(f"{name:<20} {1000 * secs / n:>10.1f} {100 * secs / total:>6.1f}%")
    print(f"{'total':<20} {1000 * total / n:>10.1f}")
    share = timings["stage summary"] / total
    print(f"summary + takeaways add {100 * share:.1f}% of the per-article time (goal <= 10%)")

    paragraphs, count = [], 0
    for path in paths[1:]:
        paragraphs.append(path.read_text(encoding="utf-8").strip())
        count += len(paragraphs[-1].split())
        if count > 10_000:
            break
    long_article = Article(input="long", text="\n\n".join(paragraphs), language="en")
    doc = pipe.nlp(long_article.text)
    _, stage_times = run_stages(pipe, long_article, doc)
    print(f"one {long_article.word_count}-word article: summary stage {1000 * stage_times['summary']:.0f} ms, "
          f"all stages {1000 * sum(stage_times.values()):.0f} ms")


def run_stages(pipe: Pipeline, article: Article, doc) -> tuple[Article, dict[str, float]]:
    times = {}
    for st in pipe.stages:
        t0 = time.perf_counter()
        article = st.fn(article, doc if st.needs_doc else None)
        times[st.name] = time.perf_counter() - t0
    return article, times


if __name__ == "__main__":
    main()
