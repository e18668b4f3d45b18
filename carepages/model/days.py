"""Hours relative to a treatment, said as calendar days a patient understands.

The treatment day is day 1 (hours 0–24). A span [s, e) covers day offsets floor(s/24)
through ceil(e/24) − 1; the same rule drives the browser's calendar dates.
"""

from __future__ import annotations

import math


def day_offsets(start_hours: int, end_hours: int | None) -> tuple[int, int | None]:
    """0-based day offsets from the treatment day covered by [start, end)."""
    first = math.floor(start_hours / 24)
    last = None if end_hours is None else max(first, math.ceil(end_hours / 24) - 1)
    return first, last


def _day(offset: int) -> str:
    if offset < 0:
        return "the day before" if offset == -1 else f"{-offset} days before"
    return f"day {offset + 1}"


def days_label(start_hours: int, end_hours: int | None) -> str:
    """'Day 1', 'Day 2–3', '7 to 4 days before', 'From day 15'."""
    first, last = day_offsets(start_hours, end_hours)
    if last is None:
        return f"From {_day(first)}"
    if first == last:
        text = _day(first)
    elif first < 0 and last < 0:
        text = (
            f"{-first} to {-last} days before"
            if last != -1
            else f"{-first} days before to the day before"
        )
    elif first < 0:
        text = f"{_day(first)} to {_day(last)}"
    else:
        text = f"days {first + 1}–{last + 1}"
    return text[0].upper() + text[1:]


def duration(hours: int) -> str:
    """72 → '3 days', 336 → '2 weeks', 12 → '12 hours'."""
    hours = abs(hours)
    if hours % 168 == 0 and hours >= 168:
        weeks = hours // 168
        return f"{weeks} week{'s' if weeks != 1 else ''}"
    if hours % 24 == 0 and hours >= 24:
        days = hours // 24
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{hours} hour{'s' if hours != 1 else ''}"


def avoid_phrase(start_hours: int, end_hours: int | None) -> str:
    """How long to avoid something, in words: 'for 3 days after', 'for 12 hours before'."""
    if end_hours is None:
        if start_hours <= 0:
            return "until your clinic says it is safe"
        return f"from {duration(start_hours)} after, until your clinic says it is safe"
    if end_hours <= 0:
        if end_hours == 0:
            return f"for {duration(start_hours)} before"
        return f"from {duration(start_hours)} to {duration(end_hours)} before"
    if start_hours < 0:
        return f"from {duration(start_hours)} before until {duration(end_hours)} after"
    if start_hours == 0:
        return f"for {duration(end_hours)} after"
    return f"from {duration(start_hours)} to {duration(end_hours)} after"


def resume_day(end_hours: int | None) -> int | None:
    """0-based day offset on which an activity may start again (None: ask the clinic)."""
    return None if end_hours is None else math.ceil(end_hours / 24)


def resume_label(end_hours: int | None) -> str:
    offset = resume_day(end_hours)
    if offset is None:
        return "When your clinic says so"
    if offset <= 0:
        return "On the day of your treatment" if offset == 0 else f"From {_day(offset)}"
    return f"From {_day(offset)}"
