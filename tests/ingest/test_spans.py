"""The span parser: the normalisation rules of the ingest issue, and no exception on any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carepages.ingest.spans import find_spans


def spans(text: str, **kwargs: bool) -> list[tuple[float, float | None]]:
    return [(f.start_hours, f.end_hours) for f in find_spans(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # fmt: skip
        # Ordinal labels are calendar windows.
        ("Day 1: the skin is warm", [(0, 24)]),
        ("Day 2 to 3: dryness", [(24, 72)]),
        ("Days 4\u20136", [(72, 144)]),
        ("Week 2: texture improves", [(168, 336)]),
        ("Weeks 3\u20134", [(336, 672)]),
        ("Expect flaking from day 2 to day 5.", [(24, 120)]),
        ("Pain that grows after day 3 needs a call.", [(72, None)]),
        # Durations run from the treatment; a range takes its cautious end.
        ("Skip makeup for 48 hours.", [(0, 48)]),
        ("in the first 24 hours", [(0, 24)]),
        ("Keep out of pools for a minimum of 7 days.", [(0, 168)]),
        ("Flushing lasts for 12 to 48 hours.", [(0, 48)]),
        ("Flaking shows within two or three days.", [(0, 72)]),
        ("for 48 to 72 hours", [(0, 72)]),
        ("Pinkness may stay for an hour or two.", [(0, 2)]),
        ("Wait 24 hours before using acids again.", [(0, 24)]),
        # Starting points are open; a start given as a range is a window.
        ("After 2 weeks or more the result shows.", [(336, None)]),
        ("Restart retinol after 5 days.", [(120, None)]),
        ("Flaking may start three to five days after the peel.", [(72, 120)]),
        # Before the treatment mirrors to negative hours.
        ("No sun for 12 hours before the visit.", [(-12, 0)]),
        ("Pause acids for 3 days prior to your peel.", [(-72, 0)]),
        ("Say if you took isotretinoin in the last six months.", [(-4320, 0)]),
        ("Do not wax in the week before.", [(-168, 0)]),
        ("Avoid tanning for 2 weeks before and after.", [(-336, 0), (0, 336)]),
        # Units: minutes are fractions of an hour when tied to the treatment.
        ("Arrive 30 minutes before your appointment.", [(-0.5, 0)]),
        ("Avoid the gym for 1 year.", [(0, 8760)]),
    ],
)
def test_span_rules(text: str, expected: list[tuple[float, float | None]]) -> None:
    assert spans(text) == expected


def test_preparation_heading_mirrors_plain_durations() -> None:
    assert spans("Stop antihistamines for 24 hours.", before_context=True) == [(-24, 0)]


def test_labels_open_with_an_ordinal_window() -> None:
    assert spans("1-3 Days:", label=True) == [(0, 72)]
    assert spans("1-3 Days:") == [(0, 72)]  # a bare amount still reads as a duration


@pytest.mark.parametrize(
    "text",
    [  # fmt: skip
        "Redness fades in a few days.",
        "Sensitivity can last several weeks.",
        "Repeat every 4\u20135 months.",
        "Most people need 3\u20136 sessions.",
        "The session takes 30 to 60 minutes.",
        "Plan on one visit a month for roughly three to five months.",
        "Use SPF 30 and needles of 0.5 mm.",
        "Posted Nov 24 \u2013 4 min read",
    ],
)
def test_not_spans(text: str) -> None:
    assert spans(text) == []


def test_short_amounts_while_describing_the_visit_are_its_length() -> None:
    assert spans("Numbing cream stays on for an hour.", during=True) == []
    assert spans("Numbing cream stays on for an hour.") == [(0, 1)]


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_without_error(text: str) -> None:
    for found in find_spans(text):
        assert found.end_hours is None or found.end_hours > found.start_hours


_WORDS = st.sampled_from(
    [  # fmt: skip
        "for",
        "within",
        "after",
        "before",
        "prior",
        "to",
        "the",
        "first",
        "day",
        "days",
        "week",
        "weeks",
        "hour",
        "hours",
        "minutes",
        "month",
        "months",
        "year",
        "1",
        "2",
        "3",
        "12",
        "24",
        "48",
        "72",
        "two",
        "three",
        "a",
        "an",
        "or",
        "-",
        "–",
        "few",
        "several",
        "every",
        "until",
        "at",
        "least",
        "up",
        "minimum",
        "of",
        "lasts",
        "Day",
        "Week",
        ":",
        ",",
        ".",
        "(",
        ")",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=25).map(" ".join), st.booleans(), st.booleans(), st.booleans())
def test_time_like_word_soup_parses_without_error(
    text: str, before: bool, label: bool, during: bool
) -> None:
    for found in find_spans(text, before_context=before, label=label, during=during):
        assert found.end_hours is None or found.end_hours > found.start_hours
        assert abs(found.start_hours) <= 5 * 8760
