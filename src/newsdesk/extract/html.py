"""HTML page -> Article, the body through trafilatura and the metadata through a fallback chain."""
from __future__ import annotations

import trafilatura

from newsdesk.extract.language import detect_language
from newsdesk.model import Article


def extract_html(html: str, *, input: str, url: str | None = None) -> Article:
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True,
                                      as_dict=False)
    if doc is None:
        return Article(input=input, url=url, notes=("trafilatura found no main text",))
    text = "\n\n".join(p.strip() for p in (doc.text or "").split("\n") if p.strip())
    return Article(input=input, url=url or doc.url, text=text, title=doc.title,
                   publisher=doc.sitename, authors=tuple(a.strip() for a in (doc.author or "").split(";") if a.strip()),
                   published=doc.date, category=(doc.categories or [None])[0] if doc.categories else None,
                   language=detect_language(text))
