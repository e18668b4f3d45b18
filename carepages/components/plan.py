"""The recovery plan's generated advice, computed once, here, where a clinician can read it.

For a treatment and a day offset (0 is the treatment day, -1 the day before, 3 is day 4),
`plan_for` says what the Today card shows, which steps are done, current or still to come,
and which events the calendar file holds. The rules:

- A restriction's days are the day offsets of its spans (`carepages.model.days`); spans
  that touch or overlap are one stretch ("run"). On a given day a restriction is going on
  (the day is in a run), coming up (a later run starts after it) or over.
- "Not yet" lists what is going on, "Stop soon" what is coming up, both ordered by date, with
  the restrictions that share a date on one line, so each date is said once per line. A
  restriction's own `before` sentence gets a line of its own.
- "Back to normal" says "You can … again" only for an activity that can be done again
  (never touching or picking the skin), in the restriction's own `after` sentence or with
  the activity's `resume` words; with neither, it says nothing.
- Medicines are never in those lists. "Your medicines" repeats only the sentences the
  editor wrote (`before` until it is over, `after` once it is), and always ends by asking a
  patient who needs the medicine for their health to ask the clinic first. Nothing here
  puts "stop" or "start" around a medicine.
- "Call us if…" lists every warning sign, the ones most likely on that day first.

The page gets all days as data (`plan_data`); its script picks the entry of today's day
offset and turns `{date}` into a calendar date. `python -m carepages plan` prints the same
entries through `describe_day`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from carepages.components.days import day_phrase, days_label
from carepages.components.strings import Strings, localized, strings
from carepages.model.activities import Activity
from carepages.model.days import day_offsets
from carepages.model.treatment import Restriction, Span
from carepages.source.content import TreatmentData

Run = tuple[int, int | None]  # first and last day offset; None = until the clinic says
# Where a line says a date: the page's script (or `describe_day`) writes the line's day there.
DATE = "{date}"


# --- the pieces of a day's advice ----------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of the Today card. `{date}` in the text stands for day offset `day`; `items`
    are what the line is about ("Until {date}:" and what to avoid until then)."""

    text: str
    day: int | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """A titled list of the Today card; `note` closes it (the medicines' ask-us-first)."""

    key: str
    title: str
    lines: tuple[Line, ...]
    note: str = ""


@dataclass(frozen=True)
class Event:
    """An all-day event of the calendar file on day offset `day`."""

    id: str
    day: int
    text: str


@dataclass(frozen=True)
class Day:
    """What the recovery page says on one day."""

    when: str  # "day 4 of your recovery", "3 days before your treatment"
    countdown: Line | None
    past: int  # the steps before this index are done
    current: int | None  # index of the step the patient is in
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Plan:
    """Every day of a treatment's plan. Days before `first` are all like `before`, days
    after `last` like `after`; in between each has its own entry."""

    slug: str
    first: int
    last: int
    days: tuple[Day, ...]
    before: Day
    after: Day
    steps: tuple[StepDays, ...]
    events: tuple[Event, ...]
    heading: str  # "Today, {date}: {when}"

    def day(self, offset: int) -> Day:
        """The entry for a day offset, picked exactly as the page's script picks it."""
        if offset < self.first:
            return self.before
        if offset > self.last:
            return self.after
        return self.days[offset - self.first]


@dataclass(frozen=True)
class StepDays:
    id: str
    title: str
    label: str  # its days in words: "Days 2–3"
    anchor: str  # the step's element id on the page
    first: int
    last: int | None


# --- restrictions as runs of days --------------------------------------------------------------


def runs(spans: Iterable[Span]) -> list[Run]:
    """The day offsets a restriction covers, as stretches: spans that touch or overlap are
    one run (sun from a week before to a week after is one stretch of 14 days)."""
    merged: list[Run] = []
    days = sorted((day_offsets(s.start_hours, s.end_hours) for s in spans), key=lambda d: d[0])
    for first, last in days:
        if merged:
            start, end = merged[-1]
            if end is None:
                continue  # the stretch before never ends: it covers this one
            if first <= end + 1:
                merged[-1] = (start, None if last is None else max(end, last))
                continue
        merged.append((first, last))
    return merged


