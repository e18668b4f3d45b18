"""The recovery timeline in a real browser, opened from the offline zip (file://): the reader's
date gives real dates, the current step and a Today summary; it is remembered and cleared."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from cp_browser import (
    DATE_INPUT,
    LONDON,
    NOW,
    RECOVERY,
    activities_of,
    at,
    date_range,
    en_gb,
    expected_current,
    set_treatment_date,
    span_days,
    steps_of,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KEY = "carepages:microneedling:treatment-date"
THREE_DAYS_AGO = dt.date(2026, 11, 23)


def today_list(page, title: str) -> list[str]:
    group = page.locator("[data-today] .cp-timeline__group").filter(
        has=page.locator("h4", has_text=re.compile(f"^{re.escape(title)}$"))
    )
    return group.locator("li").all_text_contents()


def step_states(page) -> list[str | None]:
    return page.locator("li[data-start-hours]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-state'))"
    )


def test_treatment_three_days_ago_shows_day_4_with_real_dates(page, file_url):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, THREE_DAYS_AGO)

    current = page.locator('li[aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current).to_have_id("microneedling-step-6")
    expect(current).to_have_attribute("data-state", "current")
    expect(current).to_be_in_viewport()
    assert step_states(page) == ["past"] * 5 + ["current"] + ["future"] * 2
    assert page.locator("[data-timeline] [data-dates]").all_text_contents() == [
        "Mon 16 Nov – Thu 19 Nov",
        "Fri 20 Nov – Sat 21 Nov",
        "Sun 22 Nov",
        "Mon 23 Nov",
        "Tue 24 Nov – Wed 25 Nov",
        "Thu 26 Nov – Sun 29 Nov",
        "Mon 30 Nov – Sun 6 Dec",
        "From Mon 7 Dec",
    ]
    expect(current.locator(".cp-timeline__badge")).to_have_text("Now")
    expect(page.locator("[data-state=past] .cp-timeline__badge")).to_have_count(5)

    today = page.locator("[data-today]")
    expect(today).to_be_visible()
    expect(today.locator("h3")).to_have_text("Today, Thu 26 Nov: day 4")
    assert "Your skin may peel or flake. New skin is coming through." in today_list(
        page, "What you may notice"
    )
    assert today_list(page, "You can do these again") == ["Medication", "Makeup"]
    assert today_list(page, "Not yet") == [
        "Sun: from Mon 30 Nov",
        "Exercise: from Mon 30 Nov",
        "Heat: from Mon 30 Nov",
        "Swimming: from Mon 30 Nov",
        "Active skincare: from Mon 30 Nov",
        "Touching: from Mon 30 Nov",
        "Exfoliation: from Mon 7 Dec",
    ]
    assert today_list(page, "Stop soon") == []
    expect(page.locator("[data-countdown]")).to_be_hidden()
    # The activity table says the same, in dates.
    expect(page.locator('tr[data-activity="makeup"] td[data-resume]')).to_have_text(
        "From Thu 26 Nov"
    )
    expect(page.locator('tr[data-activity="exfoliation"] td[data-resume]')).to_have_text(
        "From Mon 7 Dec"
    )


@pytest.mark.parametrize("k", [-12, -7, -5, -3, -1, 0, 1, 2, 3, 6, 7, 13, 14, 90])
def test_every_day_matches_the_timeline_rule(page, file_url, recovery_html, k):
    """Day index k = today - treatment date: the browser agrees with the rule in the issue,
    recomputed here from the page's own data attributes."""
    treatment = NOW.date() - dt.timedelta(days=k)
    steps, activities = steps_of(recovery_html), activities_of(recovery_html)
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, treatment)

    assert page.locator("[data-timeline] [data-dates]").all_text_contents() == [
        date_range(treatment, *span_days(s["start"], s["end"])) for s in steps
    ]
    current = expected_current(steps, k)
    marked = page.locator('li[aria-current="step"]')
    if current is None:
        expect(marked).to_have_count(0)
    else:
        expect(marked).to_have_id(current["id"])
    expected_states = []
    for step in steps:
        _, last = span_days(step["start"], step["end"])
        if step is current:
            expected_states.append("current")
        else:
            expected_states.append("past" if last is not None and k > last else "future")
    assert step_states(page) == expected_states

    def on(days: int) -> str:
        return en_gb(treatment + dt.timedelta(days=days))

    allowed, wait, soon = [], [], []
    for a in activities:
        days = [span_days(s, e) for s, e in a["spans"]]
        resume = None if a["resume"] is None else math.ceil(a["resume"] / 24)
        if any(f <= k and (last is None or k <= last) for f, last in days):
            wait.append(
                f"{a['label']}: " + ("ask us when" if resume is None else f"from {on(resume)}")
            )
        elif resume is not None and k >= resume:
            allowed.append(a["label"])
        elif later := [f for f, _ in days if f > k]:
            soon.append(f"{a['label']}: stop on {on(min(later))}")
    assert today_list(page, "You can do these again") == allowed
    assert today_list(page, "Not yet") == wait
    assert today_list(page, "Stop soon") == soon
    expect(page.locator("[data-countdown]")).to_be_visible(visible=k < 0)


