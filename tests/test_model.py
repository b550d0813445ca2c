from newsdesk.model import Article, Credit, Dateline, Entity, Quote, Span, Takeaway, TimeExpr

CONTRACT_FIELDS = ["input", "title", "publisher", "agency", "authors", "credits", "published", "updated",
                   "dateline", "category", "language", "reading_minutes", "word_count", "standfirst",
                   "site_takeaways", "text", "summary", "takeaways", "entities", "quotes", "times", "keywords"]


def test_empty_article_has_every_contract_field():
    d = Article(input="x").to_dict()
    for name in CONTRACT_FIELDS:
        assert name in d, name
    assert d["authors"] == [] and d["quotes"] == [] and d["title"] is None
    assert d["word_count"] == 0 and d["reading_minutes"] == 0


def test_round_trip_keeps_everything():
    text = "Peskov said on Friday that talks would go on."
    a = Article(
        input="a.txt", text=text, title="T", credits=(Credit("editing", "A B"),),
        dateline=Dateline("MOSCOW", "Reuters"), entities=(Entity("Dmitry Peskov", "PERSON", ("spokesman",), (Span(0, 6),)),),
        quotes=(Quote("Dmitry Peskov", Span(0, 6), "said", Span(7, 11), "talks would go on", Span(27, 44), "indirect"),),
        times=(TimeExpr("on Friday", Span(12, 21), "2025-02-21", "DATE"),),
        takeaways=(Takeaway("Talks go on.", (Span(0, len(text)),)),), keywords=("talks",))
    b = Article.from_dict(a.to_dict())
    assert b == a
    assert a.quotes[0].content_span.of(text) == "talks would go on"


def test_reading_time_rounds_and_never_zero_for_text():
    assert Article(input="x", text="word " * 10).reading_minutes == 1
    assert Article(input="x", text="word " * 460).reading_minutes == 2
