"""Screenshots of every page type at phone (390 px) and desktop (1280 px) width, saved as test
artifacts for a person to look at; the test itself fails on content wider than the screen."""

from __future__ import annotations

import datetime as dt

import pytest
from cp_browser import ARTIFACTS, NOW, PAGE_TYPES, at, set_treatment_date

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"

# Elements of the article sticking out past the right edge of the window (ignoring anything
# inside a box that scrolls sideways on purpose).
OVERFLOW = """() => [...document.querySelectorAll('article *')].filter(e => {
  for (let p = e.parentElement; p; p = p.parentElement)
    if (/auto|scroll/.test(getComputedStyle(p).overflowX)) return false;
  const r = e.getBoundingClientRect();
  return r.width && r.right > innerWidth + 1;
}).map(e => e.tagName + '.' + e.className)"""


def with_date(page):
    set_treatment_date(page, NOW.date() - dt.timedelta(days=3))


def with_future_date(page):
    set_treatment_date(page, NOW.date() + dt.timedelta(days=5))


def with_done_steps_open(page):
    with_date(page)
    page.locator("[data-past-steps] button").click()


def with_date_weeks_ahead(page):
    set_treatment_date(page, NOW.date() + dt.timedelta(days=40))


def with_checklist_ticked(page):
    boxes = page.locator("[data-checklist] input[type=checkbox]")
    boxes.first.check()
    boxes.nth(3).check()


def with_answer_open(page):
    page.locator("[data-faq] summary").first.click()


SHOTS_TO_TAKE = {
    "home": (PAGE_TYPES["home"], None, "screen"),
    "overview": (PAGE_TYPES["overview"], None, "screen"),
    "overview-checklist-ticked": (PAGE_TYPES["overview"], with_checklist_ticked, "screen"),
    "recovery": (PAGE_TYPES["recovery"], None, "screen"),
    "recovery-print-without-a-date": (PAGE_TYPES["recovery"], None, "print"),
    "recovery-day-4": (PAGE_TYPES["recovery"], with_date, "screen"),
    "recovery-day-4-done-steps-open": (PAGE_TYPES["recovery"], with_done_steps_open, "screen"),
    "recovery-countdown": (PAGE_TYPES["recovery"], with_future_date, "screen"),
    "recovery-weeks-ahead": (PAGE_TYPES["recovery"], with_date_weeks_ahead, "screen"),
    "recovery-print": (PAGE_TYPES["recovery"], with_date, "print"),
    "treatment-faq": (PAGE_TYPES["treatment-faq"], with_answer_open, "screen"),
    "all-faq": (PAGE_TYPES["all-faq"], None, "screen"),
    "about": (PAGE_TYPES["about"], None, "screen"),
}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", list(SHOTS_TO_TAKE))
def test_screenshot(open_page, file_url, name, width):
    path, act, media = SHOTS_TO_TAKE[name]
    # Reduced motion: the picture is taken where the page ends up, not mid-scroll.
    page = at(open_page(width=width, reduced_motion="reduce"))
    page.goto(file_url + path)
    if act:
        act(page)
    page.emulate_media(media=media)
    assert page.evaluate(OVERFLOW) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / f"{name}-{width}.png"
    page.evaluate("scrollTo(0, 0)")
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshot_of_the_first_screen_after_setting_a_date(open_page, file_url, width):
    """What a patient sees the moment the date is in: the Today card, not a step below it."""
    page = at(open_page(width=width, height=844, reduced_motion="reduce"))
    page.goto(file_url + PAGE_TYPES["recovery"])
    with_date(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    target = SHOTS / f"recovery-day-4-first-screen-{width}.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
