"""Nothing leaves the reader's device: every page, opened from the unzipped site (file://)
and from a local server on 127.0.0.1, asks no other host for anything, even while it is used."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from cp_browser import CONTENT_PAGES, RECOVERY, set_treatment_date, settle

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = {"data", "blob", "about"}


def use(page, path: str) -> None:
    """What a reader does on the page: search, and the page's own tools."""
    page.click("[data-md-component=search-query]")
    page.keyboard.type("redness")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("Escape")
    if path == RECOVERY:
        set_treatment_date(page, dt.date.today() - dt.timedelta(days=3))
        with page.expect_download():
            page.click("button[data-ics]")
    if page.locator("[data-faq]").count():
        page.fill("[data-faq] input[type=search]", "sun")


@pytest.mark.parametrize("path", CONTENT_PAGES)
@pytest.mark.parametrize("origin", ["file", "http"])
def test_no_request_leaves_the_device(open_page, file_url, http_url, origin, path):
    base = file_url if origin == "file" else http_url
    allowed = {"file"} if origin == "file" else {"http"}
    host = urlsplit(http_url).netloc
    # Real clock here: Material's search worker does not start from file:// under a fake one.
    page = open_page()
    requests, failed = [], []
    page.context.on("request", lambda r: requests.append(r.url))
    page.context.on("requestfailed", lambda r: failed.append(r.url))

    page.goto(base + path, wait_until="networkidle")
    use(page, path)
    settle(page, requests)

    assert requests, "the page made no requests at all: the listener is not working"
    outside = [
        url
        for url in requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES
        and not (
            urlsplit(url).scheme in allowed and (origin == "file" or urlsplit(url).netloc == host)
        )
    ]
    assert outside == []
    assert failed == []
    assert page.context.cookies() == []
