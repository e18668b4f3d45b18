"""`make new`: a scaffold that starts as a draft (it validates, builds for preview and stays
off the home page), can never be published with its placeholders, and never overwrites a
treatment without --force."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from carepages.model.ids import slugify
from tests.conftest import TODAY, run_carepages, tree_hashes

FILES = ["faq.md", "faq.yml", "index.md", "recovery.md", "treatment.yml"]
# The files a Spanish translation starts from (the project builds Spanish too).
SPANISH = ["faq.es.md", "faq.es.yml", "index.es.md", "recovery.es.md", "treatment.es.yml"]
TODO_WARNING = "warning: TODO marker: replace it with the real text before you publish"
DRAFT_WARNING = (
    "content/laser-resurfacing/treatment.yml:8: warning: 'laser-resurfacing' is a draft: it is left off "
    "the home page and the questions page until you set 'status: published'"
)


def new(root: Path, *args: str):
    return run_carepages("new", *args, "--root", str(root), "--today", TODAY, cwd=root)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Chemical peel", "chemical-peel"),
        ("  Laser   hair removal ", "laser-hair-removal"),
        ("Peeling für Haut!", "peeling-fur-haut"),
        ("PRP (platelet-rich plasma)", "prp-platelet-rich-plasma"),
    ],
)
def test_a_folder_name_comes_from_the_treatment_name(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_new_treatment_is_a_draft_with_only_warnings(
    fresh_project: Path, check_output: Callable[..., tuple[int, list[str]]]
) -> None:
    result = new(fresh_project, "Laser resurfacing")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "carepages: created content/laser-resurfacing/ for Laser resurfacing:"
    )
    folder = fresh_project / "content/laser-resurfacing"
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES + SPANISH)
    assert not [p for p in (fresh_project / "content").iterdir() if p.name.startswith(".")]
    treatment = (folder / "treatment.yml").read_text()
    assert "\nstatus: draft\n" in treatment
    assert "\nlast_reviewed:" not in treatment
    code, lines = check_output(fresh_project)
    problems, summary = lines[:-1], lines[-1]
    assert code == 0
    assert DRAFT_WARNING in problems
    todos = [line for line in problems if line != DRAFT_WARNING]
    assert todos and all(
        line.startswith("content/laser-resurfacing/") and line.endswith(TODO_WARNING)
        for line in todos
    ), "\n".join(problems)
    assert summary == f"0 errors, {len(problems)} warnings"
    code, _ = check_output(fresh_project, "--strict")
    assert code == 1


def test_a_new_draft_builds_for_preview_but_is_not_listed(fresh_project: Path) -> None:
    assert new(fresh_project, "Laser resurfacing").returncode == 0

    result = run_carepages("build", "--root", str(fresh_project), cwd=fresh_project)

    assert result.returncode == 0, result.stdout + result.stderr
    home = BeautifulSoup((fresh_project / "site/index.html").read_text(), "html.parser")
    links = {a.get_text(strip=True) for a in home.select(".cp-treatments__title a")}
    assert "Laser resurfacing" not in links and "Microneedling" in links
    for page in ("index.html", "recovery.html", "faq.html"):
        assert (fresh_project / "site/laser-resurfacing" / page).exists()
    review = BeautifulSoup(
        (fresh_project / "site/laser-resurfacing/recovery.html").read_text(), "html.parser"
    ).select_one("footer.cp-review")
    assert "A clinician has not checked this page yet." in review.get_text()


def test_publishing_the_template_as_it_is_stops_the_build(
    fresh_project: Path, check_output: Callable[..., tuple[int, list[str]]]
) -> None:
    assert new(fresh_project, "Laser resurfacing").returncode == 0
    path = fresh_project / "content/laser-resurfacing/treatment.yml"
    text = path.read_text()
    path.write_text(text.replace("\nstatus: draft\n", "\nstatus: published\n"))
    reviewer_line = (
        text.split("\n").index(
            'reviewed_by: "TODO: the name and role of the clinician who checked these pages"'
        )
        + 1
    )

    code, lines = check_output(fresh_project)

    assert code == 1
    shown = "content/laser-resurfacing/treatment.yml"
    assert f"{shown}:1: error: 'last_reviewed' is missing: add a line 'last_reviewed: …'" in lines
    assert (
        f"{shown}:{reviewer_line}: error: TODO marker on a published page: replace it with the "
        "real text (or set 'status: draft' while you work on it)"
    ) in lines
    assert not [line for line in lines if ": warning: TODO marker" in line]
    result = run_carepages("build", "--root", str(fresh_project), cwd=fresh_project)
    assert result.returncode == 1
    assert "the last good site is unchanged" in result.stdout


def test_an_existing_treatment_is_never_overwritten(fresh_project: Path) -> None:
    folder = fresh_project / "content/microneedling"
    before = tree_hashes(folder)

    result = new(fresh_project, "Microneedling")

    assert result.returncode == 1
    assert result.stdout.strip() == (
        "carepages: content/microneedling/ already exists, so nothing was changed. Pick "
        "another name, or add --force to replace that folder with an empty template."
    )
    assert tree_hashes(folder) == before


def test_force_replaces_an_existing_treatment_with_the_template(fresh_project: Path) -> None:
    assert new(fresh_project, "Laser resurfacing").returncode == 0
    page = fresh_project / "content/laser-resurfacing/index.md"
    page.write_text("# Laser resurfacing\n\nWritten by the editor.\n")

    result = new(fresh_project, "Laser resurfacing", "--force")

    assert result.returncode == 0
    assert "Written by the editor." not in page.read_text()
    assert page.read_text().startswith("# Laser resurfacing\n\nTODO:")
    assert not [p for p in (fresh_project / "content").iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("!!!", "carepages: '!!!' has no letters or digits to name a folder with"),
        (
            "Assets",
            "carepages: content/assets/ is kept for the site's own files: pick another name",
        ),
    ],
)
def test_a_name_that_cannot_be_a_folder_is_refused(
    fresh_project: Path, name: str, message: str
) -> None:
    before = tree_hashes(fresh_project / "content")

    result = new(fresh_project, name)

    assert (result.returncode, result.stdout.strip()) == (2, message)
    assert tree_hashes(fresh_project / "content") == before


def test_a_new_treatment_gets_spanish_files_marked_todo_with_the_english_ids(
    fresh_project: Path,
) -> None:
    import yaml

    assert new(fresh_project, "Laser resurfacing").returncode == 0
    folder = fresh_project / "content/laser-resurfacing"
    english = yaml.safe_load((folder / "treatment.yml").read_text())
    spanish = yaml.safe_load((folder / "treatment.es.yml").read_text())
    assert list(spanish["timeline"]) == [step["id"] for step in english["timeline"]]
    assert spanish["title"] == "TODO: Laser resurfacing"
    for step in english["timeline"]:
        words = spanish["timeline"][step["id"]]
        for kind in ("notice", "do", "avoid"):
            assert len(words[kind]) == len(step.get(kind) or [])
    questions = yaml.safe_load((folder / "faq.es.yml").read_text())["questions"]
    assert list(questions) == ["laser-resurfacing-what-is-it"]
    overview = (folder / "index.es.md").read_text()
    assert "## TODO: What it is {: #what-it-is }" in overview
    assert "{{ when_to_call() }}" in overview.splitlines()


def test_a_site_in_english_only_gets_no_spanish_files(fresh_project: Path) -> None:
    from tests.checks.test_broken_content import english_only

    english_only(fresh_project)
    assert new(fresh_project, "Laser resurfacing").returncode == 0
    folder = fresh_project / "content/laser-resurfacing"
    assert sorted(p.name for p in folder.iterdir()) == FILES
