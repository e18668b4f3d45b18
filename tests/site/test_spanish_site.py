"""The Spanish site, built beside the English one: a twin of every page under es/, the
switcher to the same page both ways, html lang and JSON-LD in the page's language, one
search index per language, a 404 per language, hreflang in the sitemap, and the English
site exactly as before when Spanish is switched off."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from lab.project import set_language_build
from tests.conftest import ROOT, run_carepages
from tests.site.test_site import PAGES

ES = [f"es/{page}" for page in PAGES]


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(), "html.parser")


def switcher(site: Path, page: str) -> dict[str, str]:
    """The language switcher's links of a page, by language, resolved from the site root."""
    links = soup_of(site, page).select(".md-select__link[hreflang]")
    here = posixpath.dirname(page)
    return {a["hreflang"]: posixpath.normpath(posixpath.join(here, a["href"])) for a in links}


@pytest.mark.parametrize("page", PAGES)
def test_every_english_page_has_a_spanish_twin_and_the_switcher_links_both(
    site_dir: Path, page: str
) -> None:
    twin = f"es/{page}"
    assert switcher(site_dir, page) == {"en": page, "es": twin}
    assert switcher(site_dir, twin) == {"en": page, "es": twin}
    soup = soup_of(site_dir, twin)
    assert soup.html["lang"] == "es"
    assert not soup.select(".cp-untranslated"), "every sample page is translated"


def translation_reviewed(page: str) -> str:
    """The last_reviewed day of the Spanish source of a built page under es/."""
    name = page.removeprefix("es/").removesuffix(".html")
    folder = ROOT / "content" / posixpath.dirname(name)
    if (folder / "treatment.es.yml").exists():
        data = yaml.safe_load((folder / "treatment.es.yml").read_text("utf-8"))
    else:
        text = (ROOT / "content" / f"{name}.es.md").read_text("utf-8")
        data = yaml.safe_load(text.split("---\n")[1])
    return data["last_reviewed"].isoformat()


@pytest.mark.parametrize("page", ES)
def test_spanish_structured_data_is_in_spanish_and_names_the_translation_reviewer(
    site_dir: Path, page: str
) -> None:
    data = json.loads(
        soup_of(site_dir, page).select_one("script[type='application/ld+json']").string
    )
    web_page = data["@graph"][0]
    assert web_page["inLanguage"] == "es"
    assert web_page["url"] == f"https://care.riverside-skin.example/{page}"
    reviewers = [person["name"] for person in web_page["reviewedBy"]]
    assert "Lucía Romero, traductora sanitaria" in reviewers
    # The day the translation was checked (not the English review): a treatment's pages
    # take it from treatment.es.yml, a site page from its own front matter.
    assert web_page["lastReviewed"] == translation_reviewed(page)


def test_the_spanish_review_line_names_clinician_and_translator(site_dir: Path) -> None:
    footer = soup_of(site_dir, "es/microneedling/recovery.html").select_one("footer.cp-review")
    text = " ".join(footer.get_text(" ").split())
    assert (
        "Revisado por Dra. Amira Patel, dermatóloga consultora, el 1 de noviembre de 2026" in text
    )
    assert (
        "Traducción revisada por Lucía Romero, traductora sanitaria, el 3 de diciembre de 2026"
        in text
    )


def test_spanish_faq_keeps_the_english_ids_for_deep_links(site_dir: Path) -> None:
    english = [d["id"] for d in soup_of(site_dir, "faq.html").select("details[id]")]
    spanish = [d["id"] for d in soup_of(site_dir, "es/faq.html").select("details[id]")]
    assert spanish == english and len(english) >= 18
    summary = soup_of(site_dir, "es/faq.html").select_one("#microneedling-does-it-hurt summary")
    assert summary.get_text() == "¿Duele?"


def plan_of(site: Path, page: str) -> tuple[str, dict]:
    """The timeline's date locale and the plan its script reads (the JSON data block)."""
    section = soup_of(site, page).select_one("[data-timeline]")
    return section["data-locale"], json.loads(section.select_one("script[data-plan]").string)


def test_the_spanish_timeline_hands_its_words_and_locale_to_the_script(site_dir: Path) -> None:
    locale, plan = plan_of(site_dir, "es/microneedling/recovery.html")
    assert locale == "es-ES"
    assert plan["text"]["heading"] == "Hoy, {date}: {when}"
    assert plan["text"]["from"] == "Desde el {first}"
    assert plan["days"][0]["when"] == "faltan 14 días para su tratamiento"
    assert plan["days"][0]["countdown"][0] == "Su tratamiento es dentro de 14 días, el {date}."
    first_card = plan["cards"][plan["before"]["card"]]["groups"][0]
    assert first_card["title"] == "Pronto tendrá que evitar"
    locale, plan = plan_of(site_dir, "microneedling/recovery.html")
    assert locale == "en-GB"
    assert plan["text"]["heading"] == "Today, {date}: {when}"


def test_the_clinic_speaks_spanish_on_spanish_pages_with_the_same_numbers(site_dir: Path) -> None:
    soup = soup_of(site_dir, "es/microneedling/recovery.html")
    clinic = yaml.safe_load((ROOT / "mkdocs.yml").read_text())["extra"]["clinic"]
    urgent = soup.select_one(".cp-call__urgent").get_text()
    assert urgent == clinic["translations"]["es"]["urgent_care"]
    assert soup.select_one(".cp-call a[href^='tel:']").get_text() == clinic["phone"]
    footer = " ".join(soup.select_one(".cp-footer").get_text(" ").split())
    assert footer.startswith("Riverside Skin Clinic Teléfono +44 20 7946 0321")
    assert "Abierto de lunes a viernes" in footer


