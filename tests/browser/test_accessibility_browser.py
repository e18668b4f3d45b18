"""axe-core (from npm, injected into the page) on every page type and in every state a reader
can put it in, at phone and desktop widths: no WCAG 2.x A/AA or best-practice violation."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cp_browser import ARTIFACTS, NOW, PAGE_TYPES, at, describe, run_axe, set_treatment_date

pytestmark = pytest.mark.browser


def recovery_with(days_from_today: int):
    def act(page):
        set_treatment_date(page, NOW.date() + dt.timedelta(days=days_from_today))

    return act


def recovery_past_steps_open(page):
    set_treatment_date(page, NOW.date() - dt.timedelta(days=3))
    page.locator("[data-past-steps] button").click()


def recovery_forgotten(page):
    set_treatment_date(page, NOW.date() - dt.timedelta(days=3))
    page.get_by_role("button", name="Forget my data").click()


def recovery_table_open_with_a_date(page):
    set_treatment_date(page, NOW.date() - dt.timedelta(days=3))
    page.locator("details[data-activities] summary").click()


def overview_checklist_ticked(page):
    page.locator("[data-checklist] input[type=checkbox]").first.check()
    page.locator("[data-checklist] input[type=checkbox]").nth(3).check()


def faq_in_use(page):
    page.fill("[data-faq] input[type=search]", "sun")
    page.locator("[data-faq] details:visible summary").first.click()


def faq_expanded(page):
    page.get_by_role("button", name="Expand all").click()


STATES = {
    "home": (PAGE_TYPES["home"], None),
    "overview": (PAGE_TYPES["overview"], None),
    "recovery": (PAGE_TYPES["recovery"], None),
    "recovery-day-4": (PAGE_TYPES["recovery"], recovery_with(-3)),
    "recovery-day-4-done-steps-open": (PAGE_TYPES["recovery"], recovery_past_steps_open),
    "recovery-day-4-table-open": (PAGE_TYPES["recovery"], recovery_table_open_with_a_date),
    "recovery-countdown": (PAGE_TYPES["recovery"], recovery_with(5)),
    "recovery-weeks-before": (PAGE_TYPES["recovery"], recovery_with(40)),
    "recovery-weeks-after": (PAGE_TYPES["recovery"], recovery_with(-60)),
    "recovery-data-forgotten": (PAGE_TYPES["recovery"], recovery_forgotten),
    "overview-checklist-ticked": (PAGE_TYPES["overview"], overview_checklist_ticked),
    "treatment-faq-filtered": (PAGE_TYPES["treatment-faq"], faq_in_use),
    "all-faq-expanded": (PAGE_TYPES["all-faq"], faq_expanded),
    "about": (PAGE_TYPES["about"], None),
    # Served from the site root, as a web server shows it (it links assets from "/").
    "not-found": ("404.html", None),
}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("state", list(STATES))
def test_no_axe_violations(open_page, http_url, state, width):
    path, act = STATES[state]
    page = at(open_page(width=width, bypass_csp=True))  # axe is injected as an inline script
    page.goto(http_url + path)
    if act:
        act(page)
    violations = run_axe(page)
    out = ARTIFACTS / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{state}-{width}.json").write_text(
        json.dumps({"url": page.url, "violations": violations}, indent=1), encoding="utf-8"
    )
    assert violations == [], describe(violations)


def test_axe_finds_what_it_should(open_page, http_url):
    """The check itself works: a page made to fail (an image without text) is reported."""
    page = open_page(bypass_csp=True)
    page.goto(http_url + PAGE_TYPES["home"])
    page.evaluate("document.querySelector('article').append(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in run_axe(page)]
