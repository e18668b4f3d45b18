"""`python -m carepages plan SLUG --day N`: what the recovery page says on one day, as text,
so a clinician can read the generated advice without a browser.

`--day N` counts days from the treatment day (0 is the treatment day, -1 the day before,
3 is day 4 of the recovery). `--treatment-date` writes calendar dates as the page does once a
patient has set their date; `--date` gives today's date instead of `--day`.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from carepages.components.days import day_phrase
from carepages.components.plan import (
    Plan,
    calendar_dates,
    describe_day,
    describe_events,
    plan_for,
    relative_dates,
)
from carepages.components.strings import strings
from carepages.source.content import load_site


def day_report(plan: Plan, day: int, treatment_date: dt.date | None, lang: str = "en") -> str:
    """The Today card, the steps and the calendar file on `day`, as plain text."""
    dates = calendar_dates(treatment_date, lang) if treatment_date else None
    today = dates(day) if dates else day_phrase(day, strings(lang))
    text = describe_day(plan, day, today, dates, lang)
    out = ["Today card:"]
    out += [f"  {line}" for line in text.lines()]
    out.append("Steps:")
    width = max(len(days) for days, _, _ in text.steps)
    out += [f"  {state:<7}  {days:<{width}}  {title}" for days, title, state in text.steps]
    out.append("Calendar file:" if dates else "Calendar file (days from the treatment):")
    out += [f"  {line}" for line in describe_events(plan, dates or relative_dates(lang))]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m carepages plan", description=__doc__)
    parser.add_argument("slug", help="the treatment's folder name, e.g. microneedling")
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument(
        "--day", type=int, help="days from the treatment day (0 = treatment day, -1 = day before)"
    )
    when.add_argument("--date", type=dt.date.fromisoformat, help="today's date, YYYY-MM-DD")
    parser.add_argument(
        "--treatment-date", type=dt.date.fromisoformat, help="the treatment date, YYYY-MM-DD"
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    args = parser.parse_args(argv)
    if args.date is not None and args.treatment_date is None:
        parser.error("--date needs --treatment-date")
    site = load_site(args.root / "content", args.root / "mkdocs.yml", base=args.root)
    if site.errors:
        for problem in site.errors:
            print(problem)
        print("carepages: fix these errors first (`make check` lists them too)")
        return 1
    data = site.treatment(args.slug)
    if data is None:
        known = ", ".join(t.slug for t in site.treatments)
        print(f"carepages: there is no treatment '{args.slug}' (known: {known})")
        return 2
    day = args.day if args.date is None else (args.date - args.treatment_date).days
    plan = plan_for(data, site.activities)
    print(day_report(plan, day, args.treatment_date), end="")
    return 0
