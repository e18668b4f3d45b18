"""MkDocs hooks: a treatment's pages in reading order, in the menu and in the footer's
Previous/Next; each treatment page's navigation lists only its own treatment's pages.

Material embeds the whole navigation in every page, so a clinic with fifty treatments
would repeat fifty menus on each one; here a treatment page sees Home, its treatment, the
site-wide questions and About. The site's own pages (home, questions, about) list every
treatment, each as one link (navigation.prune leaves their pages out).
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

# A treatment's pages in reading order (MkDocs sorts them alphabetically).
_ORDER = {"index.md": 0, "recovery.md": 1, "faq.md": 2}
# The site's own pages around the treatments: home first, then every treatment, then these.
_SITE_ORDER = {"index.md": 0, "faq.md": 2, "about.md": 3}


def _src(item: Any) -> str:
    return getattr(getattr(item, "file", None), "src_uri", "")


def _pages(items: list[Any]) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out += _pages(item.children)
    return out


def on_nav(nav: Navigation, config: Any, files: Any) -> Navigation:
    # Sections (treatments) sort as 1, between the home page and the questions and about pages.
    nav.items.sort(
        key=lambda item: 1 if isinstance(item, Section) else _SITE_ORDER.get(_src(item), 4)
    )
    for item in nav.items:
        if isinstance(item, Section):
            item.children.sort(key=lambda child: _ORDER.get(_src(child).rsplit("/", 1)[-1], 9))
    # MkDocs linked Previous/Next before the sort: link them again in the menu's order.
    pages = _pages(nav.items)
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after
    nav.pages = pages
    return nav


def on_page_context(context: dict, page: Page, config: Any, nav: Navigation) -> dict:
    if "/" not in page.file.src_uri:
        return context  # a site page lists every treatment
    own = page.file.src_uri.split("/", 1)[0] + "/"
    items = [
        item
        for item in nav.items
        if not isinstance(item, Section) or any(_src(c).startswith(own) for c in item.children)
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


def on_files(files: Any, config: Any) -> Any:
    """`make serve DRAFT=name` previews drafts/name/ as if it were content/name/."""
    import os
    from pathlib import Path

    from mkdocs.structure.files import File

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
