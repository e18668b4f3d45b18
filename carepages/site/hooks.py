"""MkDocs hooks: the security policy and the clinic's colours on every page, titles escaped
once, what editors' Markdown becomes sanitised before our components go in; a treatment's
pages in reading order, in the menu and in the footer's Previous/Next; each treatment page's
navigation listing only its own treatment's pages; and each language of the site getting
what mkdocs-static-i18n does not give it.

Material embeds the whole navigation in every page, so a clinic with fifty treatments
would repeat fifty menus on each one; here a treatment page sees Home, its treatment, the
site-wide questions and About. The site's own pages (home, questions, about) list every
treatment, each as one link (navigation.prune leaves their pages out).

With a second language, the plugin builds the site once per language on one config object
(English into site/, then Spanish into site/es/, each a full build with every event below).
What these hooks add (each a no-op on a one-language site):

- search per language: one index per language (search/ and es/search/), each with its own
  pages and its own lunr stemmer only, and their offline .js twins; a Spanish page loads its
  own because its `base_url` is the Spanish root. (The plugin merges every language into
  one index, and the offline plugin's .js keeps whichever language was built last.)
- an untranslated page on the Spanish site: a notice in Spanish, the English text marked
  lang="en", out of the Spanish search and the sitemap, canonical to the English page;
- a 404 page per language (the plugin leaves one, in the last language built, whose
  switcher points at whatever page was rendered last: mkdocs-static-i18n issue #284);
- hreflang alternates in sitemap.xml (overrides/sitemap.xml) instead of the page head.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import sys
import weakref
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

# MkDocs loads this file by path; `python -m mkdocs` from the project folder (what
# `carepages build` runs) can import carepages already, the plain `mkdocs` script cannot.
_PROJECT = str(Path(__file__).resolve().parents[2])
if _PROJECT not in sys.path:
    sys.path.insert(0, _PROJECT)

from carepages.components.strings import strings  # noqa: E402
from carepages.site import languages, lazysearch, security  # noqa: E402
from carepages.site.macros import restore  # noqa: E402
from carepages.source import rawhtml  # noqa: E402

# A treatment's pages in reading order (MkDocs sorts them alphabetically).
_ORDER = {"index.md": 0, "recovery.md": 1, "faq.md": 2}
# The site's own pages around the treatments: home first, then every treatment, then these.
_SITE_ORDER = {"index.md": 0, "faq.md": 2, "about.md": 3}

# The 404 page of each language, as that language's build rendered it.
_NOT_FOUND: dict[str, str] = {}


def _src(item: Any) -> str:
    return languages.source_name(getattr(item, "file", None))


def _search_plugin(config: Any) -> Any | None:
    return config.plugins.get("material/search") or config.plugins.get("search")


@event_priority(100)  # before the search plugin creates this language's index
def on_config(config: Any) -> Any:
    """The policy and the clinic stylesheet's address, for overrides/main.html. Set here, not
    in mkdocs.yml, so no setting can weaken them (the output audit checks every page)."""
    config.extra["carepages_csp"] = security.CSP
    config.extra["carepages_referrer"] = security.REFERRER
    config.extra["carepages_clinic_css"] = security.CLINIC_CSS
    search = _search_plugin(config)
    if search is not None and languages.plugin(config) is not None:
        # One stemmer per index: lunr.es on the Spanish pages, nothing extra on the English.
        search.config.lang = [languages.build_language(config)]
    return config


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    """The theme's templates compiled once and kept under .cache/jinja/ (Jinja recompiles a
    template whose source changed, and ignores a cache another Python wrote): the pages come
    out the same, the build skips compiling Material's templates again."""
    folder = Path(config["config_file_path"]).parent / ".cache" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env  # a read-only project builds, only without the cache
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def _pages(items: list[Any]) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        elif isinstance(item, Section):
            out += _pages(item.children)
    return out


