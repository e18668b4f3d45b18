"""YAML and front matter that remember where each value came from.

Every loaded document comes with a map from key paths (`("timeline", 2, "end_hours")`) to
1-based line numbers, so a schema error can name the line an editor has to fix.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from carepages.problems import Problem

Loc = tuple[str | int, ...]


@dataclass
class Located:
    """A parsed YAML document plus the line of every key and item in it."""

    data: Any
    path: str
    lines: dict[Loc, int] = field(default_factory=dict)
    # Front matter starts below the opening `---`; plain YAML files start at line 1.
    first_line: int = 1

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

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
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
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1

    def construct_yaml_timestamp(self, node: yaml.Node) -> object:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
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


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser: about 25 times faster than the pure-Python one."""


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
        loader = _FastLoader(text)
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
        node, data = fast
        located = Located(data=data, path=path, first_line=first_line)
        dupes: list[tuple[str, int]] = []
        if node is not None:
            _map_lines(node, (), located.lines, offset, dupes)
        return located, [
            Problem(path, line, f"'{key}' appears twice: keep one") for key, line in dupes
        ]
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
    located = Located(data=data, path=path, first_line=first_line)
    dupes: list[tuple[str, int]] = []
    if node is not None:
        _map_lines(node, (), located.lines, offset, dupes)
    problems = [Problem(path, line, f"'{key}' appears twice: keep one") for key, line in dupes]
    return located, problems


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


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file, or say which line holds the first byte that is not UTF-8."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(shown, line, "the file is not UTF-8 text: save it as UTF-8 in your editor")
        ]
    return text.replace("\r\n", "\n"), []


# How an item of each list is named in messages: `timeline step 3`, `restriction 2, span 1`.
# Lists whose key is already the noun drop the key; the others keep it (`call_us_if item 2`).
_LIST_ITEM_NAMES = {
    "timeline": "timeline step",
    "restrictions": "restriction",
    "questions": "question",
    "spans": "span",
    "sources": "source",
    "activities": "activity",
    "disagreements": "disagreement",
}


def describe(loc: Loc) -> str:
    """`("timeline", 2, "end_hours")` → `timeline step 3, end_hours`."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            if parts:
                key = parts.pop()
                parts.append(f"{_LIST_ITEM_NAMES.get(key, key + ' item')} {part + 1}")
            else:
                parts.append(f"item {part + 1}")
        else:
            parts.append(str(part))
    return ", ".join(parts)


def _did_you_mean(key: str, model: type[BaseModel] | None, loc: Loc) -> str:
    if model is None:
        return ""
    fields = _fields_at(model, loc)
    close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (allowed here: {', '.join(sorted(fields))})" if fields else ""


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed at `loc` (the location of the parent mapping)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(str(part))
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(error: dict[str, Any], model: type[BaseModel] | None) -> str:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    where = describe(loc)
    value = error.get("input")
    shown = _shown(value)
    ctx = error.get("ctx") or {}
    if not loc:
        if value is None:
            return "nothing is written here: add its 'key: value' lines"
        return f"this must be 'key: value' lines, not {shown}"
    if kind == "missing":
        inside = f" in {describe(loc[:-1])}" if loc[:-1] else ""
        return f"'{loc[-1]}' is missing{inside}: add a line '{loc[-1]}: …'"
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'" + _did_you_mean(str(loc[-1]), model, loc[:-1])
    if value is None and kind == "list_type":
        return f"{where} is empty: add '- ' items under '{loc[-1]}:'"
    if value is None and kind not in ("value_error", "assertion_error"):
        return f"{where} is empty: write a value after '{loc[-1]}:' or delete the line"
    if kind.startswith("date"):
        return f"{where} must be a date written like 2026-11-01, not {shown}"
    if kind.startswith(("int", "float")):
        if "limit" in error.get("msg", "") or kind == "float_type":
            return f"{where} must be a number, not {shown}"
        return f"{where} must be a whole number of hours, not {shown}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{where} is {value} hours: more than a year from the treatment, check the number"
    if kind == "literal_error":
        return f"{where} is {shown}; use one of: {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "a-f" in pattern:
            return f"{where} must be a colour written like #1f5f8b, not {shown}"
        if "a-z0-9" in pattern:
            return f"{where} must be lowercase words joined by hyphens, like 'does-it-hurt', not {shown}"
        return f"{where} must be a phone number of digits, spaces and '+', not {shown}"
    if kind in ("too_short", "string_too_short"):
        minimum = ctx.get("min_length", 1)
        if isinstance(value, str):
            if not value.strip():
                return f"{where} is empty: write the text after '{loc[-1]}:'"
            return f"{where} is too short: write at least {minimum} characters"
        return f"{where} needs at least {minimum} item{'s' if minimum != 1 else ''}"
    if kind in ("too_long", "string_too_long"):
        return f"{where} is too long: keep it under {ctx.get('max_length')} characters"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        expected = {
            "string_type": "text",
            "list_type": "a list ('- ' items)",
        }.get(kind, "a block of 'key: value' lines")
        target = where or "the file"
        return f"{target} must be {expected}, not {shown}"
    if kind == "value_error":
        text = str(error.get("msg", "")).removeprefix("Value error, ")
        if not where:
            return text
        # A whole item that is wrong reads as a sentence: "timeline step 3 ends … ".
        return f"{where} {text}" if isinstance(loc[-1], int) else f"{where}: {text}"
    return f"{where}: {error.get('msg')}" if where else str(error.get("msg"))


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "a block of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "yes/no"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


def validate(
    model: type[BaseModel], located: Located, context: dict[str, Any] | None = None
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate a located document; every schema error becomes a `path:line` problem."""
    try:
        return model.model_validate(located.data, context=context), []
    except ValidationError as exc:
        problems = [
            Problem(located.path, located.line_of(tuple(err["loc"])), _message(err, model))
            for err in exc.errors(include_url=False)
        ]
        return None, problems
