"""A scraped plain-text page -> Article."""
from __future__ import annotations

import re

from newsdesk.extract.language import detect_language
from newsdesk.model import Article


def extract_text(raw: str, *, input: str, url: str | None = None) -> Article:
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", raw) if b.strip()]
    title = None
    if len(blocks) > 1 and len(blocks[0].split()) <= 25 and "\n" not in blocks[0]:
        title = blocks.pop(0)
    text = "\n\n".join(" ".join(b.split()) for b in blocks)
    return Article(input=input, url=url, text=text, title=title, language=detect_language(text))
