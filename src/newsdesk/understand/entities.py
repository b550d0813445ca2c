"""Canonical entities with titles and mentions."""
from __future__ import annotations

from newsdesk.model import Article
from newsdesk.understand import stage


@stage("entities")
def add_entities(article: Article, doc) -> Article:
    return article
