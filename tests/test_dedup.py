"""Syndicated copies on real articles: each Wikinews article republished several times with other
furniture, a new headline and trimmed paragraphs must be folded to its origin, and no two different
articles merged (a fixed subset keeps it fast; no spaCy needed)."""
from __future__ import annotations

import json
import random

from conftest import shared_path
from newsdesk.corpus.dedup import CopyIndex, containment, shingles
from newsdesk.corpus.features import article_features
from newsdesk.model import Article

FURNITURE = [
    "Sign up for our daily newsletter to get the top stories in your inbox every morning.",
    "Advertisement. Story continues below.",
    "Copyright 2020 Example Media Group. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.",
    "Follow us on social media for breaking news, photos and video from around the world.",
    "Related coverage: more stories from our newsroom, updated throughout the day.",
    "Editing by the regional desk. Our standards: the trust principles.",
]


def republish(origin: Article, rng: random.Random, n: int) -> Article:
    paras = origin.paragraphs
    keep = max(2, int(len(paras) * rng.uniform(0.6, 1.0)))     # trimmed from the end, as sites do
    body = paras[:keep]
    if len(body) > 4 and rng.random() < 0.3:                    # sometimes a middle paragraph dropped too
        del body[rng.randrange(1, len(body) - 1)]
    head = rng.sample(FURNITURE, 2)
    tail = rng.sample(FURNITURE, 2)
    return Article(input=f"{origin.input}/copy{n}", text="\n\n".join(head[:1] + body + tail),
                   title=f"Copy {n}: " + " ".join(reversed((origin.title or "").split())),
                   published=f"2021-01-{n + 10:02d}", publisher=f"site{n}.example")


def load_subset(count: int, min_words: int = 120) -> list[Article]:
    path = shared_path("corpus", "wikinews.jsonl")
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    rows = [r for r in rows if len(r["text"].split()) >= min_words and len(r["text"].split("\n\n")) >= 3]
    rng = random.Random(5)
    rng.shuffle(rows)
    return [Article(input=r["url"], text=r["text"], title=r["title"], published=r["published"], url=r["url"])
            for r in rows[:count]]


def test_containment_estimate_is_close_to_exact():
    a = shingles("one two three four five six seven eight nine ten eleven twelve " * 2)
    assert containment(1.0, len(a), len(a)) == 1.0
    assert containment(0.0, 10, 10) == 0.0
    assert abs(containment(1 / 3, 10, 20) - 0.75) < 1e-9   # |A∩B| = 7.5 of min 10


def test_wikinews_copies_fold_to_their_origin_and_nothing_else_merges():
    rng = random.Random(11)
    origins = load_subset(70)
    index = CopyIndex()
    origin_id: dict[int, int] = {}      # article id -> the origin id it should point to (itself for origins)
    next_id = 1
    docs: list[tuple[int, Article, int]] = []
    for o in origins:
        oid = next_id
        next_id += 1
        docs.append((oid, o, oid))
        for n in range(3):
            docs.append((next_id, republish(o, rng, n), oid))
            next_id += 1
    rng.shuffle(docs)                   # copies may arrive before their origin
    for aid, art, truth in docs:
        origin_id[aid] = truth
        feats = article_features(art)
        decision = index.find(feats)
        index.add(aid, feats, decision.origin_id, decision.adopt)
    # every group: one origin (the earliest published = the Wikinews article), all copies point to it
    folded = sum(1 for aid, _, truth in docs if aid != truth and index.origin(aid) == truth)
    copies = sum(1 for aid, _, truth in docs if aid != truth)
    assert folded / copies >= 0.99, f"recall {folded}/{copies}"
    for aid, _, truth in docs:
        assert origin_id[index.origin(aid)] == truth, f"article {aid} merged into another article's group"
    assert all(index.origin(aid) == aid for aid, _, truth in docs if aid == truth)


def test_different_articles_on_one_subject_are_not_copies():
    origins = load_subset(120)
    index = CopyIndex()
    for i, o in enumerate(origins, 1):
        feats = article_features(o)
        decision = index.find(feats)
        assert decision.origin_id is None and not decision.adopt, f"{o.input} taken for a copy"
        index.add(i, feats, None)
