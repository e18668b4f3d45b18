"""`Rx` must answer exactly as plain `re` does; only the work behind it may differ."""

from __future__ import annotations

import gc
import re

import pytest

from carepages.ingest import classify, clean, pipeline, restrictions, spans  # noqa: F401
from carepages.ingest.textre import Rx, rx

TEXTS = [
    "",
    "Avoid the gym and saunas for 48 hours after your treatment.",
    "AVOID MAKEUP FOR 24 HOURS. Side-effects are RARE.",
    "Redness like mild sunburn can last for two to three days; keep moisturising.",
    "Posted on March 3, 2024",
    "Leave a Reply",
    "Call the clinic if the redness spreads or you feel unwell.",
    "People who are pregnant should not have this treatment.",
    "Buy our serum\u00ae with code SAVE20 today!",
    "Results may vary. 4.5 out of 5 stars \u2605\u2605\u2605",
    "Day 1: warm and tight. Days 2-4: flaking is normal.",
    "Don\u2019t pick or peel off the flakes; hands away!",
    # Letters where lower-casing and re.IGNORECASE disagree must still give re's answer.
    "Aſter care: avoid the ſun and ſaunas for 48 hours.",
    "Dıscomfort ıs normal after the procedure.",
    "\u0130s it safe? Avoid the gym for \u0130 days.",
    "The \u212aelvin sign and \u03a3IGMA stay harmless.",
    "word_with_underscores and under_score before treatment",
    "x" * 300 + " numbing cream is applied before the session",
]


def _all_rx() -> list[Rx]:
    return [obj for obj in gc.get_objects() if isinstance(obj, Rx)]


def _same_match(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groups() == b.groups()


def test_every_ingest_pattern_answers_like_re() -> None:
    patterns = _all_rx()
    assert len(patterns) > 40
    for pattern in patterns:
        for text in TEXTS:
            plain = pattern.full
            assert _same_match(pattern.search(text), plain.search(text)), (pattern.source, text)
            assert pattern.test(text) == bool(plain.search(text)), (pattern.source, text)
            assert _same_match(pattern.match(text), plain.match(text)), (pattern.source, text)
            assert pattern.count(text) == len(plain.findall(text)), (pattern.source, text)
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], (pattern.source, text)


@pytest.mark.parametrize(
    ("parts", "text", "expected"),
    [
        ((r"\bswell", r"\bbruis"), "Some SWELLING and bruising", 2),
        ((r"\bred\b", r"\bredness\b"), "redness, red and RED", 3),
        ((r"\bafter\b", r"\bafter\s+care\b"), "after care after", 2),  # first branch wins a tie
        ((r"\bday\s+\d", r"\d+\s+days\b"), "day 2 and 3 days and DAY 4", 3),
        ((r"^skip\s+to\b", r"\bmenu\b"), "Skip to content menu", 2),
    ],
)
def test_count_matches_findall(parts: tuple[str, ...], text: str, expected: int) -> None:
    pattern = rx(*parts)
    assert pattern.count(text) == len(re.findall("|".join(parts), text, re.I)) == expected
    assert pattern.count(text) == expected  # again, now from the compiled set of live branches
    assert pattern.count(text) == expected


def test_matches_keep_original_case_and_groups() -> None:
    pattern = rx(r"\b(?P<n>\d+)\s+(?P<unit>hours|days)\b")
    found = pattern.search("Avoid the sun for 48 HOURS.")
    assert found is not None
    assert found.group(0) == "48 HOURS" and found.group("unit") == "HOURS"


def test_a_pattern_whose_trigger_words_are_absent_finds_nothing() -> None:
    pattern = rx(r"\bsauna", r"\bsteam\s+rooms?\b")
    assert not pattern.test("Avoid the gym for two days.")
    assert pattern.search("No steam rooms or SAUNAS.") is not None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain words only",
        "it\u2019s 48-72h (or so).",
        "snake_case and caf\u00e9",
        "a\u00a9b \u2028 c_d",
    ],
)
def test_words_are_the_regex_word_runs(text: str) -> None:
    from carepages.ingest.textre import _words

    assert _words(text) == set(re.findall(r"\w+", text))


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        ((r"(?<![^\w])cap",), "Recap"),  # a word character before is required here
        ((r"\bx(?-i:Foo)",), "xfoo xFoo XFOO"),  # case asked for inside the pattern
        ((r"\b(?:on\s+)?monday\b", r"\d+\s+mins?\b"), "On Monday, 30 MINS"),
        ((r"^\s*(?:or\s+(?:more|so)\s+)?before\b",), "  or so BEFORE"),
    ],
)
def test_unusual_patterns_answer_like_re(parts: tuple[str, ...], text: str) -> None:
    pattern = rx(*parts)
    plain = re.compile("|".join(parts), re.I)
    for _ in range(3):  # first sight, second sight, then the compiled set of live branches
        assert _same_match(pattern.search(text), plain.search(text))
        assert pattern.count(text) == len(plain.findall(text))
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