def _state(day: int, spans: list[Run]) -> tuple[str, Run | None]:
    """'on' (a run covers the day), 'soon' (a run starts later) or 'over', with that run."""
    for run in spans:
        first, last = run
        if first <= day and (last is None or day <= last):
            return "on", run
    later = [run for run in spans if run[0] > day]
    if later:
        return "soon", later[0]
    return "over", spans[-1]


def _lower_first(text: str) -> str:
    # "Active skincare" joins a list as "active skincare"; "SPF" stays as it is.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


@dataclass
class _Row:
    restriction: Restriction
    activity: Activity
    runs: list[Run]

    @property
    def words(self) -> str:
        return self.restriction.what or _lower_first(self.activity.label)

    def again(self, t: Strings) -> str:
        """The "You can … again" sentence, or "" when the plan may not say one."""
        if not self.activity.resumes:
            return ""
        if self.restriction.after:
            return self.restriction.after
        if self.activity.resume and not self.activity.medicine:
            return t("plan_again", resume=self.activity.resume)
        return ""


def _rows(data: TreatmentData, activities: dict[str, Activity]) -> list[_Row]:
    return [
        _Row(r, activities[r.activity], runs(r.spans))
        for r in data.treatment.restrictions
        if r.activity in activities
    ]


# --- one day -----------------------------------------------------------------------------------

_OPEN = 10**6  # sorts "until we tell you" after every date


def _dated(day: int | None, dated: str, undated: str, items: Iterable[str], t: Strings) -> Line:
    if day is None:
        return Line(t(undated), None, tuple(items))
    return Line(t(dated, date=DATE), day, tuple(items))


def _dated_lines(
    entries: list[tuple[int | None, str]], dated: str, undated: str, t: Strings
) -> tuple[Line, ...]:
    """One line per date, in date order, each with everything that shares that date."""
    by_day: dict[int | None, list[str]] = {}
    for day, words in entries:
        by_day.setdefault(day, []).append(words)
    order = sorted(by_day, key=lambda day: _OPEN if day is None else day)
    return tuple(_dated(day, dated, undated, by_day[day], t) for day in order)


def _signs(data: TreatmentData, day: int) -> tuple[Line, ...]:
    """Every warning sign; those most likely on this day first, each part in file order."""
    likely, others = [], []
    for sign in data.treatment.call_us_if:
        span = sign.most_likely
        if span is not None:
            first, last = day_offsets(span.start_hours, span.end_hours)
            if first <= day and (last is None or day <= last):
                likely.append(Line(sign.text))
                continue
        others.append(Line(sign.text))
    return tuple(likely + others)


def _today(data: TreatmentData, rows: list[_Row], day: int, t: Strings) -> tuple[Group, ...]:
    not_yet: list[tuple[int | None, str]] = []
    soon: list[tuple[int | None, str]] = []
    again: list[tuple[int, str]] = []
    medicines: list[tuple[int, Line]] = []
    for row in rows:
        state, run = _state(day, row.runs)
        assert run is not None
        first, last = run
        r = row.restriction
        if row.activity.medicine:
            if state == "on":
                line = _dated(last, "plan_until", "plan_until_told", [r.before], t)
                medicines.append((_OPEN if last is None else last, line))
            elif state == "soon":
                medicines.append((first, _dated(first, "plan_from", "plan_from", [r.before], t)))
            elif r.after:
                assert last is not None
                medicines.append((last + 1, Line(r.after)))
        elif state == "on":
            not_yet.append((last, r.before or row.words))
        elif state == "soon":
            soon.append((first, r.before or row.words))
        elif sentence := row.again(t):
            assert last is not None
            again.append((last + 1, sentence))
    groups = [
        Group(
            "not-yet", t("today_not_yet"), _dated_lines(not_yet, "plan_until", "plan_until_told", t)
        ),
        Group("stop-soon", t("today_stop_soon"), _dated_lines(soon, "plan_from", "plan_from", t)),
        Group(
            "again",
            t("today_again"),
            tuple(Line(text) for _, text in sorted(again, key=lambda item: item[0])),
        ),
        Group(
            "medicines",
            t("today_medicines"),
            tuple(line for _, line in sorted(medicines, key=lambda item: item[0])),
            note=t("plan_medicine_ask") if medicines else "",
        ),
    ]
    groups.append(Group("call", t("today_call"), _signs(data, day)))
    return tuple(g for g in groups if g.lines)