def test_a_future_date_counts_down_and_lists_the_preparation_due(page, file_url):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, dt.date(2026, 11, 29))

    countdown = page.locator("[data-countdown]")
    expect(countdown).to_be_visible()
    expect(countdown.locator("h3")).to_have_text("Your treatment is in 3 days, on Sun 29 Nov")
    assert countdown.locator("li").all_text_contents() == [
        "3 days before: Thu 26 Nov – Fri 27 Nov (now)",
        "The day before and the morning of: Sat 28 Nov",
    ]
    expect(page.locator('li[aria-current="step"]')).to_have_id("microneedling-step-2")
    expect(page.locator("[data-today] h3")).to_have_text(
        "Today, Thu 26 Nov: 3 days before your treatment"
    )
    assert today_list(page, "Not yet") == ["Sun: from Sun 6 Dec", "Active skincare: from Sun 6 Dec"]
    assert "Makeup: stop on Sun 29 Nov" in today_list(page, "Stop soon")
    assert "Medication: stop on Sat 28 Nov" in today_list(page, "Stop soon")

    set_treatment_date(page, dt.date(2026, 11, 27))
    expect(countdown.locator("h3")).to_have_text("Your treatment is in 1 day, on Fri 27 Nov")


@pytest.mark.parametrize(
    ("now", "treatment", "current", "dates"),
    [
        # Clocks go back on 25 Oct 2026: day 7 is still a whole calendar day later.
        (
            dt.datetime(2026, 10, 28, 10, 0, tzinfo=LONDON),
            dt.date(2026, 10, 22),
            "microneedling-step-6",
            "Sun 25 Oct – Wed 28 Oct",
        ),
        # Clocks go forward on 29 Mar 2026; half past midnight BST is still 29 Mar in UTC.
        (
            dt.datetime(2026, 3, 30, 0, 30, tzinfo=LONDON),
            dt.date(2026, 3, 27),
            "microneedling-step-6",
            "Mon 30 Mar – Thu 2 Apr",
        ),
        # A minute before midnight is still the same local day.
        (
            dt.datetime(2026, 11, 25, 23, 59, tzinfo=LONDON),
            dt.date(2026, 11, 23),
            "microneedling-step-5",
            "Tue 24 Nov – Wed 25 Nov",
        ),
    ],
)
def test_dates_are_calendar_days_across_clock_changes(
    page, file_url, now, treatment, current, dates
):
    at(page, now).goto(file_url + RECOVERY)
    set_treatment_date(page, treatment)
    step = page.locator('li[aria-current="step"]')
    expect(step).to_have_id(current)
    expect(step.locator("[data-dates]")).to_have_text(dates)


