"""The "Add to calendar" file, built in the browser from file:// and parsed here: RFC 5545
line format, one all-day event per milestone on the right date."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from cp_browser import (
    ICS_DATE,
    ICS_STAMP,
    RECOVERY,
    activities_of,
    at,
    ics_events,
    set_treatment_date,
    span_days,
    steps_of,
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


def test_calendar_file_has_one_event_per_milestone(page, file_url, recovery_html):
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
    for a in activities_of(recovery_html):
        if a["resume"] is not None:
            day = TREATMENT + dt.timedelta(days=math.ceil(a["resume"] / 24))
            expected[f"microneedling-{a['id']}-{ymd(day)}@carepages"] = (day, a["resume_text"])
    for number, step in enumerate(steps_of(recovery_html), start=1):
        _, last = span_days(step["start"], step["end"])
        if step["check"] and last is not None:
            day = TREATMENT + dt.timedelta(days=last)
            expected[f"microneedling-check-{number}-{ymd(day)}@carepages"] = (
                day,
                f"Check-in: {step['check']}",
            )
    # Spelled out too, so the test does not only agree with its own arithmetic.
    assert expected["microneedling-makeup-20261126@carepages"] == (
        dt.date(2026, 11, 26),
        "You can wear makeup again",
    )
    assert expected["microneedling-check-6-20261129@carepages"] == (
        dt.date(2026, 11, 29),
        "Check-in: Is the redness gone?",
    )

    events = ics_events(lines)
    assert len(events) == len(expected) == 16
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
    assert sauna["SUMMARY"] == "You can use a sauna\\, steam room or hot tub again"


def test_long_and_special_text_is_escaped_and_folded_by_octets(page, file_url):
    """A clinic's check-in question may be long, use punctuation RFC 5545 escapes and
    characters of more than one byte: the file must still be valid."""
    at(page).goto(file_url + RECOVERY)
    text = (
        "Is the skin calm; no crusts, no pus\\ no fever?\nRötung – fast weg? " + "très bien ✓ " * 8
    )
    page.locator("#microneedling-step-6").evaluate("(li, t) => li.dataset.check = t", text)
    set_treatment_date(page, TREATMENT)
    _, raw = download_ics(page)

    physical = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical)
    assert any(line.startswith(b" ") for line in physical), "the long line should be folded"
    raw.decode("utf-8")  # folding never splits a multi-byte character
    event = next(e for e in ics_events(unfold_ics(raw)) if "check-6" in e["UID"])
    escaped = (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )
    assert event["SUMMARY"] == "Check-in: " + escaped
