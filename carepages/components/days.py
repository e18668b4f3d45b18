"""Spans of hours said in a patient's words, in the page's language: 'Day 1', 'Days 2–3',
'3 days before', 'for 3 days after'. The day rule itself is `carepages.model.days`."""

from __future__ import annotations

from carepages.components.strings import Strings
from carepages.model.days import day_offsets, resume_day


def _day(offset: int, t: Strings) -> str:
    if offset < 0:
        return t("the_day_before") if offset == -1 else t("days_before", n=-offset)
    return t("day_n", n=offset + 1)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def day_phrase(offset: int, t: Strings) -> str:
    """One day offset in words, inside a sentence: 'day 4', 'the day before', '3 days before'."""
    return _lower_first(_day(offset, t))


def days_label(start_hours: int, end_hours: int | None, t: Strings) -> str:
    """'Day 1', 'Days 2–3', '7 to 4 days before', 'From day 15'."""
    first, last = day_offsets(start_hours, end_hours)
    if last is None:
        return t("from_label", label=_lower_first(_day(first, t)))
    if first == last:
        return _day(first, t)
    if first < 0 and last < 0:
        if last == -1:
            return t("days_before_to_day_before", n=-first)
        return t("days_before_range", n=-first, last=-last)
    if first < 0:
        return t("before_to_day", first=_day(first, t), last=_lower_first(_day(last, t)))
    return t("days_range", n=first + 1, last=last + 1)


def duration(hours: int, t: Strings) -> str:
    """72 → '3 days', 336 → '2 weeks', 12 → '12 hours'."""
    hours = abs(hours)
    if hours % 168 == 0 and hours >= 168:
        return t("duration_weeks", n=hours // 168)
    if hours % 24 == 0 and hours >= 24:
        return t("duration_days", n=hours // 24)
    return t("duration_hours", n=hours)


def avoid_phrase(start_hours: int, end_hours: int | None, t: Strings) -> str:
    """How long to avoid something, in words: 'for 3 days after', 'for 12 hours before'."""
    if end_hours is None:
        if start_hours <= 0:
            return t("avoid_until_safe")
        return t("avoid_after_until_safe", duration=duration(start_hours, t))
    if end_hours <= 0:
        if end_hours == 0:
            return t("avoid_for_before", duration=duration(start_hours, t))
        return t(
            "avoid_between_before", duration=duration(start_hours, t), end=duration(end_hours, t)
        )
    if start_hours < 0:
        return t(
            "avoid_before_until_after",
            duration=duration(start_hours, t),
            end=duration(end_hours, t),
        )
    if start_hours == 0:
        return t("avoid_for_after", duration=duration(end_hours, t))
    return t("avoid_between_after", duration=duration(start_hours, t), end=duration(end_hours, t))


def resume_label(end_hours: int | None, t: Strings) -> str:
    offset = resume_day(end_hours)
    if offset is None:
        return t("resume_when_clinic_says")
    if offset == 0:
        return t("resume_on_treatment_day")
    return t("from_label", label=_lower_first(_day(offset, t)))
