"""Source text made inert for a draft: whatever a downloaded document says, it reaches the
draft as words, never as Markdown, HTML or template syntax.

A draft is read by Jinja (mkdocs-macros renders pages), by Markdown (with attr_list) and by
the browser. `inert` drops tags (keeping their text), writes '<', '>', braces and an '&' that could
start an entity as entities (so no tag, no '{{', '{%', '{#' and no attribute list remains:
a backslash before '{' would still leave '{#' for Jinja), and puts a backslash before every
other character Markdown reads as syntax: backticks, brackets, emphasis marks and the
backslash itself, and whatever would make the line a heading, quote or list item. Markdown
shows each of them as the character it was.
"""

from __future__ import annotations

import html

import nh3

BACKSLASHED = frozenset("\\`*_[]")
ENTITIES = {"<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}


def inert(text: str) -> str:
    """One line of Markdown text that shows `text` as written and holds no syntax."""
    plain = html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))
    plain = " ".join(plain.replace("\u200b", "").split())
    out: list[str] = []
    for index, char in enumerate(plain):
        if char in BACKSLASHED:
            out.append("\\" + char)
        elif char in ENTITIES:
            out.append(ENTITIES[char])
        elif char == "&" and plain[index + 1 : index + 2].isalnum() | (
            plain[index + 1 : index + 2] == "#"
        ):
            out.append("&amp;")
        else:
            out.append(char)
    line = "".join(out)
    # What makes a line a heading, quote or list item: escaped where it starts the line.
    if line[:1] in ("#", ">", "-", "+"):
        return "\\" + line
    number = len(line) - len(line.lstrip("0123456789"))
    if 0 < number < 10 and line[number : number + 1] in (".", ")"):
        return f"{line[:number]}\\{line[number:]}"
    return line


def shown_name(name: str) -> str:
    """A file name as messages and drafts show it: one line, control and invisible
    characters (line breaks, right-to-left marks) written as escapes, like Python's repr."""
    return repr(name)[1:-1] if not name.isprintable() or "\\" in name else name
