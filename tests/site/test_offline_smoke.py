"""The offline zip in a real browser: open index.html from disk, navigate, search."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect


def test_unzipped_site_works_from_disk_without_any_other_host(page, unzipped: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((unzipped / "index.html").as_uri())
    assert "Riverside Skin Clinic" in page.title()

    page.locator(".cp-treatments a", has_text="Microneedling").first.click()
    page.wait_for_url("**/microneedling/index.html")
    page.locator("nav.md-nav--primary a[href='recovery.html']").first.click()
    page.wait_for_url("**/microneedling/recovery.html")
    assert page.locator("[data-timeline] li[data-step]").count() >= 5

    search = page.locator("input.md-search__input")
    search.click()
    meta = page.locator(".md-search-result__meta")
    # The index loads in a worker (an iframe from file://); type once it is ready.
    expect(meta).to_have_text(re.compile("Type to start searching"), timeout=10_000)
    search.press_sequentially("redness", delay=30)
    expect(meta).to_have_text(re.compile(r"\d+ matching document"), timeout=10_000)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    assert results.count() >= 1

    assert requests, "the page made no requests at all: the test saw nothing"
    assert [url for url in requests if not url.startswith(("file://", "data:", "blob:"))] == []
