"""Shared fixtures: the real site built once per run, and a real Chromium."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from lab.project import SEEDS_DIR, copy_project

# CI replays the same examples every run, so a landing never depends on a lucky draw;
# locally each run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = SEEDS_DIR
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # The date field follows the browser's language, not the page's: show it as a UK reader sees it.
    "--lang=en-GB",
]
ARTIFACTS = ROOT / "test-artifacts"


def run_carepages(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run_module("carepages", *args, cwd=cwd)


def run_lab(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run_module("lab", *args, cwd=cwd)


def _run_module(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built with `carepages build` into a temp copy; returns its root."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    result = run_carepages("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def site_dir(built: Path) -> Path:
    return built / "site"


@pytest.fixture(scope="session")
def unzipped(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip unpacked the way a patient would: returns the folder with index.html."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built / "dist" / "carepages-site.zip") as archive:
        archive.extractall(target)
    return target / "carepages-site"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def http_url(site_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a static host, as a clinic would deploy it)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. A missing browser fails, never skips."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh page (own context) with fixed locale and time zone."""
    context = browser.new_context(
        locale="en-GB", timezone_id="Europe/London", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


# --- projects to break: `carepages check` and `carepages build` on copies ---------------------

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
    from carepages import checks

    def run(root: Path, *args: str) -> tuple[int, list[str]]:
        capsys.readouterr()
        code = checks.main(["--root", str(root), "--today", TODAY, *args])
        return code, capsys.readouterr().out.splitlines()

    return run
