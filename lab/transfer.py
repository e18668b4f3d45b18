"""What a page costs a reader's connection: every response a real Chromium receives while the
page loads, counted as sent over the wire (gzip, as any real host serves text), until the
network is quiet. Nothing is clicked or typed, so this is the transfer before the reader
first uses search."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lab.lighthouse import CHROME, CHROME_FLAGS, serve


@dataclass
class Transfer:
    page: str
    total: int = 0  # bytes on the wire (headers left out)
    by_kind: dict[str, int] = field(default_factory=dict)
    files: list[tuple[str, int]] = field(default_factory=list)


def _kind(url: str) -> str:
    path = url.split("?", 1)[0]
    if "search_index" in path:
        return "search index"
    if "/search/" in path or "search." in path.rsplit("/", 1)[-1]:
        return "search worker"
    for suffix, kind in ((".html", "html"), (".css", "css"), (".js", "js")):
        if path.endswith(suffix):
            return kind
    return "other"


def measure(site_dir: Path, pages: list[str]) -> list[Transfer]:
    """Load each page in a fresh browser context (nothing cached) from a gzip server."""
    from playwright.sync_api import Response, sync_playwright

    results = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=CHROME_FLAGS.split())
        try:
            for path in pages:
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                responses: list[Response] = []

                def record(response: Response, into: list[Response] = responses) -> None:
                    into.append(response)

                page.on("response", record)
                page.goto(base + path, wait_until="networkidle")
                result = Transfer(path)
                for response in responses:
                    # A worker's script reports no body size to the page; its header does.
                    size = response.request.sizes()["responseBodySize"] or int(
                        response.headers.get("content-length", "0")
                    )
                    kind = _kind(response.url)
                    result.total += size
                    result.by_kind[kind] = result.by_kind.get(kind, 0) + size
                    result.files.append((response.url.removeprefix(base), size))
                results.append(result)
                context.close()
        finally:
            browser.close()
    return results
