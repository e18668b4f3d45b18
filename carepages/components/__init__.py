"""Components: the HTML that content data becomes, rendered through one autoescaping,
strict Jinja environment.

mkdocs-macros' own environment does not escape, so content never reaches it as markup:
each component lives in `<name>/` beside this file (template, a YAML file of parameters
and examples, a README), every value is escaped unless a parameter is explicitly named
`html`, and the result comes back as Markup.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from carepages.model import days

TEMPLATES = Path(__file__).parent

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_env.filters["days_label"] = lambda step: days.days_label(step.start_hours, step.end_hours)
_env.filters["avoid_phrase"] = lambda span: days.avoid_phrase(span.start_hours, span.end_hours)
_env.filters["resume_label"] = days.resume_label
_env.filters["hours_attr"] = lambda hours: "" if hours is None else str(hours)


def component_names() -> list[str]:
    return sorted(p.name for p in TEMPLATES.iterdir() if (p / "template.html.jinja").exists())


def render(name: str, **params: Any) -> Markup:
    """Render a component; the HTML has no blank lines so Markdown keeps it as one block."""
    html = _env.get_template(f"{name}/template.html.jinja").render(**params)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


@functools.cache
def _data_markdown() -> markdown.Markdown:
    """One converter for Markdown from data files, reset before each use."""
    md = markdown.Markdown(extensions=["sane_lists"])
    # Raw HTML in an answer is shown as text, never run: drop the passthrough rules.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "code"}


@functools.cache
def markdown_html(text: str) -> Markup:
    """Markdown from a data file (an FAQ answer) as safe HTML: raw HTML is escaped,
    and the result is sanitised so only a few plain tags and safe links remain."""
    html = _data_markdown().reset().convert(text)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel=None,
    )
    return Markup(clean)
