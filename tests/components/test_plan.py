"""The recovery plan's generated advice: safe wording about medicines and picking the skin,
dates said once per line and in order, the call-us signs most likely first, and a snapshot of
what the page says on every day from 10 days before to 21 days after, for every treatment.

To accept a change to the snapshots after reading it:
    CAREPAGES_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/components/test_plan.py
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest

from carepages.components.plan import (
    Plan,
    calendar_dates,
    describe_day,
    plan_data,
    plan_for,
    relative_dates,
    runs,
)
from carepages.components.plan_cli import day_report
from carepages.model.activities import BUILT_IN, Activity
from carepages.model.treatment import Span, Treatment
from carepages.source.content import TreatmentData, load_site
from carepages.source.yamlfile import Located
from tests.conftest import ROOT, run_carepages

SNAPSHOTS = Path(__file__).parent / "snapshots"
DAYS = range(-10, 22)
SITE = load_site(ROOT / "content", ROOT / "mkdocs.yml")
ACTIVITIES: dict[str, Activity] = {a.id: a for a in BUILT_IN} | {
    "laser-hair-removal": Activity(id="laser-hair-removal", label="Laser hair removal"),
}


def treatment(restrictions: list[dict[str, Any]], **extra: Any) -> TreatmentData:
    """A small treatment with the given restrictions, as the loader would give it."""
    data = {
        "title": "Peel",
        "summary": "A mild acid lifts the top layer of skin so new skin grows.",
        "reviewed_by": "Dr Sam Lee, dermatologist",
        "last_reviewed": "2026-10-01",
        "sources": [{"id": "s1", "title": "Leaflet", "sections": ["after"]}],
        "call_us_if": [
            {"id": "fever", "text": "A fever."},
            {
                "id": "blisters",
                "text": "Blisters.",
                "most_likely": {"start_hours": 0, "end_hours": 72},
            },
            {"id": "dark-patches", "text": "Dark patches."},
        ],
        "timeline": [
            {"id": "getting-ready", "start_hours": -72, "end_hours": 0, "title": "Getting ready"},
            {"id": "first-days", "start_hours": 0, "end_hours": 72, "title": "Tight, pink skin"},
            {"id": "peeling", "start_hours": 72, "title": "The skin peels"},
        ],
        "restrictions": restrictions,
        **extra,
    }
    model = Treatment.model_validate(data)
    located = Located(data, "peel/treatment.yml")
    return TreatmentData("peel", Path("peel"), model, [], located, located)


def groups(plan: Plan, day: int) -> dict[str, list[tuple[str, int | None, tuple[str, ...]]]]:
    return {
        g.key: [(line.text, line.day, line.items) for line in g.lines] for g in plan.day(day).groups
    }


# --- the rules ---------------------------------------------------------------------------------


def test_spans_that_touch_are_one_stretch_of_days() -> None:
    spans = [Span(start_hours=-168, end_hours=0), Span(start_hours=0, end_hours=168)]
    assert runs(spans) == [(-7, 6)]
    assert runs([Span(start_hours=-168, end_hours=-72), Span(start_hours=0, end_hours=48)]) == [
        (-7, -4),
        (0, 1),
    ]
    assert runs([Span(start_hours=24, end_hours=None), Span(start_hours=48, end_hours=96)]) == [
        (1, None)
    ]


def test_not_yet_and_stop_soon_are_in_date_order_with_each_date_said_once() -> None:
    plan = plan_for(
        treatment(
            [
                {"activity": "swimming", "spans": [{"start_hours": 0, "end_hours": 168}]},
                {"activity": "makeup", "spans": [{"start_hours": 0, "end_hours": 72}]},
                {"activity": "sun", "spans": [{"start_hours": 0, "end_hours": 168}]},
            ]
        ),
        ACTIVITIES,
    )
    assert groups(plan, -2)["stop-soon"] == [("From {date}:", 0, ("swimming", "makeup", "sun"))]
    assert groups(plan, 1)["not-yet"] == [
        ("Until {date}:", 2, ("makeup",)),
        ("Until {date}:", 6, ("swimming", "sun")),
    ]
    for plan in [plan_for(t, SITE.activities) for t in SITE.treatments]:
        for day in DAYS:
            for key in ("not-yet", "stop-soon"):
                dates = [line[1] for line in groups(plan, day).get(key, [])]
                assert dates == sorted(dates, key=lambda d: 10**6 if d is None else d), day
                assert len(dates) == len(set(dates)), day


def test_a_restriction_with_a_gap_comes_up_again_after_it() -> None:
    plan = plan_for(
        treatment(
            [
                {
                    "activity": "sun",
                    "what": "strong sun",
                    "spans": [
                        {"start_hours": -168, "end_hours": -72},
                        {"start_hours": 0, "end_hours": 168},
                    ],
                }
            ]
        ),
        ACTIVITIES,
    )
    assert groups(plan, -5)["not-yet"] == [("Until {date}:", -4, ("strong sun",))]
    assert groups(plan, -2)["stop-soon"] == [("From {date}:", 0, ("strong sun",))]
    assert groups(plan, 7)["again"] == [("You can spend time in the sun again.", None, ())]


def test_touching_is_never_said_to_be_fine_again() -> None:
    data = treatment(
        [
            {
                "activity": "touching",
                "what": "picking the skin",
                "spans": [{"start_hours": 0, "end_hours": 168}],
            },
            {
                "activity": "laser-hair-removal",
                "what": "laser hair removal on the face",
                "spans": [{"start_hours": 0, "end_hours": 336}],
            },
        ]
    )
    plan = plan_for(data, ACTIVITIES)
    assert groups(plan, 3)["not-yet"][0] == ("Until {date}:", 6, ("picking the skin",))
    for day in range(0, 60):
        assert "again" not in groups(plan, day)
    # A clinic's own activity with no words for "again" is not given any either.
    assert [e.id for e in plan.events] == []


def test_medicines_are_said_only_in_the_editors_words_and_ask_us_first() -> None:
    before = "Do not take allergy tablets (antihistamines) on the day before your peel."
    after = "You can take allergy tablets (antihistamines) again."
    plan = plan_for(
        treatment(
            [
                {
                    "activity": "medication",
                    "what": "allergy tablets (antihistamines)",
                    "before": before,
                    "after": after,
                    "spans": [{"start_hours": -24, "end_hours": 0}],
                }
            ]
        ),
        ACTIVITIES,
    )
    ask = "If you need a medicine for your health, ask us first."
    seen = []
    for day in range(-10, 30):
        entry = plan.day(day)
        medicines = [g for g in entry.groups if g.key == "medicines"]
        assert len(medicines) == 1 and medicines[0].note == ask
        for line in medicines[0].lines:
            assert line.items in ((before,), ()) and (line.items or line.text == after)
            seen.append(line.items[0] if line.items else line.text)
        # A medicine is never in the lists that say "stop" or "again" around it.
        others = [g for g in entry.groups if g.key != "medicines"]
        assert "allergy" not in str([(line.text, line.items) for g in others for line in g.lines])
    assert set(seen) == {before, after}
    assert [(e.day, e.text) for e in plan.events] == [
        (-1, f"{before} {ask}"),
        (0, f"{after} {ask}"),
    ]


def test_no_sentence_the_plan_writes_itself_tells_anyone_to_stop_or_start_a_medicine() -> None:
    medicine_words = re.compile(r"\b(?:medicine|medication|tablet|pill|drug)s?\b", re.I)
    for data in SITE.treatments:
        plan = plan_for(data, SITE.activities)
        own = {
            sentence
            for r in data.treatment.restrictions
            if SITE.activities[r.activity].medicine
            for sentence in (r.before, r.after)
        }
        lines = [
            text
            for day in DAYS
            for g in plan.day(day).groups
            if g.key != "call"
            for line in g.lines
            for text in (line.text, *line.items)
        ] + [e.text for e in plan.events]
        for text in lines:
            if medicine_words.search(text) and text not in own:
                assert (
                    text == "If you need a medicine for your health, ask us first."
                    or text.endswith("If you need a medicine for your health, ask us first.")
                ), text


def test_call_us_lists_every_sign_with_the_likely_ones_first() -> None:
    plan = plan_for(treatment([]), ACTIVITIES)
    assert groups(plan, -3)["call"] == [
        ("A fever.", None, ()),
        ("Blisters.", None, ()),
        ("Dark patches.", None, ()),
    ]
    assert [line[0] for line in groups(plan, 1)["call"]] == [
        "Blisters.",
        "A fever.",
        "Dark patches.",
    ]


def test_steps_are_done_current_or_to_come() -> None:
    plan = plan_for(treatment([]), ACTIVITIES)
    assert (plan.day(-5).past, plan.day(-5).current) == (0, None)
    assert (plan.day(-1).past, plan.day(-1).current) == (0, 0)
    assert (plan.day(2).past, plan.day(2).current) == (1, 1)
    assert (plan.day(40).past, plan.day(40).current) == (2, 2)


def test_days_before_and_after_the_plans_range_share_one_entry_each() -> None:
    plan = plan_for(SITE.treatment("microneedling"), SITE.activities)
    assert plan.day(plan.first - 30) == plan.before
    assert plan.day(plan.last + 300) == plan.after
    data = plan_data(plan)
    assert len(data["days"]) == plan.last - plan.first + 1
    # Days that say the same thing share one card.
    assert len(data["cards"]) < len(data["days"])


def test_dates_are_written_as_the_page_writes_them() -> None:
    words = calendar_dates(dt.date(2026, 9, 1))
    assert words(0) == "Tue 1 Sept"
    assert words(-1) == "Mon 31 Aug"
    assert relative_dates()(-1) == "the day before"
    assert relative_dates()(6) == "day 7"


# --- the snapshot: what the page says on each day ---------------------------------------------


def snapshot(data: TreatmentData) -> str:
    plan = plan_for(data, SITE.activities)
    out = [
        f"# {data.slug}: what the recovery page says on each day from {DAYS[0]} to {DAYS[-1]}",
        "# (days from the treatment day; dates are said relative to it).",
        "",
    ]
    for day in DAYS:
        out.append(f"== day {day:+d} ==")
        text = describe_day(plan, day, relative_dates()(day), None)
        out += text.lines()
        out += [f"  {state}: {days} · {title}" for days, title, state in text.steps]
        out.append("")
    out.append("== calendar file ==")
    out += (
        day_report(plan, 0, None)
        .split("Calendar file (days from the treatment):\n", 1)[1]
        .splitlines()
    )
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("slug", [t.slug for t in SITE.treatments])
def test_what_the_page_says_on_every_day_matches_the_reviewed_snapshot(slug: str) -> None:
    data = SITE.treatment(slug)
    assert data is not None
    path = SNAPSHOTS / f"{slug}.txt"
    text = snapshot(data)
    if os.environ.get("CAREPAGES_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
    assert path.exists(), f"no snapshot for {slug}: run with CAREPAGES_UPDATE_SNAPSHOTS=1"
    assert path.read_text("utf-8") == text


def test_every_treatment_has_a_snapshot_and_every_snapshot_a_treatment() -> None:
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.txt")) == sorted(
        t.slug for t in SITE.treatments
    )


# --- `carepages plan` ------------------------------------------------------------------------------


def test_the_plan_command_prints_the_day_with_calendar_dates() -> None:
    result = run_carepages(
        "plan", "microneedling", "--date", "2026-11-26", "--treatment-date", "2026-11-23", cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    plan = plan_for(SITE.treatment("microneedling"), SITE.activities)
    assert result.stdout == day_report(plan, 3, dt.date(2026, 11, 23))
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Today card:",
        "  Today, Thu 26 Nov: day 4 of your recovery",
        "  You are here: Dry skin and flaking",
    ]
    assert "  Back to normal:" in lines
    assert "    - You can wear makeup again." in lines
    assert not [line for line in lines if "You can touch" in line or "pick" in line.split(":")[0]]


def test_the_plan_command_says_what_is_wrong() -> None:
    result = run_carepages("plan", "microneedles", "--day", "3", cwd=ROOT)
    known = ", ".join(t.slug for t in SITE.treatments)
    assert (result.returncode, result.stdout) == (
        2,
        f"carepages: there is no treatment 'microneedles' (known: {known})\n",
    )
    result = run_carepages("plan", "microneedling", "--date", "2026-11-26", cwd=ROOT)
    assert result.returncode == 2
    assert "--date needs --treatment-date" in result.stderr
