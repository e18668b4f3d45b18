"""Source ids are unique, the left-out claims name a listed source, and a source's origin
says where it was published (the about page shows it to patients), not a file name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.source.problems import Problem

# A file name or path ("000_e4b1e9382ff6b493.txt", "../sources/leaflet.pdf"), which means
# nothing to a patient. An address or words ("a skin clinic's blog, 2017") are fine.
FILE_NAME = re.compile(r"^(?![a-z]+://)[\w./-]+\.(?:txt|html?|md|pdf|docx?|rtf)$", re.IGNORECASE)


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
        for index, source in enumerate(data.treatment.sources):
            if FILE_NAME.match(source.origin.strip()):
                yield Problem(
                    located.path,
                    located.line_of(("sources", index, "origin")),
                    f"the origin of source '{source.id}' is a file name ('{source.origin}'), "
                    "which tells patients nothing: say where it was published, like 'a skin "
                    "clinic's blog, 2017' or its web address (the file itself goes in 'file')",
                    "warning",
                )
        for index, item in enumerate(data.treatment.source_notes.left_out):
            if item.source and item.source not in ids:
                yield Problem(
                    located.path,
                    located.line_of(("source_notes", "left_out", index, "source")),
                    f"unknown source '{item.source}': use one of {', '.join(ids)}",
                )
