"""Drafts are the content models, written by one YAML writer and read back equal; each fact
once with all its sources; cautious values proposed and marked; copies of one page count
once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import markdown
import pytest

from carepages.ingest.draft import build_draft, md_comment
from carepages.ingest.merge import WINDOWS, merge
from carepages.ingest.pipeline import ingest_data
from carepages.ingest.reconcile import reconcile
from carepages.ingest.vocabulary import BUILT_IN_VOCABULARY
from carepages.model.activities import BUILT_IN
from carepages.source.content import Shown, load_treatment
from carepages.source.markdown import read_markdown
from lab.evaluate import EVAL_DIR, HOLDOUT_DIR, parse_labelled

ACTIVITIES = {a.id: a for a in BUILT_IN}
TODAY = dt.date(2026, 12, 1)


def _merged(*texts: str, names: tuple[str, ...] = ()):
    docs = [
        ingest_data(text.encode(), ".txt", names[n] if names else f"s{n + 1}.txt")
        for n, text in enumerate(texts)
    ]
    return merge(docs, reconcile(docs), BUILT_IN_VOCABULARY)


def _written(draft, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in draft.files().items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


EVAL_DOCS = sorted(
    p for folder in (EVAL_DIR, HOLDOUT_DIR) for p in folder.iterdir()
    if p.suffix in (".txt", ".md", ".html")
)  # fmt: skip


@pytest.mark.parametrize("path", EVAL_DOCS, ids=lambda p: p.name)
def test_a_draft_written_and_loaded_back_is_the_same_model(path: Path, tmp_path: Path) -> None:
    text, _ = parse_labelled(path.read_text(encoding="utf-8"))
    doc = ingest_data(text.encode(), path.suffix, path.name)
    draft = build_draft(merge([doc], reconcile([doc]), BUILT_IN_VOCABULARY), "x", ACTIVITIES, TODAY)
    folder = _written(draft, tmp_path / "x")

    data, faq, problems = load_treatment(folder, Shown(tmp_path))

    assert [str(p) for p in problems if p.severity == "error"] == []
    assert data is not None and faq is not None
    assert data.treatment == draft.treatment
    assert faq.entries == list(draft.faq.questions)


def test_provenance_lines_hide_in_markdown_whatever_a_file_is_called() -> None:
    name = "a) b\\ (c)\n# {{ x }} {# y #}.txt"
    line = md_comment(f"s1: {name}")
    page = f"# Title\n\n{line}\n- A fact.\n"
    html = markdown.markdown(page)
    assert html == "<h1>Title</h1>\n<ul>\n<li>A fact.</li>\n</ul>"
    assert [b.text for b in read_markdown(page).text] == ["Title", "A fact."]
    assert "\n" not in line and "{{" not in line and "{#" not in line


def test_the_same_fact_from_three_sources_is_one_bullet_listing_them_all() -> None:
    merged = _merged(
        "About\n\nAcne scars soften after a few sessions.\n",
        "Results\n\nMany people treat acne scars with it.\n",
        "What it treats\n\nIt is a good choice for acne scarring.\n",
    )
    facts = [f for f in merged.facts if "acne" in f.text.lower()]
    assert len(facts) == 1
    assert [str(w) for w in facts[0].where] == ["s1:3", "s2:3", "s3:3"]


def test_near_copies_of_one_page_count_as_one_site() -> None:
    page = (
        "Aftercare\n\nKeep the treated skin out of strong sunlight for a full week and wear a "
        "wide hat whenever you go outside during the day.\n"
    )
    merged = _merged(
        page, page.replace("wide", "broad"), "Aftercare\n\nAvoid the sun for 3 days.\n"
    )
    assert merged.site_of == [0, 0, 1]
    draft = build_draft(merged, "x", ACTIVITIES, TODAY)
    assert "a near copy of s1: counted once" in draft.files()["treatment.yml"]


def test_the_cautious_value_is_proposed_and_marked() -> None:
    merged = _merged(
        "Aftercare\n\nAvoid makeup for 24 hours.\n", "Aftercare\n\nNo makeup for 3 days.\n"
    )
    (restriction,) = merged.restrictions
    assert (restriction.activity, restriction.after) == ("makeup", 72)
    (disagreement,) = [d for d in merged.disagreements if d.topic == "Makeup"]
    assert disagreement.published == (
        "PROPOSED: avoid makeup for 3 days after (until day 3), the longest any source gives."
    )


def test_the_title_comes_from_the_documents_not_the_slug() -> None:
    merged = _merged(
        "Chemical peel aftercare\n\nAvoid sun for a week.\n",
        "Your chemical peel, day by day\n\nPink skin on day 1.\n",
        "Before a chemical peel\n\nStop retinol 3 days before.\n",
    )
    assert merged.title == "Chemical peel"
    draft = build_draft(merged, "cp", ACTIVITIES, TODAY)
    assert draft.treatment.title == "Chemical peel"
    assert "title: Chemical peel" in draft.pages["index.md"]


def test_the_timeline_has_at_most_eight_steps_with_ids() -> None:
    days = "\n\n".join(f"Day {n}: the skin feels different again." for n in range(1, 30))
    merged = _merged(f"Recovery\n\n{days}\n")
    assert 1 <= len(merged.steps) <= len(WINDOWS) == 8
    draft = build_draft(merged, "x", ACTIVITIES, TODAY)
    assert all(step.id for step in draft.treatment.timeline)


def test_one_question_asked_by_two_sources_is_one_entry_with_the_other_answer_listed() -> None:
    merged = _merged(
        "Peels explained\n\nDoes it hurt?\n\nMost people feel a light sting.\n",
        "Your peel\n\nDoes it hurt much?\n\nYou may feel some stinging for a short while.\n",
    )
    assert len(merged.questions) == 1
    assert len(merged.questions[0].answers) == 2
    faq = build_draft(merged, "x", ACTIVITIES, TODAY).files()["faq.yml"]
    assert "# also s" in faq
