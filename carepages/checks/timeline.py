"""Recovery steps come in time order and never overlap."""

from __future__ import annotations

from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.source.problems import Problem


def check(project: Project) -> Iterator[Problem]:
    for data in project.site.treatments:
        steps = data.treatment.timeline
        path = data.located.path
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
