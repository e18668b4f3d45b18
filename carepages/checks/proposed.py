"""Values ingest proposed (marked `PROPOSED:`) are checked by a person before they are
published: the marker left in a published treatment is an error; in a draft it is a
reminder."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.source.problems import Problem

MARKER = re.compile(r"\bPROPOSED\b")


def check(project: Project) -> Iterator[Problem]:
    for data in project.site.treatments:
        paths = [data.folder / "treatment.yml", data.folder / "faq.yml"]
        paths += [page.path for page in data.pages.values()]
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            for number, line in enumerate(text.split("\n"), start=1):
                if MARKER.search(line.split("#", 1)[0] if path.suffix == ".yml" else line):
                    if data.published:
                        yield Problem(
                            project.shown(path),
                            number,
                            "a value marked PROPOSED is ingest's suggestion: check it against "
                            "the sources, write the value the clinic publishes and remove "
                            "the marker",
                        )
                    else:
                        yield Problem(
                            project.shown(path),
                            number,
                            "PROPOSED marker: check this value before you publish",
                            "warning",
                        )
