"""The carepages macros registered with mkdocs-macros (`macros/__init__.py` points here).

define_env runs once per language (mkdocs-static-i18n runs a whole MkDocs build per
language): it loads the content in the language being built, through the same loader
`carepages check` uses, and registers each macro of `carepages.components.macros` bound to
the page being rendered, in the language of that page's text (English for an untranslated
page another language's site shows instead).

Before mkdocs-macros renders a page, on_pre_page_macros swaps its Jinja environment for an
immutable sandbox and refuses the page if it holds any template code other than plain calls
of these macros with literal values (the rule `carepages check` reports first). The sandbox
alone is not enough: mkdocs-macros hands pages live objects (`config`, `page`, `plugin`)
whose public methods lead out of it.
"""

from __future__ import annotations

import functools
import itertools
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError

from carepages.components import macros, render
from carepages.components.macros import MacroUsageError, PageContext
from carepages.components.strings import strings
from carepages.site import languages
from carepages.site.jsonld import jsonld
from carepages.source.content import Site, content_stamp, load_site
from carepages.source.template import template_code
from carepages.source.yamlfile import split_front_matter

# Our components' HTML, kept out of the page's Markdown until the editor's part has been
# converted and sanitised: each macro call leaves a placeholder word in the Markdown
# (PLACEHOLDER + number), and hooks.on_page_content puts the HTML back (`restore`).
_NONCE = secrets.token_hex(8)
PLACEHOLDER = f"cpcomponent{_NONCE}n"
_COMPONENTS: dict[str, Markup] = {}
_NUMBERS = itertools.count()


def _placeholder(html: Markup) -> str:
    key = f"{PLACEHOLDER}{next(_NUMBERS)}"
    _COMPONENTS[key] = html
    return f"\n\n{key}\n\n"


def restore(html: str, keep: bool = False) -> str:
    """A page's HTML with each placeholder replaced by its component's HTML. `keep` leaves
    the components in place for a later `restore` (to read a page's Markdown as MkDocs
    converts it, placeholders and all, with the components written out)."""
    if PLACEHOLDER not in html:
        return html
    for key in sorted(_COMPONENTS, key=len, reverse=True):
        if key in html:
            component = str(_COMPONENTS[key] if keep else _COMPONENTS.pop(key))
            html = html.replace(f"<p>{key}</p>", component).replace(key, component)
    return html


# Problems found while rendering a page's macros; raised after the page has rendered
# (on_post_page_macros), because raised inside the template, mkdocs-macros would print a
# Jinja traceback at the editor.
_MACRO_ERRORS: list[str] = []

# Interface text the theme overrides (footer, 404 page) place: overrides hold no logic.
THEME_KEYS = ("footer_phone", "footer_open", "footer_privacy", "not_found_heading")


def load(content_dir: Path, config_path: Path, extra: list[Path], lang: str = "en") -> Site:
    site = load_site(content_dir, config_path, extra_treatments=extra, lang=lang)
    if site.errors:
        listing = "\n".join(str(p) for p in site.errors)
        raise PluginError(
            f"the content has {len(site.errors)} error(s):\n{listing}\n"
            "Fix them and build again (`make check` lists them too)."
        )
    return site


# The site as `carepages build` checked it, in each language, handed to define_env so the
# build in the same process does not load it again; used only while its files are unchanged.
_SHARED: dict[tuple[Path, Path, tuple[Path, ...]], tuple[frozenset, dict[str, Site]]] = {}


def _key(content_dir: Path, config_path: Path, extra: list[Path]) -> tuple:
    return (content_dir.resolve(), config_path.resolve(), tuple(p.resolve() for p in extra))


def share(
    sites: dict[str, Site],
    content_dir: Path,
    config_path: Path,
    extra: list[Path],
    stamp: frozenset,
) -> None:
    """Hand the sites the check loaded (files as in `stamp`, taken before it read them) to
    the next build in this process."""
    _SHARED.clear()
    _SHARED[_key(content_dir, config_path, extra)] = (stamp, sites)


def unshare() -> None:
    _SHARED.clear()


def _shared(content_dir: Path, config_path: Path, extra: list[Path], lang: str) -> Site | None:
    found = _SHARED.get(_key(content_dir, config_path, extra))
    if found is None or lang not in found[1]:
        return None
    stamp, sites = found
    if content_stamp(content_dir, config_path, extra) != stamp:
        _SHARED.clear()  # a file changed since the check read it: load it again
        return None
    return sites[lang]


def _context(env: Any) -> PageContext:
    page = env.page
    lang = languages.page_language(page, env.conf) if page else languages.build_language(env.conf)
    uri = languages.source_name(page.file) if page else "index.md"
    return PageContext(env.variables["carepages_site_in"](lang), uri, lang)


def define_env(env: Any) -> None:
    config_path = Path(env.conf["config_file_path"])
    content_dir = Path(env.conf["docs_dir"])
    draft = os.environ.get("CAREPAGES_DRAFT")
    extra = [config_path.parent / "drafts" / draft] if draft else []
    lang = languages.build_language(env.conf)

    @functools.cache
    def site_in(language: str) -> Site:
        shared = _shared(content_dir, config_path, extra, language)
        return shared or load(content_dir, config_path, extra, language)

    site = site_in(lang)
    env.variables["carepages_site"] = site
    env.variables["carepages_site_in"] = site_in
    # The clinic block is the one place an editor names the clinic: the header, the page
    # titles and the footer all follow it, in the language being built.
    assert site.clinic is not None  # load() refuses a site whose clinic has errors
    clinic = env.conf["extra"]["clinic"]
    clinic["tel"] = site.clinic.tel
    t = strings(lang)
    env.conf["extra"]["carepages_text"] = {
        key: t(key, opening_hours=site.clinic.opening_hours) for key in THEME_KEYS
    }
    # Escaped once here (Markup): Material prints site_name raw in <title>, aria-label and the
    # header, and through `| e` in title attributes; neither escapes Markup a second time.
    env.conf["site_name"] = escape(site.clinic.name)
    if site.clinic.sample:
        # The theme shows it on every page (the announcement bar in overrides/main.html).
        env.conf["extra"]["sample_notice"] = t("sample_notice", clinic=site.clinic.name)
    if site.clinic.logo:
        env.conf["theme"]["logo"] = site.clinic.logo

    for name in macros.MACROS:
        env.macro(_bound(name, env, content_dir.name), name)


