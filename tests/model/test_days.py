"""The one hours → days rule: the treatment day is day 1 (hours 0 to 24), a span covers every
day it touches, and an activity may start again on the day its span has ended."""

from __future__ import annotations

import pytest

from carepages.model.days import day_offsets, resume_day


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (0, 24, (0, 0)),  # the treatment day alone
        (0, 25, (0, 1)),  # one hour into the next day counts that day too
        (24, 72, (1, 2)),  # days 2 and 3
        (-24, 0, (-1, -1)),  # the day before
        (-168, -72, (-7, -4)),  # a week before until three days before
        (-1, 1, (-1, 0)),  # an hour either side touches both days
        (0, None, (0, None)),  # no end: until the clinic says
        (48, 48, (2, 2)),  # an empty span still names the day it sits on
    ],
)
def test_a_span_of_hours_covers_every_day_it_touches(start, end, days):
    assert day_offsets(start, end) == days


@pytest.mark.parametrize(
    ("end", "day"),
    [(24, 1), (25, 2), (72, 3), (0, 0), (-72, -3), (-73, -3), (None, None)],
)
def test_an_activity_starts_again_on_the_day_after_its_span_ends(end, day):
    assert resume_day(end) == day
