"""The real site, built into a temp dir: pages, ids, hooks, privacy and the offline zip."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from carepages.model.days import day_offsets
from tests.conftest import ROOT

PAGES = [
    "index.html",
    "microneedling/index.html",
    "microneedling/recovery.html",
    "microneedling/faq.html",
    "faq.html",
    "about.html",
]
TREATMENT_PAGES = [p for p in PAGES if p.startswith("microneedling/")]
SECTION_IDS = ["what-it-is", "preparation", "during", "after", "risks"]


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(), "html.parser")


@pytest.mark.parametrize("page", PAGES)
def test_page_exists_with_title_and_description(site_dir: Path, page: str) -> None:
    soup = soup_of(site_dir, page)
    assert soup.title and soup.title.get_text().strip()
    assert soup.find("meta", attrs={"name": "description"})["content"].strip()
    assert soup.html["lang"] == "en"


def test_overview_has_the_five_sections_in_order(site_dir: Path) -> None:
    soup = soup_of(site_dir, "microneedling/index.html")
    ids = [h2["id"] for h2 in soup.select("article h2[id]") if h2["id"] in SECTION_IDS]
    assert ids == SECTION_IDS


def test_timeline_steps_carry_the_day_offsets_of_the_one_rule(site_dir: Path) -> None:
    soup = soup_of(site_dir, "microneedling/recovery.html")
    steps = soup.select("[data-timeline] li[data-step][data-first-day][data-last-day]")
    data = yaml.safe_load((ROOT / "content/microneedling/treatment.yml").read_text())
    assert len(steps) == len(data["timeline"]) >= 5
    for step, source in zip(steps, data["timeline"], strict=True):
        first, last = day_offsets(source["start_hours"], source.get("end_hours"))
        assert (step["data-step"], step["data-first-day"]) == (source["id"], str(first))
        assert step["data-last-day"] == ("" if last is None else str(last))
        assert step.select_one("[data-dates]").get_text().strip()
    firsts = [int(s["data-first-day"]) for s in steps]
    assert firsts == sorted(firsts) and firsts[0] < 0 < firsts[-1]
    # The page holds no hours for a script to turn into days: only day offsets.
    timeline = soup.select_one("[data-timeline]")
    assert not [
        (tag.name, name) for tag in timeline.find_all(True) for name in tag.attrs if "hours" in name
    ]
    assert "_hours" not in timeline.select_one("script[data-plan]").get_text()
    assert soup.select("[data-activities] tr[data-activity]")


def test_faq_ids_are_unique_and_stable(site_dir: Path) -> None:
    stored: dict[str, list[str]] = {}
    for path in sorted((ROOT / "content").glob("*/faq.yml")):
        data = yaml.safe_load(path.read_text())
        stored[path.parent.name] = [q["id"] for q in data["questions"]]
    pages = {
        "microneedling/faq.html": stored["microneedling"],
        "faq.html": sum(stored.values(), []),
    }
    for page, expected in pages.items():
        ids = [d["id"] for d in soup_of(site_dir, page).select("[data-faq] details[id]")]
        assert ids and len(ids) == len(set(ids))
        assert sorted(ids) == sorted(expected)
    # A reworded question keeps its link: ids come from the data, not from the wording.
    assert "microneedling-does-it-hurt" in stored["microneedling"]


def test_when_to_call_box_links_the_clinic_phone(site_dir: Path) -> None:
    clinic = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["extra"]["clinic"]
    digits = re.sub(r"[^0-9+]", "", clinic["phone"])
    for page in ("microneedling/index.html", "microneedling/recovery.html"):
        link = soup_of(site_dir, page).select_one("aside.cp-call a[href^='tel:']")
        assert link["href"] == f"tel:{digits}"
        assert link.get_text() == clinic["phone"]


@pytest.mark.parametrize("page", TREATMENT_PAGES)
def test_treatment_pages_show_review_and_disclaimer(site_dir: Path, page: str) -> None:
    text = " ".join(soup_of(site_dir, page).select_one("footer.cp-review").get_text(" ").split())
    assert re.search(r"Reviewed by .+ on \d{1,2} \w+ 20\d\d", text)
    assert "not a substitute for advice from your clinician" in text


@pytest.mark.parametrize("page", TREATMENT_PAGES)
def test_treatment_nav_lists_only_its_own_pages(site_dir: Path, page: str) -> None:
    nav = soup_of(site_dir, page).select_one("nav.md-nav--primary")
    targets = {a["href"].split("#")[0] for a in nav.select("a[href]") if a["href"]}
    assert {"recovery.html", "faq.html"} <= targets
    assert all(not t.startswith(("http:", "https:")) for t in targets)


def test_home_lists_the_treatment(site_dir: Path) -> None:
    links = [a["href"] for a in soup_of(site_dir, "index.html").select(".cp-treatments a")]
    assert "microneedling/index.html" in links and "microneedling/recovery.html" in links


LOADED = [
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
]
LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


def _remote(url: str) -> bool:
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme in ("http", "https")


def test_nothing_a_page_loads_comes_from_another_host(site_dir: Path) -> None:
    offenders = []
    for html in site_dir.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(), "html.parser")
        for tag, attr in LOADED:
            for element in soup.find_all(tag, attrs={attr: True}):
                if _remote(element[attr]):
                    offenders.append((html.name, tag, element[attr]))
        for link in soup.find_all("link", href=True):
            if LOADED_LINK_RELS & set(link.get("rel", [])) and _remote(link["href"]):
                offenders.append((html.name, "link", link["href"]))
        for style in soup.find_all("style"):
            offenders += [
                (html.name, "style", u) for u in CSS_URL.findall(style.get_text()) if _remote(u)
            ]
    for css in site_dir.rglob("*.css"):
        offenders += [(css.name, "css", u) for u in CSS_URL.findall(css.read_text()) if _remote(u)]
    assert offenders == []


def test_no_unpkg_fonts_or_analytics_anywhere(site_dir: Path) -> None:
    for path in site_dir.rglob("*"):
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(errors="replace")
            for needle in ("unpkg.com", "fonts.googleapis", "fonts.gstatic", "googletagmanager"):
                assert needle not in text, (path, needle)


def test_data_files_and_source_maps_are_not_published(site_dir: Path) -> None:
    names = [p.name for p in site_dir.rglob("*") if p.is_file()]
    assert not [n for n in names if n.endswith((".yml", ".yaml", ".map"))]
    # Only the lunr packs the search indexes use: Spanish's stemmer and its support.
    packs = sorted(p.name for p in (site_dir / "assets/javascripts").rglob("lunr.*.min.js"))
    assert packs == ["lunr.es.min.js", "lunr.stemmer.support.min.js"]


def test_zip_holds_exactly_the_site(built: Path, site_dir: Path) -> None:
    with zipfile.ZipFile(built / "dist" / "carepages-site.zip") as archive:
        names = {n.removeprefix("carepages-site/") for n in archive.namelist()}
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    assert names == files - {"carepages-site.zip"}  # the zip of the site is inside it
    assert "index.html" in names and "search/search_index.js" in names
    assert not [n for n in names if n.endswith(".map")]


def test_vendored_search_shim_replaces_the_cdn(site_dir: Path) -> None:
    scripts = [s["src"] for s in soup_of(site_dir, "index.html").find_all("script", src=True)]
    assert "assets/vendor/iframe-worker-shim.js" in scripts
    assert (site_dir / "assets/vendor/iframe-worker-shim.js").stat().st_size > 1000


def test_macro_output_is_html_not_escaped_text(site_dir: Path) -> None:
    for page in PAGES:
        text = (site_dir / page).read_text()
        assert "&lt;aside" not in text and "&lt;section" not in text and "&lt;div" not in text
