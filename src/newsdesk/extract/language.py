"""Language identification with py3langid (an offline model shipped inside the package)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language_with_confidence(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of `text`; (None, 0.0) when the text is too short to tell."""
    sample = " ".join(text[:4000].split())[:2000]  # 2000 characters decide as well as the whole text
    if len(sample) < 20:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`, or None when the text is too short or the guess too weak."""
    lang, prob = detect_language_with_confidence(text)
    return lang if prob >= 0.5 else None