def test_the_date_is_remembered_on_this_device_only(page, file_url):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, THREE_DAYS_AGO)
    page.reload()

    expect(page.locator(DATE_INPUT)).to_have_value("2026-11-23")
    expect(page.locator('li[aria-current="step"]')).to_have_id("microneedling-step-6")
    # The only thing stored is the date, under the documented key; no cookies.
    assert page.evaluate("({...localStorage})") == {KEY: "2026-11-23"}
    assert page.context.cookies() == []


def test_clearing_the_date_brings_back_relative_days(page, file_url, recovery_html):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, THREE_DAYS_AGO)
    page.click("button[data-clear]")

    relative = [s["label"] for s in steps_of(recovery_html)]
    assert "Days 2–3" in relative
    assert page.locator("[data-timeline] [data-dates]").all_text_contents() == relative
    expect(page.locator("li[data-state]")).to_have_count(0)
    expect(page.locator("[aria-current]")).to_have_count(0)
    expect(page.locator(".cp-timeline__badge:visible")).to_have_count(0)
    for hidden in ("[data-today]", "[data-countdown]", "button[data-ics]", "button[data-clear]"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator('tr[data-activity="makeup"] td[data-resume]')).to_have_text("From day 4")
    expect(page.locator(DATE_INPUT)).to_have_value("")
    expect(page.locator(DATE_INPUT)).to_be_focused()
    assert page.evaluate("({...localStorage})") == {}
    page.reload()
    expect(page.locator("li[data-state]")).to_have_count(0)


def test_a_half_typed_year_is_not_taken_as_a_date(page, file_url):
    at(page).goto(file_url + RECOVERY)
    page.fill(DATE_INPUT, "0202-11-23")
    expect(page.locator("li[data-state]")).to_have_count(0)
    expect(page.locator("[data-today]")).to_be_hidden()
    assert page.evaluate("({...localStorage})") == {}


def test_filters_hide_groups_on_screen_but_never_in_print(page, file_url):
    at(page).goto(file_url + RECOVERY)
    steps = page.locator("ol.cp-timeline__steps")
    notice = steps.locator('[data-kind="notice"]')
    assert notice.count() == 5
    page.get_by_label("What you may notice").uncheck()
    for i in range(notice.count()):
        expect(notice.nth(i)).to_be_hidden()
    expect(steps.locator('[data-kind="do"]').first).to_be_visible()
    expect(steps.locator('[data-kind="avoid"]').first).to_be_visible()
    page.emulate_media(media="print")
    expect(notice.first).to_be_visible()
    page.emulate_media(media="screen")
    page.get_by_label("What you may notice").check()
    expect(notice.first).to_be_visible()


def tab_past_the_date(page) -> None:
    """Tab walks through the date's own fields (day, month, year) before it leaves the input."""
    for _ in range(4):
        page.keyboard.press("Tab")
        if not page.evaluate("document.activeElement.matches('input[type=date]')"):
            return


def test_keyboard_only_use_with_visible_focus(page, file_url):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, THREE_DAYS_AGO)
    page.focus(DATE_INPUT)
    tab_past_the_date(page)
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("data-clear", "")
    outline = focused.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
    )
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2, outline
    page.keyboard.press("Enter")
    expect(page.locator(DATE_INPUT)).to_be_focused()
    expect(page.locator("li[data-state]")).to_have_count(0)

    # With no date the calendar and clear buttons are out of the way: next stop, the filters.
    tab_past_the_date(page)
    expect(page.locator(":focus")).to_have_attribute("value", "notice")
    page.keyboard.press("Space")
    expect(page.locator('ol [data-kind="notice"]').first).to_be_hidden()


@pytest.mark.parametrize(("motion", "behaviour"), [("reduce", "auto"), ("no-preference", "smooth")])
def test_scrolling_respects_reduced_motion(open_page, file_url, motion, behaviour):
    page = at(open_page(width=390, reduced_motion=motion))
    page.goto(file_url + RECOVERY)
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == behaviour
    set_treatment_date(page, THREE_DAYS_AGO)
    expect(page.locator('li[aria-current="step"]')).to_be_in_viewport()
