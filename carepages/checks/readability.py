"""Reading grade: each published page, prose and what its macros show, reads at or below the
clinic's limit (Flesch-Kincaid)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from types import ModuleType

from carepages.checks.project import PageInfo, Project, rendered_sentences
from carepages.model.clinic import DEFAULT_GRADE_LIMIT
from carepages.model.text import as_sentence, sentences
from carepages.source.problems import Problem


@functools.cache
def _textstat() -> ModuleType:
    # Imported on first use: it loads its hyphenation dictionary on import.
    import textstat

    return textstat


def check(project: Project) -> Iterator[Problem]:
    clinic = project.site.clinic
    limit = clinic.reading_grade_limit if clinic else DEFAULT_GRADE_LIMIT
    for info in project.pages.values():
        if info.excluded:
            continue  # never published (conflicts.md): nobody reads it on the site
        text = page_text(info)
        if len(text.split()) < 3:
            continue
        grade = reading_grade(text)
        if grade <= limit:
            continue
        first = next((h.line for h in info.doc.headings if h.level == 1), info.page.body_line)
        yield Problem(
            info.page.shown,
            first,
            f"the reading grade of this page is {grade:.1f} (Flesch-Kincaid), above the "
            f"limit of {limit:g}: use shorter sentences and everyday words",
            "warning",
        )


def page_sentences(info: PageInfo) -> list[str]:
    """What a reader of the page reads, as sentences: its prose (headings, list items and
    table cells each count as one sentence) plus the text its macros render."""
    out: list[str] = []
    for block in info.doc.text:
        if block.kind == "paragraph":
            out += [as_sentence(s) for s in sentences(block.text)]
        else:
            out.append(as_sentence(block.text))
    for _, html in info.rendered:
        out += rendered_sentences(str(html))
    return [s for s in out if s]


def page_text(info: PageInfo) -> str:
    return " ".join(page_sentences(info))


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade (textstat 0.7.4 and pyphen: no network needed)."""
    return float(_textstat().flesch_kincaid_grade(text))
