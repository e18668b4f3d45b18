"""Every language of the interface catalog has the same keys, plural forms and
placeholders as English, so no page can fall back to an English word."""

from __future__ import annotations

import re

import pytest

from carepages.components.strings import languages, strings

PLACEHOLDER = re.compile(r"\{(\w+)\}")
OTHERS = [lang for lang in languages() if lang != "en"]


def test_spanish_is_in_the_catalog() -> None:
    assert "es" in OTHERS


@pytest.mark.parametrize("lang", OTHERS)
def test_a_language_has_exactly_the_english_keys(lang: str) -> None:
    assert sorted(strings(lang).table) == sorted(strings("en").table)


@pytest.mark.parametrize("lang", OTHERS)
def test_a_language_keeps_each_strings_shape_and_placeholders(lang: str) -> None:
    english, other = strings("en").table, strings(lang).table
    for key, value in english.items():
        theirs = other[key]
        assert type(theirs) is type(value), key
        if isinstance(value, dict):
            assert sorted(theirs) == sorted(value), key
            for form in value:
                assert set(PLACEHOLDER.findall(theirs[form])) <= set(
                    PLACEHOLDER.findall(value["other"])
                ) | {"n"}, (key, form)
        elif isinstance(value, list):
            assert len(theirs) == len(value), key
        else:
            assert set(PLACEHOLDER.findall(theirs)) == set(PLACEHOLDER.findall(value)), key
