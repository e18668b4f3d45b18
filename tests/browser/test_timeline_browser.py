"""The recovery timeline in a real browser, opened from the offline zip (file://): the reader's
date picks the day's entry of the plan, and the page says exactly what `carepages plan` says
(the Today card, the steps, the table and the chart); it is remembered and forgotten."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cp_browser import (
    DATE_INPUT,
    LONDON,
    NOW,
    RECOVERY,
    TODAY_CARD_LINES,
    at,
    expected_day,
    set_treatment_date,
    steps_expected,
    steps_of,
    steps_shown,
)
from playwright.sync_api import expect

from carepages.components.plan import calendar_dates
from tests.conftest import run_carepages

pytestmark = pytest.mark.browser

KEY = "carepages:microneedling:treatment-date"
THREE_DAYS_AGO = dt.date(2026, 11, 23)


def card_lines(page) -> list[str]:
    return page.locator("[data-today]").evaluate(TODAY_CARD_LINES)


def test_treatment_three_days_ago_shows_day_4_with_real_dates(page, file_url, plan):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, THREE_DAYS_AGO)

    current = page.locator('li[aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current).to_have_id("microneedling-step-6")
    expect(current).to_have_attribute("data-state", "current")
    expect(current.locator(".cp-timeline__badge")).to_have_text("Now")
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
    lines = card_lines(page)
    assert lines[:2] == [
        "Today, Thu 26 Nov: day 4 of your recovery",
        "You are here: Dry skin and flaking",
    ]
    assert "Not yet:" in lines
    assert "  - Until Sun 6 Dec: scrubs, face brushes and peeling products" in lines
    assert lines[lines.index("Back to normal:") + 1] == "  - You can wear makeup again."
    # Picking the skin is never said to be fine again; a medicine only in the editor's words.
    assert not [line for line in lines if "You can touch" in line or "You can pick" in line]
    medicines = lines.index("Your medicines:")
    assert lines[medicines + 1 : medicines + 3] == [
        "  - You can take allergy tablets (antihistamines) again.",
        "  If you need a medicine for your health, ask us first.",
    ]
    # The activity table says the same, in dates.
    expect(page.locator('tr[data-activity="makeup"] [data-again-day]')).to_have_text(
        "From Thu 26 Nov"
    )
    expect(page.locator('tr[data-activity="exfoliation"] [data-again-day]')).to_have_text(
        "From Mon 7 Dec"
    )
    assert lines == expected_day(plan, THREE_DAYS_AGO, NOW.date()).lines()


@pytest.mark.parametrize("k", [-40, -12, -10, -7, -5, -3, -1, 0, 1, 2, 3, 6, 7, 13, 14, 21, 90])
def test_the_page_says_exactly_what_carepages_plan_says(page, file_url, plan, k):
    """k = today - treatment date: the Today card and the steps equal `carepages plan`."""
    treatment = NOW.date() - dt.timedelta(days=k)
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, treatment)

    text = expected_day(plan, treatment, NOW.date())
    assert card_lines(page) == text.lines()
    assert steps_shown(page) == steps_expected(text)
    entry = plan.day(k)
    marked = page.locator('li[aria-current="step"]')
    if entry.current is None:
        expect(marked).to_have_count(0)
    else:
        expect(marked).to_have_id(plan.steps[entry.current].anchor)


def test_a_future_date_counts_down(page, file_url, plan):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, dt.date(2026, 11, 29))

    lines = card_lines(page)
    assert lines[:3] == [
        "Today, Thu 26 Nov: 3 days before your treatment",
        "Your treatment is in 3 days, on Sun 29 Nov.",
        "You are here: Stop strong skin products",
    ]
    stop_soon = lines.index("Stop soon:")
    assert lines[stop_soon + 1].startswith("  - From Sun 29 Nov: makeup; hard exercise")
    medicines = lines.index("Your medicines:")
    assert lines[medicines + 1] == (
        "  - From Sat 28 Nov: Do not take allergy tablets (antihistamines) on the day before "
        "your treatment."
    )
    # A medicine is never among the things to "stop soon".
    assert not [line for line in lines[stop_soon:medicines] if "allergy" in line]
    expect(page.locator('li[aria-current="step"]')).to_have_id("microneedling-step-2")

    set_treatment_date(page, dt.date(2026, 11, 27))
    expect(page.locator("[data-today-countdown]")).to_have_text(
        "Your treatment is tomorrow, Fri 27 Nov."
    )


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
    page, file_url, plan, now, treatment, current, dates
):
    at(page, now).goto(file_url + RECOVERY)
    set_treatment_date(page, treatment)
    step = page.locator('li[aria-current="step"]')
    expect(step).to_have_id(current)
    expect(step.locator("[data-dates]")).to_have_text(dates)
    assert card_lines(page) == expected_day(plan, treatment, now.date()).lines()


def test_the_date_is_remembered_on_this_device_only(page, file_url):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, THREE_DAYS_AGO)
    page.reload()

    expect(page.locator(DATE_INPUT)).to_have_value("2026-11-23")
    expect(page.locator('li[aria-current="step"]')).to_have_id("microneedling-step-6")
    # The only thing stored is the date, under the documented key; no cookies.
    assert page.evaluate("({...localStorage})") == {KEY: "2026-11-23"}
    assert page.context.cookies() == []


def test_forget_my_data_brings_back_the_plan_without_a_date(page, file_url, recovery_html):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, THREE_DAYS_AGO)
    page.get_by_role("button", name="Forget my data").click()

    relative = [s["label"] for s in steps_of(recovery_html)]
    assert "Days 2–3" in relative
    assert page.locator("[data-timeline] [data-dates]").all_text_contents() == relative
    expect(page.locator("li[data-state]")).to_have_count(0)
    expect(page.locator("[aria-current]")).to_have_count(0)
    expect(page.locator(".cp-timeline__badge:visible")).to_have_count(0)
    expect(page.locator("li[data-step]:visible")).to_have_count(len(relative))
    for hidden in ("[data-today]", "button[data-ics]", "[data-past-steps]"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator('tr[data-activity="makeup"] [data-again-day]')).to_have_text("From day 4")
    expect(page.locator(DATE_INPUT)).to_have_value("")
    expect(page.locator("[data-timeline] [data-forget-status]")).to_have_text(
        "This site keeps nothing on this device now."
    )
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


def test_the_chart_shows_dates_and_today_once_a_date_is_set(page, file_url, plan):
    at(page).goto(file_url + RECOVERY)
    chart = page.locator("[data-chart]")
    ticks = chart.locator("text[data-tick-day]")
    assert ticks.all_text_contents() == ["7 days before", "Treatment", "Day 8", "Day 15"]
    expect(chart.locator("[data-today-line]").first).to_have_attribute("visibility", "hidden")
    expect(chart.locator("[data-today-key]")).to_be_hidden()
    expect(page.locator("details[data-activities]")).to_have_attribute("open", "")

    set_treatment_date(page, THREE_DAYS_AGO)
    assert ticks.all_text_contents() == ["16 Nov", "23 Nov", "30 Nov", "7 Dec"]
    expect(chart.locator("[data-today-key]")).to_be_visible()
    line = chart.locator("[data-today-line]").first
    expect(line).to_have_attribute("visibility", "visible")
    # Today's line sits on today's day: the script picks it from the positions the chart
    # was built with, which start at the chart's first day (7 days before).
    first = int(chart.get_attribute("data-first-day"))
    positions = json.loads(chart.get_attribute("data-day-x"))
    assert first == -7 and len(positions) == 22
    expect(line).to_have_attribute("x1", f"{positions[3 - first]:g}%")
    dates = calendar_dates(THREE_DAYS_AGO)
    expect(chart.locator('[data-activity="makeup"] [data-again-day]')).to_have_text(
        f"again from {dates(3)}"
    )
    # The touching row says no "again" at all, and the table folds away behind the chart.
    expect(chart.locator('[data-activity="touching"] [data-again-day]')).to_have_count(0)
    expect(page.locator("details[data-activities]")).not_to_have_attribute("open", "")


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
    # Next stop: the Today card's links (the step you are in, then the phone).
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("href", "#microneedling-step-6")
    outline = focused.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
    )
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2, outline
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("href", "tel:+442079460321")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Add to calendar")
    for _ in range(2):
        page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Forget my data")
    page.keyboard.press("Enter")
    expect(page.locator("li[data-state]")).to_have_count(0)


@pytest.mark.parametrize(("motion", "behaviour"), [("reduce", "auto"), ("no-preference", "smooth")])
def test_scrolling_respects_reduced_motion(open_page, file_url, motion, behaviour):
    page = at(open_page(width=390, reduced_motion=motion))
    page.goto(file_url + RECOVERY)
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == behaviour
    set_treatment_date(page, THREE_DAYS_AGO)
    expect(page.locator("[data-today]")).to_be_in_viewport()


@pytest.mark.parametrize(
    ("treatment", "today"),
    [("2026-12-06", "2026-11-26"), ("2026-11-23", "2026-11-26"), ("2026-11-05", "2026-11-26")],
)
def test_the_page_shows_what_the_plan_command_prints(page, file_url, built, treatment, today):
    """`carepages plan --date --treatment-date` run on the built project, read as text, and the
    browser on the same day: the Today card and the steps are the same, line for line."""
    result = run_carepages(
        "plan", "microneedling", "--date", today, "--treatment-date", treatment, cwd=built
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout.split("\n")
    card = printed[1 : printed.index("Steps:")]
    steps = printed[printed.index("Steps:") + 1 : printed.index("Calendar file:")]

    now = dt.datetime.fromisoformat(today).replace(hour=10, tzinfo=LONDON)
    at(page, now).goto(file_url + RECOVERY)
    set_treatment_date(page, dt.date.fromisoformat(treatment))

    assert [f"  {line}" for line in card_lines(page)] == card
    states = {"past": "done", "current": "now", "future": "to come"}
    shown = steps_shown(page)
    width = max(len(days) for days, _, _ in shown)
    assert [
        f"  {states[state]:<7}  {days:<{width}}  {title}" for days, title, state in shown
    ] == steps
