"""mkdocs-macros module: registers the carepages components as macros. Kept thin: the data
comes from `carepages.content`, the HTML from `macros.components`."""

from __future__ import annotations

import functools
import inspect
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from macros import pages
from macros.components import render


def define_env(env: Any) -> None:
    config_path = Path(env.conf["config_file_path"])
    content_dir = Path(env.conf["docs_dir"])
    draft = os.environ.get("CAREPAGES_DRAFT")
    extra = [config_path.parent / "drafts" / draft] if draft else []
    site = pages.load(content_dir, config_path, extra)
    env.variables["carepages_site"] = site
    # The clinic block is the one place an editor names the clinic: the header, the page
    # titles and the footer all follow it.
    env.conf["extra"]["clinic"]["tel"] = site.clinic.tel
    env.conf["site_name"] = site.clinic.name
    if site.clinic.logo:
        env.conf["theme"]["logo"] = site.clinic.logo

    def macro(fn):
        """Register fn; a call with wrong parameters names the page and the macro.

        The problem is raised after the page has rendered (on_post_page_macros): raised
        inside the template, mkdocs-macros would print a Jinja traceback at the editor."""
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any):
            where = f"{content_dir.name}/{env.page.file.src_uri if env.page else '?'}"
            try:
                signature.bind(*args, **kwargs)
            except TypeError as exc:
                _MACRO_ERRORS.append(
                    f"{where}: macro '{fn.__name__}' was called with wrong parameters ({exc}); "
                    f"it takes ({', '.join(signature.parameters)})"
                )
                return ""
            try:
                return fn(*args, **kwargs)
            except pages.MacroUsageError as exc:
                _MACRO_ERRORS.append(f"{where}: macro '{fn.__name__}': {exc}")
                return ""

        env.macro(wrapper, fn.__name__)
        return wrapper

    @macro
    def timeline(treatment: str | None = None):
        data = pages.treatment_for(site, env.page, treatment)
        return render("timeline", slug=data.slug, title=data.title, steps=data.treatment.timeline)

    @macro
    def activity_table(treatment: str | None = None):
        data = pages.treatment_for(site, env.page, treatment)
        return render("activity_table", slug=data.slug, rows=pages.activity_rows(site, data))

    @macro
    def faq(treatment: str | None = None):
        data = pages.treatment_for(site, env.page, treatment)
        return render("faq", groups=[pages.faq_group(data, titled=False)], heading_level=2)

    @macro
    def faq_all():
        groups = [pages.faq_group(t, titled=True) for t in pages.published(site)]
        return render("faq", groups=groups, heading_level=3)

    @macro
    def when_to_call(treatment: str | None = None):
        data = pages.treatment_for(site, env.page, treatment)
        return render("when_to_call", clinic=site.clinic, signs=data.treatment.call_us_if)

    @macro
    def treatment_list():
        return render("treatment_list", treatments=pages.treatment_cards(site, env.page))

    @macro
    def source_notes(treatment: str | None = None, open: bool = False):
        data = pages.treatment_for(site, env.page, treatment)
        return pages.render_source_notes(data, open=open)

    @macro
    def all_source_notes():
        return "\n".join(pages.render_source_notes(t, open=False) for t in pages.published(site))


_MACRO_ERRORS: list[str] = []


def on_post_page_macros(env: Any) -> None:
    """Every treatment page ends with its review line and disclaimer, and every page gets
    its structured data (JSON-LD) for the head."""
    if _MACRO_ERRORS:
        message = "\n".join(_MACRO_ERRORS)
        _MACRO_ERRORS.clear()
        raise PluginError(message)
    site = env.variables["carepages_site"]
    data = pages.treatment_of_page(site, env.page)
    if data is not None:
        env.markdown = f"{env.markdown}\n\n{pages.review_note(site, data, env.page)}\n"
    env.page.meta["carepages_jsonld"] = pages.jsonld(site, data, env.page, env.conf)
