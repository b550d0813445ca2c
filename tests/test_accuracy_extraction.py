"""Accuracy gate for HTML extraction: body F1 on the scrapinghub dev pages and date accuracy on a fixed
third of the htmldate dev pages, scored with the shared scorer's own functions.

Floors sit a little under what was measured (body F1 0.985 on all 91 pages, trafilatura alone 0.965;
date accuracy 0.947 on this subset, 0.943 on all 300 pages, htmldate alone 0.883), so a change that
makes extraction worse fails CI (one more wrong date in 150 is 0.0067). Reading and extraction only, no NLP stages: the shared scorer runs
the whole `newsdesk analyze`, which gives the same text and dates.
"""
from __future__ import annotations

import json

import pytest

from conftest import shared_path, shared_scorer

BODY_F1_FLOOR = 0.975
DATE_ACCURACY_FLOOR = 0.93
DATE_SUBSET_STEP = 2  # every second page of the dates set, in id order


def _scorer():
    return shared_scorer("score_extraction.py")


@pytest.fixture(scope="module")
def extractor():
    from newsdesk.pipeline import Pipeline

    return Pipeline(stages=())


def _results(extractor, folder, ids):
    html = shared_path("eval", folder, "html")
    paths = [str(next(html.glob(f"{i}.*"))) for i in ids]
    return {key: result for key, result in extractor.analyze_inputs(paths)}, paths


@pytest.mark.slow
def test_body_f1_floor(extractor):
    scorer = _scorer()
    gold = json.loads(shared_path("eval", "extraction", "gold.json").read_text(encoding="utf-8"))
    ids = sorted(gold)
    results, paths = _results(extractor, "extraction", ids)
    scores = []
    for i, path in zip(ids, paths):
        article = results[path]
        text = getattr(article, "text", "")  # an error counts as empty text, as in the scorer
        scores.append(scorer.shingle_tp_fp_fn(gold[i]["text"], text))
    f1 = scorer.aggregate(scores)["f1"]
    print(f"body F1 {f1:.4f} on {len(ids)} pages")
    assert f1 >= BODY_F1_FLOOR


@pytest.mark.slow
def test_date_accuracy_floor(extractor):
    gold = json.loads(shared_path("eval", "dates", "gold.json").read_text(encoding="utf-8"))
    ids = [i for i in sorted(gold) if gold[i].get("date")][::DATE_SUBSET_STEP]
    results, paths = _results(extractor, "dates", ids)
    right = sum(str(getattr(results[p], "published", None) or "")[:10] == gold[i]["date"]
                for i, p in zip(ids, paths))
    accuracy = right / len(ids)
    print(f"date accuracy {accuracy:.3f} on {len(ids)} pages")
    assert accuracy >= DATE_ACCURACY_FLOOR
