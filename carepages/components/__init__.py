"""Components: the HTML that content data becomes, rendered through one autoescaping,
strict Jinja environment.

mkdocs-macros' own environment does not escape, so content never reaches it as markup:
each component lives in `<name>/` beside this file (template, a YAML file of parameters
and examples, a README), every value is escaped unless a parameter is explicitly named
`html`, and the result comes back as Markup.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from carepages.components.strings import Strings, strings

TEMPLATES = Path(__file__).parent

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_env.filters["day_attr"] = lambda day: "" if day is None else str(day)


def json_block(data: object) -> Markup:
    """Data for a `<script type="application/json">` block: JSON that can never close the
    element it sits in (`<`, `>` and `&` are written as \\u escapes), never run as code."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


_env.filters["json_block"] = json_block


def long_date(day: dt.date, t: Strings) -> str:
    """'1 November 2026', in the page's language."""
    return t("date_long", day=day.day, month=t.month(day.month), year=day.year)


_env.filters["long_date"] = long_date
# A part of a treatment a source was used for ("what it is", "questions"), in lower case.
_env.filters["source_part"] = lambda part, t: t(f"section_{part}").lower()


def component_names() -> list[str]:
    return sorted(p.name for p in TEMPLATES.iterdir() if (p / "template.html.jinja").exists())


def render(name: str, lang: str = "en", **params: Any) -> Markup:
    """Render a component in a language; the HTML has no blank lines so Markdown keeps it as
    one block. The template gets the interface text of that language as `t`."""
    html = _env.get_template(f"{name}/template.html.jinja").render(t=strings(lang), **params)
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
