"""Sections, FAQs, restrictions and conflicts: behaviour on small documents, and the figures
on the labelled evaluation set and the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from carepages.ingest.pipeline import ingest_data, ingest_path
from carepages.ingest.reconcile import reconcile
from lab.evaluate import SEEDS_DIR, eval_seeds, eval_set, parse_labelled, total

FIXTURES = Path(__file__).parent / "fixtures"


def sections(path: Path) -> dict[int, str]:
    return {b.line: b.section for b in ingest_path(path).blocks}


def test_who_should_not_have_it_goes_to_risks_even_under_after() -> None:
    found = sections(FIXTURES / "contraindications_under_after_heading.md")
    assert [found[line] for line in (5, 7, 8)] == ["risks", "risks", "risks"]
    assert found[12] == "after"
    assert found[14] == "risks"  # when to call the clinic


def test_documents_without_headings_are_sorted_by_their_own_words() -> None:
    found = sections(FIXTURES / "no_headings_at_all.txt")
    assert list(found.values()) == ["what-it-is", "preparation", "during", "after", "risks"]


def test_rhetorical_hooks_are_noise_and_answered_questions_are_faqs() -> None:
    doc = ingest_path(FIXTURES / "questions_and_rhetorical_hooks.txt")
    assert [(f.line, f.question) for f in doc.faq] == [
        (9, "How does laser hair removal work?"),
        (13, "Does it hurt?"),
    ]
    assert doc.faq[1].answer.startswith("It feels like a rubber band")
    assert {b.line: b.section for b in doc.blocks}[3] == "noise"


def test_chrome_bylines_widgets_and_calls_to_action_are_noise() -> None:
    source = (
        "Skin peel aftercare\n\nBy Jo Bloggs\n\nMarch 2, 2024\n\n5 min read\n\n"
        "Avoid makeup for 24 hours.\n\nBook your consultation today!\n\nLeave a Reply\n\n"
        "Results may vary.\n"
    )
    doc = ingest_data(source.encode(), ".txt", "x.txt")
    assert [(b.line, b.section) for b in doc.blocks] == [
        (1, "what-it-is"), (3, "noise"), (5, "noise"), (7, "noise"), (9, "after"),
        (11, "noise"), (13, "noise"), (15, "noise"),
    ]  # fmt: skip


def test_product_promotion_is_flagged_not_dropped() -> None:
    doc = ingest_data(
        b"Numbing\n\nWe suggest the NumbFast\xc2\xae cream, one of the leading brands.\n",
        ".txt",
        "x.txt",
    )
    block = doc.blocks[-1]
    assert block.promotion and block.section != "noise"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Avoid makeup for 48 to 72 hours.", [("makeup", 0, 72)]),
        ("You can restart retinol after 5 days.", [("actives", 0, 120)]),
        ("No sun for 12 hours before the treatment.", [("sun", -12, 0)]),
        (
            "Skip the gym and saunas for at least 24 hours.",
            [("exercise", 0, 24), ("heat", 0, 24)],
        ),
    ],
)
def test_restrictions_are_read_cautiously(text: str, expected: list[tuple[str, int, int]]) -> None:
    doc = ingest_data(f"Aftercare\n\n{text}\n".encode(), ".txt", "x.txt")
    assert [(r.activity, r.start_hours, r.end_hours) for r in doc.restrictions] == expected


def test_a_lead_in_gives_its_span_to_the_list_after_it() -> None:
    source = "After your peel\n\nAvoid these for 48 hours:\n\n- swimming\n- makeup\n"
    doc = ingest_data(source.encode(), ".txt", "x.txt")
    assert [(r.activity, r.end_hours, r.line) for r in doc.restrictions] == [
        ("swimming", 48, 5),
        ("makeup", 48, 6),
    ]


def test_conflicts_list_every_source_that_disagrees() -> None:
    one = ingest_data(b"Aftercare\n\nAvoid makeup for 24 hours.\n", ".txt", "a.txt")
    two = ingest_data(b"Aftercare\n\nNo makeup for 72 hours.\n", ".txt", "b.txt")
    same = ingest_data(b"Aftercare\n\nAvoid makeup for 24 hours.\n", ".txt", "c.txt")
    conflicts = reconcile([one, two])
    assert [(c.topic, [(v.source, v.line, v.end_hours) for v in c.values]) for c in conflicts] == [
        ("makeup", [("a.txt", 3, 24), ("b.txt", 3, 72)])
    ]
    assert reconcile([one, same]) == []


def test_labels_are_stripped_without_moving_lines() -> None:
    text, labels = parse_labelled(
        "Title \u27e6what-it-is\u27e7\n\nFor 2 days. \u27e6after\u27e7 \u27e6span 0 48\u27e7\n"
    )
    assert text == "Title\n\nFor 2 days.\n"
    assert labels.sections == {1: "what-it-is", 3: "after"}
    assert labels.spans == {(3, 0.0, 48.0)}


def test_labelled_set_meets_the_targets() -> None:
    scores = eval_set()
    assert len(scores) >= 30
    overall = total("set", scores)
    assert overall.section_accuracy >= 0.90
    assert overall.faq_recall >= 0.90
    assert overall.timeline_accuracy >= 0.90


@pytest.mark.skipif(not SEEDS_DIR.exists(), reason="the seed articles live beside the repository")
def test_seeds_meet_the_targets() -> None:
    overall = total("seeds", eval_seeds())
    assert overall.sections_total > 200
    assert overall.section_accuracy >= 0.90
    assert overall.faq_recall >= 0.90
    assert overall.timeline_accuracy >= 0.90
