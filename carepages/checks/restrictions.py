"""Restrictions name known activities, once each, with spans that do not overlap; the
clinic's own activities do not reuse a built-in id."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.model.activities import BUILT_IN_IDS, Activity
from carepages.source.content import TreatmentData
from carepages.source.problems import Problem


def check(project: Project) -> Iterator[Problem]:
    located = project.site.activities_located
    if located is not None:
        for index, entry in enumerate((located.data or {}).get("activities") or []):
            if isinstance(entry, dict) and entry.get("id") in BUILT_IN_IDS:
                yield Problem(
                    located.path,
                    located.line_of(("activities", index, "id")),
                    f"'{entry['id']}' is already a built-in activity: pick another id",
                )
    for data in project.site.treatments:
        yield from check_restrictions(data, project.site.activities)


def check_restrictions(data: TreatmentData, activities: dict[str, Activity]) -> Iterator[Problem]:
    """The restriction rules for one treatment (ingest runs them on its drafts too)."""
    seen: set[str] = set()
    path = data.located.path
    for index, restriction in enumerate(data.treatment.restrictions):
        line = data.located.line_of(("restrictions", index, "activity"))
        if restriction.activity not in activities:
            close = difflib.get_close_matches(restriction.activity, activities, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Problem(
                path,
                line,
                f"restriction {index + 1} names an unknown activity "
                f"'{restriction.activity}'{hint}: add it to content/activities.yml "
                "or use one of " + ", ".join(activities),
            )
        if restriction.activity in seen:
            yield Problem(
                path,
                line,
                f"'{restriction.activity}' is listed twice: put all its spans in one entry",
            )
        seen.add(restriction.activity)
        spans = sorted(restriction.spans, key=lambda s: s.start_hours)
        for first, second in zip(spans, spans[1:], strict=False):
            if first.end_hours is None or second.start_hours < first.end_hours:
                yield Problem(
                    path,
                    line,
                    f"the spans of '{restriction.activity}' overlap: merge them into one",
                )
