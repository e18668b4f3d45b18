"""Claims a clinician would reject are flagged with their kind and never proposed as content."""

from __future__ import annotations

import pytest

from carepages.ingest import claims
from carepages.ingest.merge import merge
from carepages.ingest.pipeline import ingest_data
from carepages.ingest.reconcile import reconcile
from carepages.ingest.vocabulary import BUILT_IN_VOCABULARY


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This facial has no side effects at all.", claims.ABSOLUTE_SAFETY),
        ("It is suitable for all skin types.", claims.ABSOLUTE_SAFETY),
        ("The session will not be painful.", claims.ABSOLUTE_PAIN),
        ("Thanks to the cream it is painless.", claims.ABSOLUTE_PAIN),
        ("Your results are permanent.", claims.PERMANENT),
        ("We guarantee smooth skin after one visit.", claims.GUARANTEED),
        ("It will get rid of every wrinkle.", claims.GUARANTEED),
        ("Our serum is FDA approved.", claims.REGULATORY),
        ("We use a medical grade solution.", claims.REGULATORY),
        ("Buy a package and get a mask on us!", claims.PROMOTION),
        ("Try the glow cream (e.g. GlowPro Night) twice a day.", claims.PROMOTION),
        ("You can roll the pen over your skin at home.", claims.DIY),
        ("Trim off the loose flakes with small scissors.", claims.DIY),
        ("A little crusting is normal on day two.", claims.CONTRADICTS),
        ("A sunscreen of SPF 15 is enough.", claims.CONTRADICTS),
        ("Dab aloe vera on the skin to calm it.", claims.FOLK),
    ],
)
def test_each_kind_of_claim_is_found(text: str, kind: str) -> None:
    assert kind in [c.kind for c in claims.find_claims(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Most people feel some stinging for a few minutes.",
        "Some people get small bruises.",
        "Results build up over several sessions.",
        "Wear SPF 30 or higher every day.",
        "Call us if the crusts turn yellow.",
    ],
)
def test_plain_cautious_advice_is_no_claim(text: str) -> None:
    assert claims.find_claims(text) == []


def _docs(*texts: str) -> list:
    return [
        ingest_data(f"Aftercare\n\n{text}\n".encode(), ".txt", f"s{n}.txt")
        for n, text in enumerate(texts, start=1)
    ]


def test_a_claim_goes_to_the_review_list_and_never_into_the_draft() -> None:
    docs = _docs("The peel will not be painful. Pink skin fades in a day or two.")
    merged = merge(docs, reconcile(docs), BUILT_IN_VOCABULARY)
    assert [(str(f.where), f.claims[0].kind) for f in merged.flagged] == [
        ("s1:3", claims.ABSOLUTE_PAIN)
    ]
    shown = [f.text for f in merged.facts] + [
        fact.text for step in merged.steps for fact in step.notice + step.do
    ]
    assert not any("painful" in text for text in shown)


def test_advice_shorter_than_the_cautious_value_is_flagged() -> None:
    docs = _docs("Avoid makeup for 72 hours.", "You may wear makeup again after 24 hours.")
    merged = merge(docs, reconcile(docs), BUILT_IN_VOCABULARY)
    flagged = {str(f.where): [c.kind for c in f.claims] for f in merged.flagged}
    assert flagged == {"s2:3": [claims.CONTRADICTS]}
    assert merged.restrictions[0].after == 72


def test_skipping_a_protective_step_is_a_disagreement_not_a_cautious_value() -> None:
    docs = _docs(
        "Do not apply any moisturizer for the first 7 days.",
        "Use a gentle moisturizer twice a day.",
    )
    merged = merge(docs, reconcile(docs), BUILT_IN_VOCABULARY)
    assert merged.restrictions == []
    (disagreement,) = [d for d in merged.disagreements if d.topic == "Moisturizer"]
    assert disagreement.published.startswith("TODO: a clinician decides")
    assert [str(w) for w, _ in disagreement.sources_say] == ["s1:3", "s2:3"]
    assert [c.kind for f in merged.flagged for c in f.claims] == [claims.CONTRADICTS]
