"""Time expressions resolved against the publication date (TIMEX3 values)."""
from __future__ import annotations

from newsdesk.model import Article
from newsdesk.understand import stage


@stage("times")
def add_times(article: Article, doc) -> Article:
    return article
