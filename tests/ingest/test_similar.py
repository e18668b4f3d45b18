"""The measure ingest merges by: where SAME_FACT puts the line between one fact said twice
and two facts, shown on pairs of sentences written for this test."""

from __future__ import annotations

import pytest

from carepages.ingest.similar import SAME_FACT, Keys, similarity

KEYS = Keys(topic="Microneedling")


def score(a: str, b: str) -> float:
    return similarity(KEYS.key(a), KEYS.key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The same thing in other words: synonyms meet in one token, times are left out.
        ("Your skin will look pink, like a mild sunburn.", "Redness similar to sunburn is common."),
        ("Skip the sauna for 48 hours.", "Keep out of hot tubs for a week."),
        ("Wash with a gentle cleanser.", "Use a mild face wash that is gentle."),
        ("Sleep on a clean pillowcase.", "Use a clean pillow case at night."),
        ("Microneedling can soften acne scars.", "It works well on acne scarring."),
    ],
)
def test_one_fact_in_other_words_scores_at_or_above_the_line(a: str, b: str) -> None:
    assert score(a, b) >= SAME_FACT


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # Two facts about one thing stay apart when the rest of what they say differs.
        ("Redness fades within two days.", "Your skin will look pink, like a mild sunburn."),
        ("Wear sunscreen every day.", "Skip the sauna for 48 hours."),
        # One shared word is not enough to join a long sentence to a short one.
        (
            "Needles make tiny wounds that set off healing and new collagen in the skin.",
            "Collagen drops as we age.",
        ),
        # The treatment's own name says nothing about which fact a sentence states.
        ("Microneedling is quick.", "Microneedling needs numbing cream first."),
    ],
)
def test_different_facts_score_below_the_line(a: str, b: str) -> None:
    assert score(a, b) < SAME_FACT


def test_the_line_sits_at_half_the_tokens_shared() -> None:
    assert SAME_FACT == 50.0
    # Dice: two of four tokens shared by keys of four tokens each is exactly the line.
    assert similarity("a b c d", "a b e f") == 50.0
    assert similarity("a b c d", "a e f g") < SAME_FACT


def test_a_key_holds_no_fragments_of_abbreviations_or_matched_words() -> None:
    # "sweat" is an exercise word; the "-ing" after it and the letters of "e.g." are not
    # things a fact is about, so they must not make two sentences look more or less alike.
    key = KEYS.key("Stay away from sweating workouts (e.g. spinning) for a day.").split()
    assert "#exercise" in key
    assert not [token for token in key if len(token) < 3]
    assert "ing" not in key


def test_the_same_advice_has_one_key_with_or_without_an_example_in_brackets() -> None:
    plain = "Hold off on sweating hard for two days."
    with_example = "Hold off on sweating hard (e.g. at the gym) for two days."
    assert KEYS.key(plain) == KEYS.key(with_example)


PEEL_KEYS = Keys(topic="Chemical peel")


@pytest.mark.parametrize(
    "text",
    [
        "New skin shows underneath.",
        "Fresh, healthy skin comes through.",
        "Shield freshly peeled skin from the sun.",
        "The newly exposed skin is delicate.",
    ],
)
def test_new_fresh_and_freshly_peeled_skin_are_one_thing(text: str) -> None:
    assert "newskin" in PEEL_KEYS.key(text).split()


def test_new_skin_said_two_ways_scores_as_one_fact() -> None:
    a = PEEL_KEYS.key("Fresh skin shows once the flakes are gone.")
    b = PEEL_KEYS.key("When flaking ends, new skin is revealed.")
    assert similarity(a, b) >= SAME_FACT


def test_new_on_its_own_is_not_new_skin() -> None:
    # "new collagen" is about collagen; only new or fresh *skin* is the thing.
    assert "newskin" not in PEEL_KEYS.key("New collagen builds up over the weeks after.").split()


@pytest.mark.parametrize(
    "text",
    [
        "A light chemical peel barely flakes.",
        "Medium-depth peels take about a week to settle.",
        "How long it lasts depends on how heavy the peel was.",
        "A superficial treatment heals fast.",
        "The needle depth is chosen for each patient.",
    ],
)
def test_how_deep_a_treatment_reaches_is_one_thing_in_any_of_its_words(text: str) -> None:
    assert "depth" in PEEL_KEYS.key(text).split()


@pytest.mark.parametrize(
    "text",
    [
        "Light exercise is fine the next day.",
        "Serums sink in deeper afterwards.",
        "A history of light sensitivity matters.",
    ],
)
def test_light_and_deeper_in_other_senses_are_not_about_depth(text: str) -> None:
    assert "depth" not in PEEL_KEYS.key(text).split()


def test_light_peels_still_count_as_a_course_of_peels() -> None:
    # Naming the depth does not hide that the sentence talks of several peels.
    assert {"depth", "series"} <= set(PEEL_KEYS.key("Light peels are done as a series.").split())