def test_one_search_index_per_language_with_its_own_stemmer(site_dir: Path) -> None:
    for folder, lang in (("search", "en"), ("es/search", "es")):
        index = json.loads((site_dir / folder / "search_index.json").read_text())
        script = (site_dir / folder / "search_index.js").read_text()
        assert json.loads(script.removeprefix("var __index = ")) == index
        assert index["config"]["lang"] == [lang]
        locations = [doc["location"] for doc in index["docs"]]
        assert locations and not any(loc.startswith("es/") for loc in locations)
    packs = sorted(p.name for p in (site_dir / "assets/javascripts/lunr").rglob("*.js"))
    assert packs == ["lunr.es.min.js", "lunr.stemmer.support.min.js"]
    spanish = (site_dir / "es/search/search_index.json").read_text()
    assert "enrojecimiento" not in (site_dir / "search/search_index.json").read_text()
    assert "rojez" in spanish


def test_each_language_has_its_own_404_page(site_dir: Path) -> None:
    for page, lang, heading in (
        ("404.html", "en", "404 - Not found"),
        ("es/404.html", "es", "404 - Página no encontrada"),
    ):
        soup = soup_of(site_dir, page)
        assert soup.html["lang"] == lang
        assert soup.select_one("article h1").get_text() == heading
        links = [(a["hreflang"], a["href"]) for a in soup.select(".md-select__link")]
        assert links == [("en", "/index.html"), ("es", "/es/index.html")]
    config = soup_of(site_dir, "es/404.html").select_one("#__config").string
    assert '"base": "/es/"' in config


def test_hreflang_alternates_are_in_the_sitemap_not_the_page_head(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text()
    base = "https://care.riverside-skin.example/"
    for page in PAGES:
        entry = sitemap[sitemap.index(f"<loc>{base}es/{page}</loc>") :].split("</url>")[0]
        assert f'hreflang="en" href="{base}{page}"' in entry
        assert f'hreflang="x-default" href="{base}{page}"' in entry
    for page in [*PAGES, *ES]:
        assert not soup_of(site_dir, page).select("head link[rel=alternate][hreflang]")


def test_an_untranslated_page_shows_english_with_a_spanish_notice(
    fresh_project: Path,
) -> None:
    (fresh_project / "content/about.es.md").unlink()
    (fresh_project / "content/microneedling/faq.es.yml").unlink()
    (fresh_project / "content/microneedling/treatment.es.yml").unlink()
    result = run_carepages("build", "--root", str(fresh_project), cwd=fresh_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = fresh_project / "site"
    soup = soup_of(site, "es/about.html")
    notice = soup.select_one(".cp-untranslated")
    assert notice["lang"] == "es" and "todavía no está traducida" in notice.get_text()
    assert soup.select_one("article div[lang=en] h1").get_text() == "About this information"
    assert soup.select_one("link[rel=canonical]")["href"].endswith("/about.html")
    assert "/es/about.html" not in (site / "sitemap.xml").read_text()
    index = json.loads((site / "es/search/search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("about.html")]
    data = json.loads(soup.select_one("script[type='application/ld+json']").string)
    assert data["@graph"][0]["inLanguage"] == "en"
    # A translated page whose questions are not: each question marked English, with a note.
    faq = soup_of(site, "es/microneedling/faq.html")
    item = faq.select_one("#microneedling-does-it-hurt")
    assert item["lang"] == "en" and item.select_one("summary").get_text() == "Does it hurt?"
    assert item.select_one(".cp-faq__untranslated")["lang"] == "es"
    # A translated page whose treatment data is not: each component marked, out of search.
    recovery = soup_of(site, "es/microneedling/recovery.html")
    parts = recovery.select("article .cp-untranslated[lang=en]")
    assert [bool(p.select_one("[data-timeline]")) for p in parts][:1] == [True]
    assert len(parts) == 3  # timeline, activity table, when to call
    for part in parts:
        assert part.select_one(".cp-untranslated__notice")["lang"] == "es"
    assert (
        recovery.select_one("article h1").get_text() == "Recuperación del microneedling, día a día"
    )
    spanish_index = (site / "es/search/search_index.json").read_text()
    assert "Wash gently with a mild cleanser" not in spanish_index
    assert "Wash gently with a mild cleanser" in (site / "search/search_index.json").read_text()


def test_switching_spanish_off_in_one_line_gives_the_english_site_alone(
    fresh_project: Path, site_dir: Path
) -> None:
    set_language_build(fresh_project, "es", False)
    result = run_carepages("build", "--root", str(fresh_project), cwd=fresh_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = fresh_project / "site"
    assert not (site / "es").exists()
    assert not list((site / "assets/javascripts").rglob("lunr*.js"))
    # The same English pages as the site built in both languages, every treatment's.
    english = sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*.html")
        if p.relative_to(site_dir).parts[0] != "es"
    )
    assert {*PAGES, "404.html"} <= set(english)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")) == english
    for page in PAGES:
        soup = soup_of(site, page)
        assert not soup.select(".md-select"), "no language switcher with one language"
        assert soup.html["lang"] == "en"
    assert "xhtml:link" not in (site / "sitemap.xml").read_text()
    assert re.search(rf"built {len(english)} pages", result.stdout)
