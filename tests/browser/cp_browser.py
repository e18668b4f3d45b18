"""Shared pieces of the real-browser tests: the page types, a fixed clock, axe-core, and the
timeline rule written out again in Python so the browser's answers can be checked."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"  # as in tests/conftest.py; git-ignored
LONDON = ZoneInfo("Europe/London")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]

# One page of each type the site has (path relative to the site root).
PAGE_TYPES = {
    "home": "index.html",
    "overview": "microneedling/index.html",
    "recovery": "microneedling/recovery.html",
    "treatment-faq": "microneedling/faq.html",
    "all-faq": "faq.html",
    "about": "about.html",
}
CONTENT_PAGES = list(PAGE_TYPES.values())
RECOVERY = PAGE_TYPES["recovery"]
DATE_INPUT = "[data-timeline] input[type=date]"
# Thursday 26 November 2026, mid-morning in London: "now" for most tests.
NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


def new_page(browser, width: int = 1280, **options):
    """A page in its own context with the same locale and time zone as the `page` fixture."""
    context = browser.new_context(
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": width, "height": 900},
        **options,
    )
    return context.new_page()


def at(page, now: dt.datetime = NOW):
    """Freeze the page's clock (Date.now and new Date()) before it loads."""
    page.clock.set_fixed_time(now)
    return page


def set_treatment_date(page, date: dt.date) -> None:
    page.fill(DATE_INPUT, date.isoformat())


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.x A/AA and best-practice violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}" for v in violations
    )


def squash(text: str) -> str:
    return " ".join(text.split())


# The timeline rule from the issue, independent of timeline.js: a span [s, e) in hours covers
# the treatment date + floor(s/24) days through + ceil(e/24) - 1 days; an activity resumes on
# the treatment date + ceil(e/24) days.
def span_days(start: int, end: int | None) -> tuple[int, int | None]:
    first = math.floor(start / 24)
    return first, None if end is None else max(first, math.ceil(end / 24) - 1)


_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
# en-GB (CLDR) shortens September to "Sept".
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]


def en_gb(date: dt.date) -> str:
    """'Thu 26 Nov', the way the page writes a date (spelt out: no dependence on C locale)."""
    return f"{_DAYS[date.weekday()]} {date.day} {_MONTHS[date.month - 1]}"


def date_range(treatment: dt.date, first: int, last: int | None) -> str:
    start = treatment + dt.timedelta(days=first)
    if last is None:
        return f"From {en_gb(start)}"
    if last == first:
        return en_gb(start)
    return f"{en_gb(start)} – {en_gb(treatment + dt.timedelta(days=last))}"


def hours(value: str) -> int | None:
    return None if value == "" else int(value)


def steps_of(html: str) -> list[dict]:
    """The timeline steps as the built page renders them (no JavaScript)."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        {
            "id": li["id"],
            "start": int(li["data-start-hours"]),
            "end": hours(li["data-end-hours"]),
            "label": li.select_one("[data-dates]").get_text(),
            "name": li.select_one(".cp-timeline__name").get_text(),
            "check": li.get("data-check"),
        }
        for li in soup.select("[data-timeline] li[data-start-hours]")
    ]


def activities_of(html: str) -> list[dict]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        {
            "id": tr["data-activity"],
            "label": tr["data-label"],
            "resume_text": tr["data-resume-text"],
            "spans": [
                (int(s), hours(e))
                for s, e in (part.split(":") for part in tr["data-spans"].split())
            ],
            "resume": hours(tr["data-resume-hours"]),
        }
        for tr in soup.select("[data-activities] tr[data-activity]")
    ]


def expected_current(steps: list[dict], k: int) -> dict | None:
    """The step whose days include day index k; of several, the one that started latest."""
    best = None
    for step in steps:
        first, last = span_days(step["start"], step["end"])
        if first <= k and (last is None or k <= last) and (best is None or first >= best[0]):
            best = (first, step)
    return best[1] if best else None


ICS_DATE = re.compile(r"^\d{8}$")
ICS_STAMP = re.compile(r"^\d{8}T\d{6}Z$")


def unfold_ics(raw: bytes) -> list[str]:
    """RFC 5545 content lines: CRLF-separated, a leading space continues the previous line."""
    text = raw.decode("utf-8")
    assert text.endswith("\r\n"), "the file must end with CRLF"
    physical = text[:-2].split("\r\n")
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def ics_events(lines: list[str]) -> list[dict[str, str]]:
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            assert name not in current, f"{name} twice in one event"
            current[name] = value
    return events