def _bound(name: str, env: Any, folder: str) -> Any:
    def macro(*args: Any, **kwargs: Any) -> str:
        ctx = _context(env)
        try:
            return _placeholder(macros.call(name, ctx, *args, **kwargs))
        except MacroUsageError as exc:
            _MACRO_ERRORS.append(f"{folder}/{env.page.file.src_uri}: macro '{name}': {exc}")
            return ""

    macro.__name__ = name
    macro.__doc__ = macros.MACROS[name].__doc__
    return macro


def _after_title(markdown: str, block: str) -> str:
    """`block` right below the page's `# Title` line (the title stays the page's first
    heading, so MkDocs still takes the page's name from it), or at the top."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: index + 1], block, *lines[index + 1 :]])
    return f"{block}{markdown}"


# Options of mkdocs-macros' Environment that the sandbox keeps (its delimiters, loader, …).
_OPTIONS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix",
    "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
    "keep_trailing_newline", "undefined", "finalize", "autoescape", "loader",
)  # fmt: skip


def sandboxed(env: jinja2.Environment) -> ImmutableSandboxedEnvironment:
    """The same environment (options, macros, filters) as an immutable sandbox."""
    if isinstance(env, ImmutableSandboxedEnvironment):
        return env
    new = ImmutableSandboxedEnvironment(
        **{name: getattr(env, name) for name in _OPTIONS}, extensions=list(env.extensions)
    )
    new.globals.update(env.globals)
    new.filters.update(env.filters)
    new.tests.update(env.tests)
    return new


def on_pre_page_macros(env: Any) -> None:
    """Sandbox mkdocs-macros' Jinja, and refuse a page (or a title) that holds any template
    code besides plain calls of our macros with literal values."""
    env._env = sandboxed(env.env)  # mkdocs-macros builds its environment after define_env
    page = env.page
    where = f"{Path(env.conf['docs_dir']).name}/{page.file.src_uri}"
    first = _body_line(page)
    problems = [
        f"{where}:{first + line - 1}: {message}"
        for line, message in _template_code(env.env, env.markdown, set(macros.MACROS))
    ]
    problems += [
        f"{where}:1: title: {message}"
        for _, message in _template_code(env.env, str(page.title or ""), set())
    ]
    if problems:
        raise PluginError("\n".join(problems))


def _template_code(env: jinja2.Environment, text: str, names: set[str]) -> list[tuple[int, str]]:
    try:
        tree = env.parse(text)
        tokens = list(env.lex(text))
    except jinja2.TemplateSyntaxError as exc:
        return [(exc.lineno or 1, f"a macro is written wrongly ({exc.message})")]
    except RecursionError:
        return [(1, "a macro is written wrongly (brackets or braces are nested too deeply)")]
    comments = tuple(line for line, kind, _ in tokens if kind == "comment_begin")
    statements = tuple(line for line, kind, _ in tokens if kind in ("block_begin", "raw_begin"))
    found = template_code(tree, comments, names, statements)
    # A call of a name that is not one of ours (mkdocs-macros' own macros_info, context, …).
    found += [
        (call.lineno, f"there is no macro called '{call.node.name}'")
        for output in tree.find_all(jinja2.nodes.Output)
        for call in output.nodes
        if isinstance(call, jinja2.nodes.Call)
        and isinstance(call.node, jinja2.nodes.Name)
        and call.node.name not in names
    ]
    return found


def _body_line(page: Any) -> int:
    """The file line the page's Markdown starts on (below its front matter)."""
    try:
        text = Path(page.file.abs_src_path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError, TypeError):
        return 1
    return split_front_matter(text.replace("\r\n", "\n"), "")[2]


def on_post_page_macros(env: Any) -> None:
    """Every treatment page ends with its review line and disclaimer, a draft says so under
    its title, and every page gets its structured data (JSON-LD) for the head."""
    if _MACRO_ERRORS:
        message = "\n".join(_MACRO_ERRORS)
        _MACRO_ERRORS.clear()
        raise PluginError(message)
    ctx = _context(env)
    treatment = ctx.treatment
    if treatment is not None:
        env.markdown = f"{env.markdown}{_placeholder(macros.review_note(ctx, treatment))}"
    draft = treatment is not None and not treatment.published
    if draft or env.page.meta.get("status") == "draft" or os.environ.get("CAREPAGES_DRAFT"):
        title = treatment.title if treatment is not None and draft else ""
        banner = render("draft_banner", ctx.lang, title=title)
        env.markdown = _after_title(env.markdown, _placeholder(banner))
    site_url = env.conf.get("site_url") or ""
    url = urljoin(site_url, env.page.url) if site_url else ""
    env.page.meta["carepages_jsonld"] = jsonld(ctx, env.page.title, url, env.page.meta)
