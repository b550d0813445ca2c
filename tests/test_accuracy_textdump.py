"""Accuracy gate: body extraction from text-browser dumps (../shared/eval/textdump, 91 pages).

Scored with the shared scorer's own metric functions on our Python API (no subprocess).
Measured when the floor was set: F1 0.927 (P 0.923, R 0.930); the raw dump scores 0.637.
"""
from __future__ import annotations

import json

import pytest

from newsdesk.errors import NewsdeskError
from newsdesk.extract import extract
from newsdesk.model import Document

from conftest import shared_path, shared_scorer

F1_FLOOR = 0.91
PRECISION_FLOOR = 0.90
RECALL_FLOOR = 0.91


def _scorer():
    return shared_scorer("score_extraction.py")


@pytest.mark.slow
def test_textdump_f1_floor():
    scorer = _scorer()
    folder = shared_path("eval", "textdump")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    rows = []
    for doc_id in sorted(gold):
        path = folder / "txt" / f"{doc_id}.txt"
        try:
            text = extract(Document(input=str(path), data=path.read_bytes())).text
        except NewsdeskError:
            text = ""
        rows.append(scorer.shingle_tp_fp_fn(gold[doc_id]["text"], text))
    m = scorer.aggregate(rows)
    assert m["f1"] >= F1_FLOOR, m
    assert m["precision"] >= PRECISION_FLOOR, m
    assert m["recall"] >= RECALL_FLOOR, m
