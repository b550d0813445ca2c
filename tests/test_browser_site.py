"""The reading site in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

The seed article and a hostile page (tests/fixtures/web/hostile.html: <script> elements, onerror=
attributes, markup inside its text, a javascript: link) are ingested through the real pipeline and
corpus layer into a temporary store, which uvicorn serves on a loopback port.
"""
from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, shared_path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} not installed (apt-get install chromium)")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory, pipeline):
    """(base URL, {label: article id}) of a live server over a store holding the seed and the hostile page."""
    import uvicorn

    from newsdesk.corpus.ingest import ingest
    from newsdesk.store.base import open_store
    from newsdesk.web.app import create_app

    seed = str(shared_path("seed", "article.txt"))
    hostile = str(FIXTURES / "web" / "hostile.html")
    db = str(tmp_path_factory.mktemp("browser") / "site.db")
    with open_store(db) as store:
        report = ingest([seed, hostile], store, pipeline=pipeline)
        assert report.ingested == 2, report.summary()
        ids = {s.input: s.id for s in store.recent(limit=10)}
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", {"seed": ids[seed], "hostile": ids[hostile]}
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def test_seed_article_page_shows_the_article(site, page):
    base, ids = site
    page.goto(f"{base}/articles/{ids['seed']}")
    assert page.locator("h1#headline").inner_text() == \
        "Kremlin says there's still no concrete detail on possible Trump-Putin meeting"
    byline = page.locator(".byline").inner_text()
    assert "Global Banking and Finance Review" in byline
    assert page.locator("time.published").inner_text() == "February 21, 2025"
    assert page.locator("time.updated").inner_text() == "January 26, 2026"
    assert page.locator(".reading-time").inner_text() == "2 min read"
    assert len(page.locator(".standfirst").inner_text()) > 40
    takeaways = page.locator("a.takeaway")
    assert takeaways.count() >= 3
    category = page.locator(".explore h2 a")
    assert category.inner_text() == "Headlines" and category.get_attribute("href") == "/categories/Headlines"
    assert page.locator(".explore h2").inner_text() == "Explore more articles in the Headlines category"
    assert "Reuters" in page.locator(".syndication").inner_text()
    assert "Gleb Stolyarov" in page.locator(".credits").inner_text()
    assert page.locator(".article-body a.ent", has_text="Peskov").count() >= 1


def test_clicking_a_takeaway_highlights_its_sources(site, page):
    base, ids = site
    page.goto(f"{base}/articles/{ids['seed']}")
    assert page.locator(".src.active").count() == 0
    link = page.locator("a.takeaway").nth(1)
    keys = link.get_attribute("data-sources").split()
    link.click()
    active = page.locator(".src.active")
    assert active.count() >= len(keys)
    highlighted = {el.get_attribute("data-src") for el in active.all()}
    assert highlighted == set(keys)
    colour = active.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    # the first cited sentence is scrolled into view and focused
    assert active.first.evaluate("el => document.activeElement === el")
    # another takeaway moves the highlight
    page.locator("a.takeaway").first.click()
    assert {el.get_attribute("data-src") for el in page.locator(".src.active").all()} == \
        set(page.locator("a.takeaway").first.get_attribute("data-sources").split())


def test_keyboard_reaches_takeaways_and_quote_speakers(site, page):
    base, ids = site
    page.goto(f"{base}/articles/{ids['seed']}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.locator("a.takeaway").first.focus()
    page.keyboard.press("Enter")
    assert page.locator(".src.active").count() >= 1
    quote = page.locator(".quote", has_text="special military operation continues").first
    tooltip = quote.locator(".quote-by")
    assert tooltip.bounding_box()["width"] <= 1           # hidden until focused or hovered
    quote.focus()
    assert tooltip.bounding_box()["width"] > 40 and "Dmitry Peskov" in tooltip.inner_text()


def test_search_peskov_reaches_his_entity_page_and_statements(site, page):
    base, _ = site
    page.goto(base + "/")
    page.fill("#site-q", "Peskov")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=Peskov"))
    assert page.locator(".hit").count() >= 1
    assert page.locator(".snippet mark", has_text="Peskov").count() >= 1
    page.locator(".entity-matches a", has_text="Dmitry Peskov").click()
    page.wait_for_url(re.compile(r"/entities/Dmitry%20Peskov$"))
    assert page.locator("h1").inner_text() == "Dmitry Peskov"
    statements = page.locator(".statement-list > li")
    assert statements.count() >= 4
    texts = " ".join(statements.all_inner_texts())
    assert "The special military operation continues" in texts
    # "in context" leads back to the sentence, highlighted
    statements.first.locator("a.in-context").click()
    page.wait_for_url(re.compile(r"/articles/\d+\?hl=\d+-\d+#hl$"))
    mark = page.locator("mark#hl")
    assert mark.count() == 1 and mark.is_visible()
    assert mark.inner_text().strip() in page.locator(".article-body").inner_text()


def test_hostile_page_runs_nothing(site, browser):
    base, ids = site
    context = browser.new_context()
    page = context.new_page()
    dialogs, console = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    data = page.request.get(f"{base}/api/articles/{ids['hostile']}").json()
    paths = [f"/articles/{ids['hostile']}", "/", f"/stories/{data['story']['id']}", "/search?q=council",
             "/search?q=%3Cscript%3E", "/entities/Ruth%20Ambler"]
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        for el in page.locator(".quote").all()[:3]:    # hovering text that came from the page is harmless too
            el.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(f"{base}/articles/{ids['hostile']}")
    body = page.locator(".article-body").inner_text()
    assert "<script>window.__pwned='quote'</script>" in body          # shown as text
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator(".article-body script, .article-body img, .article-body [onerror]").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert dialogs == [] and console == [], (dialogs, console)
    context.close()


def test_phone_width_has_no_sideways_scroll(site, browser):
    base, ids = site
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    for path in (f"/articles/{ids['seed']}", "/", "/entities/Dmitry%20Peskov", "/search?q=Putin"):
        page.goto(base + path)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, (path, width)
    context.close()
