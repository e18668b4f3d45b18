"""Links and images: they point at pages, files and ids that exist, images have alt text,
and nothing is loaded from another host."""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from carepages.checks.project import PageInfo, Project
from carepages.source import rawhtml
from carepages.source.content import Page
from carepages.source.problems import Problem

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Attributes whose URL the browser fetches by itself, per tag ("*" = any tag).
LOADING_ATTRS: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "link": ("href",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "*": ("background",),
}


def is_remote(url: str) -> bool:
    return url.startswith("//") or bool(re.match(r"^https?:", url, re.I))


def host(url: str) -> str:
    match = re.match(r"^(?:https?:)?//([^/?#]+)", url, re.I)
    return match[1] if match else url


def remote_problem(page: Page, line: int, what: str, url: str) -> Problem:
    return Problem(
        page.shown,
        line,
        f"{what} '{url}' would be loaded from {host(url)} every time the page opens, "
        "which tells that site who reads it and breaks the offline copy: save the file "
        "next to the page and use its file name instead",
    )


def check(project: Project) -> Iterator[Problem]:
    files = project.linkable_files()
    for info in project.pages.values():
        yield from _check_page(info, project.pages, files)


def html_tags(html: str) -> list[tuple[str, dict[str, str]]]:
    return rawhtml.tags(html)


def _check_page(info: PageInfo, infos: dict[str, PageInfo], files: set[str]) -> Iterator[Problem]:
    page = info.page
    for link in info.doc.links:
        if link.image:
            if not link.text.strip():
                yield Problem(
                    page.shown,
                    link.line,
                    f"the image '{link.url}' has no alt text: describe it between the "
                    f"brackets, like ![Skin on day 2, still a little red]({link.url})",
                )
            if is_remote(link.url):
                yield remote_problem(page, link.line, "the image", link.url)
                continue
        problem = _check_target(info, link.line, link.url, infos, files)
        if problem:
            yield problem
    for raw in info.doc.html:
        for name, attrs in html_tags(raw.html):
            if name == "img" and not attrs.get("alt", "").strip():
                yield Problem(
                    page.shown,
                    raw.line,
                    'the image <img> has no alt text: add alt="…" that says what it shows',
                )
            for attr in (*LOADING_ATTRS.get(name, ()), *LOADING_ATTRS["*"]):
                if name == "link" and "stylesheet" not in attrs.get("rel", "stylesheet"):
                    continue
                for url in attrs.get(attr, "").replace(",", " ").split():
                    if is_remote(url):
                        yield remote_problem(page, raw.line, f"<{name} {attr}>", url)
            if name == "a" and "href" in attrs:
                problem = _check_target(info, raw.line, attrs["href"], infos, files)
                if problem:
                    yield problem


def _check_target(
    info: PageInfo, line: int, url: str, infos: dict[str, PageInfo], files: set[str]
) -> Problem | None:
    page = info.page
    url = url.strip()
    if not url or SCHEME.match(url) or url.startswith("//"):
        if url.lower().startswith("file:"):
            return Problem(
                page.shown,
                line,
                f"the link '{url}' points to a file on your own computer: put the file in "
                "content/ and link to it by name",
            )
        return None  # web, mail and phone links are followed, not loaded
    path, _, anchor = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    if path.startswith("/"):
        return Problem(
            page.shown,
            line,
            f"the link '{url}' starts with '/', which breaks in the offline copy: write it "
            "relative to this page, like 'faq.md' or '../faq.md'",
        )
    if not path:
        return _check_anchor(info, line, url, info, anchor)
    here = posixpath.dirname(info.uri)
    resolved = posixpath.normpath(posixpath.join(here, path))
    if resolved.startswith("../") or resolved == "..":
        return Problem(
            page.shown,
            line,
            f"the link '{url}' points outside content/: link to a page of the site",
        )
    if path.endswith("/") or (resolved + "/index.md" in infos and resolved not in files):
        return Problem(
            page.shown,
            line,
            f"the link '{url}' points to a folder, which opens a file listing offline: "
            f"link to the page, like '{path.rstrip('/')}/index.md'",
        )
    if resolved.endswith(".html") and resolved[:-5] + ".md" in infos:
        resolved = resolved[:-5] + ".md"
    if resolved not in files and resolved not in infos:
        known = sorted(
            posixpath.relpath(uri, here or ".") for uri in (*infos, *files) if uri != info.uri
        )
        close = difflib.get_close_matches(path, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        what = "page" if path.endswith((".md", ".html")) else "file"
        return Problem(
            page.shown,
            line,
            f"the link '{url}' points to a {what} that does not exist{hint}: fix the name "
            "or remove the link",
        )
    if anchor and resolved in infos:
        # A translated page links to its language's twin (the plugin makes it so).
        stem, _, ext = resolved.rpartition(".")
        target = infos.get(f"{stem}.{info.lang}.{ext}", infos[resolved])
        return _check_anchor(info, line, url, target, anchor)
    return None


def _check_anchor(
    info: PageInfo, line: int, url: str, target: PageInfo, anchor: str
) -> Problem | None:
    if not anchor or anchor in target.anchors or not target.anchors_known:
        return None
    close = difflib.get_close_matches(anchor, target.anchors, n=1, cutoff=0.6)
    hint = f" (did you mean '#{close[0]}'?)" if close else ""
    where = "this page" if target is info else posixpath.basename(target.uri)
    if target is not info and posixpath.dirname(target.uri) != posixpath.dirname(info.uri):
        where = target.uri
    return Problem(
        info.page.shown,
        line,
        f"the link '{url}' points to '#{anchor}', which is not a heading or id on "
        f"{where}{hint}: fix the part after '#'",
    )
