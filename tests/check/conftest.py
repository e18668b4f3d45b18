"""Fixtures for `carepages check` and `carepages build` on broken copies of the project."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_carepages

TODAY = "2026-11-21"


def tree_hashes(*folders: Path) -> dict[str, str]:
    """sha256 of every file under the folders (and the folders' own files), by path."""
    hashes = {}
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*"))
        for path in paths:
            if path.is_file():
                hashes[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


@pytest.fixture(scope="session")
def last_good_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy built once with `carepages build`: site/ and dist/ hold a good site."""
    root = copy_project(tmp_path_factory.mktemp("last-good"))
    result = run_carepages("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def project_with_a_good_site(last_good_build: Path, tmp_path: Path) -> Path:
    """A private copy of the built project, free to break."""
    root = tmp_path / "project"
    shutil.copytree(last_good_build, root, symlinks=True)
    return root


@pytest.fixture
def fresh_project(tmp_path: Path) -> Path:
    """A copy of the project that has never been built."""
    return copy_project(tmp_path)


@pytest.fixture
def check_output(
    capsys: pytest.CaptureFixture[str],
) -> Callable[..., tuple[int, list[str]]]:
    """Run `carepages check` in-process (fast); return (exit code, output lines)."""
    from carepages import check

    def run(root: Path, *args: str) -> tuple[int, list[str]]:
        capsys.readouterr()
        code = check.main(["--root", str(root), "--today", TODAY, *args])
        return code, capsys.readouterr().out.splitlines()

    return run
