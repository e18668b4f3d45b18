"""Fixtures for the real-browser tests: where the site is, the built recovery page's HTML, and
extra browser contexts (other widths, JavaScript off, reduced motion) that close themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from cp_browser import RECOVERY, new_page, plan_of

from carepages.components.plan import Plan


@pytest.fixture(scope="session")
def file_url(unzipped: Path) -> str:
    """The unzipped offline copy, opened from disk as a patient would."""
    return unzipped.as_uri() + "/"


@pytest.fixture(scope="session")
def recovery_html(site_dir: Path) -> str:
    return (site_dir / RECOVERY).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def plan(built: Path) -> Plan:
    """The microneedling plan of the built project, as `carepages plan` computes it."""
    return plan_of(built)


@pytest.fixture
def open_page(browser):
    """Make pages in fresh contexts: open_page(width=390, java_script_enabled=False, ...)."""
    contexts = []

    def make(width: int = 1280, height: int = 900, **options):
        page = new_page(browser, width, height, **options)
        contexts.append(page.context)
        return page

    yield make
    for context in contexts:
        context.close()
