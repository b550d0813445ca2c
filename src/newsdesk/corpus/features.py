"""What the corpus layer computes once per article and keeps (as `Ingest.features`) to find copies and
stories later without re-reading the text:

* `terms`: the article's strongest words, weighted by sublinear term frequency x rarity in general
  English (wordfreq's Zipf scale, not the corpus's own document frequencies: the weight of a word does
  not depend on which articles came before, so ingest order does not change vectors);
* `names`: canonical entity names from the understanding stage when present, else capitalised words
  inside sentences (a cheap, model-free stand-in for proper nouns);
* `date`: the best date for the event: the publication date, else a date line near the top, else none;
* `mh` / `shingles`: the MinHash signature of the body's word shingles (see dedup.py).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from functools import lru_cache

from newsdesk.model import Article

TOP_TERMS = 80          # enough to compare stories; small enough to keep per article
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*[A-Za-z0-9]|[A-Za-z]|\d[\d.,:-]*\d|\d")
_SENTENCE = re.compile(r"(?<=[.!?\"”])\s+")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DATE_LINE = re.compile(
    r"^\W*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(?P<m1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]{3,9})\.?,?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))\b", re.I)


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS | {"said", "says", "say", "told", "according", "reported", "news"})


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """An IDF-like weight from general English frequency: 'the' ~0.5, 'heavyweight' ~4.4, names ~8."""
    from wordfreq import zipf_frequency

    return max(0.5, 8.0 - zipf_frequency(word, "en"))


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def content_words(text: str) -> list[str]:
    stops = stop_words()
    return [t for t in tokens(text) if len(t) > 1 and t not in stops]


def term_vector(text: str, top: int = TOP_TERMS) -> dict[str, float]:
    """Unit-length {term: weight} of the `top` strongest terms."""
    counts = Counter(content_words(text))
    weights = {w: (1.0 + math.log(n)) * rarity(w) for w, n in counts.items()}
    best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    norm = math.sqrt(sum(v * v for _, v in best)) or 1.0
    return {w: round(v / norm, 5) for w, v in best}


def capitalised_names(text: str) -> list[str]:
    """Capitalised words that do not open a sentence: a model-free proxy for proper nouns."""
    out = []
    for para in text.split("\n\n"):
        for sentence in _SENTENCE.split(para):
            words = _TOKEN.findall(sentence)
            out.extend(w for w in words[1:] if w[0].isupper() and len(w) > 1 and w.lower() not in stop_words())
    return out


def entity_names(article: Article) -> list[str]:
    """One item per mention: canonical entity names (when the understanding stage found entities)
    plus the capitalised words of headline and body (which also covers names the tagger missed)."""
    canonical = [e.name for e in article.entities if e.type in ENTITY_TYPES for _ in range(max(1, len(e.mentions)))]
    return canonical + capitalised_names(story_text(article))


def event_date(article: Article) -> str | None:
    """The publication date, else a date line among the first paragraphs (scraped pages keep one)."""
    if article.published:
        return article.published[:10]
    for para in article.paragraphs[:3]:
        if len(para) > 60:
            continue
        m = _DATE_LINE.match(para.strip())
        if not m:
            continue
        try:
            if m["y1"]:
                y, mo, d = int(m["y1"]), _MONTHS.get(m["m1"].lower()), int(m["d1"])
            elif m["y2"]:
                y, mo, d = int(m["y2"]), _MONTHS.get(m["m2"].lower()), int(m["d2"])
            else:
                y, mo, d = int(m["y3"]), int(m["m3"]), int(m["d3"])
            if mo:
                return date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None


def days_between(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def story_text(article: Article) -> str:
    """What story clustering reads: headline + body."""
    return f"{article.title or ''}\n\n{article.text}"


def article_features(article: Article) -> dict:
    from newsdesk.corpus.dedup import signature

    mh, n_shingles = signature(article.text)
    names = Counter(entity_names(article))
    return {
        "terms": term_vector(story_text(article)),
        "names": dict(names.most_common(30)),
        "date": event_date(article),
        "mh": mh,
        "shingles": n_shingles,
        "agency": article.agency or (article.dateline.agency if article.dateline else None),
        "publisher": article.publisher,
    }
