"""Document -> Article: decode the bytes, then extract the body and metadata from HTML or from a
scraped text page. `extract(document)` is the single entry point."""
from __future__ import annotations

from newsdesk.errors import ExtractionError
from newsdesk.extract.decode import decode, looks_like_html
from newsdesk.extract.wire import apply_wire_conventions
from newsdesk.model import Article, Document


def extract(document: Document) -> Article:
    text = decode(document.data, document.encoding)
    if document.content_type == "html" or (document.content_type is None and looks_like_html(text)):
        from newsdesk.extract.html import extract_html

        article = extract_html(text, input=document.input, url=document.url)
    else:
        from newsdesk.extract.text import extract_text

        article = extract_text(text, input=document.input, url=document.url)
    article = apply_wire_conventions(article)
    if document.title and not article.title:
        article = article.replace(title=document.title)
    if document.published and not article.published:
        article = article.replace(published=document.published)
    if not article.text.strip():
        raise ExtractionError(f"no article text found{': ' + article.notes[-1] if article.notes else ''}")
    return article
