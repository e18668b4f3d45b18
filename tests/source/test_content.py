"""The schema on real and broken treatment data: valid passes, each fault names its line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from carepages.source.content import Shown, load_site, load_treatment
from tests.conftest import ROOT


def test_the_published_content_has_no_problems() -> None:
    site = load_site(ROOT / "content", ROOT / "mkdocs.yml")
    assert site.problems == []
    assert [t.slug for t in site.treatments] == ["chemical-peel", "microneedling"]
    assert site.clinic is not None and site.clinic.tel.startswith("tel:+")


@pytest.fixture
def treatment(tmp_path: Path) -> Path:
    folder = tmp_path / "microneedling"
    shutil.copytree(ROOT / "content/microneedling", folder)
    return folder


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return its 1-based line."""
    text = path.read_text()
    index = text.index(old)
    path.write_text(text.replace(old, new, 1))
    return text.count("\n", 0, index) + 1


def _problems(folder: Path) -> list[str]:
    _, _, problems = load_treatment(folder, Shown(folder.parent))
    return [str(p) for p in problems]


def test_a_date_written_in_words_names_its_line(treatment: Path) -> None:
    line = _replace(
        treatment / "treatment.yml", "last_reviewed: 2026-11-01", "last_reviewed: next week"
    )
    assert _problems(treatment) == [
        f"microneedling/treatment.yml:{line}: error: last_reviewed must be a date written "
        "like 2026-11-01, not 'next week'"
    ]


def test_a_step_that_ends_before_it_starts(treatment: Path) -> None:
    line = _replace(treatment / "treatment.yml", "end_hours: 24\n", "end_hours: -200\n")
    problems = _problems(treatment)
    assert problems[0].startswith(f"microneedling/treatment.yml:{line - 2}: error: timeline step ")
    assert problems[0].endswith("ends (-200 h) before it starts (0 h)")
