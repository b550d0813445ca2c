"""Wire-copy conventions shared by HTML and text pages: the dateline and the credit line."""
from __future__ import annotations

from newsdesk.model import Article


def apply_wire_conventions(article: Article) -> Article:
    """Move a dateline ("MOSCOW (Reuters) -") and a credit line ("(Reporting by ...)") out of the body."""
    return article
