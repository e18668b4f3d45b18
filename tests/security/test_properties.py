"""Property tests: random strings, heavy in HTML, Markdown and template syntax, in every content
field and every source-file name never produce an on* attribute, a script we did not ship,
or a request to another host: each is refused, or published harmless."""

from __future__ import annotations

import contextlib
import posixpath
import shutil
from pathlib import Path

import jinja2
import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from carepages.components.macros import MACROS
from carepages.ingest.draft import write_draft
from carepages.ingest.neutral import inert
from carepages.ingest.pipeline import expand_sources, ingest_path
from carepages.source import rawhtml
from carepages.source.template import split_template, template_code
from tests.conftest import run_carepages

PIECES = [
    "<", ">", "/", "=", '"', "'", "`", "{", "}", "{{", "}}", "{%", "%}", "{#", "#}", "{:", "[", "]",
    "(", ")", "*", "_", "!", "&", "#", ";", ":", " ", "\n", "\t", "\\", "a", "x1", "script",
    "<script>", "</script>", "<img src=x ", "onerror=", "onload=alert(1)", "<svg/", "javascript:",
    "jav&#x61;script:", "&#106;", "https://evil.example/a.png", "//evil.example/", "url(", "@import ",
    "<base href=", "<link rel=preload href=", "srcset=", "style=", "<meta http-equiv=refresh ",
    "<form action=", "formaction=", "<a href=", "<details open ontoggle=", "autofocus",
    "{ tabindex=0 onfocus=alert(1) }", "<!--", "-->", "<noscript>", "<![CDATA[", "\u202e",
    "\u200b", "é", "Smith & Jones",
]  # fmt: skip
hostile = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)
names = st.lists(st.sampled_from([p for p in PIECES if "/" not in p]), min_size=1, max_size=12).map(
    "".join
)
EXTENSIONS = ["attr_list", "admonition", "def_list", "sane_lists", "toc"]
LOADING = {"src", "srcset", "poster", "data", "action", "formaction", "background", "xlink:href"}


def harmful(html: str, shipped: frozenset[str] = frozenset(), page: str = "x.html") -> list[str]:
    """What a browser would run or fetch from another host in `html` (an independent reading:
    lexbor with scripting on, attributes and addresses only)."""
    found = []
    root = LexborHTMLParser(html, scripting=True).root
    for node in root.traverse(include_text=False) if root is not None else ():
        tag = (node.tag or "").lower()
        attrs = {k.lower(): (v or "") for k, v in node.attributes.items()}
        found += [f"{tag} {k}" for k in attrs if k.startswith("on")]
        if tag == "script":
            src = attrs.get("src")
            if src is None and attrs.get("type") not in ("application/json", "application/ld+json"):
                found.append("inline script")
            elif (
                src is not None
                and posixpath.normpath(posixpath.join(posixpath.dirname(page), src)) not in shipped
            ):
                found.append(f"script {src}")
        for key, value in attrs.items():
            loads = key in LOADING or (key == "href" and tag not in ("a", "area", "link"))
            if tag == "link" and key == "href":
                loads = not set(attrs.get("rel", "").split()) <= {"canonical", "prev", "next"}
            if loads and rawhtml.scheme(value) not in ("",):
                found.append(f"{tag} {key}={value[:40]}")
            if key == "href" and rawhtml.scheme(value) in ("javascript", "vbscript", "data"):
                found.append(f"{tag} {key}={value[:40]}")
    return found


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_whatever_markdown_becomes_the_allow_list_leaves_nothing_harmful(text):
    html = markdown.markdown(text, extensions=EXTENSIONS)
    assert harmful(rawhtml.sanitise(html)) == []


