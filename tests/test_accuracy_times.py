"""Accuracy gate for `times` on the TempEval-3 dev set (TimeBank + AQUAINT, ../shared/eval/times).

Scored with the shared scorer's own functions (`score_times.score`), on a fixed, deterministic
half of the dev set (every second article by id) to stay fast: the articles are extracted as
`analyze` would, parsed with spaCy in batches, and given to the `times` stage directly.
The floors sit a little under what was measured when they were set (see the comments).
"""
from __future__ import annotations

import json

import pytest

from conftest import shared_path, shared_scorer

# measured on this subset (128 articles, 928 gold timexes): value F1 79.3, span F1 92.7,
# DATE+TIME value F1 79.8 (the whole dev set: 80.3 / 93.5)
MIN_VALUE_F1 = 0.77
MIN_SPAN_F1 = 0.91
MIN_DATE_TIME_VALUE_F1 = 0.77


def _scorer():
    return shared_scorer("score_times.py")


@pytest.fixture(scope="module")
def scored():
    from newsdesk.extract import extract
    from newsdesk.pipeline import read_input
    from newsdesk.understand.nlp import load_nlp
    from newsdesk.understand.times import add_times

    data = shared_path("eval", "times")
    gold = [json.loads(line) for line in (data / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    gold = sorted(gold, key=lambda g: g["id"])[::2]
    files = [data / "txt" / f"{g['id']}.txt" for g in gold]
    raws = [open(f, encoding="utf-8", newline="").read() for f in files]
    articles = [extract(read_input(str(f))).replace(published=g["dct"]) for g, f in zip(gold, files)]
    nlp = load_nlp()
    docs = nlp.pipe([a.text for a in articles], batch_size=16)
    outputs = [add_times(a, d).to_dict() for a, d in zip(articles, docs)]
    return _scorer().score(gold, raws, outputs)


def test_value_f1_all_types(scored):
    assert scored["all"]["value_f1"] >= MIN_VALUE_F1, scored["all"]


def test_span_f1_all_types(scored):
    assert scored["all"]["span_f1"] >= MIN_SPAN_F1, scored["all"]


def test_value_f1_dates_and_times(scored):
    assert scored["DT"]["value_f1"] >= MIN_DATE_TIME_VALUE_F1, scored["DT"]


def test_every_article_analysed(scored):
    assert scored.get("errors", 0) == 0
