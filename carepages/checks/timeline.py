"""Recovery steps come in time order and never overlap, and a step's title says what
happens, not when: the page already shows its days above the title, so a title that names a
time repeats them ("Days 2–3" over "Days 2 and 3") or contradicts them ("7 to 4 days before"
over "One week before")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.components.days import days_label
from carepages.components.strings import strings
from carepages.source.problems import Problem

TIME_WORDS = re.compile(r"\b(?:hours?|days?|weeks?|months?|morning|tomorrow|tonight)\b", re.I)


def check(project: Project) -> Iterator[Problem]:
    for data in project.site.treatments:
        steps = data.treatment.timeline
        path = data.located.path
        for index, step in enumerate(steps):
            if TIME_WORDS.search(step.title):
                label = days_label(step.start_hours, step.end_hours, strings("en"))
                yield Problem(
                    path,
                    data.located.line_of(("timeline", index, "title")),
                    f"timeline step {index + 1}'s title '{step.title}' names a time, and the "
                    f"page shows the step's days ('{label}') above it: give it a title that "
                    "says what happens, like 'The redness fades'",
                    "warning",
                )
        for index in range(1, len(steps)):
            before, step = steps[index - 1], steps[index]
            line = data.located.line_of(("timeline", index))
            if step.start_hours < before.start_hours:
                yield Problem(
                    path,
                    line,
                    f"timeline step {index + 1} starts ({step.start_hours} h) before step "
                    f"{index} ({before.start_hours} h): keep the steps in time order",
                )
            elif before.end_hours is None:
                yield Problem(
                    path,
                    line,
                    f"timeline step {index} has no end, so step {index + 1} can never come "
                    f"after it: give step {index} an end_hours",
                )
            elif step.start_hours < before.end_hours:
                yield Problem(
                    path,
                    line,
                    f"timeline step {index + 1} starts ({step.start_hours} h) before step "
                    f"{index} ends ({before.end_hours} h): steps may not overlap",
                )
