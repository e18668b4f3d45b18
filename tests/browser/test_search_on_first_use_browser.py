"""Search costs a reader nothing until they search: the index and the search worker load
when the reader first goes to the search box (keyboard shortcut, click, or the phone
header's search button), from a web server and from the offline copy, in each language."""

from __future__ import annotations

import pytest

SEARCH_FILES = ("search_index", "workers/search.")


def search_requests(urls: list[str]) -> list[str]:
    return [url for url in urls if any(name in url for name in SEARCH_FILES)]


@pytest.mark.parametrize("origin", ["http", "file"])
@pytest.mark.parametrize(
    ("path", "word", "index"),
    [
        ("microneedling/recovery.html", "redness", "search/search_index"),
        ("es/microneedling/recovery.html", "enrojecimiento", "es/search/search_index"),
    ],
)
def test_the_search_index_and_worker_load_when_the_reader_first_searches(
    page, http_url, file_url, origin, path, word, index
):
    base = http_url if origin == "http" else file_url
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert search_requests(requested) == []
    page.keyboard.press("/")
    page.keyboard.type(word)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    loaded = search_requests(requested)
    assert any(index in url for url in loaded), loaded
    assert any("workers/search." in url for url in loaded), loaded
    # Each language's pages load their own language's index only.
    indexes = [url for url in loaded if "search_index" in url]
    assert len(indexes) == 1 and (("/es/" in indexes[0]) == path.startswith("es/")), indexes


@pytest.mark.parametrize("width", [1280, 390])
def test_a_click_or_tap_on_search_starts_it(open_page, http_url, width):
    page = open_page(width=width, has_touch=True)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(http_url + "chemical-peel/index.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert search_requests(requested) == []
    if width > 600:
        page.click(".md-search__input")
    else:
        page.click("label.md-header__button[for=__search]")
    page.keyboard.type("redness")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert len([url for url in requested if "search_index" in url]) == 1


def test_a_page_opened_from_a_search_result_highlights_at_once(page, http_url):
    page.goto(http_url + "microneedling/index.html?h=redness")
    page.locator("mark[data-md-highlight]").first.wait_for(timeout=10_000)
