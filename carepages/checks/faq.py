"""Question ids start with their treatment, and no id or question is used twice."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.source.problems import Problem


def check(project: Project) -> Iterator[Problem]:
    site_ids: dict[str, str] = {}  # across the site: id → path:line of its first use
    for faq in project.site.faq_files:
        located = faq.located
        questions: dict[str, int] = {}
        ids: dict[str, int] = {}
        for index, entry in enumerate(faq.entries):
            line = located.line_of(("questions", index, "id"))
            if not entry.id.startswith(faq.slug + "-"):
                yield Problem(
                    located.path,
                    line,
                    f"question id '{entry.id}' must start with '{faq.slug}-' so it stays "
                    "unique across the site",
                )
            if entry.id in ids:
                yield _used_twice(located.path, line, entry.id, f"{located.path}:{ids[entry.id]}")
            elif entry.id in site_ids:
                yield _used_twice(located.path, line, entry.id, site_ids[entry.id])
            else:
                ids[entry.id] = line
                site_ids[entry.id] = f"{located.path}:{line}"
            key = re.sub(r"\W+", " ", entry.question.lower()).strip()
            question_line = located.line_of(("questions", index, "question"))
            if key in questions:
                yield Problem(
                    located.path,
                    question_line,
                    f"the question '{entry.question}' is asked twice (first on line "
                    f"{questions[key]})",
                )
            else:
                questions[key] = question_line


def _used_twice(path: str, line: int, faq_id: str, first: str) -> Problem:
    return Problem(
        path,
        line,
        f"question id '{faq_id}' is already used at {first}: give each question its own id",
    )
