"""The draft targets on the seed articles, scored against the independent labels: short
drafts that still merge the facts several sources state and keep the facts a page needs."""

from __future__ import annotations

import pytest

from lab.draft_eval import figures_for
from lab.project import SEEDS_DIR

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


@pytest.mark.skipif(not SEEDS, reason="the seed articles live beside the repository")
def test_the_seed_draft_meets_the_targets() -> None:
    figures = figures_for("seeds", SEEDS, "microneedling", "seeds")
    assert figures.overview_words <= 0.35 * figures.source_words
    assert figures.draft_words <= 0.60 * figures.source_words
    assert figures.multi_merged >= 0.9 * figures.multi_total > 0
    assert figures.keep_kept >= 0.9 * figures.keep_total > 0
    assert figures.duplicates_own == 0
    assert figures.claims_flagged + figures.claims_as_noise >= 0.8 * figures.claims_labelled
