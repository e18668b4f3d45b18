"""The recovery plan as a patient meets it: on a phone the Today card is the front door, the
steps already done fold away, the printed plan is a two-page handout on A4 and on Letter, the
overview's checklist remembers its ticks on this device only, and the site around it (footer,
search, sample notice) leads where the menu does."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest
from cp_browser import ARTIFACTS, NOW, PAGE_TYPES, RECOVERY, at, set_treatment_date
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
THREE_DAYS_AGO = NOW.date() - dt.timedelta(days=3)
PRINTS = ARTIFACTS / "print"
MEASURED = ARTIFACTS / "measured"
# 10 pt in CSS pixels: the smallest text the handout may have.
TEN_POINT_PX = 10 * 96 / 72


def measured(name: str, value: object) -> None:
    """Keep a figure the report quotes (phone page heights, printed pages) as an artifact."""
    MEASURED.mkdir(parents=True, exist_ok=True)
    (MEASURED / f"{name}.json").write_text(json.dumps(value, indent=1), encoding="utf-8")


def rect(page, selector: str) -> dict:
    return page.locator(selector).evaluate(
        "e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }"
    )


# --- the Today card on a phone ------------------------------------------------------------------


def test_setting_a_date_on_a_phone_opens_the_plan_at_the_today_card(open_page, file_url):
    page = at(open_page(**PHONE, reduced_motion="reduce"))
    page.goto(file_url + RECOVERY)
    without_date = page.evaluate("document.documentElement.scrollHeight")
    set_treatment_date(page, THREE_DAYS_AGO)

    card = rect(page, "[data-today]")
    header = rect(page, ".md-header")
    # The card's top is in view, below the sticky header, not scrolled past.
    assert header["bottom"] <= card["top"] < PHONE["height"], card
    # The clinic's phone is reached within one more screen of scrolling.
    call = rect(page, "[data-today] a[href^='tel:']")
    assert call["bottom"] <= 2 * PHONE["height"], call
    expect(page.locator("[data-today] a[href^='tel:']")).to_have_text("+44 20 7946 0321")
    expect(page.locator("[data-today] .cp-today__urgent")).to_contain_text("call 999 now")
    height = page.evaluate("document.documentElement.scrollHeight")
    measured(
        "phone-page-heights",
        {
            "recovery without a date": without_date,
            "recovery with a date 3 days ago": height,
            "today card top": card["top"],
            "call link bottom": call["bottom"],
        },
    )
    assert height <= 7000, height


def test_the_steps_already_done_fold_behind_one_tap(open_page, file_url):
    page = at(open_page(**PHONE))
    page.goto(file_url + RECOVERY)
    set_treatment_date(page, THREE_DAYS_AGO)

    past = page.locator("li[data-state=past]")
    expect(past).to_have_count(5)
    for step in past.all():
        expect(step).to_be_hidden()
    toggle = page.locator("[data-past-steps] button")
    expect(toggle).to_have_text("Show the 5 steps you have done")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("li[data-state=current]")).to_be_visible()

    toggle.click()
    for step in past.all():
        expect(step).to_be_visible()
    expect(toggle).to_have_text("Hide the steps you have done")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    toggle.click()
    expect(past.first).to_be_hidden()

    # Without a date nothing is folded, and there is nothing to unfold.
    page.get_by_role("button", name="Forget my data").click()
    expect(page.locator("li[data-step]:visible")).to_have_count(8)
    expect(page.locator("[data-past-steps]")).to_be_hidden()


# --- the printed plan ---------------------------------------------------------------------------


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])


@pytest.mark.parametrize("dated", [True, False], ids=["with-a-date", "without-a-date"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_printed_plan_is_two_pages_at_10pt_or_more(page, file_url, paper, dated):
    at(page).goto(file_url + RECOVERY)
    if dated:
        set_treatment_date(page, THREE_DAYS_AGO)
    page.emulate_media(media="print")
    smallest = page.evaluate(
        """() => Math.min(...[...document.body.querySelectorAll('*')]
            .filter(e => e.checkVisibility({opacityProperty: true, visibilityProperty: true}))
            .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= TEN_POINT_PX - 0.01, smallest

    PRINTS.mkdir(parents=True, exist_ok=True)
    name = f"recovery-{paper.lower()}-{'dated' if dated else 'undated'}"
    pdf = PRINTS / f"{name}.pdf"
    page.pdf(path=str(pdf), format=paper, prefer_css_page_size=True)
    pages = pdf_pages(pdf)
    for old in PRINTS.glob(f"{name}-*.png"):
        old.unlink()
    # The pictures of the pages, to look at (test-artifacts/print/*.png).
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(PRINTS / name)], check=True)
    assert len(list(PRINTS.glob(f"{name}-*.png"))) == pages
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    measured(f"printed-pages-{name}", pages)
    assert pages <= 2, f"{paper}: {pages} pages"
    # The handout: every step, the chart, the table, when to call with phone and hours. (Short
    # phrases: the text of two columns comes out of the PDF line by line, interleaved.)
    squashed = " ".join(text.split())
    for words in (
        "Protect your skin",
        "Results build up",
        "Days to avoid it",
        "You can start again",
        "When to call us",
        "+44 20 7946 0321",
        "Monday to Friday, 8am to 6pm",
    ):
        assert words in squashed, words
    for control in ("Print my plan", "Forget my data", "Add to calendar", "I had my treatment on"):
        assert control not in squashed, control
    if dated:
        assert "Thu 26 Nov – Sun 29 Nov" in squashed
        assert "30 Nov" in squashed  # the chart's axis


