"""What a clinic with more than one treatment sees: each treatment on the home page, the
all-questions page grouped by treatment, search results that name their treatment, each
treatment's own menu, a 404 page without treatment menus, and both in the offline zip. And
a draft preview says DRAFT on every page."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from carepages.source.content import treatment_folders
from lab.project import copy_project
from tests.conftest import ROOT

TREATMENTS = {p.name: p for p in treatment_folders(ROOT / "content")}


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(), "html.parser")


def test_the_sample_clinic_has_two_treatments() -> None:
    assert {"microneedling", "chemical-peel"} <= set(TREATMENTS)


def test_the_home_page_lists_every_treatment(site_dir: Path) -> None:
    links = [a["href"] for a in soup_of(site_dir, "index.html").select(".cp-treatments__title a")]
    assert links == [f"{slug}/index.html" for slug in sorted(TREATMENTS)]


def test_the_questions_page_groups_by_treatment_and_topics_name_it(site_dir: Path) -> None:
    soup = soup_of(site_dir, "faq.html")
    groups = soup.select(".cp-faq__treatment")
    assert [g.h2.get_text() for g in groups] == ["Chemical peel", "Microneedling"]
    for group in groups:
        for heading in group.select("h3"):
            assert heading.get_text().startswith(group.h2.get_text() + ": ")


def test_search_results_tell_the_treatments_apart(site_dir: Path) -> None:
    docs = json.loads((site_dir / "search/search_index.json").read_text())["docs"]
    pages = Counter(d["title"] for d in docs if "#" not in d["location"])
    assert max(pages.values()) == 1, pages
    # A question's topic is found under its treatment's FAQ page, named by the treatment.
    for slug in TREATMENTS:
        assert any(d["location"].startswith(f"{slug}/faq.html#") for d in docs), slug


def test_search_finds_each_question_once(site_dir: Path) -> None:
    """On its treatment's FAQ page; the all-questions page shows it too, out of search."""
    docs = json.loads((site_dir / "search/search_index.json").read_text())["docs"]
    assert not [d["location"] for d in docs if d["location"].startswith("faq.html#")]
    groups = soup_of(site_dir, "faq.html").select(".cp-faq__treatment")
    assert [g.h2["id"] for g in groups] == [f"faq-{slug}" for slug in sorted(TREATMENTS)]
    for group in groups:
        slug = group.h2["id"].removeprefix("faq-")
        questions = [s.get_text() for s in group.select("summary")]
        assert len(questions) > 5, slug
        for question in questions:
            found = [d["location"] for d in docs if question in html.unescape(d["text"])]
            assert len([f for f in found if f.startswith(f"{slug}/")]) == 1, (question, found)
            assert not [f for f in found if f.startswith("faq.html")], (question, found)


def test_each_treatment_menu_lists_only_its_own_pages(site_dir: Path) -> None:
    for slug in TREATMENTS:
        nav = soup_of(site_dir, f"{slug}/recovery.html").select_one("nav.md-nav--primary")
        hrefs = [a.get("href", "") for a in nav.select("a")]
        others = [s for s in TREATMENTS if s != slug]
        assert not any(other in href for href in hrefs for other in others), hrefs
        assert any(href.endswith("faq.html") and slug not in href for href in hrefs)


def test_the_404_page_has_no_treatment_menus(site_dir: Path) -> None:
    nav = soup_of(site_dir, "404.html").select_one("nav.md-nav--primary")
    assert not any(slug in a.get("href", "") for a in nav.select("a") for slug in TREATMENTS)


def test_the_zip_holds_every_treatment(built: Path) -> None:
    with zipfile.ZipFile(built / "dist" / "carepages-site.zip") as archive:
        names = set(archive.namelist())
    for slug in TREATMENTS:
        for page in ("index.html", "recovery.html", "faq.html"):
            assert f"carepages-site/{slug}/{page}" in names


def test_a_draft_preview_says_draft_on_every_page(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    source = ROOT / "tests/ingest/fixtures/no_headings_at_all.txt"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    ingest = [sys.executable, "-m", "carepages", "ingest", str(source), "--slug", "enzyme"]
    assert subprocess.run([*ingest, "--quiet"], cwd=root, env=env).returncode == 0
    build = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")]
    result = subprocess.run(
        build, cwd=root, env={**env, "CAREPAGES_DRAFT": "enzyme"}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("enzyme/index.html", "enzyme/recovery.html", "enzyme/faq.html", "index.html"):
        soup = soup_of(tmp_path / "site", page)
        banner = soup.select_one("article .cp-draft-banner")
        assert banner is not None and banner.strong.get_text() == "DRAFT", page
        assert soup.select_one("article h1").find_next(class_="cp-draft-banner") is banner
    # The Spanish preview shows the draft too, from the Spanish files ingest wrote for it.
    for page in ("es/enzyme/index.html", "es/enzyme/recovery.html", "es/enzyme/faq.html"):
        soup = soup_of(tmp_path / "site", page)
        assert soup.html["lang"] == "es"
        banner = soup.select_one("article .cp-draft-banner")
        assert banner is not None and banner.strong.get_text() == "BORRADOR", page
    article = soup_of(tmp_path / "site", "enzyme/index.html").select_one("article").get_text()
    assert "[//]" not in article and "s1:" not in article  # provenance stays out of the page
