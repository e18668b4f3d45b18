"""What is not ready to publish: review dates, drafts, placeholders and TODO markers.

A draft may hold placeholders while an editor works on it (they are warnings, and `make
serve` still previews it); once a treatment or page is published, placeholder text, a
missing or future review date, or a reviewer who is a placeholder is an error, so it never
reaches patients.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from carepages.checks.project import Project
from carepages.source.problems import Problem

TODO = re.compile(r"\bTODO\b")
# Words that stand in for a clinician's name; a reviewer of a published page is a person.
PLACEHOLDER = re.compile(
    r"\b(?:TBD|TBC|XXX+|FIXME|placeholder|lorem ipsum|your name|name here|name of)\b"
    r"|^\W*$|\[[^\]]*\]|<[^>]*>",
    re.IGNORECASE,
)


def check(project: Project) -> Iterator[Problem]:
    for info in project.pages.values():
        if info.page.meta.status == "draft":
            yield Problem(
                info.page.shown,
                info.page.meta_line("status"),
                "this page is marked 'status: draft': set 'status: published' (or delete "
                "the line) when it is ready",
                "warning",
            )
    for path, published in _files(project):
        yield from _todo(path, project.shown(path), published)
    for data in project.site.treatments:
        located = data.located
        treatment = data.treatment
        reviewed = treatment.last_reviewed
        if not data.published:
            yield Problem(
                located.path,
                located.line_of(("status",)),
                f"'{data.slug}' is a draft: it is left off the home page and the questions "
                "page until you set 'status: published'",
                "warning",
            )
            continue
        if reviewed is None:
            yield Problem(
                located.path,
                1,
                "'last_reviewed' is missing: add a line 'last_reviewed: …'",
            )
        elif reviewed > project.today:
            yield Problem(
                located.path,
                located.line_of(("last_reviewed",)),
                f"last_reviewed is {reviewed.isoformat()}, a day still to come: write the day "
                "a clinician checked these pages",
            )
        elif reviewed < _year_before(project.today):
            yield Problem(
                located.path,
                located.line_of(("last_reviewed",)),
                f"last reviewed on {reviewed.isoformat()}, more than 12 months ago: ask a "
                "clinician to check the treatment, then set last_reviewed to that day",
                "warning",
            )
        if not TODO.search(treatment.reviewed_by) and PLACEHOLDER.search(treatment.reviewed_by):
            yield Problem(
                located.path,
                located.line_of(("reviewed_by",)),
                f"reviewed_by '{treatment.reviewed_by}' is a placeholder: write the name and "
                "role of the clinician who checked these pages (or set 'status: draft' until "
                "one has)",
            )


def _files(project: Project) -> Iterator[tuple[Path, bool]]:
    """Every file an editor writes, and whether patients read what it says."""
    owners = {data.folder.resolve(): data for data in project.site.treatments}
    for path in project.data_files():
        data = owners.get(path.parent.resolve())
        yield path, data is None or data.published
    for info in project.pages.values():
        yield info.page.path, info.published


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _todo(path: Path, shown: str, published: bool) -> Iterator[Problem]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not TODO.search(line):
            continue
        if published:
            yield Problem(
                shown,
                number,
                "TODO marker on a published page: replace it with the real text (or set "
                "'status: draft' while you work on it)",
            )
        else:
            yield Problem(
                shown,
                number,
                "TODO marker: replace it with the real text before you publish",
                "warning",
            )
