#!/usr/bin/env python3
"""Screenshot every page type of the reading site at desktop and phone width, for review.

    scripts/screenshots.py [--db STORE] [--out screenshots/]

Without --db it builds a throw-away store with `newsdesk ingest` from the seed article and the
first records of the shared Wikinews corpus. Serves the store with uvicorn on a free loopback port
and drives Debian's /usr/bin/chromium with Playwright (never `playwright install`). The pages
shown are picked from the store itself: the article with the most takeaways and quotes, the
largest story, the most quoted speaker, the biggest category, and a search for that speaker.
"""
from __future__ import annotations

import argparse
import itertools
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_demo_store(path: Path, records: int) -> None:
    sample = path.with_suffix(".jsonl")
    with open(SHARED / "corpus" / "wikinews.jsonl", encoding="utf-8") as src, open(sample, "w") as dst:
        dst.writelines(itertools.islice(src, records))
    subprocess.run(["newsdesk", "ingest", "--db", str(path), str(SHARED / "seed" / "article.txt"), str(sample)],
                   check=True)


def pick_pages(db: str) -> dict[str, str]:
    from newsdesk.store.base import open_store
    from newsdesk.web.views import category_href, entity_href

    store = open_store(db, readonly=True)
    recent = store.recent(limit=300)
    full = store.articles([s.id for s in recent])
    best = max(full, key=lambda f: (len(f.article.takeaways) > 0, len(f.article.quotes), len(f.article.entities)))
    story = max(store.stories(limit=300), key=lambda v: len(v.articles))
    speakers: dict[str, int] = {}
    for f in full:
        for q in f.article.quotes:
            if q.speaker:
                speakers[q.speaker] = speakers.get(q.speaker, 0) + 1
    speaker = max(speakers, key=speakers.__getitem__) if speakers else store.top_entities(limit=1)[0].name
    categories: dict[str, int] = {}
    for s in recent:
        if s.category:
            categories[s.category] = categories.get(s.category, 0) + 1
    pages = {"home": "/", "article": f"/articles/{best.id}", "story": f"/stories/{story.id}",
             "entity": entity_href(speaker), "search": "/search?q=" + quote(speaker.split()[-1]),
             "api-docs": "/api/docs"}
    if categories:
        pages["category"] = category_href(max(categories, key=categories.__getitem__))
    store.close()
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: build a demo store)")
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--records", type=int, default=60, help="Wikinews records in the demo store")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"screenshots: {CHROMIUM} not found (apt-get install chromium)", file=sys.stderr)
        return 1
    db = args.db
    if not db:
        db = str(Path(tempfile.mkdtemp(prefix="newsdesk-shots-")) / "demo.db")
        build_demo_store(Path(db), args.records)

    import uvicorn
    from playwright.sync_api import sync_playwright

    from newsdesk.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = pick_pages(db)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for size_name, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height},
                                              device_scale_factor=1, is_mobile=size_name == "phone")
                page = context.new_page()
                for name, path in pages.items():
                    page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load")
                    target = out / f"{name}-{size_name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                context.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
