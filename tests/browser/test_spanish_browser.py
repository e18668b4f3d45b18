"""The Spanish site in real Chromium: no English interface text once the scripts have run,
the calendar file in Spanish, the FAQ's deep links and filter, search in Spanish only,
axe-core, nothing requested from another host, and both languages from the offline zip."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from cp_browser import at, describe, run_axe, set_treatment_date, settle, unfold_ics

from carepages.components.strings import strings
from tests.site.test_site import PAGES

pytestmark = pytest.mark.browser

ES = [f"es/{page}" for page in PAGES]
RECOVERY = "es/microneedling/recovery.html"
PLACEHOLDER = re.compile(r"\{\w+\}")


def english_interface_text() -> set[str]:
    """The fixed parts of every English interface string carepages ships: pieces of two
    words or more, or single words of four letters or more (shorter ones are too common)."""
    t = strings("en")
    texts: list[str] = []
    for key, value in t.table.items():
        if key in ("date_locale", "months"):
            continue
        texts += list(value.values()) if isinstance(value, dict) else [str(value)]
    pieces = set()
    for text in texts:
        for piece in PLACEHOLDER.split(text):
            piece = piece.strip(" .:;,()–-")
            words = piece.split()
            if len(words) >= 2 or (len(words) == 1 and len(re.sub(r"\W", "", piece)) >= 4):
                pieces.add(piece)
    return pieces


ENGLISH = english_interface_text()


def visible_text(page) -> str:
    """What a reader sees or hears: the rendered text, and the labels and placeholders."""
    return page.evaluate(
        """() => [document.body.innerText,
          ...[...document.querySelectorAll('[placeholder],[aria-label],[title]')].flatMap(e =>
             [e.getAttribute('placeholder'), e.getAttribute('aria-label'), e.getAttribute('title')]),
        ].filter(Boolean).join('\\n')"""
    )


def english_in(text: str) -> list[str]:
    return sorted(p for p in ENGLISH if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text))


def test_the_scan_finds_english_on_an_english_page(page, http_url):
    """The scan works: on the English recovery page it finds the interface text."""
    at(page).goto(http_url + "microneedling/recovery.html")
    set_treatment_date(page, dt.date(2026, 11, 23))
    found = english_in(visible_text(page))
    assert {"Day by day", "Back to normal", "Call us if you have any of these"} <= set(found)


@pytest.mark.parametrize("path", ES)
def test_no_english_interface_text_on_a_spanish_page(page, open_page, http_url, path):
    at(page).goto(http_url + path, wait_until="networkidle")
    seen = [visible_text(page)]
    if path == RECOVERY:
        for treatment in (dt.date(2026, 11, 23), dt.date(2026, 12, 4)):  # after, and before
            set_treatment_date(page, treatment)
            seen.append(visible_text(page))
    if page.locator("[data-faq]").count():
        page.fill("[data-faq] input[type=search]", "sol")
        seen.append(visible_text(page))
        page.fill("[data-faq] input[type=search]", "xyzzy")
        seen.append(visible_text(page))
    # Search with the real clock: Material's search worker waits on timers.
    searching = open_page()
    searching.goto(http_url + path, wait_until="networkidle")
    assert search(searching, "piel")
    seen.append(visible_text(searching))
    assert english_in("\n".join(seen)) == []


def test_the_today_card_speaks_spanish_with_spanish_dates(page, http_url):
    at(page).goto(http_url + RECOVERY)
    set_treatment_date(page, dt.date(2026, 11, 23))
    today = page.inner_text("[data-today] h3")
    assert today == "Hoy, jue, 26 nov: día 4 de su recuperación"
    assert page.inner_text("[data-today]").count("Ya puede volver a hacerlo") == 1
    assert "Hasta el dom, 29 nov:" in page.inner_text("[data-today]")
    set_treatment_date(page, dt.date(2026, 12, 4))
    today = page.inner_text("[data-today] h3")
    assert today == "Hoy, jue, 26 nov: faltan 8 días para su tratamiento"
    countdown = page.inner_text("[data-today-countdown]")
    assert countdown == "Su tratamiento es dentro de 8 días, el vie, 4 dic."


def test_the_calendar_file_from_a_spanish_page_is_in_spanish(page, file_url):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, dt.date(2026, 11, 23))
    with page.expect_download() as info:
        page.click("button[data-ics]")
    download = info.value
    assert download.suggested_filename == "microneedling-recuperacion.ics"
    lines = unfold_ics(download.path().read_bytes())
    assert "PRODID:-//carepages//recovery plan//ES" in lines
    summaries = [line.removeprefix("SUMMARY:") for line in lines if line.startswith("SUMMARY:")]
    assert "Ya puede volver a maquillarse." in summaries
    assert "Repaso: ¿Ha bajado la hinchazón?" in summaries
    assert not [s for s in summaries if re.search(r"\b(You can|Check-in|again)\b", s)]


def test_a_spanish_faq_deep_link_opens_its_answer_and_the_filter_counts_in_spanish(page, http_url):
    page.goto(http_url + "es/faq.html#microneedling-does-it-hurt")
    assert page.locator("#microneedling-does-it-hurt").get_attribute("open") is not None
    total = page.locator("[data-faq] details").count()
    assert page.inner_text("[data-faq-count]") == f"{total} preguntas"
    page.fill("[data-faq] input[type=search]", "maquillaje")
    shown = page.locator("[data-faq] details:not([hidden])").count()
    assert 0 < shown < total
    assert page.inner_text("[data-faq-count]") == f"{shown} de {total} preguntas"
    page.fill("[data-faq] input[type=search]", "xyzzy")
    assert (
        page.inner_text("[data-faq-count]") == f"0 de {total} preguntas. Pruebe con otra palabra."
    )


def search(page, query: str) -> list[str]:
    page.click("[data-md-component=search-query]")
    page.keyboard.type(query)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Initializing|Inicializando/.test(m.textContent); }",
        timeout=15_000,
    )
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "els => els.map(e => e.href)"
    )


@pytest.mark.parametrize("origin", ["file", "http"])
def test_search_for_enrojecimiento_finds_spanish_pages_only(page, file_url, http_url, origin):
    base = file_url if origin == "file" else http_url
    page.goto(base + "es/microneedling/recovery.html", wait_until="networkidle")
    found = search(page, "enrojecimiento")
    assert found and all(url.startswith(base + "es/") for url in found), found
    page.goto(base + "index.html", wait_until="networkidle")
    assert search(page, "enrojecimiento") == []


@pytest.mark.parametrize("path", [*ES, "es/404.html"])
def test_spanish_pages_have_no_axe_violations(open_page, http_url, path):
    page = at(open_page(width=390, bypass_csp=True))  # axe is injected as an inline script
    page.goto(http_url + path, wait_until="networkidle")
    if path == RECOVERY:
        set_treatment_date(page, dt.date(2026, 11, 23))
    violations = run_axe(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("origin", ["file", "http"])
def test_spanish_pages_ask_no_other_host_and_nothing_fails(open_page, file_url, http_url, origin):
    base = file_url if origin == "file" else http_url
    host = urlsplit(http_url).netloc
    for path in ES:
        page = open_page()
        requests, failed, errors = [], [], []
        page.context.on("request", lambda r, seen=requests: seen.append(r.url))
        page.context.on("requestfailed", lambda r, seen=failed: seen.append(r.url))
        page.on("console", lambda m, seen=errors: m.type == "error" and seen.append(m.text))
        page.goto(base + path, wait_until="networkidle")
        search(page, "piel")
        settle(page, requests)
        assert requests, "the listener saw no request"
        outside = [
            url
            for url in requests
            if urlsplit(url).scheme not in {"file", "data", "blob", "about"}
            and urlsplit(url).netloc != host
        ]
        assert (outside, failed, errors) == ([], [], []), path


def test_the_offline_zip_opens_both_languages_and_the_switcher_goes_to_the_same_page(
    page, file_url
):
    page.goto(file_url + "microneedling/recovery.html")
    for lang, expected in (("es", RECOVERY), ("en", "microneedling/recovery.html")):
        page.hover(".md-header__option .md-select")
        page.click(f".md-select__link[hreflang={lang}]")
        page.wait_for_load_state("load")
        assert page.url == file_url + expected
        assert page.get_attribute("html", "lang") == lang
        assert page.locator("[data-timeline] li").count() >= 5
