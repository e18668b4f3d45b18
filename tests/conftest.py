"""Shared fixtures: the real site built once per run, and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from carepages.bench_site import copy_project

# CI replays the same examples every run, so a landing never depends on a lucky draw;
# locally each run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
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
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "carepages", *args], cwd=cwd, env=env, capture_output=True, text=True
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
