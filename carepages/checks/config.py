"""The clinic settings in mkdocs.yml: readable header colours, nothing loaded from another
host, and the clinic's sentences in every language the site is built in."""

from __future__ import annotations

import re
from collections.abc import Iterator

from carepages.checks.links import host, is_remote
from carepages.checks.project import Project
from carepages.model.clinic import MIN_CONTRAST, contrast_ratio
from carepages.source.languages import language_name
from carepages.source.problems import Problem

_NUMBER = re.compile(r"\d[\d ]*\d|\d")


def check(project: Project) -> Iterator[Problem]:
    located = project.site.config
    if located is None:
        return
    clinic = project.site.clinic
    if clinic is not None:
        ratio = contrast_ratio(clinic.primary_colour, clinic.header_text_colour)
        if ratio < MIN_CONTRAST:
            yield Problem(
                located.path,
                located.line_of(("extra", "clinic", "primary_colour")),
                f"extra.clinic: primary_colour {clinic.primary_colour} behind "
                f"header_text_colour {clinic.header_text_colour} has a contrast of "
                f"{ratio:.2f}:1, below the {MIN_CONTRAST}:1 every page needs to be readable: "
                "pick a darker primary_colour",
            )
        if is_remote(clinic.logo):
            yield Problem(
                located.path,
                located.line_of(("extra", "clinic", "logo")),
                f"extra.clinic: the logo '{clinic.logo}' would be loaded from "
                f"{host(clinic.logo)} on every page: save it under content/assets/ "
                "and give its path instead",
            )
        for lang in project.translations:
            words = clinic.translations.get(lang)
            if words is None:
                yield Problem(
                    located.path,
                    located.line_of(("extra", "clinic")),
                    f"extra.clinic: the site is built in {language_name(lang)} too, but "
                    f"translations.{lang} is missing: add its opening_hours and urgent_care "
                    "in that language",
                )
                continue
            english, translated = _numbers(clinic.urgent_care), _numbers(words.urgent_care)
            if english != translated:
                yield Problem(
                    located.path,
                    located.line_of(("extra", "clinic", "translations", lang, "urgent_care")),
                    f"extra.clinic: translations.{lang}.urgent_care gives the numbers "
                    f"{', '.join(translated) or 'none'}, but urgent_care gives "
                    f"{', '.join(english) or 'none'}: every language must give the same "
                    "emergency numbers",
                )
    data = located.data if isinstance(located.data, dict) else {}
    for key in ("extra_css", "extra_javascript"):
        entries = data.get(key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            url = entry if isinstance(entry, str) else str((entry or {}).get("path", ""))
            if is_remote(url):
                yield Problem(
                    located.path,
                    located.line_of((key, index)),
                    f"{key} loads '{url}' from {host(url)} on every page: copy the "
                    "file into overrides/assets/ and list its path instead",
                )


def _numbers(text: str) -> list[str]:
    """The phone numbers in a sentence, in order, spaces dropped ('999', '111')."""
    return [match.replace(" ", "") for match in _NUMBER.findall(text)]
