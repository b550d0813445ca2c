"""What a story page needs beyond the store's `StoryView`: what each article added, who said what,
and which publishers carried it. Computed from the story's full articles, oldest first."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any, Iterable

from newsdesk.model import Article, Span
from newsdesk.store.base import StoredArticle

# end punctuation (kept with its sentence), then space before a capital; or a paragraph break
_SENTENCE_END = re.compile(r"(?P<end>[.!?][\"'”’)]?)\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|\d[\d,.]*\d|\d")   # matched on lower-cased text
# Words that say nothing about what is new; kept tiny on purpose (content words carry novelty).
_STOP = frozenset("""a an the and or but if of to in on at by for with from as into about than then that this
these those there their they them he she it its his her we our you your i is are was were be been being has
have had do does did not no so such said says say told tell also after before over under more most other
some any all can could would should will may might must one two new year years week weeks day days""".split())

MIN_NOVEL_WORDS = 3
MAX_NEW_ENTITIES = 6


def sentences(text: str) -> list[Span]:
    """Sentence spans of `text` (a light rule: punctuation then a capital, or a paragraph break)."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end("end") if m.group("end") else m.start()
        if text[pos:end].strip():
            spans.append(Span(pos, end))
        pos = m.end()
    if text[pos:].strip():
        spans.append(Span(pos, len(text.rstrip())))
    return spans


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _STOP}


def what_each_added(articles: list[StoredArticle], *, max_sentences: int = 60) -> list[dict[str, Any]]:
    """For each article (oldest first): the sentence that brings the most facts not reported earlier.

    A syndicated copy adds nothing by definition; an article whose best sentence has fewer than
    `MIN_NOVEL_WORDS` unseen content words is reported as repeating earlier coverage. Later articles
    also list the entities they are the first to name.
    """
    seen: set[str] = set()
    named: set[str] = set()
    out: list[dict[str, Any]] = []
    present = {a.id for a in articles}
    for stored in articles:
        a = stored.article
        entry: dict[str, Any] = {"article_id": stored.id, "kind": "repeat", "text": None, "span": None,
                                 "novel_words": 0, "new_entities": []}
        if stored.summary.origin_id in present:
            entry["kind"] = "copy"
            out.append(entry)
            continue
        best: tuple[int, Span] | None = None
        words_here: set[str] = content_words(a.title or "")
        for span in sentences(a.text)[:max_sentences]:
            words = content_words(span.of(a.text))
            novel = len(words - seen)
            if best is None or novel > best[0]:
                best = (novel, span)
            words_here |= words
        if best and best[0] >= MIN_NOVEL_WORDS:
            entry.update(kind="first" if not seen else "new", text=best[1].of(a.text),
                         span=best[1].to_list(), novel_words=best[0])
        # entities this article names first, most mentioned first
        first = sorted((e for e in a.entities if e.name not in named), key=lambda e: -len(e.mentions))
        entry["new_entities"] = [e.name for e in first[:MAX_NEW_ENTITIES]] if seen else []
        named.update(e.name for e in a.entities)
        seen |= words_here
        out.append(entry)
    return out


def quotes_by_speaker(articles: list[StoredArticle]) -> list[dict[str, Any]]:
    """Every quote in the story grouped by speaker; most quoted first, unattributed last.

    A syndicated copy repeats its origin's quotes word for word, so copies whose origin is in the
    story are skipped: each statement is listed once, from the original.
    """
    present = {a.id for a in articles}
    groups: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for stored in articles:
        if stored.summary.origin_id in present:
            continue
        for q in stored.article.quotes:
            groups[q.speaker].append({"article_id": stored.id, "published": stored.summary.published,
                                      "content": q.content, "cue": q.cue, "kind": q.kind,
                                      "content_span": q.content_span.to_list()})
    order = sorted(groups, key=lambda s: (s is None, -len(groups[s]), s or ""))
    return [{"speaker": s, "count": len(groups[s]), "quotes": groups[s]} for s in order]


def publisher_spread(articles: Iterable[StoredArticle]) -> list[dict[str, Any]]:
    counts = Counter(a.summary.publisher or "Unknown publisher" for a in articles)
    return [{"publisher": p, "articles": n} for p, n in counts.most_common()]


def agencies(articles: Iterable[Article]) -> list[str]:
    return sorted({a.agency for a in articles if a.agency})
