"""The carepages macros registered with mkdocs-macros (`macros/__init__.py` points here).

define_env runs once per language (mkdocs-static-i18n runs a whole MkDocs build per
language): it loads the content in the language being built, through the same loader
`carepages check` uses, and registers each macro of `carepages.components.macros` bound to
the page being rendered, in the language of that page's text (English for an untranslated
page another language's site shows instead).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from carepages.components import macros, render
from carepages.components.macros import MacroUsageError, PageContext
from carepages.components.strings import strings
from carepages.site import languages
from carepages.site.jsonld import jsonld
from carepages.source.content import Site, load_site

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
        return load(content_dir, config_path, extra, language)

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
    env.conf["site_name"] = site.clinic.name
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
            return macros.call(name, ctx, *args, **kwargs)
        except MacroUsageError as exc:
            _MACRO_ERRORS.append(f"{folder}/{env.page.file.src_uri}: macro '{name}': {exc}")
            return ""

    macro.__name__ = name
    macro.__doc__ = macros.MACROS[name].__doc__
    return macro


def _after_title(markdown: str, html: str) -> str:
    """`html` right below the page's `# Title` line (the title stays the page's first
    heading, so MkDocs still takes the page's name from it), or at the top."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: index + 1], "", html, "", *lines[index + 1 :]])
    return f"{html}\n\n{markdown}"


def on_post_page_macros(env: Any) -> None:
    """Every treatment page ends with its review line and disclaimer, and every page gets
    its structured data (JSON-LD) for the head."""
    if _MACRO_ERRORS:
        message = "\n".join(_MACRO_ERRORS)
        _MACRO_ERRORS.clear()
        raise PluginError(message)
    ctx = _context(env)
    if ctx.treatment is not None:
        env.markdown = f"{env.markdown}\n\n{macros.review_note(ctx, ctx.treatment)}\n"
    treatment = ctx.treatment
    draft = treatment is not None and not treatment.published
    if draft or env.page.meta.get("status") == "draft" or os.environ.get("CAREPAGES_DRAFT"):
        title = treatment.title if treatment is not None and draft else ""
        banner = render("draft_banner", ctx.lang, title=title)
        env.markdown = _after_title(env.markdown, str(banner))
    site_url = env.conf.get("site_url") or ""
    url = urljoin(site_url, env.page.url) if site_url else ""
    env.page.meta["carepages_jsonld"] = jsonld(ctx, env.page.title, url, env.page.meta)
