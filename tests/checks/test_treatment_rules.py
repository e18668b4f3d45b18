"""Rules that look across a treatment's files, run by `carepages check` on a project copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.checks.test_broken_content import english_only


def _replace(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return its 1-based line."""
    text = path.read_text()
    index = text.index(old)
    path.write_text(text.replace(old, new, 1))
    return text.count("\n", 0, index) + 1


def test_a_faq_id_without_the_treatment_prefix(
    fresh_project: Path, check_output: Callable[..., tuple[int, list[str]]]
) -> None:
    english_only(fresh_project)  # faq.es.yml would rightly report the renamed id too
    faq = fresh_project / "content/microneedling/faq.yml"
    line = _replace(faq, "id: microneedling-does-it-hurt", "id: does-it-hurt")
    assert check_output(fresh_project) == (
        1,
        [
            f"content/microneedling/faq.yml:{line}: error: question id 'does-it-hurt' must "
            "start with 'microneedling-' so it stays unique across the site",
            "1 error, 0 warnings",
        ],
    )


def test_a_missing_section_is_named_with_the_heading_to_add(
    fresh_project: Path, check_output: Callable[..., tuple[int, list[str]]]
) -> None:
    _replace(fresh_project / "content/microneedling/index.md", "{: #during }", "")
    code, lines = check_output(fresh_project)
    assert code == 1
    assert (
        "content/microneedling/index.md:1: error: the 'During' section is missing: add a "
        "heading like '## During {: #during }'"
    ) in lines


def test_a_file_the_site_never_publishes_is_not_measured_for_reading_grade(
    fresh_project: Path, check_output: Callable[..., tuple[int, list[str]]]
) -> None:
    # conflicts.md is what ingest writes for the editor; mkdocs.yml's exclude_docs leaves it out.
    hard = (
        "# Where the sources disagree\n\n"
        "Pharmacological intervention necessitates comprehensive evaluation of "
        "contraindications, and anticoagulation therapy requires individualised "
        "consideration by appropriately credentialled practitioners.\n"
    )
    (fresh_project / "content/microneedling/conflicts.md").write_text(hard)
    assert check_output(fresh_project) == (0, ["0 errors, 0 warnings"])
    (fresh_project / "content/microneedling/notes.md").write_text(hard)
    code, lines = check_output(fresh_project)
    assert lines[0].startswith(
        "content/microneedling/notes.md:1: warning: the reading grade of this page is "
    )
    # A published page is read for everyday words too.
    assert lines[1:] == [
        "content/microneedling/notes.md:3: warning: 'contraindications' is not an everyday "
        "word: write 'reasons not to have it' instead (or explain it)",
        "0 errors, 2 warnings",
    ]
    assert code == 0
