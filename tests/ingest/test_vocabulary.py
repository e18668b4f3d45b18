"""One activity vocabulary: ingest recognises every built-in activity and every clinic
activity (by its words, or by its label), and lists what is no activity instead of
dropping it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from carepages.ingest import cli
from carepages.ingest.merge import merge
from carepages.ingest.pipeline import ingest_data
from carepages.ingest.reconcile import reconcile
from carepages.ingest.vocabulary import BUILT_IN_WORDS, UNLISTED, Vocabulary, word_pattern
from carepages.model.activities import BUILT_IN, BUILT_IN_IDS, Activity

# One sentence per built-in activity, each naming it in everyday words.
SAYS = {
    "makeup": "Avoid makeup for 48 hours.",
    "sun": "Keep out of direct sun for 7 days.",
    "exercise": "Do not go to the gym for 3 days.",
    "heat": "Avoid the sauna for 5 days.",
    "swimming": "Do not swim for 4 days.",
    "actives": "Avoid retinol for 6 days.",
    "exfoliation": "Do not use scrubs for 10 days.",
    "touching": "Do not pick at the skin for 5 days.",
    "medication": "Stop ibuprofen for 2 days before the treatment.",
    "other-treatments": "Avoid waxing the area for 2 weeks.",
}


def test_ingest_words_are_keyed_by_the_built_in_ids() -> None:
    assert list(BUILT_IN_WORDS) == list(BUILT_IN_IDS)
    assert set(SAYS) == set(BUILT_IN_IDS)


@pytest.mark.parametrize("activity", BUILT_IN_IDS)
def test_every_built_in_activity_is_recognised(activity: str) -> None:
    doc = ingest_data(f"Aftercare\n\n{SAYS[activity]}\n".encode(), ".txt", "a.txt")
    assert [hit.activity for hit in doc.restrictions] == [activity]


CLINIC = [
    Activity(id="hair-dye", label="Hair dye", words=("hair dye", "bleach*")),
    Activity(id="alcohol", label="Alcohol"),  # no words: its label is its word
]


@pytest.mark.parametrize(
    ("text", "activity"),
    [("Avoid hair dye for 2 days.", "hair-dye"), ("Skip bleaching for a week.", "hair-dye"),
     ("Avoid alcohol for 24 hours.", "alcohol")],
)  # fmt: skip
def test_every_clinic_activity_is_recognised(text: str, activity: str) -> None:
    vocabulary = Vocabulary.of([*BUILT_IN, *CLINIC])
    doc = ingest_data(f"Aftercare\n\n{text}\n".encode(), ".txt", "a.txt", vocabulary)
    assert activity in [hit.activity for hit in doc.restrictions]


def test_an_editors_word_matches_whole_words_and_star_endings() -> None:
    assert word_pattern("hair dye") == r"\bhair[\s-]+dye\b"
    assert word_pattern("tann*") == r"\btann\w*"


def test_what_is_no_activity_is_listed_for_the_editor_not_dropped() -> None:
    doc = ingest_data(b"Aftercare\n\nAvoid alcohol for 24 hours.\n", ".txt", "a.txt")
    assert [hit.activity for hit in doc.restrictions] == [UNLISTED]
    merged = merge([doc], reconcile([doc]), Vocabulary.of())
    assert merged.restrictions == []
    assert [(str(v.where), v.word) for v in merged.unlisted] == [("s1:3", "alcohol")]


def test_medicines_are_listed_for_a_clinician_and_never_proposed() -> None:
    doc = ingest_data(SAYS["medication"].join(["Before\n\n", "\n"]).encode(), ".txt", "a.txt")
    merged = merge([doc], reconcile([doc]), Vocabulary.of())
    assert merged.restrictions == []
    assert [str(v.where) for v in merged.medicines] == ["s1:3"]


def test_a_draft_gives_a_clinic_activity_its_restriction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "activities.yml").write_text(
        yaml.safe_dump(
            {"activities": [{"id": "hair-dye", "label": "Hair dye", "words": ["hair dye"]}]}
        )
    )
    source = tmp_path / "leaflet.txt"
    source.write_text("Aftercare\n\nAvoid hair dye for 2 weeks.\n\nAvoid alcohol for a day.\n")
    assert cli.main([str(source), "--slug", "dye", "--quiet"]) == 0
    text = (tmp_path / "drafts" / "dye" / "treatment.yml").read_text()
    treatment = yaml.safe_load(text)
    assert [(r["activity"], r["spans"]) for r in treatment["restrictions"]] == [
        ("hair-dye", [{"start_hours": 0, "end_hours": 336}])
    ]
    assert "s1:5 (alcohol)" in text  # listed in a comment for the editor
