"""Keywords: most important first, merged with canonical entities, never page furniture."""
from __future__ import annotations

import pytest

from newsdesk.model import Article, Credit
from newsdesk.understand.entities import find_entities
from newsdesk.understand.keywords import FURNITURE_WORDS, MAX_KEYWORDS, key_phrases
from newsdesk.understand.nlp import load_nlp

from conftest import shared_path

STORY = (
    "Ethiopia began filling the Grand Ethiopian Renaissance Dam on the Blue Nile on Monday, the water "
    "ministry said, defying objections from Egypt and Sudan.\n\n"
    "Egyptian Foreign Minister Sameh Shoukry said the dam threatened the water supply of 100 million "
    "Egyptians. Shoukry called for binding arbitration before any further filling of the reservoir.\n\n"
    "Ethiopian Prime Minister Abiy Ahmed said the dam would bring electricity to 60 million people. "
    "Abiy said talks brokered by the African Union would continue, and the reservoir would be filled "
    "over seven years.\n\n"
    "Sudan, downstream of the dam, said its own dams needed data on water releases."
)
FURNITURE = "Published by Daily Planet Media Group\nPosted on July 14, 2020\n4 min read\n\n"
CREDIT = "\n\n(Reporting by Lena Okafor; Editing by Piers Hammond)"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def keywords(nlp, text, **fields):
    doc = nlp(text)
    article = Article(input="t", text=text, entities=find_entities(doc), **fields)
    return key_phrases(article, doc)


def test_story_keywords_come_first_and_are_merged_with_entities(nlp):
    kw = keywords(nlp, STORY)
    assert 5 <= len(kw) <= MAX_KEYWORDS
    folded = [k.casefold() for k in kw]
    assert "ethiopia" in folded
    assert any("renaissance dam" in k for k in folded[:5])
    assert "Sameh Shoukry" in kw and "Abiy Ahmed" in kw          # canonical names, not "Shoukry"/"Abiy"
    assert "Shoukry" not in kw and "Abiy" not in kw
    assert len(folded) == len(set(folded))
    # the story's own subject outranks a phrase said once at the very end
    assert folded.index("ethiopia") < next((i for i, k in enumerate(folded) if "releases" in k), len(folded))


def test_furniture_lines_and_credits_never_become_keywords(nlp):
    text = FURNITURE + STORY + CREDIT
    for fields in ({}, {"publisher": "Daily Planet Media Group",
                        "credits": (Credit("reporting", "Lena Okafor"), Credit("editing", "Piers Hammond"))}):
        kw = keywords(nlp, text, **fields)
        folded = " | ".join(kw).casefold()
        for junk in ("daily planet", "min read", "posted", "published by", "okafor", "hammond", "july"):
            assert junk not in folded, (junk, kw)
        assert any("dam" in k.casefold() for k in kw)


def test_furniture_words_pattern():
    for junk in ("2 min read", "3 min readLast updated", "Posted on", "Subscribe to our newsletter",
                 "Explore more articles in the Headlines category"):
        assert FURNITURE_WORDS.search(junk), junk
    for fine in ("minimum wage", "reading list", "publisher Penguin", "ministry"):
        assert not FURNITURE_WORDS.search(fine), fine


def test_no_text_no_keywords(nlp):
    assert keywords(nlp, "") == ()
    assert keywords(nlp, "He said so.") == ()


def test_seed_keywords_without_furniture():
    from newsdesk.pipeline import Pipeline

    article = Pipeline(stages=("entities", "keywords")).analyze(str(shared_path("seed", "article.txt")))
    kw = [k.casefold() for k in article.keywords]
    assert kw and len(kw) <= MAX_KEYWORDS
    assert not [k for k in kw if any(j in k for j in ("finance review", "posted", "min read", "published by"))]
    assert "kremlin" in kw[:5]
    assert {"donald trump", "vladimir putin", "dmitry peskov"} & set(kw[:5])
