"""Steps and warning signs have ids, each used once in their treatment: translations, links
and the recovery plan refer to them, so they never follow the wording. (A restriction's id
is its activity.)"""

from __future__ import annotations

from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.model.ids import slugify
from carepages.source.problems import Problem


def check(project: Project) -> Iterator[Problem]:
    for data in project.site.treatments:
        located = data.located
        lists = (
            ("timeline", "timeline step", [(s.id, s.title) for s in data.treatment.timeline]),
            ("call_us_if", "warning sign", [(w.id, w.text) for w in data.treatment.call_us_if]),
        )
        for key, noun, items in lists:
            seen: dict[str, int] = {}
            for index, (item_id, text) in enumerate(items):
                if item_id is None:
                    example = slugify(text, limit=24) or "short-name"
                    yield Problem(
                        located.path,
                        located.line_of((key, index)),
                        f"{noun} {index + 1} has no id: add a line 'id: {example}' (a short "
                        "name that never changes; translations and links refer to it)",
                    )
                elif item_id in seen:
                    yield Problem(
                        located.path,
                        located.line_of((key, index, "id")),
                        f"{noun} {index + 1} has the id '{item_id}' of {noun} {seen[item_id] + 1}: "
                        "give each its own id",
                    )
                else:
                    seen[item_id] = index
