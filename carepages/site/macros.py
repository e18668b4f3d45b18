"""The carepages macros registered with mkdocs-macros (`macros/__init__.py` points here).

define_env loads the content once, through the same loader `carepages check` uses, and
registers each macro of `carepages.components.macros` bound to the page being rendered.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from carepages.components import macros
from carepages.components.macros import MacroUsageError, PageContext
from carepages.components.strings import strings
from carepages.site.jsonld import jsonld
from carepages.source.content import Site, load_site

# Problems found while rendering a page's macros; raised after the page has rendered
# (on_post_page_macros), because raised inside the template, mkdocs-macros would print a
# Jinja traceback at the editor.
_MACRO_ERRORS: list[str] = []


def load(content_dir: Path, config_path: Path, extra: list[Path]) -> Site:
    site = load_site(content_dir, config_path, extra_treatments=extra)
    if site.errors:
        listing = "\n".join(str(p) for p in site.errors)
        raise PluginError(
            f"the content has {len(site.errors)} error(s):\n{listing}\n"
            "Fix them and build again (`make check` lists them too)."
        )
    return site


def _context(env: Any, site: Site) -> PageContext:
    return PageContext(site, env.page.file.src_uri if env.page else "index.md")


def define_env(env: Any) -> None:
    config_path = Path(env.conf["config_file_path"])
    content_dir = Path(env.conf["docs_dir"])
    draft = os.environ.get("CAREPAGES_DRAFT")
    extra = [config_path.parent / "drafts" / draft] if draft else []
    site = load(content_dir, config_path, extra)
    env.variables["carepages_site"] = site
    # The clinic block is the one place an editor names the clinic: the header, the page
    # titles and the footer all follow it.
    assert site.clinic is not None  # load() refuses a site whose clinic has errors
    env.conf["extra"]["clinic"]["tel"] = site.clinic.tel
    env.conf["site_name"] = site.clinic.name
    if site.clinic.sample:
        # The theme shows it on every page (the announcement bar in overrides/main.html).
        lang = env.conf["theme"].get("language") or "en"
        env.conf["extra"]["sample_notice"] = strings(lang)("sample_notice", clinic=site.clinic.name)
    if site.clinic.logo:
        env.conf["theme"]["logo"] = site.clinic.logo

    for name in macros.MACROS:
        env.macro(_bound(name, env, site, content_dir.name), name)


def _bound(name: str, env: Any, site: Site, folder: str) -> Any:
    def macro(*args: Any, **kwargs: Any) -> str:
        ctx = _context(env, site)
        try:
            return macros.call(name, ctx, *args, **kwargs)
        except MacroUsageError as exc:
            _MACRO_ERRORS.append(f"{folder}/{ctx.src_uri}: macro '{name}': {exc}")
            return ""

    macro.__name__ = name
    macro.__doc__ = macros.MACROS[name].__doc__
    return macro


def on_post_page_macros(env: Any) -> None:
    """Every treatment page ends with its review line and disclaimer, and every page gets
    its structured data (JSON-LD) for the head."""
    if _MACRO_ERRORS:
        message = "\n".join(_MACRO_ERRORS)
        _MACRO_ERRORS.clear()
        raise PluginError(message)
    site = env.variables["carepages_site"]
    ctx = _context(env, site)
    if ctx.treatment is not None:
        env.markdown = f"{env.markdown}\n\n{macros.review_note(ctx, ctx.treatment)}\n"
    env.page.meta["carepages_jsonld"] = jsonld(
        ctx, env.page.title, env.conf["theme"]["language"], env.conf.get("site_url") or ""
    )
