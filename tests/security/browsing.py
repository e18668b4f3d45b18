"""Open every page of a built site in Chromium as a reader would, and record what must never
happen: a dialog (an alert an attacker's code opened) or a request to anything but the site
itself (file://, 127.0.0.1) and the data: and blob: addresses of our own images and downloads."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

LOCAL = {"file", "data", "blob", "about"}


@dataclass
class Visit:
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @property
    def foreign(self) -> list[str]:
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in LOCAL
            and urlsplit(url).hostname not in ("127.0.0.1", "localhost")
        ]


def visit_site(browser, site: Path) -> Visit:
    """Load each HTML page of `site` from disk, focus and hover what can be, and record."""
    seen = Visit()
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
    context.on("request", lambda request: seen.requests.append(request.url))
    try:
        for path in sorted(site.rglob("*.html")):
            page = context.new_page()
            page.on(
                "dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss())
            )
            page.goto(path.as_uri(), wait_until="load")
            for _ in range(8):
                page.keyboard.press("Tab")
            for element in page.locator("article [title], article *:not(:has(*))").all()[:40]:
                with contextlib.suppress(Exception):  # hidden or covered: nothing to hover
                    element.hover(timeout=300)
            page.wait_for_timeout(100)
            page.close()
    finally:
        context.close()
    return seen
