"""Restrictions carry the patient's own words where the recovery plan cannot find safe ones:

- an activity whose label can be misread (medication, touching, other treatments, and every
  activity a clinic adds) says exactly what to avoid in `what`;
- a medicine says, in the editor's sentences, what to do until it is over (`before`) and once
  it is over (`after`): the plan composes nothing around a medicine;
- an activity that is never fine again (picking the skin) has no `after` sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.model.activities import Activity
from carepages.source.content import TreatmentData
from carepages.source.problems import Problem


def check(project: Project) -> Iterator[Problem]:
    for data in project.site.treatments:
        yield from check_wording(data, project.site.activities)


def check_wording(data: TreatmentData, activities: dict[str, Activity]) -> Iterator[Problem]:
    path = data.located.path
    for index, restriction in enumerate(data.treatment.restrictions):
        activity = activities.get(restriction.activity)
        if activity is None:
            continue  # carepages.checks.restrictions names the unknown activity
        name = f"restriction {index + 1} ('{activity.id}')"
        line = data.located.line_of(("restrictions", index, "activity"))
        if not activity.clear_label and not restriction.what.strip():
            yield Problem(
                path,
                line,
                f"{name} needs its own words: '{activity.label}' alone can be misread, so add "
                "a line 'what: …' that says exactly what to avoid, like "
                "'what: allergy tablets (antihistamines)'",
            )
        if activity.medicine:
            missing = [key for key in ("before", "after") if not getattr(restriction, key).strip()]
            if missing:
                lines = " and ".join(f"'{key}: …'" for key in missing)
                yield Problem(
                    path,
                    line,
                    f"{name} is about a medicine, and the plan says only what you write about "
                    f"medicines: add {lines} ('before': what to do until it is over, like "
                    "'Do not take allergy tablets on the day before your treatment.'; 'after': "
                    "what to do once it is over, like 'You can take allergy tablets again.')",
                )
        if not activity.resumes and restriction.after.strip():
            yield Problem(
                path,
                data.located.line_of(("restrictions", index, "after")),
                f"{name} is never fine again, so the plan never says 'You can … again' about "
                "it: remove the line 'after: …'",
            )
