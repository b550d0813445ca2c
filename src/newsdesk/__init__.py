"""newsdesk: a news-intelligence engine.

    >>> import newsdesk
    >>> article = newsdesk.analyze("page.html")        # a path, URL, '-' or a Document
    >>> article.to_dict()["quotes"]
"""
from newsdesk.model import Article, Document, Entity, Quote, Span, Story, Takeaway, TimeExpr
from newsdesk.pipeline import Pipeline, analyze, analyze_text

__all__ = ["Article", "Document", "Entity", "Pipeline", "Quote", "Span", "Story", "Takeaway", "TimeExpr",
           "analyze", "analyze_text"]
__version__ = "0.1.0"
