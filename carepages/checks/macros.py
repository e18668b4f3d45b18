"""Template code in pages: only plain calls of known macros with literal values, the right
parameters, existing treatments, and Jinja syntax that parses."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from jinja2 import nodes

from carepages.checks.project import PageInfo, Project
from carepages.components import macros
from carepages.source.problems import Problem
from carepages.source.template import COMMENT_LOOKALIKE, MacroCall, PageTemplate, template_code


def check(project: Project) -> Iterator[Problem]:
    for info in project.pages.values():
        yield from _check_page(info, project)


def _check_page(info: PageInfo, project: Project) -> Iterator[Problem]:
    page = info.page
    for offset, text in enumerate(page.body.split("\n")):
        for match in COMMENT_LOOKALIKE.finditer(text):
            yield Problem(
                page.shown,
                page.body_line + offset,
                f"'{match[0]}' would hide the text after it ('{{#' starts a hidden note): "
                f"write the id as '{{: #{match[0][2:-1].split()[0]} }}'",
            )
    template = info.template
    if template.error is not None:
        yield Problem(
            page.shown,
            page.body_line + (template.error.lineno or 1) - 1,
            f"a macro is written wrongly ({template.error.message}): write it like "
            "'{{ timeline() }}', with the braces and brackets closed",
        )
        return
    if template.tree is None:
        return
    found = template_code(template.tree, template.comments, macros.MACROS, template.statements)
    for line, message in found:
        yield Problem(page.shown, page.body_line + line - 1, message)
    for call in template.calls:
        if call.name in macros.MACROS:
            yield from _check_call(call, info, project)
        elif not _nested(call, template):
            close = difflib.get_close_matches(call.name, macros.MACROS, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Problem(
                page.shown,
                page.body_line + call.line - 1,
                f"there is no macro called '{call.name}'{hint}: use one of "
                + ", ".join(macros.MACROS),
            )


def _nested(call: MacroCall, template: PageTemplate) -> bool:
    """True for a call inside another expression (already reported as not a plain call)."""
    assert template.tree is not None
    return not any(
        item is call.node
        for output in template.tree.find_all(nodes.Output)
        for item in output.nodes
    )


def _check_call(call: MacroCall, info: PageInfo, project: Project) -> Iterator[Problem]:
    name = call.name
    params = macros.parameters(name)
    page = info.page
    line = page.body_line + call.line - 1
    takes = f"it takes ({', '.join(params)})" if params else "it takes no parameters"
    problems: list[Problem] = []

    def wrong(detail: str) -> None:
        problems.append(
            Problem(page.shown, line, f"macro '{name}' was called with {detail}: {takes}")
        )

    if len(call.args) > len(params):
        wrong(f"{len(call.args)} values")
    given = list(params[: len(call.args)])
    for key, _ in call.kwargs:
        if key not in params:
            close = difflib.get_close_matches(key, params, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            wrong(f"an unknown parameter '{key}'{hint}")
        elif key in given:
            wrong(f"'{key}' twice")
        given.append(key)
    if call.node.dyn_args or call.node.dyn_kwargs:
        wrong("'*' or '**' parameters")
    yield from problems
    if "treatment" not in params or problems:
        return
    slug = dict(call.kwargs).get("treatment", call.args[0] if call.args else None)
    site = project.site
    if isinstance(slug, str):
        known = [t.slug for t in site.treatments]
        if site.treatment(slug) is None and not (site.content_dir / slug).is_dir():
            close = difflib.get_close_matches(slug, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield Problem(
                page.shown,
                line,
                f"macro '{name}' names a treatment '{slug}' that does not exist{hint}: "
                f"use one of {', '.join(known) or 'the folders in content/'}",
            )
    elif slug is None and "/" not in info.uri:
        example = site.treatments[0].slug if site.treatments else "microneedling"
        yield Problem(
            page.shown,
            line,
            f"macro '{name}' needs to know which treatment to show on this page: "
            f"write it like {name}(treatment='{example}')",
        )