@settings(max_examples=300)
@given(hostile)
def test_inert_source_text_is_only_words(text):
    line = inert(text)
    assert not any(mark in line for mark in ("{{", "{%", "{#", "<", "{", "}"))
    tokens = {kind for _, kind, _ in jinja2.Environment().lex(line)}
    assert tokens <= {"data"}
    html = markdown.markdown(line, extensions=EXTENSIONS)
    tree = LexborHTMLParser(html).body
    tags = {n.tag for n in tree.traverse(include_text=False)} if tree else set()
    assert tags <= {"body", "p", "strong", "em"}, html  # '**' around a heading is ours


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names)
def test_any_source_file_name_makes_a_draft_without_template_code(tmp_path, name):
    folder = tmp_path / "case"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "sources").mkdir(parents=True)
    try:
        path = folder / "sources" / (name[:120] + ".txt")
        path.write_text("Microneedling\n\nMicroneedling makes tiny holes in the skin.\n", "utf-8")
    except (OSError, ValueError):
        return  # not a name this file system can hold
    files, errors = expand_sources([str(folder / "sources")])
    docs = [ingest_path(p, shown) for p, shown in files]
    assert all("\n" not in shown for _, shown in files)
    target = write_draft(docs, [], "draft", folder / "drafts")
    for page in target.glob("*.md"):
        template = split_template(page.read_text("utf-8"))
        if template.tree is not None:
            found = template_code(template.tree, template.comments, MACROS, template.statements)
            assert found == [], page.read_text("utf-8")
        assert template.error is None
        assert harmful(markdown.markdown(template.prose, extensions=EXTENSIONS)) == []
    for data in target.glob("*.yml"):
        yaml.safe_load(data.read_text("utf-8"))  # a name with a line break no longer breaks it


def shipped_scripts(site: Path) -> frozenset[str]:
    return frozenset(p.relative_to(site).as_posix() for p in site.rglob("*.js"))


@pytest.fixture(scope="module")
def baseline_scripts(site_dir: Path) -> frozenset[str]:
    return shipped_scripts(site_dir)


def fill(root: Path, value: str) -> None:
    """`value` in every field an editor writes: titles, descriptions, headings, prose, the
    clinic's details, a treatment's data, a question and answer, and a page's file name."""
    page = "---\n" + yaml.safe_dump({"title": value, "description": value}) + "---\n\n"
    (root / "content/about.md").write_text(f"{page}# {value}\n\n{value}\n\n- {value}\n", "utf-8")
    config = (root / "mkdocs.yml").read_text("utf-8")
    clinic = {"name": value, "address": value, "opening_hours": value, "urgent_care": value}
    for key, text in clinic.items():
        config = config.replace(
            f"\n    {key}: ", f"\n    {key}: {yaml.safe_dump(text).strip()} #", 1
        )
    (root / "mkdocs.yml").write_text(config, "utf-8")
    path = root / "content/microneedling/treatment.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["title"] = value
    data["timeline"][0]["title"] = value
    data["timeline"][0]["notice"] = [value]
    data["call_us_if"][0]["text"] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    path = root / "content/microneedling/faq.yml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["questions"][0]["question"] = value + "?"
    data["questions"][0]["answer"] = value or "x"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    with contextlib.suppress(OSError, ValueError):
        (root / "content" / (value.replace("/", "")[:80] + ".md")).write_text("# Page\n\nText.\n")


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=hostile)
def test_random_text_in_every_field_is_refused_or_harmless(
    fresh_project_factory, baseline_scripts, value
):
    root = fresh_project_factory()
    fill(root, value)
    result = run_carepages("build", "--root", str(root), cwd=root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    if result.returncode != 0:
        assert ": error: " in output or "must not publish" in output, output  # refused, named
        return
    site = root / "site"
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert harmful(text, baseline_scripts, page.relative_to(site).as_posix()) == [], page


@pytest.fixture
def fresh_project_factory(tmp_path: Path):
    from lab.project import copy_project

    count = iter(range(10_000))

    def make() -> Path:
        return copy_project(tmp_path / f"project-{next(count)}")

    return make
