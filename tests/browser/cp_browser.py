"""Shared pieces of the real-browser tests: the page types, a fixed clock, axe-core, and what
`carepages plan` says, so the browser's answers can be checked against it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup

from carepages.components.plan import DayText, Plan, calendar_dates, describe_day, plan_for
from carepages.source.content import load_site

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


def new_page(browser, width: int = 1280, height: int = 900, **options):
    """A page in its own context with the same locale and time zone as the `page` fixture."""
    context = browser.new_context(
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": width, "height": height},
        **options,
    )
    return context.new_page()


def at(page, now: dt.datetime = NOW):
    """Freeze the page's clock (Date.now and new Date()) before it loads."""
    page.clock.set_fixed_time(now)
    return page


def set_treatment_date(page, date: dt.date) -> None:
    page.fill(DATE_INPUT, date.isoformat())


def wait_until_still(page) -> None:
    """Wait until the page stops scrolling and no CSS transition or animation runs (setting a
    date scrolls to the Today card, and Material's header fades its title in as it scrolls):
    what a reader then sees, not a frame halfway through a fade."""
    page.evaluate(
        """async () => {
          const frame = () => new Promise(done => requestAnimationFrame(() => done()));
          const moving = () => document.getAnimations().some(a => a.playState === 'running');
          let y = NaN;
          for (let i = 0; i < 200 && (y !== window.scrollY || moving()); i++) {
            y = window.scrollY;
            await frame();
            await frame();
          }
        }"""
    )


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.x A/AA and best-practice violations on the page once it is still."""
    wait_until_still(page)
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


def plan_of(project: Path, slug: str = "microneedling") -> Plan:
    """The plan of a treatment of a built project, as `carepages plan` computes it."""
    site = load_site(project / "content", project / "mkdocs.yml")
    data = site.treatment(slug)
    assert data is not None
    return plan_for(data, site.activities)


def expected_day(plan: Plan, treatment: dt.date, today: dt.date) -> DayText:
    """What `carepages plan --date today --treatment-date treatment` says."""
    dates = calendar_dates(treatment)
    offset = (today - treatment).days
    return describe_day(plan, offset, dates(offset), dates)


# The Today card's text as lines, in the shape of DayText.lines(): heading, countdown, where
# you are, each list ("  - " lines, a line's items joined with "; "), its closing note.
TODAY_CARD_LINES = """card => {
  const out = [card.querySelector('[data-today-heading]').textContent];
  for (const selector of ['[data-today-countdown]', '[data-today-here]']) {
    const part = card.querySelector(selector);
    if (!part.hidden && part.textContent) out.push(part.textContent);
  }
  const line = item => {
    const lead = [...item.childNodes].filter(n => n.nodeName !== 'UL').map(n => n.textContent).join('');
    const items = [...item.querySelectorAll(':scope > ul > li')].map(x => x.textContent);
    return '  - ' + (items.length ? lead + ' ' + items.join('; ') : lead);
  };
  for (const group of card.querySelectorAll('[data-today-groups] > div')) {
    out.push(group.querySelector('h4').textContent + ':');
    group.querySelectorAll(':scope > ul > li').forEach(item => out.push(line(item)));
    const note = group.querySelector('.cp-today__note');
    if (note) out.push('  ' + note.textContent);
  }
  out.push(card.querySelector('.cp-today__call h4').textContent + ':');
  card.querySelectorAll('[data-today-signs] > li').forEach(item => out.push(line(item)));
  return out;
}"""

STATES = {"done": "past", "now": "current", "to come": "future"}


def steps_shown(page) -> list[tuple[str, str, str | None]]:
    """Each step's days, title and state as the page shows them."""
    shown = page.locator("[data-timeline] li[data-step]").evaluate_all(
        """items => items.map(li => [li.querySelector('[data-dates]').textContent,
            li.querySelector('.cp-timeline__name').textContent, li.dataset.state || null])"""
    )
    return [tuple(step) for step in shown]


def steps_expected(text: DayText) -> list[tuple[str, str, str]]:
    return [(days, title, STATES[state]) for days, title, state in text.steps]


def steps_of(html: str) -> list[dict]:
    """The timeline steps as the built page renders them (no JavaScript)."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        {
            "id": li["id"],
            "first": int(li["data-first-day"]),
            "last": None if li["data-last-day"] == "" else int(li["data-last-day"]),
            "label": li.select_one("[data-dates]").get_text(),
            "name": li.select_one(".cp-timeline__name").get_text(),
        }
        for li in soup.select("[data-timeline] li[data-step]")
    ]


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


def settle(page, requests: list[str], quiet_ms: int = 1000, most_ms: int = 15_000) -> None:
    """Wait until the page has asked for nothing new for `quiet_ms`. (Playwright's own
    "networkidle" never comes back once search starts from file://: the search runs in an
    about:blank frame added after the page loaded, which reports no load states.)"""
    waited, seen = 0, -1
    while len(requests) != seen and waited < most_ms:
        seen = len(requests)
        page.wait_for_timeout(quiet_ms)
        waited += quiet_ms
    assert len(requests) == seen, "the page kept making requests"
