"""Content rules beyond the schema: links, markup, contrast, readability, freshness.

`check_site` reads what `load_site` loaded (plus the raw files, for line numbers) and
returns one Problem per mistake. Errors stop the build; warnings never do.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import jinja2
import textstat
from jinja2 import nodes
from markdown.extensions.toc import slugify

from carepages.content import FENCE, Page, Shown, Site, TreatmentData, load_page, load_yaml_file
from carepages.problems import Problem
from carepages.schema import FAQ_TOPICS, contrast_ratio
from carepages.yamlsource import Located

# The macros a page may call and the parameters each takes; a test keeps this in step with
# macros/__init__.py.
MACROS: dict[str, tuple[str, ...]] = {
    "timeline": ("treatment",),
    "activity_table": ("treatment",),
    "faq": ("treatment",),
    "faq_all": (),
    "when_to_call": ("treatment",),
    "treatment_list": (),
    "source_notes": ("treatment", "open"),
    "all_source_notes": (),
}
TREATMENT_MACROS = {name for name, params in MACROS.items() if "treatment" in params}
# Variables mkdocs-macros itself offers a page (besides `extra` from mkdocs.yml).
MACRO_VARIABLES = {
    "config",
    "page",
    "navigation",
    "files",
    "environment",
    "plugin",
    "git",
    "macros_info",
    "now",
    "fix_url",
    "context",
    "extra",
    "carepages_site",
}
MIN_CONTRAST = 4.5
DEFAULT_GRADE_LIMIT = 8.0

# --- patterns -------------------------------------------------------------------------------

INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
# `[text](target "title")` and `![alt](target)`; the target may sit in <angle brackets>.
INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(\s*(?:<(?P<angled>[^>]*)>|(?P<target>[^\s)]*))(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
REF_USE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\[\]]*)\]\[(?P<ref>[^\[\]]*)\]")
REF_DEF = re.compile(r"^\s{0,3}\[(?P<ref>[^\]]+)\]:\s*<?(?P<target>[^\s>]+)>?")
HTML_TAG = re.compile(
    r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
)
HTML_ATTR = re.compile(
    r"(?P<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s\"'=<>`]+))"
)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
ATTR_ID = re.compile(r"\{:?\s*(?:[^{}]*?\s)?#(?P<id>[A-Za-z0-9_][\w-]*)[^{}]*\}")
# `## Heading {#id}`: Jinja reads `{#` as the start of a hidden comment.
JINJA_COMMENT_LOOKALIKE = re.compile(r"\{#[A-Za-z0-9_-]+[^}#]*\}")
JINJA_BLOCK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TODO = re.compile(r"\bTODO\b")

SCRIPT = re.compile(r"<\s*script\b", re.I)
EMBED = re.compile(r"<\s*(?P<tag>iframe|object|embed|frame|frameset)\b", re.I)
HANDLER = re.compile(r"<[A-Za-z][^>]*?\s(?P<attr>on[A-Za-z]+)\s*=", re.I | re.S)
JS_URL = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?(?P<url>[^'\")\s]+)", re.I)
CSS_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?['\"]?(?P<url>[^'\")\s;]+)", re.I)
# Attributes whose URL the browser fetches by itself, per tag ("*" = any tag).
LOADING_ATTRS: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "link": ("href",),
    "image": ("href",),
    "use": ("href",),
    "*": ("background",),
}


@dataclass
class PageInfo:
    """A page as the site will publish it: its address, its text and the ids it has."""

    uri: str
    page: Page
    treatment: TreatmentData | None
    anchors: set[str] = field(default_factory=set)
    # False when the page's treatment failed to load, so its macro ids are unknown.
    anchors_known: bool = True


# --- entry point ----------------------------------------------------------------------------


def check_site(site: Site, root: Path, today: dt.date) -> list[Problem]:
    """Every rule beyond the schema, run over the whole site."""
    shown = Shown(root)
    config, _ = load_yaml_file(root / "mkdocs.yml", shown(root / "mkdocs.yml"), mkdocs_tags=True)
    names = set(MACROS) | MACRO_VARIABLES | _extra_names(config)
    infos = _pages(site, shown)
    files = _content_files(site)
    problems: list[Problem] = []
    for info in infos.values():
        problems += _check_markup(info.page)
        problems += _check_macros(info, site, names)
        problems += _check_links(info, infos, files)
        problems += _check_readability(info, site)
        if info.page.meta.status == "draft":
            problems.append(
                Problem(
                    info.page.shown,
                    _meta_line(info.page, "status"),
                    "this page is marked 'status: draft': set 'status: published' (or delete "
                    "the line) when it is ready",
                    "warning",
                )
            )
    for path in _data_files(site):
        problems += _check_data_markup(path, shown(path))
    for path in [*_data_files(site), *(info.page.path for info in infos.values())]:
        problems += _check_todo(path, shown(path))
    for data in site.treatments:
        problems += _check_treatment(data, today)
    problems += _check_config(site, config, shown(root / "mkdocs.yml"))
    return problems


# --- pages and their anchors ----------------------------------------------------------------


def _uri(page: Page, site: Site, treatment: TreatmentData | None) -> str:
    try:
        return page.path.resolve().relative_to(site.content_dir.resolve()).as_posix()
    except ValueError:
        # A draft previewed with --draft lives outside content/ but is published as if inside.
        return f"{treatment.slug}/{page.path.name}" if treatment else page.path.name


def _pages(site: Site, shown: Shown) -> dict[str, PageInfo]:
    owners = {id(page): data for data in site.treatments for page in data.pages.values()}
    infos: dict[str, PageInfo] = {}
    for page in site.pages:
        data = owners.get(id(page))
        uri = _uri(page, site, data)
        infos[uri] = PageInfo(uri, page, data)
    # Pages of a treatment that failed to load are still checked, so one run shows all.
    for path in sorted(site.content_dir.rglob("*.md")):
        relative = path.relative_to(site.content_dir)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        uri = relative.as_posix()
        if uri in infos:
            continue
        page, _ = load_page(path, shown(path))
        if page is not None:
            known = len(relative.parts) == 1 or site.treatment(relative.parts[0]) is not None
            infos[uri] = PageInfo(uri, page, site.treatment(relative.parts[0]), anchors_known=known)
    for info in infos.values():
        info.anchors = _anchors(info, site)
    return infos


def _content_files(site: Site) -> set[str]:
    """Every file a link may point to (data files are not published)."""
    files = set()
    for path in site.content_dir.rglob("*"):
        if path.is_file() and path.suffix not in (".yml", ".yaml"):
            files.add(path.relative_to(site.content_dir).as_posix())
    return files


def _data_files(site: Site) -> list[Path]:
    paths = sorted(
        p
        for p in site.content_dir.rglob("*")
        if p.suffix in (".yml", ".yaml")
        and not any(part.startswith((".", "_")) for part in p.relative_to(site.content_dir).parts)
    )
    for data in site.treatments:
        for path in (data.folder / "treatment.yml", data.folder / "faq.yml"):
            if path not in paths:
                paths.append(path)
    return paths


def body_lines(page: Page, keep_fences: bool = False) -> Iterator[tuple[int, str]]:
    """(line number, text) of the body; fenced code and inline code blanked out."""
    fenced = False
    for offset, text in enumerate(page.body.split("\n")):
        if FENCE.match(text):
            fenced = not fenced
            continue
        if fenced and not keep_fences:
            continue
        yield page.body_line + offset, INLINE_CODE.sub(lambda m: " " * len(m[0]), text)


def _plain_inline(text: str) -> str:
    """Heading text as the toc extension sees it: markup dropped."""
    text = ATTR_ID.sub("", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"[*_`]", "", text).strip()


def headings(page: Page) -> Iterator[tuple[int, int, str, str | None]]:
    """(line, level, text, explicit id) for every ATX and setext heading."""
    previous: tuple[int, str] | None = None
    for line, text in body_lines(page):
        match = HEADING.match(text)
        if match:
            explicit = ATTR_ID.search(match["text"])
            yield line, len(match["hashes"]), match["text"], explicit["id"] if explicit else None
            previous = None
            continue
        if previous and re.fullmatch(r"\s{0,3}(=+|-+)\s*", text) and previous[1].strip():
            prev_line, prev_text = previous
            if not re.match(r"\s*([-*+]|\d+[.)])\s", prev_text):
                explicit = ATTR_ID.search(prev_text)
                level = 1 if text.strip().startswith("=") else 2
                yield prev_line, level, prev_text.strip(), explicit["id"] if explicit else None
        previous = (line, text)


def _anchors(info: PageInfo, site: Site) -> set[str]:
    ids: set[str] = set()
    for _, _, text, explicit in headings(info.page):
        if explicit:
            ids.add(explicit)
            continue
        slug = slugify(_plain_inline(text), "-")
        candidate, count = slug, 0
        while candidate in ids or not candidate:
            count += 1
            candidate = f"{slug}_{count}"
        ids.add(candidate)
    for _, text in body_lines(info.page):
        ids.update(m["id"] for m in ATTR_ID.finditer(text))
        for tag in HTML_TAG.finditer(text):
            for attr in HTML_ATTR.finditer(tag["attrs"]):
                if attr["name"].lower() in ("id", "name"):
                    ids.add(_attr_value(attr))
    for name, params in _macro_calls(info.page):
        ids.update(_macro_ids(name, params, info, site))
    return ids


def _macro_ids(name: str, params: dict[str, object], info: PageInfo, site: Site) -> set[str]:
    """The fixed ids a macro writes into the page (see macros/templates/*)."""
    slug = params.get("treatment")
    data = site.treatment(slug) if isinstance(slug, str) else info.treatment
    if name == "when_to_call":
        return {"when-to-call"}
    if name == "faq_all":
        ids = {"faq-filter"}
        for each in site.treatments:
            if each.treatment.status == "published":
                ids |= {f"faq-{each.slug}"} | _faq_ids(each)
        return ids
    if data is None:
        return set()
    if name == "timeline":
        steps = range(1, len(data.treatment.timeline) + 1)
        return {
            f"{data.slug}-day-by-day",
            f"{data.slug}-treatment-date",
            *(f"{data.slug}-step-{n}" for n in steps),
        }
    if name == "faq":
        return {"faq-filter"} | _faq_ids(data)
    return set()


def _faq_ids(data: TreatmentData) -> set[str]:
    topics = {entry.topic for entry in data.faq}
    return {e.id for e in data.faq} | {f"{data.slug}-topic-{t}" for t in FAQ_TOPICS if t in topics}


def _attr_value(attr: re.Match[str]) -> str:
    return next(v for v in (attr["dq"], attr["sq"], attr["bare"]) if v is not None)


def _meta_line(page: Page, key: str) -> int:
    for offset, text in enumerate(page.path.read_text("utf-8-sig").split("\n")[:40]):
        if re.match(rf"{key}\s*:", text):
            return offset + 1
    return 1


# --- macros and Jinja -----------------------------------------------------------------------


_JINJA = jinja2.Environment()


def _jinja_source(page: Page) -> str:
    # `{#id}` would be a Jinja comment; it is reported on its own, so parse it as `{:#id}`.
    return JINJA_COMMENT_LOOKALIKE.sub(lambda m: "{:" + m[0][1:], page.body)


def _macro_calls(page: Page) -> Iterator[tuple[str, dict[str, object]]]:
    """(macro name, literal keyword and positional parameters) of each call in the page."""
    if "{{" not in page.body and "{%" not in page.body:
        return
    try:
        tree = _JINJA.parse(_jinja_source(page))
    except jinja2.TemplateSyntaxError:
        return
    for call in tree.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name in MACROS:
            params = MACROS[call.node.name]
            found: dict[str, object] = {}
            for index, arg in enumerate(call.args):
                if index < len(params) and isinstance(arg, nodes.Const):
                    found[params[index]] = arg.value
            for kwarg in call.kwargs:
                if isinstance(kwarg.value, nodes.Const):
                    found[kwarg.key] = kwarg.value.value
            yield call.node.name, found


def _check_macros(info: PageInfo, site: Site, names: set[str]) -> list[Problem]:
    """Macro calls a page makes: names, parameters, treatments, and Jinja syntax."""
    page = info.page
    problems: list[Problem] = []
    for line, text in body_lines(page, keep_fences=True):
        for match in JINJA_COMMENT_LOOKALIKE.finditer(text):
            problems.append(
                Problem(
                    page.shown,
                    line,
                    f"'{match[0]}' would hide the text after it ('{{#' starts a hidden note): "
                    f"write the id as '{{: #{match[0][2:-1].split()[0]} }}'",
                )
            )
    if not any(mark in page.body for mark in ("{{", "{%", "{#")):
        return problems
    try:
        tree = _JINJA.parse(_jinja_source(page))
    except jinja2.TemplateSyntaxError as exc:
        return [
            *problems,
            Problem(
                page.shown,
                page.body_line + (exc.lineno or 1) - 1,
                f"a macro is written wrongly ({exc.message}): write it like "
                "'{{ timeline() }}', with the braces and brackets closed",
            ),
        ]
    allowed = names | _assigned(tree)
    for name_node in tree.find_all(nodes.Name):
        if name_node.ctx != "load" or name_node.name in allowed:
            continue
        close = difflib.get_close_matches(name_node.name, MACROS, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        problems.append(
            Problem(
                page.shown,
                page.body_line + name_node.lineno - 1,
                f"there is no macro called '{name_node.name}'{hint}: use one of "
                + ", ".join(MACROS),
            )
        )
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name) or call.node.name not in MACROS:
            continue
        problems += _check_call(call, info, site)
    return problems


def _assigned(tree: nodes.Template) -> set[str]:
    return {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}


def _extra_names(located: Located | None) -> set[str]:
    """mkdocs-macros offers every key under `extra` in mkdocs.yml as a variable."""
    extra = located.data.get("extra") if located and isinstance(located.data, dict) else None
    return set(extra) if isinstance(extra, dict) else set()


def _check_call(call: nodes.Call, info: PageInfo, site: Site) -> list[Problem]:
    name = call.node.name  # type: ignore[attr-defined]
    params = MACROS[name]
    page = info.page
    line = page.body_line + call.lineno - 1
    takes = f"it takes ({', '.join(params)})" if params else "it takes no parameters"
    problems: list[Problem] = []

    def wrong(detail: str) -> None:
        problems.append(
            Problem(page.shown, line, f"macro '{name}' was called with {detail}: {takes}")
        )

    if len(call.args) > len(params):
        wrong(f"{len(call.args)} values")
    given = list(params[: len(call.args)])
    for kwarg in call.kwargs:
        if kwarg.key not in params:
            close = difflib.get_close_matches(kwarg.key, params, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            wrong(f"an unknown parameter '{kwarg.key}'{hint}")
        elif kwarg.key in given:
            wrong(f"'{kwarg.key}' twice")
        given.append(kwarg.key)
    if call.dyn_args or call.dyn_kwargs:
        wrong("'*' or '**' parameters")
    if name not in TREATMENT_MACROS or problems:
        return problems
    slug_node = next((k.value for k in call.kwargs if k.key == "treatment"), None)
    if slug_node is None and call.args:
        slug_node = call.args[0]
    if isinstance(slug_node, nodes.Const):
        slug = slug_node.value
        known = [t.slug for t in site.treatments]
        folder = site.content_dir / str(slug)
        if slug is not None and site.treatment(str(slug)) is None and not folder.is_dir():
            close = difflib.get_close_matches(str(slug), known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                Problem(
                    page.shown,
                    line,
                    f"macro '{name}' names a treatment '{slug}' that does not exist{hint}: "
                    f"use one of {', '.join(known) or 'the folders in content/'}",
                )
            )
    elif slug_node is None and "/" not in info.uri:
        example = site.treatments[0].slug if site.treatments else "microneedling"
        problems.append(
            Problem(
                page.shown,
                line,
                f"macro '{name}' needs to know which treatment to show on this page: "
                f"write it like {name}(treatment='{example}')",
            )
        )
    return problems


# --- links, images and markup ---------------------------------------------------------------


@dataclass
class Target:
    line: int
    url: str
    text: str
    image: bool


def _targets(page: Page) -> Iterator[Target]:
    """Every Markdown link and image in a page (inline and reference style)."""
    definitions: dict[str, tuple[int, str]] = {}
    lines = list(body_lines(page))
    for line, text in lines:
        match = REF_DEF.match(text)
        if match:
            definitions[match["ref"].strip().lower()] = (line, match["target"])
    for line, raw in lines:
        text = JINJA_BLOCK.sub(lambda m: " " * len(m[0]), raw)
        if REF_DEF.match(text):
            continue
        for match in INLINE_LINK.finditer(text):
            url = match["angled"] if match["angled"] is not None else match["target"]
            yield Target(line, url or "", match["text"], bool(match["bang"]))
        for match in REF_USE.finditer(text):
            ref = (match["ref"] or match["text"]).strip().lower()
            if ref in definitions:
                yield Target(line, definitions[ref][1], match["text"], bool(match["bang"]))


def _is_remote(url: str) -> bool:
    return url.startswith("//") or bool(re.match(r"^https?:", url, re.I))


def _host(url: str) -> str:
    match = re.match(r"^(?:https?:)?//([^/?#]+)", url, re.I)
    return match[1] if match else url


def _check_links(info: PageInfo, infos: dict[str, PageInfo], files: set[str]) -> list[Problem]:
    page = info.page
    problems: list[Problem] = []
    for target in _targets(page):
        if target.image:
            if not target.text.strip():
                problems.append(
                    Problem(
                        page.shown,
                        target.line,
                        f"the image '{target.url}' has no alt text: describe it between the "
                        f"brackets, like ![Skin on day 2, still a little red]({target.url})",
                    )
                )
            if _is_remote(target.url):
                problems.append(_remote(page, target.line, "the image", target.url))
                continue
        problem = _check_target(info, target.line, target.url, infos, files)
        if problem:
            problems.append(problem)
    for line, text in body_lines(page):
        for tag in HTML_TAG.finditer(text):
            name = tag["name"].lower()
            attrs = {a["name"].lower(): _attr_value(a) for a in HTML_ATTR.finditer(tag["attrs"])}
            if name == "img" and not attrs.get("alt", "").strip():
                problems.append(
                    Problem(
                        page.shown,
                        line,
                        'the image <img> has no alt text: add alt="…" that says what it shows',
                    )
                )
            for attr in (*LOADING_ATTRS.get(name, ()), *LOADING_ATTRS["*"]):
                if name == "link" and "stylesheet" not in attrs.get("rel", "stylesheet"):
                    continue
                for url in attrs.get(attr, "").replace(",", " ").split():
                    if _is_remote(url):
                        problems.append(_remote(page, line, f"<{name} {attr}>", url))
            if name == "a" and "href" in attrs:
                problem = _check_target(info, line, attrs["href"], infos, files)
                if problem:
                    problems.append(problem)
    return problems


def _remote(page: Page, line: int, what: str, url: str) -> Problem:
    return Problem(
        page.shown,
        line,
        f"{what} '{url}' would be loaded from {_host(url)} every time the page opens, "
        "which tells that site who reads it and breaks the offline copy: save the file "
        "next to the page and use its file name instead",
    )


def _check_target(
    info: PageInfo, line: int, url: str, infos: dict[str, PageInfo], files: set[str]
) -> Problem | None:
    page = info.page
    url = url.strip()
    if not url or SCHEME.match(url) or url.startswith("//"):
        if url.lower().startswith("file:"):
            return Problem(
                page.shown,
                line,
                f"the link '{url}' points to a file on your own computer: put the file in "
                "content/ and link to it by name",
            )
        return (
            None  # web, mail and phone links are followed, not loaded; javascript: is its own rule
        )
    path, _, anchor = url.partition("#")
    path = unquote(path.split("?", 1)[0])
    if path.startswith("/"):
        return Problem(
            page.shown,
            line,
            f"the link '{url}' starts with '/', which breaks in the offline copy: write it "
            "relative to this page, like 'faq.md' or '../faq.md'",
        )
    if not path:
        return _check_anchor(info, line, url, info, anchor)
    here = posixpath.dirname(info.uri)
    resolved = posixpath.normpath(posixpath.join(here, path))
    if resolved.startswith("../") or resolved == "..":
        return Problem(
            page.shown,
            line,
            f"the link '{url}' points outside content/: link to a page of the site",
        )
    if path.endswith("/") or (resolved + "/index.md" in infos and resolved not in files):
        return Problem(
            page.shown,
            line,
            f"the link '{url}' points to a folder, which opens a file listing offline: "
            f"link to the page, like '{path.rstrip('/')}/index.md'",
        )
    if resolved.endswith(".html") and resolved[:-5] + ".md" in infos:
        resolved = resolved[:-5] + ".md"
    if resolved not in files and resolved not in infos:
        known = sorted(
            posixpath.relpath(uri, here or ".") for uri in (*infos, *files) if uri != info.uri
        )
        close = difflib.get_close_matches(path, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        what = "page" if path.endswith((".md", ".html")) else "file"
        return Problem(
            page.shown,
            line,
            f"the link '{url}' points to a {what} that does not exist{hint}: fix the name "
            "or remove the link",
        )
    if anchor and resolved in infos:
        return _check_anchor(info, line, url, infos[resolved], anchor)
    return None


def _check_anchor(
    info: PageInfo, line: int, url: str, target: PageInfo, anchor: str
) -> Problem | None:
    if not anchor or anchor in target.anchors or not target.anchors_known:
        return None
    close = difflib.get_close_matches(anchor, target.anchors, n=1, cutoff=0.6)
    hint = f" (did you mean '#{close[0]}'?)" if close else ""
    where = "this page" if target is info else posixpath.basename(target.uri)
    if target is not info and posixpath.dirname(target.uri) != posixpath.dirname(info.uri):
        where = target.uri
    return Problem(
        info.page.shown,
        line,
        f"the link '{url}' points to '#{anchor}', which is not a heading or id on "
        f"{where}{hint}: fix the part after '#'",
    )


def _blank_code(page: Page) -> str:
    """The page body with fenced and inline code replaced by spaces (lines kept)."""
    out: list[str] = []
    fenced = False
    for text in page.body.split("\n"):
        if FENCE.match(text):
            fenced = not fenced
            out.append("")
        elif fenced:
            out.append("")
        else:
            out.append(INLINE_CODE.sub(lambda m: " " * len(m[0]), text))
    return "\n".join(out)


def _unsafe_markup(text: str) -> Iterator[tuple[int, str]]:
    """(offset, message) of markup that would run code or embed another page."""
    for match in SCRIPT.finditer(text):
        yield (
            match.start(),
            "a <script> tag would run code on the page: remove it (pages may not contain scripts)",
        )
    for match in EMBED.finditer(text):
        yield (
            match.start(),
            f"an <{match['tag'].lower()}> tag would embed another page: remove it and add "
            "a normal link instead",
        )
    for match in HANDLER.finditer(text):
        yield (
            match.start("attr"),
            f"the HTML attribute '{match['attr']}=' would run code: remove it",
        )
    for match in JS_URL.finditer(text):
        yield (
            match.start(),
            "a 'javascript:' address would run code: remove it (links must go to a page "
            "or a web address)",
        )


def _check_markup(page: Page) -> list[Problem]:
    text = _blank_code(page)
    problems = [
        Problem(page.shown, page.body_line + text.count("\n", 0, offset), message)
        for offset, message in _unsafe_markup(text)
    ]
    for match in [*CSS_URL.finditer(text), *CSS_IMPORT.finditer(text)]:
        if _is_remote(match["url"]):
            line = page.body_line + text.count("\n", 0, match.start())
            problems.append(_remote(page, line, "the style", match["url"]))
    return problems


def _check_data_markup(path: Path, shown: str) -> list[Problem]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []  # load_site has said so already
    return [
        Problem(shown, text.count("\n", 0, offset) + 1, message)
        for offset, message in _unsafe_markup(text)
    ]


def _check_todo(path: Path, shown: str) -> list[Problem]:
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return [
        Problem(
            shown,
            number,
            "TODO marker: replace it with the real text before you publish",
            "warning",
        )
        for number, line in enumerate(text.split("\n"), start=1)
        if TODO.search(line)
    ]


# --- treatment data -------------------------------------------------------------------------


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _check_treatment(data: TreatmentData, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    located = data.located
    reviewed = data.treatment.last_reviewed
    if reviewed < _year_before(today):
        problems.append(
            Problem(
                located.path,
                located.line_of(("last_reviewed",)),
                f"last reviewed on {reviewed.isoformat()}, more than 12 months ago: ask a "
                "clinician to check the treatment, then set last_reviewed to that day",
                "warning",
            )
        )
    if data.treatment.status == "draft":
        problems.append(
            Problem(
                located.path,
                located.line_of(("status",)),
                f"'{data.slug}' is a draft: it is left off the home page and the questions "
                "page until you set 'status: published'",
                "warning",
            )
        )
    return problems


# --- clinic settings ------------------------------------------------------------------------


def _config_line(located: Located | None, loc: tuple[str, ...]) -> int:
    return located.line_of(loc) if located else 1


def _check_config(site: Site, located: Located | None, where: str) -> list[Problem]:
    problems: list[Problem] = []
    clinic = site.clinic
    if clinic is not None:
        ratio = contrast_ratio(clinic.primary_colour, clinic.header_text_colour)
        if ratio < MIN_CONTRAST:
            problems.append(
                Problem(
                    where,
                    _config_line(located, ("extra", "clinic", "primary_colour")),
                    f"extra.clinic: primary_colour {clinic.primary_colour} behind "
                    f"header_text_colour {clinic.header_text_colour} has a contrast of "
                    f"{ratio:.2f}:1, below the 4.5:1 every page needs to be readable: pick "
                    "a darker primary_colour",
                )
            )
        if _is_remote(clinic.logo):
            problems.append(
                Problem(
                    where,
                    _config_line(located, ("extra", "clinic", "logo")),
                    f"extra.clinic: the logo '{clinic.logo}' would be loaded from "
                    f"{_host(clinic.logo)} on every page: save it under content/assets/ "
                    "and give its path instead",
                )
            )
    data = located.data if located and isinstance(located.data, dict) else {}
    for key in ("extra_css", "extra_javascript"):
        entries = data.get(key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            url = entry if isinstance(entry, str) else str((entry or {}).get("path", ""))
            if _is_remote(url):
                problems.append(
                    Problem(
                        where,
                        _config_line(located, (key, index)),
                        f"{key} loads '{url}' from {_host(url)} on every page: copy the "
                        "file into overrides/assets/ and list its path instead",
                    )
                )
    return problems


# --- readability ----------------------------------------------------------------------------


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    return text if text[-1] in ".!?:" else text + "."


def _markdown_sentences(markdown: str) -> Iterator[str]:
    """Visible prose of Markdown: headings, list items and table rows each count as one
    sentence; paragraphs keep their own sentences."""
    paragraph: list[str] = []
    fenced = False
    for raw in markdown.split("\n"):
        if FENCE.match(raw):
            fenced = not fenced
            continue
        if fenced:
            continue
        text = ATTR_ID.sub("", raw)
        text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"<[^>]+>", " ", text)
        text = re.sub(r"[*_`]", "", text)
        stripped = text.strip()
        block = re.match(r"^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|\|)", stripped)
        if not stripped or block or re.fullmatch(r"[-=|: ]+", stripped):
            if paragraph:
                yield _sentence(" ".join(paragraph))
                paragraph = []
            if block:
                item = re.sub(r"^(#{1,6}\s+|[-*+]\s+|\d+[.)]\s+)", "", stripped)
                yield from (_sentence(cell) for cell in item.split("|"))
            continue
        paragraph.append(stripped)
    if paragraph:
        yield _sentence(" ".join(paragraph))


def _macro_text(name: str, params: dict[str, object], info: PageInfo, site: Site) -> list[str]:
    """The words a macro puts on the page, one sentence per item."""
    slug = params.get("treatment")
    data = site.treatment(slug) if isinstance(slug, str) else info.treatment
    published = [t for t in site.treatments if t.treatment.status == "published"]
    if name == "faq_all":
        return [s for t in published for s in _faq_text(t)]
    if name == "treatment_list":
        return [s for t in published for s in (_sentence(t.title), _sentence(t.treatment.summary))]
    if data is None:
        return []
    if name == "timeline":
        sentences = []
        for step in data.treatment.timeline:
            sentences += [_sentence(step.title), *map(_sentence, step.notice)]
            sentences += [*map(_sentence, step.do), *map(_sentence, step.avoid)]
        return sentences
    if name == "activity_table":
        sentences = []
        for restriction in data.treatment.restrictions:
            activity = site.activities.get(restriction.activity)
            if activity:
                sentences += [_sentence(activity.label), _sentence(activity.description)]
            sentences.append(_sentence(restriction.why))
        return sentences
    if name == "faq":
        return _faq_text(data)
    if name == "when_to_call":
        return [_sentence(sign) for sign in data.treatment.call_us_if]
    return []  # source notes are for reviewing clinicians and start folded away


def _faq_text(data: TreatmentData) -> list[str]:
    sentences = []
    for entry in data.faq:
        sentences.append(_sentence(entry.question))
        sentences += _markdown_sentences(entry.answer)
    return sentences


def page_text(info: PageInfo, site: Site) -> str:
    """What a reader of the page reads: its prose plus the data its macros show."""
    prose = JINJA_BLOCK.sub("\n", info.page.body)
    sentences = [s for s in _markdown_sentences(prose) if s]
    for name, params in _macro_calls(info.page):
        sentences += [s for s in _macro_text(name, params, info, site) if s]
    return " ".join(sentences)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade (textstat 0.7.4 and pyphen: no network needed)."""
    return float(textstat.flesch_kincaid_grade(text))


def _check_readability(info: PageInfo, site: Site) -> list[Problem]:
    limit = site.clinic.reading_grade_limit if site.clinic else DEFAULT_GRADE_LIMIT
    text = page_text(info, site)
    if len(text.split()) < 3:
        return []
    grade = reading_grade(text)
    if grade <= limit:
        return []
    first = next((line for line, level, _, _ in headings(info.page) if level == 1), None)
    return [
        Problem(
            info.page.shown,
            first or info.page.body_line,
            f"the reading grade of this page is {grade:.1f} (Flesch-Kincaid), above the "
            f"limit of {limit:g}: use shorter sentences and everyday words",
            "warning",
        )
    ]
