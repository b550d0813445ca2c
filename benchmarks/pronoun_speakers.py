"""Who "he" and "she" are: how often a statement's pronoun speaker resolves to the person PolNeAR's
own coreference chains name.

The quotes scorer counts a pronoun speaker right when `speaker_span` is the pronoun, whoever we
resolve it to, so it cannot see pronoun resolution. PolNeAR ships automatic CoreNLP (dcoref)
chains for each source (`coref_names`); they are noisy, so the figure is an agreement rate for
comparing versions, not an accuracy.

    python3 ../shared/eval/score_quotes.py --cmd newsdesk --jobs 2 --details /tmp/qd
    python3 benchmarks/pronoun_speakers.py /tmp/qd/newsdesk.details.jsonl

Prints, for "he"/"she" and for "they": matched statements whose gold source is that pronoun and
has chain names; how many of our speakers share a name word with the chain (agree), share none
(disagree) or are missing. "they" chains are few and noisier still.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "..", "shared", "eval", "quotes", "gold.jsonl")
WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("details", help="LABEL.details.jsonl written by score_quotes.py --details")
    ap.add_argument("--gold", default=GOLD)
    args = ap.parse_args(argv)
    if not os.path.exists(args.gold):
        print(f"no gold file at {args.gold} (../shared is needed)", file=sys.stderr)
        return 2
    gold = {}
    with open(args.gold, encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            gold[g["id"]] = {a["content"]["text"]: a for a in g["attributions"]}
    for pronouns in (("he", "she"), ("they",)):
        report(args.details, gold, pronouns)
    return 0


def report(details: str, gold: dict, pronouns: tuple[str, ...]) -> None:
    counts = collections.Counter()
    with open(details, encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            for g in article["gold"]:
                if not g["matched"] or (g["source"] or "").lower() not in pronouns:
                    continue
                attribution = gold[article["id"]].get(g["content"])
                names = ((attribution or {}).get("source") or {}).get("coref_names") or []
                if not names:
                    continue
                chain = set().union(*(words(n) for n in names))
                if not g["pred_speaker"]:
                    counts["missing"] += 1
                else:
                    counts["agree" if words(g["pred_speaker"]) & chain else "disagree"] += 1
    judged = counts["agree"] + counts["disagree"]
    print(f"{'/'.join(pronouns)} speakers with CoreNLP chain names: {judged + counts['missing']}: "
          f"agree {counts['agree']}  disagree {counts['disagree']}  missing {counts['missing']}  "
          f"agreement {100 * counts['agree'] / max(judged, 1):.1f}%")


if __name__ == "__main__":
    sys.exit(main())
