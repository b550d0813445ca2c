"""The seed page's extraction checks (those of ../shared/seed/check_seed.py that belong to
extraction), through the Python API. The same shape on another site is tested in
test_extract_text.py (`test_wire_story_scraped_from_another_site`)."""
from __future__ import annotations

import pytest

from newsdesk.extract import extract
from newsdesk.model import Document

from conftest import shared_path


def norm(s) -> str:
    return " ".join(str(s or "").replace("\u2019", "'").split()).casefold()


@pytest.fixture(scope="module")
def seed():
    path = shared_path("seed", "article.txt")
    return extract(Document(input=str(path), data=path.read_bytes()))


def test_metadata(seed):
    assert norm(seed.title) == norm("Kremlin says there's still no concrete detail on possible Trump-Putin meeting")
    assert norm(seed.publisher) == "global banking and finance review"
    assert seed.agency == "Reuters"
    assert seed.published.startswith("2025-02-21")
    assert seed.updated.startswith("2026-01-26")
    assert (seed.dateline.place, seed.dateline.agency) == ("MOSCOW", "Reuters")
    assert norm(seed.category) == "headlines"
    assert seed.language == "en"
    assert seed.reading_minutes in (2, 3)
    assert 330 <= seed.word_count <= 370


def test_credits(seed):
    credits = {(c.role, c.name) for c in seed.credits}
    assert credits >= {("reporting", "Gleb Stolyarov"), ("writing", "Mark Trevelyan"),
                       ("writing", "Felix Light"), ("editing", "Andrew Osborn")}


def test_standfirst_and_site_takeaways(seed):
    assert norm(seed.standfirst).startswith(norm("The Kremlin confirms the need for a Trump-Putin meeting"))
    assert len(seed.site_takeaways) == 5
    assert norm(seed.site_takeaways[0]).startswith(norm("The Kremlin stated there is a mutual understanding"))


def test_clean_text(seed):
    text = seed.text
    assert norm(text).startswith("the kremlin said on friday that there was a mutual understanding")
    assert norm(text).endswith(norm('must be achieved," he said.'))
    assert len(seed.paragraphs) == 11
    assert all(p == p.strip() and p for p in text.split("\n\n"))
    for furniture in ["Published by", "Posted on", "min read", "Last updated", "Explore more articles",
                      "Reporting by", "MOSCOW (Reuters)", "The Kremlin confirms the need",
                      "Trump indicated that he would likely meet"]:
        assert norm(furniture) not in norm(text), furniture


def test_example_page_of_the_demo_has_the_same_shape():
    from conftest import ROOT

    path = ROOT / "examples" / "port-strike.txt"
    a = extract(Document(input=str(path), data=path.read_bytes()))
    assert a.title.startswith("Dockworkers in Rotterdam extend strike")
    assert a.publisher == "Harbour Ledger Daily" and a.agency == "Reuters"
    assert a.dateline.place == "ROTTERDAM" and a.category == "Business"
    assert a.standfirst and len(a.site_takeaways) == 5
    assert a.text.startswith("Dockworkers at the port of Rotterdam said on Friday")
    assert "Reporting by" not in a.text and len(a.paragraphs) == 9
