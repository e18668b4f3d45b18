"""The overview page has the five sections, each once, in reading order, in every language:
section ids are part of every link to the page, so a translation keeps them."""

from __future__ import annotations

from collections.abc import Iterator

from carepages.checks.project import Project
from carepages.model.sections import Section
from carepages.source.content import Page, TreatmentData
from carepages.source.problems import Problem


def check(project: Project) -> Iterator[Problem]:
    sites = [project.site, *project.translations.values()]
    for site in sites:
        for data in site.treatments:
            page = data.pages.get("index.md")
            if page is None or page.lang != site.lang:
                continue  # a missing translation: the English page is checked once
            yield from _overview(project, data, page)


def _overview(project: Project, data: TreatmentData, page: Page) -> Iterator[Problem]:
    info = project.pages.get(f"{data.slug}/{page.path.name}")
    doc = info.doc if info else page.prose
    found: list[tuple[str, int]] = []
    known = {s.value for s in Section}
    for heading in doc.headings:
        if heading.level != 2 or heading.explicit_id is None:
            continue
        if heading.explicit_id not in known:
            yield Problem(
                page.shown,
                heading.line,
                f"unknown section id '#{heading.explicit_id}': use one of "
                + ", ".join(f"#{s}" for s in Section),
            )
        else:
            found.append((heading.explicit_id, heading.line))
    ids = [sid for sid, _ in found]
    for section in Section:
        if section not in ids:
            yield Problem(
                page.shown,
                page.body_line,
                f"the '{section.label}' section is missing: add a heading like "
                f"'## {section.label} {{: #{section} }}'",
            )
    first: dict[str, int] = {}
    for sid, line in found:
        if sid in first:
            yield Problem(page.shown, line, f"the section '#{sid}' appears twice")
        first.setdefault(sid, line)
    order = [s.value for s in Section if s in ids]
    seen = list(dict.fromkeys(ids))
    if seen != order:
        wrong = next(f for f, want in zip(found, order, strict=False) if f[0] != want)
        yield Problem(
            page.shown,
            wrong[1],
            "sections are out of order: keep " + ", ".join(s.label for s in Section),
        )
