"""With JavaScript off every word is still there; printed, the recovery page is the patient's
handout (all steps, the activity table, the clinic's phone and when to call; no controls)."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from cp_browser import NOW, PAGE_TYPES, RECOVERY, at, set_treatment_date, squash, steps_of
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CONTROLS = [
    "[data-timeline-controls]",
    "[data-timeline] input[type=date]",
    "button[data-ics]",
    "button[data-print]",
    "button[data-forget]",
    "[data-filter]",
    "[data-past-steps]",
]


def test_without_javascript_every_step_is_shown_with_relative_days(
    open_page, file_url, recovery_html
):
    page = open_page(width=390, java_script_enabled=False)
    page.goto(file_url + RECOVERY)
    steps = steps_of(recovery_html)
    items = page.locator("[data-timeline] li[data-step]")
    expect(items).to_have_count(len(steps))
    # Each label says the days once, and no title says them again.
    assert [(s["label"], s["name"]) for s in steps][:5] == [
        ("7 to 4 days before", "Protect your skin from the sun"),
        ("3 to 2 days before", "Stop strong skin products"),
        ("The day before", "Get ready for your visit"),
        ("Day 1", "Red, warm and tender"),
        ("Days 2–3", "The redness fades"),
    ]
    assert page.locator("[data-dates]").all_text_contents() == [s["label"] for s in steps]
    # Every line of every step is on screen, nothing is filtered or folded away.
    soup = BeautifulSoup(recovery_html, "html.parser")
    lines = [squash(li.get_text()) for li in soup.select("[data-timeline] ol li li")]
    assert len(lines) > 40
    for i in range(items.count()):
        expect(items.nth(i)).to_be_visible()
    shown = squash(page.locator("[data-timeline] ol").inner_text())
    for line in lines:
        assert line in shown, line
    for group in page.locator("[data-timeline] [data-kind]").all():
        expect(group).to_be_visible()
    # The chart is there, and the table under it is open.
    expect(page.locator("[data-chart] .cp-chart__row[data-activity]")).to_have_count(9)
    expect(page.locator("[data-activities] tbody tr")).to_have_count(9)
    for row in page.locator("[data-activities] tbody tr").all():
        expect(row).to_be_visible()
    for selector in CONTROLS + ["[data-today]"]:
        expect(page.locator(selector)).to_be_hidden()


@pytest.mark.parametrize("path", [PAGE_TYPES["treatment-faq"], PAGE_TYPES["all-faq"]])
def test_without_javascript_every_answer_can_be_opened(open_page, file_url, site_dir, path):
    page = open_page(java_script_enabled=False)
    page.goto(file_url + path)
    soup = BeautifulSoup((site_dir / path).read_text(encoding="utf-8"), "html.parser")
    answers = {
        d["id"]: squash(d.select_one(".cp-faq__answer").get_text(" "))
        for d in soup.select("details[id]")
    }
    expect(page.locator("[data-faq-tools]")).to_be_hidden()
    items = page.locator("[data-faq] details[id]")
    expect(items).to_have_count(len(answers))
    for item in items.all():
        item.locator("summary").click()  # <details> opens without any script
        answer = item.locator(".cp-faq__answer")
        expect(answer).to_be_visible()
        assert squash(answer.inner_text()) == answers[item.get_attribute("id")]


def test_printed_recovery_page_is_the_handout(page, file_url):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, NOW.date() - dt.timedelta(days=5))
    page.get_by_label("What to avoid").uncheck()
    # On screen the steps already done are folded away and the table is folded behind the chart.
    expect(page.locator("li[data-state=past]").first).to_be_hidden()
    page.emulate_media(media="print")

    for step in page.locator("[data-timeline] li[data-step]").all():
        expect(step).to_be_visible()
    for group in page.locator("ol [data-kind]").all():
        expect(group).to_be_visible()  # the screen filter does not apply on paper
    for row in page.locator("[data-activities] tbody tr").all():
        expect(row).to_be_visible()
    call = page.locator(".cp-call")
    expect(call).to_be_visible()
    expect(call.locator("a[href^='tel:']")).to_have_text("+44 20 7946 0321")
    expect(call).to_contain_text("When to call us")
    for selector in CONTROLS + ["[data-today]", "nav", ".md-header", ".md-footer"]:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator("button:visible, input:visible")).to_have_count(0)
    expect(page.locator("[data-chart] .cp-chart__row[data-activity]").first).to_be_visible()
    # The dates the reader entered are printed with each step.
    expect(page.locator("#microneedling-step-4 [data-dates]")).to_have_text("Sat 21 Nov")


def test_printed_faq_shows_every_answer(page, file_url):
    page.goto(file_url + PAGE_TYPES["all-faq"])
    page.emulate_media(media="print")
    expect(page.locator("[data-faq-tools]")).to_be_hidden()
    answers = page.locator("[data-faq] .cp-faq__answer")
    assert answers.count() > 10
    for answer in answers.all():
        expect(answer).to_be_visible()