def _when(day: int, t: Strings) -> str:
    if day < 0:
        return t("when_before", n=-day)
    if day == 0:
        return t("when_treatment_day")
    return t("when_day", n=day + 1)


def _countdown(day: int, t: Strings) -> Line | None:
    if day < 0:
        return Line(t("today_countdown", n=-day, date=DATE), 0)
    return None


def _step_states(steps: tuple[StepDays, ...], day: int) -> tuple[int, int | None]:
    """How many steps are done, and the current one: of the steps that include the day,
    the one that started latest."""
    past = 0
    current = None
    for index, step in enumerate(steps):
        if step.last is not None and step.last < day:
            past = index + 1
        covers = step.first <= day and (step.last is None or day <= step.last)
        if covers and (current is None or step.first >= steps[current].first):
            current = index
    return past, current


def _events(
    data: TreatmentData, rows: list[_Row], steps: tuple[StepDays, ...], t: Strings
) -> tuple[Event, ...]:
    events: list[Event] = []
    for row in rows:
        r, activity = row.restriction, row.activity
        for index, (first, _) in enumerate(row.runs):
            # Getting ready: a reminder on the first day of what starts before the treatment.
            if first >= 0:
                continue
            if activity.medicine:
                text = f"{r.before} {t('plan_medicine_ask')}"
            else:
                text = r.before or t("event_avoid", items=row.words)
            events.append(Event(f"{activity.id}-from-{index + 1}", first, text))
        last = row.runs[-1][1]
        if last is None:
            continue
        text = row.again(t)
        if activity.medicine and r.after:
            text = f"{r.after} {t('plan_medicine_ask')}"
        if text:
            events.append(Event(activity.id, last + 1, text))
    for index, step in enumerate(steps):
        check = data.treatment.timeline[index].check
        if check and step.last is not None:
            events.append(Event(f"check-{step.id}", step.last, t("event_check", question=check)))
    return tuple(sorted(events, key=lambda e: (e.day, e.id)))


def plan_for(data: TreatmentData, activities: dict[str, Activity], lang: str = "en") -> Plan:
    """The whole plan of a treatment: an entry for every day on which anything changes."""
    t = strings(lang)
    rows = _rows(data, {key: localized(activity, t) for key, activity in activities.items()})
    steps = tuple(
        StepDays(
            step.id or str(index + 1),
            step.title,
            days_label(step.start_hours, step.end_hours, t),
            f"{data.slug}-step-{index + 1}",
            *day_offsets(step.start_hours, step.end_hours),
        )
        for index, step in enumerate(data.treatment.timeline)
    )
    edges: list[int] = [0]
    for step in steps:
        edges += [step.first] + ([step.last] if step.last is not None else [])
    for row in rows:
        for first, last in row.runs:
            edges += [first] + ([last + 1] if last is not None else [])
    for sign in data.treatment.call_us_if:
        if sign.most_likely is not None:
            first, last = day_offsets(sign.most_likely.start_hours, sign.most_likely.end_hours)
            edges += [first] + ([last + 1] if last is not None else [])
    # A week either side of anything that happens, so each of those days says how far it is
    # from the treatment; beyond, the plan no longer changes.
    first_day, last_day = min(edges) - 7, max(edges) + 7

    def entry(day: int, when: str, countdown: Line | None) -> Day:
        past, current = _step_states(steps, day)
        return Day(when, countdown, past, current, _today(data, rows, day, t))

    days = tuple(
        entry(day, _when(day, t), _countdown(day, t)) for day in range(first_day, last_day + 1)
    )
    before = entry(
        first_day - 1,
        t("when_more_before", n=-first_day),
        Line(t("today_countdown_far", date=DATE), 0),
    )
    after = entry(last_day + 1, t("when_day_or_later", n=last_day + 2), None)
    return Plan(
        data.slug,
        first_day,
        last_day,
        days,
        before,
        after,
        steps,
        _events(data, rows, steps, t),
        t("today_heading"),
    )


# --- the page's data block ---------------------------------------------------------------------