# --- the checklist on the overview --------------------------------------------------------------


def test_the_checklist_remembers_ticks_on_this_device_until_forgotten(page, file_url):
    at(page).goto(file_url + PAGE_TYPES["recovery"])
    set_treatment_date(page, THREE_DAYS_AGO)
    page.goto(file_url + PAGE_TYPES["overview"])
    checklist = page.locator("[data-checklist]")
    expect(checklist.locator("h3")).to_have_text("Before your appointment")
    boxes = checklist.locator("input[type=checkbox]")
    expect(boxes).to_have_count(10)
    checklist.get_by_label("Keep using a mild cleanser and moisturizer.").check()
    boxes.first.check()
    page.reload()

    expect(boxes.first).to_be_checked()
    expect(checklist.get_by_label("Keep using a mild cleanser and moisturizer.")).to_be_checked()
    expect(boxes.nth(1)).not_to_be_checked()
    stored = page.evaluate("({...localStorage})")
    assert sorted(stored) == [
        "carepages:microneedling:checklist",
        "carepages:microneedling:treatment-date",
    ]
    assert len(json.loads(stored["carepages:microneedling:checklist"])) == 2

    checklist.get_by_role("button", name="Forget my data").click()
    expect(checklist.locator("input:checked")).to_have_count(0)
    expect(checklist.locator("[data-forget-status]")).to_have_text(
        "This site keeps nothing on this device now."
    )
    # Everything the site kept is gone: the ticks and the date set on the recovery page.
    assert page.evaluate("({...localStorage})") == {}
    assert page.context.cookies() == []


def test_without_javascript_the_checklist_can_still_be_ticked(open_page, file_url):
    page = open_page(java_script_enabled=False)
    page.goto(file_url + PAGE_TYPES["overview"])
    box = page.locator("[data-checklist] input[type=checkbox]").first
    box.check()
    expect(box).to_be_checked()
    expect(page.locator("[data-checklist] button")).to_be_hidden()


# --- the site around the plan -------------------------------------------------------------------


def test_previous_and_next_follow_the_menu(page, file_url):
    page.goto(file_url + PAGE_TYPES["overview"])
    menu = [
        link.strip()
        for link in page.locator("nav.md-nav--primary .md-nav__link").all_inner_texts()
        if link.strip()
    ]
    treatment = ["Microneedling", "Microneedling recovery, day by day", "Microneedling questions"]
    assert [item for item in menu if item in treatment][-3:] == treatment
    expect(page.locator(".md-footer__link--next")).to_contain_text(
        "Microneedling recovery, day by day"
    )
    page.locator(".md-footer__link--next").click()
    page.wait_for_url("**/microneedling/recovery.html")
    expect(page.locator(".md-footer__link--prev")).to_contain_text("Microneedling")
    expect(page.locator(".md-footer__link--next")).to_contain_text("Microneedling questions")
    page.locator(".md-footer__link--next").click()
    page.wait_for_url("**/microneedling/faq.html")


@pytest.mark.parametrize("path", [PAGE_TYPES["home"], PAGE_TYPES["all-faq"], PAGE_TYPES["about"]])
def test_the_site_pages_menu_lists_the_treatments(page, file_url, path):
    page.goto(file_url + path)
    nav = page.locator("nav.md-nav--primary")
    expect(nav.get_by_role("link", name="Microneedling", exact=True)).to_have_count(1)


def test_searching_redness_finds_advice_and_no_source_note(page, http_url, site_dir):
    notes = (site_dir / "about.html").read_text(encoding="utf-8")
    assert "Where the sources disagree" in notes  # the about page does show the notes
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    for note_only in ("Where the sources disagree", "The sources say", "What we left out"):
        assert note_only not in indexed, note_only

    page.goto(http_url + PAGE_TYPES["home"])
    search = page.locator("input.md-search__input")
    search.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(re.compile("Type to start searching"), timeout=10_000)
    search.press_sequentially("redness", delay=30)
    expect(meta).to_have_text(re.compile(r"\d+ matching document"), timeout=10_000)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    texts = results.all_inner_texts()
    assert texts and any("redness" in text.lower() for text in texts)
    for text in texts:
        for note_only in ("sources say", "we say", "left out", "s00"):
            assert note_only not in text, text


@pytest.mark.parametrize("path", list(PAGE_TYPES.values()))
def test_the_sample_clinic_says_so_on_every_page(page, file_url, path):
    page.goto(file_url + path)
    expect(page.locator(".md-banner")).to_contain_text(
        "This is a sample site. Riverside Skin Clinic is made up"
    )
