"""Schema errors in an editor's words: each pydantic error becomes one `path:line` problem
that says what is wrong and how to fix it."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from carepages.model.ids import WORDED
from carepages.source.problems import Problem
from carepages.source.yamlfile import Loc, Located

M = TypeVar("M", bound=BaseModel)


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
    "call_us_if": "warning sign",
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


def _message(error: ErrorDetails, model: type[BaseModel] | None) -> str:
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
    if kind.startswith("float"):
        return f"{where} must be a number, not {shown}"
    if kind.startswith("int"):
        # Every whole number an editor writes is a number of hours.
        return f"{where} must be a whole number of hours, not {shown}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{where} is {value} hours: more than a year from the treatment, check the number"
    if kind in ("literal_error", "enum"):
        return f"{where} is {shown}; use one of: {ctx.get('expected', '')}"
    if kind == WORDED:
        # A type that says in its own words what it wants (carepages.model.ids.worded).
        return f"{where} {ctx['say']}, not {shown}"
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
    model: type[M], located: Located, context: dict[str, Any] | None = None
) -> tuple[M | None, list[Problem]]:
    """Validate a located document; every schema error becomes a `path:line` problem."""
    try:
        return model.model_validate(located.data, context=context), []
    except ValidationError as exc:
        problems = [
            Problem(located.path, located.line_of(tuple(err["loc"])), _message(err, model))
            for err in exc.errors(include_url=False)
        ]
        return None, problems
