"""Markup an editor writes: raw HTML only from the allow-list (carepages.source.rawhtml),
attribute lists that set only ids and classes, and nothing in data files that reads as code.

Every scan here is linear in the page: plain string searches, markdown-it's tokens and one
small HTML parse per tag (a page holds at most MAX_TAGS of them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from markdown.extensions.attr_list import get_attrs_and_remainder

from carepages.checks.project import PageInfo, Project
from carepages.source import rawhtml
from carepages.source.problems import Problem

MAX_TAGS = 1000
TOO_MANY_TAGS = (
    f"the page holds more than {MAX_TAGS} HTML tags: write it in Markdown "
    f"(a page may hold at most {MAX_TAGS})"
)
JS_ADDRESS = (
    "a 'javascript:' address would run code: remove it (links must go to a page or a web address)"
)
_TAG_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ/!?")


def check(project: Project) -> Iterator[Problem]:
    for info in project.pages.values():
        yield from _check_page(info)
    for path in project.data_files():
        yield from _check_data(path, project.shown(path))


class _Lines:
    """Line numbers of increasing offsets in a text, counted once."""

    def __init__(self, text: str, first: int):
        self.text, self.line, self.offset = text, first, 0

    def __call__(self, offset: int) -> int:
        if offset < self.offset:
            self.line, self.offset = self.line - self.text.count("\n", offset, self.offset), offset
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _check_page(info: PageInfo) -> Iterator[Problem]:
    page = info.page
    prose = _without_code(info)
    seen = 0
    for raw in info.doc.html:
        seen += 1
        if seen > MAX_TAGS:
            yield Problem(page.shown, raw.line, TOO_MANY_TAGS)
            return
        for message in rawhtml.problems(raw.html):
            yield Problem(page.shown, raw.line, message)
    # Python-Markdown reads some tags that markdown-it leaves as text (`<svg/onload=…>`):
    # every '<' that starts a tag is read again on its own, up to its '>'.
    line_of = _Lines(prose, page.body_line)
    for offset, segment in tag_segments(prose):
        seen += 1
        if seen > MAX_TAGS:
            yield Problem(page.shown, line_of(offset), TOO_MANY_TAGS)
            return
        for message in rawhtml.problems(segment):
            yield Problem(page.shown, line_of(offset), message)
    for link in info.doc.links:
        if rawhtml.scheme(link.url) in ("javascript", "vbscript", "data"):
            yield Problem(page.shown, link.line, JS_ADDRESS)
    line_of = _Lines(prose, page.body_line)
    for offset, text, bad in attribute_lists(prose):
        yield Problem(
            page.shown,
            line_of(offset),
            f"the attribute list '{text[:60]}' sets {', '.join(repr(b) for b in bad)}: an "
            "attribute list may only give an id ('#name') or classes ('.name'); to show "
            "braces as text, write \\{ and \\}",
        )


def tag_segments(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each '<' that starts a tag, up to the '>' that ends it (a '<' first
    ends nothing). Each character is looked at once."""
    start = text.find("<")
    while start != -1:
        following = text[start + 1 : start + 2]
        again = text.find("<", start + 1)
        close = text.find(">", start + 1, len(text) if again == -1 else again)
        if following and following in _TAG_START and close != -1:
            yield start, text[start : close + 1]
        start = again


def attribute_lists(text: str) -> Iterator[tuple[int, str, list[str]]]:
    """(offset, text, attributes other than id and class) of each `{…}` on one line that
    attr_list would read as attributes."""
    start = text.find("{")
    while start != -1:
        newline = text.find("\n", start + 1)
        line_end = len(text) if newline == -1 else newline
        end = text.find("}", start + 1, line_end)
        if end == -1:
            start = text.find("{", line_end)
            continue
        inner = text[start + 1 : end]
        body = inner[1:] if inner.startswith(":") else inner
        if body.strip():
            attrs, _ = get_attrs_and_remainder(body + "}")
            bad = [name for name, _ in attrs if name not in ("id", ".")]
            if bad:
                yield start, text[start : end + 1], bad
        start = text.find("{", end + 1)


def _without_code(info: PageInfo) -> str:
    """The page's prose (template constructs blanked) with code blocks and code spans
    blanked, lines kept: code is shown as text, never read as markup."""
    lines = info.template.prose.split("\n")
    for start, end in info.doc.code_lines:
        for index in range(start - info.page.body_line, end - info.page.body_line):
            if 0 <= index < len(lines):
                lines[index] = ""
    return "\n".join(_blank_code_spans(line) for line in lines)


def _blank_code_spans(line: str) -> str:
    """`code` spans replaced by spaces (a run of backticks closes at the same run length)."""
    if "`" not in line:
        return line
    out: list[str] = []
    index, size = 0, len(line)
    while index < size:
        tick = line.find("`", index)
        if tick == -1:
            out.append(line[index:])
            break
        out.append(line[index:tick])
        run = tick
        while run < size and line[run] == "`":
            run += 1
        fence = line[tick:run]
        close = line.find(fence, run)
        while close != -1 and close + len(fence) < size and line[close + len(fence)] == "`":
            following = close + len(fence)
            while following < size and line[following] == "`":
                following += 1
            close = line.find(fence, following)
        if close == -1:
            out.append(fence)
            index = run
        else:
            out.append(" " * (close + len(fence) - tick))
            index = close + len(fence)
    return "".join(out)


def _check_data(path: Path, shown: str) -> Iterator[Problem]:
    """Data files are shown as text, but markup in them is almost always a paste gone wrong:
    the same messages as in pages, line by line."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # the loader has said so already
    line_of = _Lines(text, 1)
    for seen, (offset, segment) in enumerate(tag_segments(text), start=1):
        if seen > MAX_TAGS:
            return
        for message in rawhtml.problems(segment):
            if "would run code" in message or "would embed" in message:
                yield Problem(shown, line_of(offset), message)
