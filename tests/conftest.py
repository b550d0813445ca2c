"""Shared fixtures. Data from ../shared is read in place (never copied into the repository);
tests that need it skip with a clear message when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (set NEWSDESK_SHARED to the shared/ folder)")
    return path


def shared_scorer(filename: str):
    """Import one of the shared scorers (e.g. "score_times.py") as a module, to reuse its own metric code."""
    import importlib.util

    path = shared_path("eval", filename)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def pipeline():
    """The full pipeline, models loaded once per test session."""
    from newsdesk.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_article(pipeline):
    return pipeline.analyze(str(shared_path("seed", "article.txt")))


@pytest.fixture(scope="session")
def understand():
    """Run the entities and quotes stages on a hand-made text and check every quote's spans point
    into it. `understand(text, entities)` keeps the given canonical entities (quotes stage only)."""
    from newsdesk.model import Article
    from newsdesk.pipeline import Pipeline

    pipe = Pipeline(stages=("entities", "quotes"))

    def run(text: str, entities=()):
        article = Article(input="<test>", text=text, language="en", entities=tuple(entities))
        if entities:
            article = pipe.stages[1].fn(article, pipe.nlp(text))
        else:
            article = pipe.understand(article)
        for q in article.quotes:
            assert q.content_span.of(article.text) == q.content
            if q.cue_span is not None:
                assert q.cue_span.of(article.text) == q.cue
            if q.speaker_span is not None:
                assert 0 <= q.speaker_span.start < q.speaker_span.end <= len(article.text)
        return article

    return run


def first_quote(article, words: str):
    """The first quote record whose content holds `words` (case-blind); fails when there is none.
    (The `understand` fixture has already checked every record's spans.)"""
    hits = [q for q in article.quotes if words.lower() in q.content.lower()]
    assert hits, f"no statement containing {words!r}: {[q.content for q in article.quotes]}"
    return hits[0]


def one_quote(article, words: str):
    """The only quote record whose content holds `words` (case-blind); fails when there are none or several."""
    hits = [q for q in article.quotes if words.lower() in q.content.lower()]
    assert len(hits) == 1, f"{words!r} in {[q.content for q in article.quotes]}"
    return hits[0]
