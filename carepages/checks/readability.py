"""Reading ease: each page, prose and what its macros show, reads at or below the clinic's
grade limit (Flesch-Kincaid, English), or at or above the Spanish ease floors
(Fernández-Huerta and Szigriszt-Pazos, the INFLESZ scale: "bastante fácil" from 65)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
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


# The floors a Spanish page must reach: Fernández-Huerta 70 ("bastante fácil") and
# Szigriszt-Pazos 65 (INFLESZ "bastante fácil").
SPANISH_FLOORS = {"Fernández-Huerta": 70.0, "Szigriszt-Pazos": 65.0}


def check(project: Project) -> Iterator[Problem]:
    clinic = project.site.clinic
    limit = clinic.reading_grade_limit if clinic else DEFAULT_GRADE_LIMIT
    for info in project.pages.values():
        if info.excluded:
            continue  # never published (conflicts.md): nobody reads it on the site
        text = page_text(info)
        if len(text.split()) < 3:
            continue
        first = next((h.line for h in info.doc.headings if h.level == 1), info.page.body_line)
        if info.lang == "es":
            for name, score in spanish_scores(text).items():
                if score < SPANISH_FLOORS[name]:
                    yield Problem(
                        info.page.shown,
                        first,
                        f"this page scores {score:.1f} on the {name} reading ease scale, below "
                        f"the floor of {SPANISH_FLOORS[name]:g}: use shorter sentences and "
                        "everyday words",
                        "warning",
                    )
            continue
        if info.lang != "en":
            continue  # no reading formula for this language in textstat 0.7.4
        grade = reading_grade(text)
        if grade <= limit:
            continue
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
    for _, reading in info.rendered:
        out += rendered_sentences(reading)
    return [s for s in out if s]


def page_text(info: PageInfo) -> str:
    return " ".join(page_sentences(info))


# textstat's language is one global setting (its hyphenation dictionary, and so every
# syllable count): each score is taken with its own language set, under a lock, and the
# setting is put back, so scoring Spanish never changes an English figure.
_LANGUAGE = threading.Lock()


def _in_language(lang: str, score: Callable[[ModuleType], float]) -> float:
    textstat = _textstat()
    with _LANGUAGE:
        before = textstat.textstat._textstatistics__lang
        textstat.set_lang(lang)
        try:
            return float(score(textstat))
        finally:
            textstat.set_lang(before)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade (textstat 0.7.4 and pyphen: no network needed)."""
    return _in_language("en_US", lambda ts: ts.flesch_kincaid_grade(text))


def spanish_scores(text: str) -> dict[str, float]:
    """Fernández-Huerta and Szigriszt-Pazos reading ease (higher is easier)."""
    return {
        "Fernández-Huerta": _in_language("es", lambda ts: ts.fernandez_huerta(text)),
        "Szigriszt-Pazos": _in_language("es", lambda ts: ts.szigriszt_pazos(text)),
    }
