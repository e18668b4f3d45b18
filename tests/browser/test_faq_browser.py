"""The FAQ pages in a real browser: deep links, shareable addresses, the filter and its live
count, expand/collapse all, and keyboard use."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from cp_browser import PAGE_TYPES
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FAQ_PAGES = [PAGE_TYPES["treatment-faq"], PAGE_TYPES["all-faq"]]
SEARCH = "[data-faq] input[type=search]"
COUNT = "[data-faq-count]"


def questions(site_dir, path: str) -> list[tuple[str, str]]:
    """(id, text as the browser's textContent gives it) of every question on a built page."""
    soup = BeautifulSoup((site_dir / path).read_text(encoding="utf-8"), "html.parser")
    return [(d["id"], d.get_text()) for d in soup.select("[data-faq] details[id]")]


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")


@pytest.mark.parametrize("path", FAQ_PAGES)
def test_a_deep_link_opens_and_shows_that_answer(page, http_url, path):
    page.goto(f"{http_url}{path}#microneedling-does-it-hurt")
    item = page.locator("#microneedling-does-it-hurt")
    expect(item).to_have_attribute("open", "")
    expect(item.locator(".cp-faq__answer")).to_be_visible()
    expect(item.locator(".cp-faq__answer")).to_contain_text("numbing cream")
    expect(page.locator("[data-faq] details[open]")).to_have_count(1)
    # In view, and not hidden under the sticky header.
    expect(item.locator("summary")).to_be_in_viewport()
    assert item.locator("summary").bounding_box()["y"] >= header_bottom(page) - 1


def test_opening_a_question_puts_it_in_the_address(page, file_url):
    page.goto(file_url + PAGE_TYPES["treatment-faq"])
    page.get_by_text("When can I wear makeup?", exact=True).click()
    expect(page.locator("#microneedling-makeup")).to_have_attribute("open", "")
    assert page.evaluate("location.hash") == "#microneedling-makeup"
    page.get_by_text("When can I wear makeup?", exact=True).click()
    expect(page.locator("#microneedling-makeup")).not_to_have_attribute("open", "")
    assert page.evaluate("location.hash") == ""
    # A link to another answer on the same page opens it too.
    page.evaluate("location.hash = '#microneedling-sun'")
    expect(page.locator("#microneedling-sun")).to_have_attribute("open", "")


@pytest.mark.parametrize("path", FAQ_PAGES)
def test_the_filter_narrows_questions_and_announces_the_count(page, http_url, site_dir, path):
    page.goto(http_url + path)
    all_questions = questions(site_dir, path)
    total = len(all_questions)
    count = page.locator(COUNT)
    expect(count).to_have_attribute("aria-live", "polite")
    expect(count).to_have_text(f"{total} questions")

    # Matches question and answer text: "collagen" is only in answers.
    for words in ("makeup", "collagen", "SUN spf"):
        page.fill(SEARCH, words)
        wanted = [
            qid
            for qid, text in all_questions
            if all(w in text.lower() for w in words.lower().split())
        ]
        assert 0 < len(wanted) < total, words
        expect(count).to_have_text(f"{len(wanted)} of {total} questions")
        visible = page.locator("[data-faq] details[id]:visible")
        expect(visible).to_have_count(len(wanted))
        assert visible.evaluate_all("els => els.map(e => e.id)") == wanted
        # A topic with nothing left in it disappears with its heading.
        for section in page.locator("[data-faq-topic]").all():
            assert section.is_visible() == (section.locator("details:visible").count() > 0)

    page.fill(SEARCH, "xylophone")
    expect(count).to_have_text(f"0 of {total} questions. Try another word.")
    page.fill(SEARCH, "")
    expect(count).to_have_text(f"{total} questions")
    expect(page.locator("[data-faq] details[id]:visible")).to_have_count(total)


def test_a_deep_link_to_a_filtered_out_answer_clears_the_filter(page, http_url):
    page.goto(http_url + PAGE_TYPES["treatment-faq"])
    page.fill(SEARCH, "makeup")
    page.evaluate("location.hash = '#microneedling-does-it-hurt'")
    expect(page.locator("#microneedling-does-it-hurt")).to_be_visible()
    expect(page.locator(SEARCH)).to_have_value("")


def test_expand_all_and_collapse_all(page, http_url):
    page.goto(http_url + PAGE_TYPES["all-faq"])
    details = page.locator("[data-faq] details[id]")
    page.get_by_role("button", name="Expand all").click()
    expect(page.locator("[data-faq] details[id]:not([open])")).to_have_count(0)
    expect(details.last.locator(".cp-faq__answer")).to_be_visible()
    page.get_by_role("button", name="Collapse all").click()
    expect(page.locator("[data-faq] details[open]")).to_have_count(0)


def test_keyboard_only(page, http_url):
    page.goto(http_url + PAGE_TYPES["treatment-faq"])
    page.focus(SEARCH)
    page.keyboard.type("bleed")
    expect(page.locator(COUNT)).to_have_text(re.compile(r"^1 of \d+ questions$"))
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Expand all")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Collapse all")).to_be_focused()
    page.keyboard.press("Tab")
    summary = page.locator("#microneedling-bleeding summary")
    expect(summary).to_be_focused()
    style = summary.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
    )
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 2, style
    page.keyboard.press("Enter")
    expect(page.locator("#microneedling-bleeding")).to_have_attribute("open", "")
    assert page.evaluate("location.hash") == "#microneedling-bleeding"
    page.keyboard.press("Space")
    expect(page.locator("#microneedling-bleeding")).not_to_have_attribute("open", "")
    # Escape empties a search box: every question comes back.
    page.focus(SEARCH)
    page.keyboard.press("Escape")
    expect(page.locator(COUNT)).to_have_text(re.compile(r"^\d+ questions$"))


def test_the_site_wide_page_groups_by_treatment_then_topic(page, http_url):
    page.goto(http_url + PAGE_TYPES["all-faq"])
    headings = page.locator("[data-faq] h2, [data-faq] h3").evaluate_all(
        "els => els.map(e => e.tagName + ' ' + e.textContent)"
    )
    groups = [h for h in headings if h.startswith("H2 ")]
    assert groups == ["H2 Chemical peel", "H2 Microneedling"]
    assert headings[0] == "H2 Chemical peel"
    # A topic names its treatment for screen readers and search ("Microneedling: …").
    assert "H3 Microneedling: After your treatment" in headings
    # Each question sits in its treatment's section, inside a topic.
    first = page.locator("#microneedling-what-is-it")
    expect(first.locator("xpath=ancestor::section[@data-faq-topic]")).to_have_count(1)
    expect(
        first.locator("xpath=ancestor::section[contains(@class,'cp-faq__treatment')]")
    ).to_have_count(1)
