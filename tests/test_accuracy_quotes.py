"""Accuracy gate for `quotes` on a fixed subset of the PolNeAR dev set (every 10th article,
all seven outlets), scored with the shared scorer's own functions. Floors sit a little under
what was measured when they were pinned; raise them when the figures rise."""
from __future__ import annotations

import json

from conftest import shared_path, shared_scorer

STEP = 10
FLOORS = {
    "e2e_f1": 0.638,        # measured 0.645
    "content_f1": 0.678,    # 0.685
    # 0.799: doubled-apostrophe quotes (''…'') are direct quotes to us but not "direct" in the
    # gold (its flag counts only “…” and "…"), so finding them costs this subset precision
    "direct_e2e_f1": 0.785,
    "speaker_acc": 0.934,    # 0.941
}


def _scorer():
    return shared_scorer("score_quotes.py")


def test_quotes_accuracy_gate(pipeline):
    scorer = _scorer()
    data = shared_path("eval", "quotes")
    gold = [json.loads(line) for line in (data / "gold.jsonl").open(encoding="utf-8")][::STEP]
    files = [str(data / "txt" / f"{g['id']}.txt") for g in gold]
    outputs = []
    for _, article in pipeline.analyze_inputs(files):
        outputs.append(article.to_dict() if hasattr(article, "to_dict") else {"error": str(article)})
    result = scorer.score(gold, outputs)
    figures = {k: round(result[k], 4) for k in FLOORS}
    print("quotes accuracy on", len(gold), "articles:", figures)
    assert result["errors"] == 0
    for key, floor in FLOORS.items():
        assert result[key] >= floor, f"{key} fell to {result[key]:.3f} (floor {floor})"
