"""Fixtures for the real-browser tests: where the site is, the built recovery page's HTML, and
extra browser contexts (other widths, JavaScript off, reduced motion) that close themselves."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cp_browser import RECOVERY, new_page


@pytest.fixture(scope="session")
def file_url(unzipped: Path) -> str:
    """The unzipped offline copy, opened from disk as a patient would."""
    return unzipped.as_uri() + "/"


@pytest.fixture(scope="session")
def recovery_html(site_dir: Path) -> str:
    return (site_dir / RECOVERY).read_text(encoding="utf-8")


@pytest.fixture
def open_page(browser):
    """Make pages in fresh contexts: open_page(width=390, java_script_enabled=False, ...)."""
    contexts = []

    def make(width: int = 1280, **options):
        page = new_page(browser, width, **options)
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def http_url(site_dir: Path) -> Iterator[str]:
    """The built site on 127.0.0.1, as tests/conftest.py serves it, but closing the listening
    socket afterwards: left open it raises a ResourceWarning, an error under
    filterwarnings=error. (Drop this once tests/conftest.py calls server_close().)"""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()