def plan_data(plan: Plan) -> dict[str, Any]:
    """The plan as the page carries it (a JSON data block): cards that several days share
    are written once."""
    cards: list[dict[str, Any]] = []
    keys: dict[str, int] = {}

    def card(day: Day) -> int:
        groups = [
            {
                "key": g.key,
                "title": g.title,
                "lines": [[line.text, line.day, list(line.items)] for line in g.lines],
                **({"note": g.note} if g.note else {}),
            }
            for g in day.groups
        ]
        key = repr(groups)
        if key not in keys:
            keys[key] = len(cards)
            cards.append({"groups": groups})
        return keys[key]

    def entry(day: Day) -> dict[str, Any]:
        return {
            "when": day.when,
            "countdown": [day.countdown.text, day.countdown.day] if day.countdown else None,
            "past": day.past,
            "current": day.current,
            "card": card(day),
        }

    return {
        "first": plan.first,
        "last": plan.last,
        "days": [entry(day) for day in plan.days],
        "before": entry(plan.before),
        "after": entry(plan.after),
        "cards": cards,
        "steps": [[s.anchor, s.title] for s in plan.steps],
        "events": [[e.id, e.day, e.text] for e in plan.events],
    }


# --- the plan as text, for `carepages plan` and the snapshot tests ----------------------------

DateWords = Callable[[int], str]


def relative_dates(lang: str = "en") -> DateWords:
    """Day offsets in words relative to the treatment: 'day 7', '3 days before'."""
    t = strings(lang)
    return lambda day: day_phrase(day, t)


def calendar_dates(treatment_date: dt.date, lang: str = "en") -> DateWords:
    """Day offsets as the page writes them once a date is set: 'Thu 26 Nov' (en-GB)."""
    t = strings(lang)

    def words(day: int) -> str:
        date = treatment_date + dt.timedelta(days=day)
        return t(
            "date_short",
            weekday=t.names("weekdays_short")[date.weekday()],
            day=date.day,
            month=t.names("months_short")[date.month - 1],
        )

    return words


def fill(line: Line, dates: DateWords) -> str:
    """The line as one line of text: its lead-in with the date written, then its items."""
    text = line.text if line.day is None else line.text.replace(DATE, dates(line.day))
    return " ".join([text, "; ".join(line.items)]) if line.items else text


def step_dates(step: StepDays, dates: DateWords, lang: str = "en") -> str:
    """A step's days as the page shows them with a date set: 'Mon 16 Nov – Thu 19 Nov'."""
    t = strings(lang)
    if step.last is None:
        return t("dates_from", first=dates(step.first))
    if step.last == step.first:
        return dates(step.first)
    return t("dates_range", first=dates(step.first), last=dates(step.last))


@dataclass
class DayText:
    heading: str
    countdown: str
    here: str
    groups: list[tuple[str, list[str], str]] = field(default_factory=list)
    steps: list[tuple[str, str, str]] = field(default_factory=list)  # (dates, title, state)

    def lines(self) -> list[str]:
        out = [self.heading]
        out += [text for text in (self.countdown, self.here) if text]
        for title, lines, note in self.groups:
            out.append(f"{title}:")
            out += [f"  - {line}" for line in lines]
            if note:
                out.append(f"  {note}")
        return out


def describe_day(
    plan: Plan, day: int, today: str, dates: DateWords | None, lang: str = "en"
) -> DayText:
    """The Today card and the steps on `day`, as text (`today` is how the day is written).
    Without `dates` (no treatment date) days are said relative to the treatment, the heading
    is how far the day is from it, and each step shows its days as the page does before a
    date is set."""
    shown_steps = dates is not None
    dates = dates or relative_dates(lang)
    t = strings(lang)
    entry = plan.day(day)
    here = ""
    if entry.current is not None:
        here = t("today_here", step=plan.steps[entry.current].title)
    heading = plan.heading.replace("{date}", today).replace("{when}", entry.when)
    if not shown_steps:
        # Without a date there is no "Today, Thu 26 Nov": the day says how far it is.
        heading = entry.when[:1].upper() + entry.when[1:]
    text = DayText(
        heading=heading,
        countdown=fill(entry.countdown, dates) if entry.countdown else "",
        here=here,
    )
    for group in entry.groups:
        text.groups.append((group.title, [fill(line, dates) for line in group.lines], group.note))
    for index, step in enumerate(plan.steps):
        state = "done" if index < entry.past else "now" if index == entry.current else "to come"
        days_shown = step_dates(step, dates, lang) if shown_steps else step.label
        text.steps.append((days_shown, step.title, state))
    return text


def describe_events(plan: Plan, dates: DateWords) -> list[str]:
    return [f"{dates(e.day)}: {e.text}" for e in plan.events]
