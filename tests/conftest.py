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
