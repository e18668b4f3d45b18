"""MkDocs hooks: the security policy and the clinic's colours on every page, titles escaped
once, and each page's navigation listing only its own treatment's pages.

Material embeds the whole navigation in every page, so a clinic with fifty treatments
would repeat fifty menus on each one; here a page sees Home, its treatment, the
site-wide questions and About, and nothing else.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from carepages.site import security
from carepages.site.macros import restore
from carepages.source import rawhtml

# A treatment's pages in reading order (MkDocs sorts them alphabetically).
_ORDER = {"index.md": 0, "recovery.md": 1, "faq.md": 2}


def _src(item: Any) -> str:
    return getattr(getattr(item, "file", None), "src_uri", "")


def on_nav(nav: Navigation, config: Any, files: Any) -> Navigation:
    for item in nav.items:
        if isinstance(item, Section):
            item.children.sort(key=lambda child: _ORDER.get(_src(child).rsplit("/", 1)[-1], 9))
    return nav


def on_page_context(context: dict, page: Page, config: Any, nav: Navigation) -> dict:
    own = page.file.src_uri.split("/", 1)[0] if "/" in page.file.src_uri else None
    items = [
        item
        for item in nav.items
        if not isinstance(item, Section)
        or (own is not None and any(_src(c).startswith(own + "/") for c in item.children))
    ]
    context["nav"] = Navigation(items, nav.pages)
    return context


def on_template_context(context: dict, template_name: str, config: Any) -> dict:
    """The 404 page has no page of its own, so on_page_context never trims its nav."""
    nav = context.get("nav")
    if template_name == "404.html" and nav is not None:
        items = [item for item in nav.items if not isinstance(item, Section)]
        context["nav"] = Navigation(items, nav.pages)
    return context


def on_config(config: Any) -> Any:
    """The policy and the clinic stylesheet's address, for overrides/main.html. Set here, not
    in mkdocs.yml, so no setting can weaken them (the output audit checks every page)."""
    config.extra["carepages_csp"] = security.CSP
    config.extra["carepages_referrer"] = security.REFERRER
    config.extra["carepages_clinic_css"] = security.CLINIC_CSS
    return config


def on_page_content(html: str, page: Page, config: Any, files: Any) -> str:
    """What the editor's Markdown became passes the allow-list of carepages.source.rawhtml
    (raw HTML and attribute lists included), and only then our components' HTML is put in.

    Every title and description reaches the templates as escaped HTML (Markup).

    Material prints page.title, page.meta.title and page.meta.description raw, and some of
    them through `| e` as well. A front-matter title is plain text; an H1 title is HTML text.
    Both become Markup: printed raw they come out escaped once, and `| e` leaves them alone."""
    if "title" in page.meta:
        page.meta["title"] = security.as_html_text(str(page.meta["title"]))
        page.title = page.meta["title"]
    elif page.title is not None:
        page.title = security.heading_as_html_text(page.title)
    if page.meta.get("description"):
        page.meta["description"] = security.as_html_text(str(page.meta["description"]))
    return restore(rawhtml.sanitise(html))


def on_files(files: Any, config: Any) -> Any:
    """The clinic's colours as a stylesheet (no inline <style> for the policy to allow), and
    for `make serve DRAFT=name`, drafts/name/ previewed as if it were content/name/."""
    import os
    from pathlib import Path

    clinic = config.extra.get("clinic") or {}
    files.append(
        File.generated(
            config,
            security.CLINIC_CSS,
            content=security.clinic_css(
                str(clinic.get("primary_colour", "#1f5f8b")),
                str(clinic.get("header_text_colour", "#ffffff")),
            ),
        )
    )
    draft = os.environ.get("CAREPAGES_DRAFT")
    if not draft:
        return files
    folder = Path(config["config_file_path"]).parent / "drafts" / draft
    for path in sorted(folder.glob("*.md")):
        if path.name == "conflicts.md":
            continue
        files.append(
            File(
                f"{draft}/{path.name}",
                src_dir=str(folder.parent),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )
    return files
