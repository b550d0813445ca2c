"""Search snippets cut in Python (store/snippets.py): which words are marked, which window is shown,
and the hand-back to the engine when the query's words are not found; then through each store backend."""
from __future__ import annotations

from newsdesk.model import Article
from newsdesk.store import Ingest, open_store
from newsdesk.store.query import parse_query
from newsdesk.store.snippets import WINDOW, cut, query_words
from test_store_backends import store_url  # noqa: F401  (the fixture: every backend)

FILLER = "Officials met again on Monday to review the figures in detail. " * 12


def snippet(query: str, text: str, title: str = "A headline") -> str | None:
    return cut(title, text, query_words(parse_query(query)))


def test_inflections_whole_words_and_prefixes_are_marked():
    text = "The company said its shares fell. Other companies shared the view, as a whole."
    assert snippet("share", text).count("[") == 2 and "[shares]" in snippet("share", text)
    assert "[shared]" in snippet("share", text)
    assert "[companies]" in snippet("company", text) and "[company]" in snippet("company", text)
    assert "[whole]" not in (snippet("who", text) or "")       # "who" is not inside "whole"
    assert snippet("comp*", text).startswith("The [company]")


def test_the_window_holds_every_query_word_when_the_text_has_them_together():
    text = ("The court met. " + FILLER + "Later the appeals court issued its ruling on the border. " + FILLER)
    s = snippet("court ruling", text)
    assert "[court]" in s and "[ruling]" in s and s.startswith("…") and s.endswith("…")
    assert len(s) <= WINDOW + 10


def test_a_match_only_in_the_headline_gives_the_marked_headline_and_none_at_all_gives_none():
    assert snippet("comet", "Nothing about it here.", title="Comet seen over the city") == \
        "[Comet] seen over the city"
    assert snippet("Québec", "The border with Quebec was closed.") is None   # diacritics: FTS5's job


def test_store_snippets_mark_matches_and_fall_back_to_the_engine(store_url):
    with open_store(store_url) as store:
        long_text = FILLER * 3 + "She runs along the border every day. " + FILLER
        for i, (title, text) in enumerate([("Border news", long_text),
                                           ("Markets", "Shares in the company rose sharply on Tuesday.")]):
            store.add(Ingest(Article(input=f"in{i}", text=text, title=title), key=f"k{i}", content_hash=f"h{i}"))
        hit = store.search("share")[0]
        assert hit.snippet.startswith("[Shares] in the company")
        # both engines stem "running" and "runs" alike; the expression does not: the engine cuts it
        hit = store.search("running")[0]
        assert "[runs]" in hit.snippet and hit.article.title == "Border news"
