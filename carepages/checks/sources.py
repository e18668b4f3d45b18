"""Source ids are unique and the left-out claims name a listed source."""

from __future__ import annotations

from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.source.problems import Problem


def check(project: Project) -> Iterator[Problem]:
    for data in project.site.treatments:
        located = data.located
        ids = [s.id for s in data.treatment.sources]
        for index, sid in enumerate(ids):
            if ids.index(sid) != index:
                yield Problem(
                    located.path,
                    located.line_of(("sources", index, "id")),
                    f"source id '{sid}' is used twice",
                )
        for index, item in enumerate(data.treatment.source_notes.left_out):
            if item.source and item.source not in ids:
                yield Problem(
                    located.path,
                    located.line_of(("source_notes", "left_out", index, "source")),
                    f"unknown source '{item.source}': use one of {', '.join(ids)}",
                )