def on_nav(nav: Navigation, config: Any, files: Any) -> Navigation:
    # A treatment's section is named by its title in the language being built (MkDocs
    # would take the folder name). define_env has run earlier in this same build.
    macros = config.plugins.get("macros")
    site = getattr(macros, "variables", {}).get("carepages_site") if macros else None
    # Sections (treatments) sort as 1, between the home page and the questions and about pages.
    nav.items.sort(
        key=lambda item: 1 if isinstance(item, Section) else _SITE_ORDER.get(_src(item), 4)
    )
    for item in nav.items:
        if isinstance(item, Section):
            item.children.sort(key=lambda child: _ORDER.get(_src(child).rsplit("/", 1)[-1], 9))
            slug = _src(item.children[0]).split("/", 1)[0] if item.children else ""
            data = site.treatment(slug) if site is not None else None
            if data is not None:
                item.title = data.title
    # MkDocs linked Previous/Next before the sort: link them again in the menu's order.
    pages = _pages(nav.items)
    for before, page, after in zip([None, *pages[:-1]], pages, [*pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after
    nav.pages = pages
    return nav


# Each build's (and language's) navigation → its treatments' navigations.
_TREATMENT_NAVS: weakref.WeakKeyDictionary[Navigation, dict[str, Navigation]] = (
    weakref.WeakKeyDictionary()
)


def _treatment_navs(nav: Navigation) -> dict[str, Navigation]:
    """Each treatment's navigation (the site's pages and that treatment's section), by the
    treatment's folder: worked out once per build and language, when the first page asks,
    so a page's lookup costs the same at 10 treatments as at 1000."""
    navs = _TREATMENT_NAVS.get(nav)
    if navs is None:
        folders: dict[str, set[int]] = {}
        for index, item in enumerate(nav.items):
            if isinstance(item, Section):
                for child in item.children:
                    source = _src(child)
                    if "/" in source:
                        folders.setdefault(source.split("/", 1)[0], set()).add(index)
        navs = {
            folder: Navigation(
                [
                    item
                    for index, item in enumerate(nav.items)
                    if not isinstance(item, Section) or index in sections
                ],
                nav.pages,
            )
            for folder, sections in folders.items()
        }
        _TREATMENT_NAVS[nav] = navs
    return navs


def _site_nav(nav: Navigation) -> Navigation:
    """The navigation without any treatment section."""
    return Navigation([item for item in nav.items if not isinstance(item, Section)], nav.pages)


@event_priority(10)  # before the search plugin (0) indexes the page
def on_page_context(context: dict, page: Page, config: Any, nav: Navigation) -> dict:
    source = languages.source_name(page.file)
    if "/" in source:  # a site page (home, questions, about) lists every treatment
        context["nav"] = _treatment_navs(nav).get(source.split("/", 1)[0], _site_nav(nav))

    prefix = languages.prefix(languages.build_language(config), config)
    if prefix:
        # Material loads search/search_index.json (.js offline) from __config.base: point a
        # Spanish page at site/es/, where its own index is. Asset links follow the page.
        context["base_url"] = get_relative_url(prefix, page.url)
    if languages.is_fallback(page, config):
        page.meta["search"] = {"exclude": True}  # Spanish search finds Spanish text only
        english = languages.alternate_url(page, languages.default_language(config))
        if english is not None and config.site_url:
            page.canonical_url = urljoin(config.site_url, english)
    return context


def on_page_content(html_text: str, page: Page, config: Any, files: Any) -> str:
    """What the editor's Markdown became passes the allow-list of carepages.source.rawhtml
    (raw HTML and attribute lists included), and only then our components' HTML is put in.
    An untranslated page on another language's site then says so in that language, and marks
    its text as the language it is in (screen readers switch voice, browsers offer to
    translate).

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
    html_text = restore(rawhtml.sanitise(html_text))
    if not languages.is_fallback(page, config):
        return html_text
    lang = languages.build_language(config)
    notice = html.escape(strings(lang)("page_untranslated"))
    return (
        f'<div class="admonition info cp-untranslated" lang="{lang}" role="note">'
        f'<p class="admonition-title">{notice}</p></div>\n'
        f'<div lang="{languages.page_language(page, config)}">\n{html_text}\n</div>'
    )


# Material's head links to each language version of the page, and its JavaScript then
# fetches sitemap.xml beside every such link on every page load: a 404 on a server and a
# CORS error from file://. The alternates are in sitemap.xml instead (overrides/sitemap.xml).
_HEAD_ALTERNATE = re.compile(r'\n?[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


@event_priority(-50)
def on_post_page(output: str, page: Page, config: Any) -> str:
    if len(languages.build_languages(config)) > 1:
        output = _HEAD_ALTERNATE.sub("", output)
    return output


def on_template_context(context: dict, template_name: str, config: Any) -> dict:
    """The 404 page has no page of its own, so on_page_context never trims its nav; its
    language switcher goes to each language's home page."""
    nav = context.get("nav")
    if template_name == "404.html" and nav is not None:
        items = [item for item in nav.items if not isinstance(item, Section)]
        context["nav"] = Navigation(items, nav.pages)
    langs = languages.build_languages(config)
    if template_name == "404.html" and len(langs) > 1:
        # 404 links are absolute: the page may be served at any depth.
        root = urlsplit(config.site_url or "/").path or "/"
        homes = [
            {
                "name": languages.language_name(config, lang),
                "link": f"{root.rstrip('/')}/{languages.prefix(lang, config)}index.html",
                "lang": lang,
            }
            for lang in langs
        ]
        # The plugin sets the attribute, which Jinja reads before the key: set both.
        config.extra.alternate = homes
        config.extra["alternate"] = homes
    return context


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if template_name == "404.html" and len(languages.build_languages(config)) > 1:
        lang = languages.build_language(config)
        prefix = languages.prefix(lang, config)
        if prefix:
            # Search on the Spanish 404 uses the Spanish index.
            root = urlsplit(config.site_url or "/").path or "/"
            output = output.replace(f'"base": "{root}"', f'"base": "{root}{prefix}"', 1)
        output = _HEAD_ALTERNATE.sub("", output)
        _NOT_FOUND[lang] = output
    return output


@event_priority(-150)  # after the offline plugin (-100) and mkdocs-static-i18n (-100)
def on_post_build(config: Any) -> None:
    """Once every language is built: one 404 page and one search index per language, and
    search that loads when the reader first uses it (carepages.site.lazysearch)."""
    if not languages.is_last_build(config):
        return
    langs = languages.build_languages(config)
    site = Path(config.site_dir)
    try:
        lazysearch.lazy_search(site)
    except lazysearch.LazySearchError as exc:
        raise PluginError(str(exc)) from None
    if len(langs) > 1:
        for lang, text in _NOT_FOUND.items():
            target = site / languages.prefix(lang, config) / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        split_search_index(site, langs, config)
    _NOT_FOUND.clear()


def split_search_index(site: Path, langs: list[str], config: Any) -> None:
    """The plugin leaves site/search/search_index.json with every language's pages
    (`es/...` locations) and the lunr languages of all: write one index per language."""
    merged_path = site / "search" / "search_index.json"
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    prefixes = {lang: languages.prefix(lang, config) for lang in langs}
    others = tuple(p for p in prefixes.values() if p)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    write_js = offline is not None and offline.config.enabled
    for lang, prefix in prefixes.items():
        if prefix:
            docs = [
                {**doc, "location": doc["location"][len(prefix) :]}
                for doc in merged["docs"]
                if doc["location"].startswith(prefix)
            ]
        else:
            docs = [doc for doc in merged["docs"] if not doc["location"].startswith(others)]
        if not docs and not prefix:  # the merged index changed shape: never ship it empty
            raise PluginError(f"search: no pages found for the '{lang}' search index")
        index = {"config": {**merged["config"], "lang": [lang]}, "docs": docs}
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        folder = site / prefix / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(text, encoding="utf-8")
        if write_js:
            # What the offline plugin writes, for this language's index.
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files: Any, config: Any) -> Any:
    """The clinic's colours as a stylesheet (no inline <style> for the policy to allow), and
    for `make serve DRAFT=name`, drafts/name/ previewed as if it were content/name/."""
    clinic = config.extra.get("clinic") or {}
    css = security.clinic_css(
        str(clinic.get("primary_colour", "#1f5f8b")),
        str(clinic.get("header_text_colour", "#ffffff")),
    )
    # Written to a file (not held in memory) because mkdocs-static-i18n sorts every file of
    # the site by its source path, once per language.
    generated = Path(config["config_file_path"]).parent / ".cache" / "theme" / "clinic.css"
    generated.parent.mkdir(parents=True, exist_ok=True)
    if not generated.exists() or generated.read_text("utf-8") != css:
        generated.write_text(css, "utf-8")
    if security.CLINIC_CSS not in files.src_uris:
        files.append(File.generated(config, security.CLINIC_CSS, abs_src_path=str(generated)))
    draft = os.environ.get("CAREPAGES_DRAFT")
    if not draft:
        return files
    folder = Path(config["config_file_path"]).parent / "drafts" / draft
    pages = Files(
        [
            File(
                f"{draft}/{path.name}",
                src_dir=str(folder.parent),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
            for path in sorted(folder.glob("*.md"))
            if path.name != "conflicts.md"
        ]
    )
    i18n = languages.plugin(config)
    if i18n is not None:
        # mkdocs-static-i18n keeps only the pages under docs_dir (each in the language being
        # built, under es/ for Spanish): it is handed the draft's pages with drafts/ as
        # their docs_dir, and the sitemap's list of this language's pages gains them.
        draft_config = copy.copy(config)
        draft_config["docs_dir"] = str(folder.parent)
        pages = i18n.reconfigure_files(pages, draft_config)
    for page in pages:
        files.append(page)
    if i18n is not None:
        i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()
    return files
