"""The one sentence rule, shared by ingest, the checks and the reading-ease measure."""

from __future__ import annotations

from carepages.model.text import as_sentence, clause_bounds, clauses, sentences


def test_sentences_end_at_a_stop_before_a_new_sentence():
    assert sentences("Wash gently. Pat dry! Is it red? Call us.") == [
        "Wash gently.",
        "Pat dry!",
        "Is it red?",
        "Call us.",
    ]


def test_short_forms_and_lower_case_words_do_not_end_a_sentence():
    text = "Use a mild cleanser, e.g. Cetaphil, for approx. three days. Dr. Lee checks it."
    assert sentences(text) == [
        "Use a mild cleanser, e.g. Cetaphil, for approx. three days.",
        "Dr. Lee checks it.",
    ]


def test_a_semicolon_ends_a_clause_but_not_a_sentence():
    text = "Skip makeup; Your skin may sting. Sleep well; rest helps."
    assert sentences(text) == ["Skip makeup; Your skin may sting.", "Sleep well; rest helps."]
    # As with sentences, a lower-case word after the semicolon goes on with the clause.
    assert clauses(text) == ["Skip makeup;", "Your skin may sting.", "Sleep well; rest helps."]
    assert [text[a:b] for a, b in clause_bounds(text)] == clauses(text)


def test_a_heading_or_list_item_counts_as_one_sentence():
    assert as_sentence("  What to   do  ") == "What to do."
    assert as_sentence("Call us:") == "Call us:"
    assert as_sentence("   ") == ""
