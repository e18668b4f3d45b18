"""The Content-Security-Policy on every page: the site works under it from file:// and from a
web server (no violation while a reader searches, sets a date, downloads the calendar and
filters the questions), and markup that got onto a page anyway loads nothing from another
host and runs nothing."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from cp_browser import CONTENT_PAGES, RECOVERY, set_treatment_date

from carepages.site.security import CSP

pytestmark = pytest.mark.browser

SPY = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));
"""


class _Counting(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header(
            "Content-Type", "image/png" if self.path.endswith(".png") else "text/javascript"
        )
        self.end_headers()
        self.wfile.write(b"window.__remote_ran = 1;" if self.path.endswith(".js") else b"")


@pytest.fixture
def other_host(tmp_path):
    """A server standing for another host (another origin on this machine) that counts hits."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Counting, directory=str(tmp_path))
    )
    server.hits = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.hits  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def test_every_page_carries_the_policy_first(site_dir: Path):
    for page in site_dir.rglob("*.html"):
        head = page.read_text()[:600]
        assert '<meta charset="utf-8">' in head and "Content-Security-Policy" in head, page


@pytest.mark.parametrize("path", CONTENT_PAGES)
@pytest.mark.parametrize("origin", ["file", "http"])
def test_the_site_works_under_its_policy(open_page, file_url, http_url, origin, path):
    page = open_page()
    page.context.add_init_script(SPY)
    page.goto((file_url if origin == "file" else http_url) + path, wait_until="networkidle")
    page.click("[data-md-component=search-query]")
    page.keyboard.type("redness")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert page.locator(".md-search-result__item").count() > 0
    page.keyboard.press("Escape")
    if path == RECOVERY:
        before = page.locator("[data-timeline] [data-dates]").first.inner_text()
        set_treatment_date(page, dt.date.today() - dt.timedelta(days=3))
        assert page.locator("[data-timeline] [data-dates]").first.inner_text() != before
        assert page.locator("[data-timeline] [aria-current=step]").count() == 1
        with page.expect_download() as download:
            page.click("button[data-ics]")
        assert download.value.suggested_filename.endswith(".ics")
    if page.locator("[data-faq]").count():
        total = page.locator("[data-faq] details[id]").count()
        page.fill("[data-faq] input[type=search]", "sun")
        assert 0 < page.locator("[data-faq] details[id]:not([hidden])").count() < total
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(31, 95, 139)"  # the clinic's colour, from the generated stylesheet
    assert page.evaluate("window.__violations") == []


@pytest.mark.parametrize("origin", ["file", "http"])
def test_injected_remote_image_and_script_are_blocked(
    open_page, site_dir, tmp_path, other_host, origin
):
    base, hits = other_host
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    attack = (
        f'<img id="remote-img" src="{base}/x.png" alt="x">'
        f'<script src="{base}/x.js"></script>'
        '<img id="handler" src="nope.png" alt="x" onerror="window.__handler_ran = 1">'
        "<script>window.__inline_ran = 1</script>"
    )
    recovery = (site / RECOVERY).read_text()
    assert CSP in recovery.replace("&#39;", "'")
    (site / "microneedling/attack.html").write_text(
        recovery.replace("</article>", attack + "</article>", 1)
    )
    page = open_page()
    page.context.add_init_script(SPY)
    if origin == "file":
        page.goto((site / "microneedling/attack.html").as_uri(), wait_until="networkidle")
    else:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0),
            functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site)),
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        page.goto(
            f"http://127.0.0.1:{server.server_address[1]}/microneedling/attack.html",
            wait_until="networkidle",
        )
    page.wait_for_timeout(300)
    ran = page.evaluate("[!!window.__remote_ran, !!window.__handler_ran, !!window.__inline_ran]")
    violations = page.evaluate("window.__violations")
    if origin == "http":
        server.shutdown()
        server.server_close()
    assert hits == []  # the other host was never asked
    assert ran == [False, False, False]
    assert any(v.startswith("img-src") for v in violations)
    assert any(v.startswith("script-src-elem") for v in violations)
    # The page itself still works: its steps are there and the timeline's own script ran.
    assert page.locator("[data-timeline] li[data-step]").count() > 0
    assert page.locator("[data-timeline-controls]").is_visible()
