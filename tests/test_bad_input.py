"""Bad input: each case gives a clear one-line error or a low-confidence flag, never a traceback,
and a batch goes on with the rest."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys

import pytest

from newsdesk.errors import ExtractionError, InputError, NewsdeskError
from newsdesk.extract import extract
from newsdesk.extract.decode import decode
from newsdesk.model import Article
from newsdesk.pipeline import Pipeline
from newsdesk.sources.files import read_path

from conftest import FIXTURES

BAD = FIXTURES / "bad"


@pytest.fixture(scope="module")
def extractor():
    """The pipeline without NLP stages: reading and extraction only."""
    return Pipeline(stages=())


def _one(extractor, path, **kw):
    [(key, result)] = list(extractor.analyze_inputs([str(path)], **kw))
    assert key == str(path)
    return result


def _one_line(error: NewsdeskError) -> str:
    message = str(error)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_empty_file(extractor):
    result = _one(extractor, BAD / "empty.html")
    assert isinstance(result, InputError)
    assert _one_line(result).startswith("empty file")


def test_binary_junk(extractor):
    result = _one(extractor, BAD / "junk.bin")
    assert isinstance(result, InputError)
    assert "binary" in _one_line(result)


def test_truncated_gzip(extractor):
    result = _one(extractor, BAD / "truncated.html.gz")
    assert isinstance(result, InputError)
    assert "truncated gzip" in _one_line(result)


@pytest.mark.parametrize("name", ["declares_utf8_is_cp1252.html", "declares_latin1_is_utf8.html"])
def test_wrong_declared_charset_is_read_right(extractor, name):
    article = _one(extractor, BAD / name)
    assert isinstance(article, Article)
    assert article.title == "Neue Radwege für Münster"
    assert "Bürgermeister Jürgen Weiß" in article.text
    assert "\ufffd" not in article.text and "Ã" not in article.text  # no mojibake
    assert article.language == "de"


def test_utf8_with_a_stray_latin1_byte_stays_utf8():
    data = ("<p>" + "Grüße aus Köln. " * 20 + "</p>").encode("utf-8") + b"<p>caf\xe9</p>"
    text = decode(data)
    assert "Grüße aus Köln." in text  # not read as windows-1252 ("GrÃ¼ÃŸe")


def test_page_over_the_default_limit(tmp_path, extractor):
    big = tmp_path / "huge.html"
    with open(big, "wb") as fh:  # 50 MB, written at test time (never committed)
        fh.write(b"<html><body>")
        chunk = b"<p>" + b"word " * 2000 + b"</p>\n"
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
        fh.write(b"</body></html>")
    result = _one(extractor, big)
    assert isinstance(result, InputError)
    assert _one_line(result).startswith("page too large") and "20.0 MB" not in str(result).split("over")[0]


def test_limit_is_configurable(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_bytes((BAD / "not_found.html").read_bytes())
    with pytest.raises(InputError, match="page too large"):
        read_path(page, max_bytes=500)
    monkeypatch.setenv("NEWSDESK_MAX_BYTES", "500")
    with pytest.raises(InputError, match="page too large"):
        read_path(page)
    monkeypatch.delenv("NEWSDESK_MAX_BYTES")
    assert read_path(page).data


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>"))
    with pytest.raises(InputError, match="once decompressed"):
        read_path(bomb, max_bytes=1_000_000)


def test_error_page_is_flagged(extractor):
    article = _one(extractor, BAD / "not_found.html")
    assert isinstance(article, Article)
    assert article.confidence < 0.5
    assert any("error page" in n for n in article.notes)


def test_home_page_is_not_an_article(extractor):
    result = _one(extractor, BAD / "home_page.html")
    if isinstance(result, Article):
        assert result.confidence < 0.5 and any(n.startswith("not an article") for n in result.notes)
    else:
        assert isinstance(result, ExtractionError)
        assert "not an article" in _one_line(result)


def test_a_real_article_is_not_flagged(extractor):
    from conftest import shared_path

    page = next(shared_path("eval", "extraction", "html").glob("0d4612*"))
    article = _one(extractor, page)
    assert isinstance(article, Article) and article.confidence == 1.0, article.notes


def test_markup_that_is_not_html_at_all():
    from newsdesk.model import Document

    with pytest.raises(NewsdeskError):
        extract(Document(input="x.html", data=b"<html><body></body></html>", content_type="html"))


def test_batch_goes_on_and_cli_reports_each_input(tmp_path):
    """One CLI call over every bad case plus a good page: one JSON line each, exit status 1, no traceback."""
    import json

    good = FIXTURES / "html" / "graph_article.html"
    inputs = [str(p) for p in sorted(BAD.iterdir())] + [str(good), str(tmp_path / "missing.html")]
    env = dict(os.environ, NEWSDESK_MAX_BYTES=str(20 * 1024 * 1024))
    proc = subprocess.run([sys.executable, "-c", "from newsdesk.cli import main; main()", "analyze", "--format", "jsonl", "--no-progress",
                           *inputs], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert [r["input"] for r in records] == inputs
    by_name = {os.path.basename(r["input"]): r for r in records}
    assert by_name["empty.html"]["error"].startswith("empty file")
    assert "binary" in by_name["junk.bin"]["error"]
    assert "truncated gzip" in by_name["truncated.html.gz"]["error"]
    assert "no such file" in by_name["missing.html"]["error"]
    assert by_name["graph_article.html"]["title"] == "Storm floods harbour district as river breaks its banks"
    assert by_name["not_found.html"]["confidence"] < 0.5
