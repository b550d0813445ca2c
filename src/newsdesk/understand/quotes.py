"""Attributed statements: direct, indirect and mixed quotes with their speakers."""
from __future__ import annotations

from newsdesk.model import Article
from newsdesk.understand import stage


@stage("quotes", needs=("entities",))
def add_quotes(article: Article, doc) -> Article:
    return article
