"""Names that reach the published site as addresses or labels: files and folders in content/
(plain characters, no links to elsewhere on the computer), page titles written as a first
heading, and the site's description in mkdocs.yml."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from carepages.checks.project import Project
from carepages.model.treatment import NO_MARKUP
from carepages.source.problems import Problem

NAME_CHARACTERS = "letters, digits, '-', '_' and '.'"


def _walk(folder: Path) -> list[Path]:
    """Every file and folder under `folder`, hidden ones skipped, links never followed."""
    found: list[Path] = []
    for top, folders, files in os.walk(folder, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith((".", "_")))
        found += [Path(top, name) for name in folders + sorted(files)]
    return found


def check(project: Project) -> Iterator[Problem]:
    content = project.content_dir
    for path in _walk(content):
        shown = os.path.relpath(path, project.root)  # the link itself, not where it points
        name = path.name
        if not all(c.isalnum() or c in "-_." for c in name):
            yield Problem(
                shown,
                1,
                f"the name {name!r} becomes a web address and a menu label: use only "
                f"{NAME_CHARACTERS} (rename the {'folder' if path.is_dir() else 'file'})",
            )
        if path.is_symlink():
            yield Problem(
                shown,
                1,
                "this is a link to another place on the computer, which would be published "
                "with the site: put the file itself here",
            )
    for info in project.pages.values():
        for heading in info.doc.headings:
            if heading.level == 1 and ("<" in heading.text or ">" in heading.text):
                yield Problem(info.page.shown, heading.line, f"the page title {NO_MARKUP}")
    located = project.site.config
    data = located.data if located and isinstance(located.data, dict) else {}
    for key in ("site_name", "site_description"):
        value = data.get(key)
        if located and isinstance(value, str) and ("<" in value or ">" in value):
            yield Problem(located.path, located.line_of((key,)), f"{key} {NO_MARKUP}")
