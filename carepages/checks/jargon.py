"""Everyday words: the medical and formal words of the plain-words list, in what a patient
reads (page text, and the treatment's and questions' text), each with the word to use."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from carepages.checks.project import Project
from carepages.model.words import plain_words
from carepages.source.problems import Problem
from carepages.source.yamlfile import Located

# Notes for reviewing clinicians and the list of sources are not patient text.
_NOT_READ = {"sources", "source_notes", "id", "activity", "topic", "status", "reviewed_by"}


def _message(word: str, plain: str) -> str:
    return f"'{word}' is not an everyday word: write '{plain}' instead (or explain it)"


def check(project: Project) -> Iterator[Problem]:
    for info in project.pages.values():
        if info.excluded:
            continue  # never published (conflicts.md): nobody reads it on the site
        for block in info.doc.text:
            for word, plain in plain_words(block.text):
                yield Problem(info.page.shown, block.line, _message(word, plain), "warning")
    for data in project.site.treatments:
        for located in (data.located, data.faq_located):
            yield from _data(located, located.data, ())


def _data(located: Located, value: Any, loc: tuple[str | int, ...]) -> Iterator[Problem]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_READ:
                yield from _data(located, item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _data(located, item, (*loc, index))
    elif isinstance(value, str):
        for word, plain in plain_words(value):
            yield Problem(located.path, located.line_of(loc), _message(word, plain), "warning")
