"""The "Add to calendar" file, built in the browser from file:// and parsed here: RFC 5545
line format, one all-day event for each event of the plan, on the right date."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from cp_browser import (
    ICS_DATE,
    ICS_STAMP,
    RECOVERY,
    at,
    ics_events,
    set_treatment_date,
    unfold_ics,
)

pytestmark = pytest.mark.browser

TREATMENT = dt.date(2026, 11, 23)


def download_ics(page) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click("button[data-ics]")
    download = info.value
    return download.suggested_filename, download.path().read_bytes()


def ymd(date: dt.date) -> str:
    return date.strftime("%Y%m%d")


def test_calendar_file_holds_exactly_the_plans_events(page, file_url, plan):
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, TREATMENT)
    name, raw = download_ics(page)

    assert name == "microneedling-recovery.ics"
    assert b"\n" not in raw.replace(b"\r\n", b""), "every line must end with CRLF"
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
    lines = unfold_ics(raw)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert any(line.startswith("PRODID:") for line in lines)
    assert lines[-1] == "END:VCALENDAR"

    expected = {}
    for event in plan.events:
        day = TREATMENT + dt.timedelta(days=event.day)
        expected[f"microneedling-{event.id}-{ymd(day)}@carepages"] = (day, event.text)
    # Spelled out too, so the test does not only agree with the plan.
    assert expected["microneedling-makeup-20261126@carepages"] == (
        dt.date(2026, 11, 26),
        "You can wear makeup again.",
    )
    assert expected["microneedling-check-days-4-7-20261129@carepages"] == (
        dt.date(2026, 11, 29),
        "Check-in: Is the redness gone?",
    )
    assert expected["microneedling-medication-from-1-20261122@carepages"] == (
        dt.date(2026, 11, 22),
        "Do not take allergy tablets (antihistamines) on the day before your treatment. "
        "If you need a medicine for your health, ask us first.",
    )
    # Picking the skin is never fine again: no event says so.
    assert not [uid for uid in expected if "touching" in uid]

    events = ics_events(lines)
    assert len(events) == len(expected) == len(plan.events)
    seen = set()
    for event in events:
        uid = event["UID"]
        assert uid in expected, uid
        assert uid not in seen
        seen.add(uid)
        day, summary = expected[uid]
        assert ICS_STAMP.match(event["DTSTAMP"]), event["DTSTAMP"]
        assert event["DTSTAMP"] == "20261126T100000Z"  # the page's clock, in UTC
        assert ICS_DATE.match(event["DTSTART;VALUE=DATE"])
        assert event["DTSTART;VALUE=DATE"] == ymd(day)
        assert event["DTEND;VALUE=DATE"] == ymd(day + dt.timedelta(days=1))
        unescaped = re.sub(
            r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], event["SUMMARY"]
        )
        assert unescaped == summary
    sauna = next(e for e in events if e["UID"].startswith("microneedling-heat-"))
    assert sauna["SUMMARY"] == "You can use a sauna\\, steam room or hot tub again."


def test_long_and_special_text_is_escaped_and_folded_by_octets(page, file_url):
    """A clinic's check-in question may be long, use punctuation RFC 5545 escapes and
    characters of more than one byte: the file must still be valid."""
    text = (
        "Is the skin calm; no crusts, no pus\\ no fever?\nRötung – fast weg? " + "très bien ✓ " * 8
    )
    # The script reads the plan from the page's data block as it loads: give the first event
    # these words there.
    page.add_init_script(
        f"""const parse = JSON.parse;
        JSON.parse = (...args) => {{
          const value = parse(...args);
          if (value && value.events) value.events[0][2] = {json.dumps(text)};
          return value;
        }};"""
    )
    at(page).goto(file_url + RECOVERY)
    set_treatment_date(page, TREATMENT)
    _, raw = download_ics(page)

    physical = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical)
    assert any(line.startswith(b" ") for line in physical), "the long line should be folded"
    raw.decode("utf-8")  # folding never splits a multi-byte character
    escaped = (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )
    assert [e["SUMMARY"] for e in ics_events(unfold_ics(raw))][0] == escaped
