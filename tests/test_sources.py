"""Sources over a local HTTP server (allowed explicitly): pages, feeds, sitemaps, robots.txt,
conditional GET, caps, private-address refusal; JSONL and WARC files; directory walking."""
from __future__ import annotations

import gzip
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.errors import FetchError
from newsdesk.sources.inputs import expand, walk
from newsdesk.sources.warc import read_warc
from newsdesk.sources.web import Fetcher, NotModified, normalize_url

PAGE = ("<html><head><title>{t}</title></head><body><article><h1>{t}</h1>"
        + "<p>The council voted on Monday to approve the new budget for the city's schools.</p>" * 5
        + "</article></body></html>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", ctype="text/html; charset=utf-8", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        base = f"http://127.0.0.1:{self.server.server_port}"
        self.server.hits.append(self.path)
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")
        if self.path.startswith("/page"):
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304)
            return self._send(200, PAGE.format(t=self.path).encode(), headers={"ETag": '"v1"'})
        if self.path == "/private/x":
            return self._send(200, PAGE.format(t="secret").encode())
        if self.path == "/big":
            return self._send(200, b"<html>" + b"x" * 5000 + b"</html>")
        if self.path.startswith("/loop"):
            return self._send(302, headers={"Location": "/loop" + str(len(self.path))})
        if self.path == "/feed.xml":
            items = "".join(f"<item><title>Item {n}</title><link>{base}/{p}</link>"
                            f"<pubDate>Mon, 0{n} Feb 2025 10:00:00 GMT</pubDate></item>"
                            for n, p in enumerate(["page1", "page2", "gone"], 1))
            return self._send(200, f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{items}"
                                   "</channel></rss>".encode(), "application/rss+xml")
        if self.path == "/broken.xml":
            return self._send(200, b"<rss><channel><item><title>oops", "application/rss+xml")
        if self.path == "/sitemap.xml":
            return self._send(200, f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                                   f"<url><loc>{base}/page3</loc><lastmod>2025-02-03</lastmod></url>"
                                   f"<url><loc>{base}/private/x</loc></url></urlset>".encode(), "application/xml")
        return self._send(404, b"not found")


@pytest.fixture(scope="module")
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.hits = []
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_port}", srv
    srv.shutdown()


def fetcher(**kw):
    return Fetcher(delay=0.0, allow_private=True, **kw)


def test_private_addresses_are_refused_unless_allowed(server, monkeypatch):
    base, _ = server
    monkeypatch.delenv("NEWSDESK_ALLOW_PRIVATE", raising=False)
    with Fetcher(delay=0.0) as f, pytest.raises(FetchError, match="private or local"):
        f.get(base + "/page1")
    with fetcher() as f:
        assert f.get(base + "/page1").status == 200


def test_robots_conditional_get_caps_and_errors(server):
    base, _ = server
    with fetcher(max_bytes=1000) as f:
        with pytest.raises(FetchError, match="robots.txt"):
            f.get(base + "/private/x")
        doc = f.fetch(base + "/page7")
        assert doc.url == base + "/page7" and doc.content_type == "html"
        with pytest.raises(NotModified):
            f.get(base + "/page7")                        # second time: If-None-Match -> 304
        with pytest.raises(FetchError, match="too large"):
            f.get(base + "/big")
        with pytest.raises(FetchError, match="too many redirects"):
            f.get(base + "/loop")
        with pytest.raises(FetchError, match="HTTP 404"):
            f.get(base + "/missing")


def test_per_host_delay_spaces_requests(server):
    base, _ = server
    import time

    with Fetcher(delay=0.3, allow_private=True) as f:
        f.get(base + "/page20")
        start = time.monotonic()
        f.get(base + "/page21")
        f.get(base + "/page22")
        assert time.monotonic() - start >= 0.55


def test_feed_items_are_fetched_and_a_dead_link_is_a_skip(server):
    base, _ = server
    with fetcher() as f:
        items = list(expand([base + "/feed.xml", base + "/broken.xml"], f))
    pages = [i for i in items if i.document]
    assert [i.input for i in pages] == [base + "/page1", base + "/page2"]
    assert pages[0].document.title == "Item 1" and pages[0].document.published.startswith("2025-02-01")
    errors = [str(i.error) for i in items if i.error]
    assert len(errors) == 2 and "HTTP 404" in errors[0] and "feed" in errors[1]


def test_sitemap_urls_are_fetched_politely(server):
    base, _ = server
    with fetcher() as f:
        items = list(expand([base + "/sitemap.xml"], f))
    assert items[0].document is not None and items[0].key == normalize_url(base + "/page3")
    assert items[1].error is not None and "robots.txt" in str(items[1].error)


def test_warc_html_records_become_documents_and_others_are_counted(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "cc-news.warc.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, ctype, body in [("https://news.example/a", "text/html; charset=utf-8", PAGE.format(t="A").encode()),
                                 ("https://news.example/logo.png", "image/png", b"\x89PNG...."),
                                 ("https://news.example/b", "text/html", PAGE.format(t="B").encode())]:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
        w.write_record(w.create_warc_record("https://news.example/a", "request", payload=io.BytesIO(b"GET /a"),
                                            warc_headers_dict={}))
    out = list(read_warc(str(path)))
    assert [label.rsplit("#", 1)[1] for label, _ in out] == ["1", "2", "3"]
    assert out[0][1].url == "https://news.example/a" and out[2][1].data.startswith(b"<html>")
    assert "not HTML (image/png)" in str(out[1][1])
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(gzip.compress(b"this is not a warc"))
    assert "not a WARC file" in str(list(read_warc(str(bad)))[0][1])


def test_folders_are_walked_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.html").write_text(PAGE.format(t="x"))
    (tmp_path / "a.txt").write_text("Headline\n\nA body paragraph of text.")
    (tmp_path / ".hidden.html").write_text("x")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert walk(str(tmp_path)) == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "x.html")]
    keys = [i.key for i in expand([str(tmp_path)])]
    assert keys == [f"file://{tmp_path / 'a.txt'}", f"file://{tmp_path / 'b' / 'x.html'}"]


def test_normalize_url_drops_tracking_and_fragments():
    assert normalize_url("HTTPS://News.Example:443/a?utm_source=x&id=3#top") == "https://news.example/a?id=3"
