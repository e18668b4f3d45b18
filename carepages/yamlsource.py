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


def _map_lines(node: yaml.Node, loc: Loc, out: dict[Loc, int], offset: int, dupes: list) -> None:
    out.setdefault(loc, node.start_mark.line + offset)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in seen:
                dupes.append((key, key_node.start_mark.line + offset))
            seen.add(key)
            out[(*loc, key)] = key_node.start_mark.line + offset
            _map_lines(value_node, (*loc, key), out, offset, dupes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, (*loc, index), out, offset, dupes)


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text; on failure return the problem with its line and column."""
    offset = first_line
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + offset) if mark else first_line
        column = (mark.column + 1) if mark else None
        what = exc.problem or "is not valid YAML"
        hint = ""
        if "found character '\\t'" in what:
            hint = " (use spaces, not tabs, to indent)"
        elif "mapping values are not allowed" in what:
            hint = " (a value that contains ': ' needs quotes around it)"
        return None, [Problem(path, line, f"YAML does not parse: {what}{hint}", column=column)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, first_line, f"YAML does not parse: {exc}")]
    located = Located(data=data, path=path, first_line=first_line)
    dupes: list[tuple[str, int]] = []
    if node is not None:
        _map_lines(node, (), located.lines, offset, dupes)
    problems = [Problem(path, line, f"'{key}' appears twice: keep one") for key, line in dupes]
    return located, problems


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:^---[ \t]*$|^\.\.\.[ \t]*$)", re.S | re.M)


def split_front_matter(text: str, path: str) -> tuple[Located | None, str, int, list[Problem]]:
    """Return (front matter, body, line where the body starts, problems)."""
    if not text.startswith("---"):
        return None, text, 1, []
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


_LIST_ITEM_NAMES = {
    "timeline": "step",
    "restrictions": "restriction",
    "questions": "question",
    "spans": "span",
    "sources": "source",
    "activities": "activity",
    "disagreements": "disagreement",
    "left_out": "left-out claim",
    "call_us_if": "warning sign",
}


def describe(loc: Loc) -> str:
    """`("timeline", 2, "end_hours")` → `timeline step 3, end_hours`."""
    parts: list[str] = []
    parent: str | int | None = None
    for part in loc:
        if isinstance(part, int):
            noun = _LIST_ITEM_NAMES.get(str(parent), "item")
            parts[-1:] = [f"{parts[-1]} {noun} {part + 1}" if parts else f"{noun} {part + 1}"]
        else:
            parts.append(str(part))
        parent = part
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
    shown = repr(value) if not isinstance(value, (dict, list)) else "a block"
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"'{loc[-1]}' is missing" + (f" in {describe(loc[:-1])}" if loc[:-1] else "")
    if kind == "extra_forbidden":
        return f"unknown key '{loc[-1]}'" + _did_you_mean(str(loc[-1]), model, loc[:-1])
    if kind.startswith("date"):
        return f"{where} must be a date written like 2026-11-01, not {shown}"
    if kind.startswith("int") or kind == "float_parsing":
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
    if kind == "too_short":
        minimum = ctx.get("min_length", 1)
        if isinstance(value, str):
            return f"{where} is too short: write at least {minimum} characters"
        return f"{where} needs at least {minimum} item{'s' if minimum != 1 else ''}"
    if kind == "too_long":
        return f"{where} is too long: keep it under {ctx.get('max_length')} characters"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        expected = {
            "string_type": "text",
            "list_type": "a list ('- ' items)",
        }.get(kind, "a block of 'key: value' lines")
        return f"{where} must be {expected}, not {shown}"
    if kind == "value_error":
        text = str(error.get("msg", "")).removeprefix("Value error, ")
        return f"{where}: {text}" if where else text
    return f"{where}: {error.get('msg')}"


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
