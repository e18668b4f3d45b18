"""Markup that would run code, embed another page or load a style from another host."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from carepages.checks.links import is_remote, remote_problem
from carepages.checks.project import PageInfo, Project
from carepages.source.problems import Problem

SCRIPT = re.compile(r"<\s*script\b", re.I)
EMBED = re.compile(r"<\s*(?P<tag>iframe|object|embed|frame|frameset)\b", re.I)
HANDLER = re.compile(r"<[A-Za-z][^>]*?\s(?P<attr>on[A-Za-z]+)\s*=", re.I | re.S)
JS_URL = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")\s]+)", re.I)
CSS_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?['\"]?(?P<url>[^'\")\s;]+)", re.I)


def check(project: Project) -> Iterator[Problem]:
    for info in project.pages.values():
        yield from _check_page(info)
    for path in project.data_files():
        yield from _check_data(path, project.shown(path))


def unsafe_markup(text: str) -> Iterator[tuple[int, str]]:
    """(offset, message) of markup that would run code or embed another page."""
    for match in SCRIPT.finditer(text):
        yield (
            match.start(),
            "a <script> tag would run code on the page: remove it (pages may not contain scripts)",
        )
    for match in EMBED.finditer(text):
        yield (
            match.start(),
            f"an <{match['tag'].lower()}> tag would embed another page: remove it and add "
            "a normal link instead",
        )
    for match in HANDLER.finditer(text):
        yield (
            match.start("attr"),
            f"the HTML attribute '{match['attr']}=' would run code: remove it",
        )
    for match in JS_URL.finditer(text):
        yield (
            match.start(),
            "a 'javascript:' address would run code: remove it (links must go to a page "
            "or a web address)",
        )


def _check_page(info: PageInfo) -> Iterator[Problem]:
    page = info.page
    text = _without_code(info)
    for offset, message in unsafe_markup(text):
        yield Problem(page.shown, page.body_line + text.count("\n", 0, offset), message)
    for match in [*CSS_URL.finditer(text), *CSS_IMPORT.finditer(text)]:
        if is_remote(match["url"]):
            line = page.body_line + text.count("\n", 0, match.start())
            yield remote_problem(page, line, "the style", match["url"])


def _without_code(info: PageInfo) -> str:
    """The page body with code blocks and code spans blanked (lines kept): code is shown as
    text, never run."""
    lines = info.page.body.split("\n")
    for start, end in info.doc.code_lines:
        for index in range(start - info.page.body_line, end - info.page.body_line):
            if 0 <= index < len(lines):
                lines[index] = ""
    return "\n".join(
        re.sub(r"(`+)(?:(?!\1).)+?\1", lambda m: " " * len(m[0]), line) for line in lines
    )


def _check_data(path: Path, shown: str) -> Iterator[Problem]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # the loader has said so already
    for offset, message in unsafe_markup(text):
        yield Problem(shown, text.count("\n", 0, offset) + 1, message)
