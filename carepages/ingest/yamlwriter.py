"""The one YAML writer for drafts: a validated model in, YAML out, with provenance kept as
YAML comments (ruamel.yaml), so nothing assembles YAML from strings.

Comments are given by the path of the value they describe, e.g.
`("timeline", 2, "notice", 0)`: `after` puts the comment at the end of the value's line,
`before` on its own line above it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

Path = tuple[str | int, ...]
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


@dataclass
class Comments:
    """Comments to attach to a document, by the path of the value each one is about."""

    after: dict[Path, str] = field(default_factory=dict)
    before: dict[Path, list[str]] = field(default_factory=dict)
    top: list[str] = field(default_factory=list)

    def note(self, path: Path, text: str) -> None:
        self.before.setdefault(path, []).append(text)


def _plain(text: str) -> str:
    """A comment is one line: no line breaks or control characters from a source."""
    return _CONTROL.sub(" ", text).strip()


def _commented(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _commented(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def _container(root: Any, path: Path) -> tuple[Any, str | int] | None:
    node = root
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    if isinstance(node, CommentedMap) and path[-1] in node:
        return node, path[-1]
    if isinstance(node, CommentedSeq) and isinstance(path[-1], int) and path[-1] < len(node):
        return node, path[-1]
    return None


def _indent_of(path: Path) -> int:
    # Mappings indent by 2; a sequence item's "- " sits 2 in from its key.
    return 2 * sum(1 for step in path[:-1] if isinstance(step, str)) + 2 * sum(
        1 for step in path[:-1] if isinstance(step, int)
    )


def dump(model: BaseModel, comments: Comments | None = None) -> str:
    """`model` as YAML (defaults left out), with `comments` attached."""
    # Python values, so a date is written as a date (`2026-11-01`), not a quoted string.
    data = _commented(model.model_dump(exclude_defaults=True))
    comments = comments or Comments()
    for path, text in comments.after.items():
        found = _container(data, path)
        if found:
            found[0].yaml_add_eol_comment(_plain(text), found[1])
    for path, lines in comments.before.items():
        found = _container(data, path)
        if found:
            found[0].yaml_set_comment_before_after_key(
                found[1],
                before="\n".join(_plain(line) for line in lines),
                indent=_indent_of(path),
            )
    if comments.top:
        data.yaml_set_start_comment("\n".join(_plain(line) for line in comments.top))
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()
