"""A page body as mkdocs-macros sees it: Markdown prose with macro calls (`{{ timeline() }}`).

`split_template` separates the two with Jinja's own lexer and parser, so the prose can be
read as Markdown (with the calls blanked out, lines kept) and each call is known with its
line and literal arguments. `template_code` is the rule that keeps pages data: the only
template syntax a page may hold is a plain call of one of our macros with literal values;
`carepages check` reports it with the line, and the build refuses the page again before
mkdocs-macros renders anything.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass, field

import jinja2
from jinja2 import nodes

_JINJA = jinja2.Environment(keep_trailing_newline=True)
# `## Heading {#id}`: attr_list syntax that Jinja would read as the start of a hidden
# comment. The macros check reports it; here it is read as the `{:#id}` the editor meant.
COMMENT_LOOKALIKE = re.compile(r"\{#[A-Za-z0-9_-][^}#\n]*+\}")
# Values a macro may be given: what an editor can type as a literal.
LITERAL = (str, int, float, bool, type(None))

NOT_A_CALL = (
    "only a macro call may stand between '{{' and '}}', like '{{ timeline() }}' or "
    "'{{ faq(treatment=\"microneedling\") }}': remove the rest"
)
STATEMENT = (
    "'{%' starts template code, which a page may not hold: remove it (a page holds text "
    "and macro calls like '{{ timeline() }}')"
)
COMMENT = (
    "'{#' starts a hidden note, which a page may not hold: remove it (notes for reviewers "
    "belong in source_notes in treatment.yml)"
)


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
    # Lines (in the body) of `{#` notes that are not attr_list ids written with '{#'.
    comments: tuple[int, ...] = ()
    # Lines of `{%` statements and raw blocks (a raw block leaves no statement node).
    statements: tuple[int, ...] = ()


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
    except RecursionError:
        line = body.count("\n", 0, max(body.find("{{"), body.find("{%"), 0)) + 1
        deep = jinja2.TemplateSyntaxError("brackets or braces are nested too deeply", line)
        return PageTemplate(body, [], None, deep)
    prose: list[str] = []
    comments: list[int] = []
    statements: list[int] = []
    for line, token_type, value in stream:
        if token_type == "comment_begin":
            comments.append(line)
        elif token_type in ("block_begin", "raw_begin"):
            statements.append(line)
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
    return PageTemplate(
        "".join(prose), calls, tree, comments=tuple(comments), statements=tuple(statements)
    )


def is_literal_call(node: nodes.Node, names: Collection[str]) -> bool:
    """`name(value, key=value)`: a call of one of `names` with literal values only."""
    return (
        isinstance(node, nodes.Call)
        and isinstance(node.node, nodes.Name)
        and node.node.name in names
        and node.dyn_args is None
        and node.dyn_kwargs is None
        and all(_literal(arg) for arg in node.args)
        and all(_literal(kwarg.value) for kwarg in node.kwargs)
    )


def _literal(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, LITERAL)


def template_code(
    tree: nodes.Template,
    comments: tuple[int, ...],
    names: Collection[str],
    statements: tuple[int, ...] = (),
) -> list[tuple[int, str]]:
    """(line, message) for every piece of template code in a parsed page body that is not a
    plain call of one of `names` with literal values. A call of an unknown name or with a
    non-literal value is left to the caller, which says which macro was meant."""
    found = [(line, COMMENT) for line in comments] + [(line, STATEMENT) for line in statements]
    for top in tree.body:
        if not isinstance(top, nodes.Output):
            found.append((top.lineno, STATEMENT))
            continue
        for item in top.nodes:
            if isinstance(item, nodes.TemplateData):
                continue
            if isinstance(item, nodes.Call) and isinstance(item.node, nodes.Name):
                values = [*item.args, *(kwarg.value for kwarg in item.kwargs)]
                if item.node.name in names and not all(_literal(v) for v in values):
                    found.append(
                        (
                            item.lineno,
                            f"macro '{item.node.name}' was given a value that is not plain "
                            f"text, a number, true or false: write it like "
                            f"{item.node.name}(treatment='microneedling')",
                        )
                    )
                continue
            found.append((item.lineno, NOT_A_CALL))
    return sorted(set(found))
