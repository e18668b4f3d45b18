"""YAML and front matter that remember where each value came from, and UTF-8 text files.

Every loaded document comes with a map from key paths (`("timeline", 2, "end_hours")`) to
1-based line numbers, so a schema error can name the line an editor has to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from carepages.source.problems import Problem

Loc = tuple[str | int, ...]


@dataclass
class Located:
    """A parsed YAML document plus the line of every key and item in it."""

    data: Any
    path: str
    lines: dict[Loc, int] = field(default_factory=dict)
    # Front matter starts below the opening `---`; plain YAML files start at line 1.
    first_line: int = 1

    def sub(self, loc: Loc) -> Located:
        """The part of the document at `loc`, with its own lines (keys relative to it)."""
        value: Any = self.data
        for part in loc:
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                value = None
        size = len(loc)
        return Located(
            data=value,
            path=self.path,
            lines={key[size:]: line for key, line in self.lines.items() if key[:size] == loc},
            first_line=self.line_of(loc),
        )

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest part of `loc` that exists in the document."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return self.first_line


def _map_lines(
    node: yaml.Node, loc: Loc, out: dict[Loc, int], offset: int, dupes: list, depth: int = 0
) -> None:
    out.setdefault(loc, node.start_mark.line + offset)
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in seen:
                dupes.append((key, key_node.start_mark.line + offset))
            seen.add(key)
            out[(*loc, key)] = key_node.start_mark.line + offset
            _map_lines(value_node, (*loc, key), out, offset, dupes, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, (*loc, index), out, offset, dupes, depth + 1)


# Content is a few levels deep; anything deeper is a typo (or a file that is not ours).
_MAX_DEPTH = 50


class _PlainError(yaml.MarkedYAMLError):
    """A YAML mistake we explain ourselves: the message needs no 'YAML does not parse'."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that turns the mistakes PyYAML does not mark into marked errors."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        # Aliases (`*name`) can make a document refer to itself or repeat a block millions
        # of times; editors never need them, so they are refused with a line number.
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _PlainError(
                None,
                None,
                f"'*{event.anchor}' repeats another value: write the value out in full",
                event.start_mark,
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > _MAX_DEPTH:
                event = self.peek_event()
                raise _PlainError(
                    None, None, "the lists and blocks are nested too deeply", event.start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.datetime | dt.date:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise _PlainError(
                None,
                None,
                f"'{node.value}' is not a date on the calendar: write a real date like 2026-11-01",
                node.start_mark,
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _ConfigLoader(_Loader):
    """mkdocs.yml may hold tags for MkDocs itself (`!ENV`, `!!python/name:…`); the clinic
    settings never do, so those values are read as empty instead of failing the check."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


_UNCLOSED = {
    "quoted scalar": "the quote opened here is never closed: add the closing quote",
    "flow sequence": "the '[' opened here is never closed: add the closing ']'",
    "flow mapping": "the '{' opened here is never closed: add the closing '}'",
}


def _code(character: object) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "?")
    return f"#x{code:04x}"


def _hint(exc: yaml.MarkedYAMLError, what: str) -> str:
    context = exc.context or ""
    if "found character '\\t'" in what:
        return " (use spaces, not tabs, to indent)"
    if "mapping values are not allowed" in what:
        return " (a value that contains ': ' needs quotes around it)"
    if "quoted scalar" in context:
        return " (a quote is opened but never closed)"
    if "flow" in context:
        return " (a '[' or '{' is opened but never closed)"
    if "expected <block end>" in what or "could not find expected ':'" in what:
        return " (check the indentation: keys and '- ' items at the same level start in the same column)"
    if "could not determine a constructor" in what:
        return " (remove the '!' tag)"
    return ""


def _shared_or_deep(node: yaml.Node) -> bool:
    """True if a node appears twice (an alias) or the document nests too deeply."""
    seen: set[int] = set()
    stack = [(node, 0)]
    while stack:
        item, depth = stack.pop()
        if id(item) in seen or depth > _MAX_DEPTH:
            return True
        seen.add(id(item))
        if isinstance(item, yaml.MappingNode):
            stack += [(n, depth + 1) for pair in item.value for n in pair]
        elif isinstance(item, yaml.SequenceNode):
            stack += [(n, depth + 1) for n in item.value]
    return False


def _fast_parse(text: str) -> tuple[yaml.Node | None, Any] | None:
    """Parse with libyaml when the text is plainly fine; None sends it to the careful
    pure-Python loader, which gives every problem its message and line."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    # Keep the C composer's recursion shallow: deep flow or indentation goes the slow way.
    if text.count("[") + text.count("{") > 200 or re.search(r"^ {100,}", text, re.M):
        return None
    try:
        # libyaml's parser: about 25 times faster than the pure-Python one.
        loader = yaml.CSafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None and _shared_or_deep(node):
                return None
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - any doubt: let the careful loader explain it
        return None
    return node, data


def parse_yaml(
    text: str, path: str, first_line: int = 1, mkdocs_tags: bool = False
) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text; on failure return the problem with its line and column.

    `mkdocs_tags` accepts the `!` tags MkDocs understands (for mkdocs.yml)."""
    offset = first_line
    fast = _fast_parse(text) if not mkdocs_tags else None
    if fast is not None:
        return _located(*fast, path, first_line)
    try:
        loader = (_ConfigLoader if mkdocs_tags else _Loader)(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or "is not valid YAML"
        message = what if isinstance(exc, _PlainError) else f"YAML does not parse: {what}"
        message += "" if isinstance(exc, _PlainError) else _hint(exc, what)
        unclosed = _UNCLOSED.get(next((k for k in _UNCLOSED if k in (exc.context or "")), ""))
        if exc.context_mark and "stream" in what and unclosed:
            # The file ended inside something: point at where it was opened.
            mark, message = exc.context_mark, unclosed
        line = (mark.line + offset) if mark else first_line
        column = (mark.column + 1) if mark else None
        return None, [Problem(path, line, message, column=column)]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + first_line
        return None, [
            Problem(
                path,
                line,
                f"the text contains a hidden control character ({_code(exc.character)}) "
                "that YAML does not allow: delete it (retyping the line is easiest)",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(path, first_line, f"YAML does not parse: {exc}")]
    except RecursionError:
        return None, [Problem(path, first_line, "YAML does not parse: it is nested too deeply")]
    return _located(node, data, path, first_line)


def _located(
    node: yaml.Node | None, data: Any, path: str, first_line: int
) -> tuple[Located, list[Problem]]:
    """The parsed document with the line of every key and item; a key written twice in one
    block is a problem (YAML would silently keep the last)."""
    located = Located(data=data, path=path, first_line=first_line)
    dupes: list[tuple[str, int]] = []
    if node is not None:
        _map_lines(node, (), located.lines, first_line, dupes)
    return located, [Problem(path, line, f"'{key}' appears twice: keep one") for key, line in dupes]


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:^---[ \t]*$|^\.\.\.[ \t]*$)", re.S | re.M)


# The first line of front matter an editor forgot to open: `title: Aftercare` then `---`.
_META_LINE = re.compile(r"^(title|description|status|hide|template)\s*:", re.M)


def _unopened_front_matter(text: str, path: str) -> list[Problem]:
    """Front matter that does not start on line 1 turns into a heading and a rule on the
    page instead of settings, so say so rather than publish `title: …` as text."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        return []
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if lines[index].rstrip() == "---" and _META_LINE.match(following):
        return [
            Problem(
                path,
                index + 1,
                f"front matter must start on line 1: delete the {index} empty line"
                f"{'s' if index != 1 else ''} above '---'",
            )
        ]
    if _META_LINE.match(lines[index]) and any(
        line.rstrip() == "---" for line in lines[index + 1 : index + 8]
    ):
        return [
            Problem(
                path,
                index + 1,
                "front matter is missing its first line: add a line '---' above "
                f"'{lines[index].split(':', 1)[0].strip()}:'",
            )
        ]
    return []


def split_front_matter(text: str, path: str) -> tuple[Located | None, str, int, list[Problem]]:
    """Return (front matter, body, line where the body starts, problems)."""
    if not text.startswith("---"):
        return None, text, 1, _unopened_front_matter(text, path)
    match = FRONT_MATTER.match(text)
    if not match:
        return (
            None,
            text,
            1,
            [
                Problem(
                    path,
                    1,
                    "front matter opened with '---' on line 1 is never closed: add a line '---' after it",
                )
            ],
        )
    located, problems = parse_yaml(match.group(1), path, first_line=2)
    body_start = text.count("\n", 0, match.end()) + 2
    body = text[match.end() :].lstrip("\r\n")
    body_start += len(text[match.end() :]) - len(body) - 1
    if located is not None and located.data is not None and not isinstance(located.data, dict):
        problems.append(Problem(path, 2, "front matter must be 'key: value' lines"))
        located = None
    return located, body, max(body_start, 1), problems


MB = 1024 * 1024
# The largest files read: far above any real page or data file, low enough that every check
# finishes in seconds.
MAX_PAGE_BYTES = 1 * MB
MAX_DATA_BYTES = 2 * MB


def read_text(
    path: Path, shown: str, limit: int = MAX_DATA_BYTES
) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file, or say which line holds the first byte that is not UTF-8 (or that
    the file is larger than `limit` bytes)."""
    what = "page" if limit == MAX_PAGE_BYTES else "data file"
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [
                Problem(
                    shown,
                    1,
                    f"the file is larger than {limit // MB} MB, the most a {what} may be: "
                    "split it into smaller files",
                )
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(shown, 1, f"the file cannot be read ({exc.strerror or exc})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(shown, line, "the file is not UTF-8 text: save it as UTF-8 in your editor")
        ]
    return text.replace("\r\n", "\n"), []


def load_yaml_file(
    path: Path, shown: str, mkdocs_tags: bool = False
) -> tuple[Located | None, list[Problem]]:
    """Read and parse a YAML file whose top level is `key: value` lines."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(shown, 1, "the file is empty: write its settings or delete it")]
    located, more = parse_yaml(text, shown, mkdocs_tags=mkdocs_tags)
    if located is not None and not isinstance(located.data, dict):
        return None, [*more, Problem(shown, 1, "expected 'key: value' lines at the top level")]
    return located, more
