"""Key phrases, most important first, merged with canonical entities."""
from __future__ import annotations

from newsdesk.model import Article
from newsdesk.understand import stage


@stage("keywords", needs=("entities",))
def add_keywords(article: Article, doc) -> Article:
    return article
