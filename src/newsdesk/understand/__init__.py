"""Article -> Article stages that read the clean text: entities, quotes, times, summary, keywords.

Each stage is a function `(article, doc) -> article` registered under a name, declaring which
stages it needs before it; `newsdesk.pipeline` checks the order when it is built, so a wrong
order fails at start-up, not on the thousandth article. `doc` is the spaCy Doc of
`article.text` (None for stages that do not need one, or when the language is not supported).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from newsdesk.model import Article

StageFn = Callable[[Article, Any], Article]


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    needs: tuple[str, ...] = ()
    needs_doc: bool = True


REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, needs: tuple[str, ...] = (), needs_doc: bool = True) -> Callable[[StageFn], StageFn]:
    def register(fn: StageFn) -> StageFn:
        REGISTRY[name] = Stage(name, fn, needs, needs_doc)
        return fn

    return register
