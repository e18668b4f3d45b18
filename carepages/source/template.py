"""A page body as mkdocs-macros sees it: Markdown prose with macro calls (`{{ timeline() }}`).

`split_template` separates the two with Jinja's own lexer and parser, so the prose can be
read as Markdown (with the calls blanked out, lines kept) and each call is known with its
line and literal arguments.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import jinja2
from jinja2 import nodes

_JINJA = jinja2.Environment(keep_trailing_newline=True)
# `## Heading {#id}`: attr_list syntax that Jinja would read as the start of a hidden
# comment. The macros check reports it; here it is read as the `{:#id}` the editor meant.
COMMENT_LOOKALIKE = re.compile(r"\{#[A-Za-z0-9_-]+[^}#]*\}")


@dataclass(frozen=True)
class MacroCall:
    line: int  # line in the page body, 1-based
    name: str
    args: tuple[object, ...]
    kwargs: tuple[tuple[str, object], ...]
    node: nodes.Call = field(compare=False, repr=False)


@dataclass
class PageTemplate:
    prose: str  # the body with every template construct replaced by spaces
    calls: list[MacroCall]
    tree: nodes.Template | None
    error: jinja2.TemplateSyntaxError | None = None


@functools.lru_cache(maxsize=4096)
def split_template(body: str) -> PageTemplate:
    """Separate the prose from the template constructs of a page body."""
    body = COMMENT_LOOKALIKE.sub(lambda m: "{:" + m[0][1:], body)
    if not any(mark in body for mark in ("{{", "{%", "{#")):
        return PageTemplate(body, [], None)
    try:
        tree = _JINJA.parse(body)
        stream = list(_JINJA.lex(body))
    except jinja2.TemplateSyntaxError as exc:
        return PageTemplate(body, [], None, exc)
    prose: list[str] = []
    for _, token_type, value in stream:
        if token_type == "data":
            prose.append(value)
        else:
            prose.append("".join(c if c == "\n" else " " for c in value))
    calls = [
        MacroCall(
            line=call.lineno,
            name=call.node.name,
            args=tuple(a.value if isinstance(a, nodes.Const) else a for a in call.args),
            kwargs=tuple(
                (k.key, k.value.value if isinstance(k.value, nodes.Const) else k.value)
                for k in call.kwargs
            ),
            node=call,
        )
        for call in tree.find_all(nodes.Call)
        if isinstance(call.node, nodes.Name)
    ]
    return PageTemplate("".join(prose), calls, tree)
