"""Hours relative to a treatment, as calendar days: the one rule.

The treatment day is day 1 (hours 0–24). A span [s, e) covers day offsets floor(s/24)
through ceil(e/24) − 1. Components write these day offsets into the page; the browser only
turns them into calendar dates.
"""

from __future__ import annotations

import math


def day_offsets(start_hours: int, end_hours: int | None) -> tuple[int, int | None]:
    """0-based day offsets from the treatment day covered by [start, end); None = no end."""
    first = math.floor(start_hours / 24)
    last = None if end_hours is None else max(first, math.ceil(end_hours / 24) - 1)
    return first, last


def resume_day(end_hours: int | None) -> int | None:
    """0-based day offset on which an activity may start again (None: ask the clinic)."""
    return None if end_hours is None else math.ceil(end_hours / 24)
