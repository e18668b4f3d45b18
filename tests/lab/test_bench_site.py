"""`python -m lab bench-site` writes a project that passes `check` and builds every page it
promises; the benchmark numbers are only worth something if that holds (no timing here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import run_carepages, run_lab

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bench") / "project"
    result = run_lab("bench-site", "--pages", "10", "--out", str(target), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wrote 9 pages (2 treatments)" in result.stdout
    return target


def treatments(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content").iterdir() if p.is_dir())


def test_generated_project_passes_check_with_no_errors(generated: Path) -> None:
    result = run_carepages("check", "--root", str(generated), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


def test_treatments_are_distinct_and_complete(generated: Path) -> None:
    folders = treatments(generated)
    assert len(folders) == 2
    for folder in folders:
        names = {p.name for p in folder.iterdir()}
        assert names == {"treatment.yml", "faq.yml", "index.md", "recovery.md", "faq.md"}
    overviews = [(folder / "index.md").read_text() for folder in folders]
    assert overviews[0] != overviews[1]
    for text in overviews:
        for section in ("what-it-is", "preparation", "during", "after", "risks"):
            assert f"{{: #{section} }}" in text


def test_generated_project_builds_every_page(generated: Path) -> None:
    result = run_carepages("build", "--root", str(generated), cwd=generated)
    assert result.returncode == 0, result.stdout + result.stderr
    site = generated / "site"
    pages = sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html"
    )
    expected = ["about.html", "faq.html", "index.html"] + [
        f"{folder.name}/{name}"
        for folder in treatments(generated)
        for name in ("faq.html", "index.html", "recovery.html")
    ]
    assert pages == sorted(expected)
    assert (generated / "dist" / "carepages-site.zip").is_file()
    # The per-page navigation lists the page's own treatment only.
    first, second = treatments(generated)
    soup = BeautifulSoup((site / first.name / "index.html").read_text(), "html.parser")
    links = {a.get("href", "") for a in soup.select("nav.md-nav--primary a")}
    assert not any(second.name in href for href in links)


def test_generated_project_refuses_a_folder_in_use(generated: Path) -> None:
    result = run_lab("bench-site", "--pages", "10", "--out", str(generated), cwd=ROOT)
    assert result.returncode == 2
    assert f"{generated} is not empty: pick a new folder" in result.stderr
