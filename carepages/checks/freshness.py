"""Review dates, drafts and TODO markers: what is not ready to publish yet."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from carepages.checks.project import Project
from carepages.source.problems import Problem

TODO = re.compile(r"\bTODO\b")


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
    for path in [*project.data_files(), *(info.page.path for info in project.pages.values())]:
        yield from _todo(path, project.shown(path))
    for data in project.site.treatments:
        located = data.located
        reviewed = data.treatment.last_reviewed
        if reviewed < _year_before(project.today):
            yield Problem(
                located.path,
                located.line_of(("last_reviewed",)),
                f"last reviewed on {reviewed.isoformat()}, more than 12 months ago: ask a "
                "clinician to check the treatment, then set last_reviewed to that day",
                "warning",
            )
        if not data.published:
            yield Problem(
                located.path,
                located.line_of(("status",)),
                f"'{data.slug}' is a draft: it is left off the home page and the questions "
                "page until you set 'status: published'",
                "warning",
            )


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _todo(path: Path, shown: str) -> Iterator[Problem]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if TODO.search(line):
            yield Problem(
                shown,
                number,
                "TODO marker: replace it with the real text before you publish",
                "warning",
            )
