"""The one Markdown reader for checks: a page body read into headings, links, raw HTML and
visible text, each with the line it starts on (markdown-it-py keeps a line map per block).

MkDocs itself converts pages with Python-Markdown; this reader is for finding what an
editor wrote and where, so a problem can name its line. The built HTML is checked again by
the output audit, which reads what Python-Markdown actually produced.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token

# attr_list at the end of a heading: `## After {: #after }` or `## After {#after}`.
HEADING_ATTRS = re.compile(r"\s*\{:?(?P<attrs>[^{}]*)\}\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[A-Za-z0-9_][\w-]*)")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str  # visible text, attr_list removed
    explicit_id: str | None
    attrs: str | None  # the attr_list body as written, or None


@dataclass(frozen=True)
class Link:
    line: int
    url: str
    text: str  # link text, or an image's alt text
    image: bool


@dataclass(frozen=True)
class RawHtml:
    line: int
    html: str
    inline: bool


@dataclass(frozen=True)
class TextBlock:
    """One piece of visible prose: a paragraph, or a heading, list item or table cell (each
    of which reads as one sentence)."""

    line: int
    kind: str  # "paragraph", "heading", "item" or "cell"
    text: str


@dataclass
class MarkdownDoc:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html: list[RawHtml] = field(default_factory=list)
    text: list[TextBlock] = field(default_factory=list)
    # Code blocks as [first line, line after the last): shown as text, never read as markup.
    code_lines: list[tuple[int, int]] = field(default_factory=list)

    def anchors(self) -> list[str]:
        """The ids the headings get, as Python-Markdown's toc extension gives them."""
        ids: list[str] = []
        for heading in self.headings:
            if heading.explicit_id:
                ids.append(heading.explicit_id)
                continue
            slug = slugify(heading.text, "-")
            candidate, count = slug, 0
            while candidate in ids or not candidate:
                count += 1
                candidate = f"{slug}_{count}"
            ids.append(candidate)
        return ids


@functools.cache
def _parser() -> MarkdownIt:
    return _AsWritten("commonmark").enable("table")


class _AsWritten(MarkdownIt):
    """Keeps every link as the editor wrote it (entities decoded): the checks decide what is
    allowed, and a message quotes the address the editor typed."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return True

    def normalizeLink(self, url: str) -> str:  # noqa: N802
        return url

    def normalizeLinkText(self, link: str) -> str:  # noqa: N802
        return link


@functools.lru_cache(maxsize=32)
def read_markdown(body: str, first_line: int = 1) -> MarkdownDoc:
    """Read a page body; `first_line` is the file line the body starts on. (Cached: the
    loader and the checks read the same page; callers do not change the result.)"""
    doc = MarkdownDoc()
    tokens = _parser().parse(body)
    context: list[str] = []  # open block kinds: "item", "cell", "heading"
    for index, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type in ("list_item_open", "th_open", "td_open"):
            context.append("cell" if token.type in ("th_open", "td_open") else "item")
        elif token.type in ("list_item_close", "th_close", "td_close"):
            context.pop()
        elif token.type in ("fence", "code_block") and token.map:
            doc.code_lines.append((first_line + token.map[0], first_line + token.map[1]))
        elif token.type == "html_block":
            doc.html.append(RawHtml(line, token.content, inline=False))
        elif token.type == "inline":
            parent = tokens[index - 1]
            line = first_line + (parent.map[0] if parent.map else token.map[0] if token.map else 0)
            _read_inline(token, line, doc)
            text = _visible(token)
            if parent.type == "heading_open":
                level = int(parent.tag[1])
                attrs = HEADING_ATTRS.search(text)
                plain = text[: attrs.start()] if attrs else text
                explicit = ATTR_ID.search(attrs["attrs"]) if attrs else None
                doc.headings.append(
                    Heading(
                        line,
                        level,
                        plain.strip(),
                        explicit["id"] if explicit else None,
                        attrs["attrs"] if attrs else None,
                    )
                )
                doc.text.append(TextBlock(line, "heading", plain.strip()))
            elif text.strip():
                kind = context[-1] if context else "paragraph"
                doc.text.append(TextBlock(line, kind, text.strip()))
    return doc


def _children(token: Token, line: int) -> Iterator[tuple[int, Token]]:
    """Each inline child with the line it sits on (soft and hard breaks move down a line)."""
    for child in token.children or []:
        yield line, child
        if child.type in ("softbreak", "hardbreak"):
            line += 1


def _read_inline(token: Token, line: int, doc: MarkdownDoc) -> None:
    link: tuple[int, str, list[str]] | None = None
    for where, child in _children(token, line):
        if child.type == "link_open":
            link = (where, str(child.attrGet("href") or ""), [])
        elif child.type == "link_close" and link is not None:
            doc.links.append(Link(link[0], link[1], "".join(link[2]), image=False))
            link = None
        elif child.type == "image":
            doc.links.append(Link(where, str(child.attrGet("src") or ""), child.content, True))
        elif child.type == "html_inline":
            doc.html.append(RawHtml(where, child.content, inline=True))
        elif child.type == "text" and link is not None:
            link[2].append(child.content)


def _visible(token: Token) -> str:
    """What a reader sees of an inline run: text and link text, not code, images or HTML."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
