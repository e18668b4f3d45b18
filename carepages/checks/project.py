"""What every check reads: the loaded site, each page read once (its Markdown, its macro calls
and what those calls render), and the date the checks run on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser
from selectolax.lexbor import LexborNode as Node

from carepages.components import macros
from carepages.components.macros import MacroUsageError, PageContext
from carepages.model.text import as_sentence, sentences
from carepages.source import rawhtml
from carepages.source.content import (
    Page,
    Shown,
    Site,
    TreatmentData,
    excluded_docs,
    load_page,
)
from carepages.source.languages import DEFAULT, english_name, language_of
from carepages.source.markdown import MarkdownDoc
from carepages.source.template import MacroCall, PageTemplate, is_literal_call


@dataclass
class RenderedHtml:
    """Ids, and the visible text as units (one per block), of a piece of rendered HTML.
    Elements marked `hidden` (controls shown only with JavaScript), `data-search-exclude`
    (notes for reviewing clinicians) and script data blocks are not page text."""

    ids: set[str] = field(default_factory=set)
    units: list[tuple[str, str]] = field(default_factory=list)  # (tag of the block, text)


@dataclass
class PageInfo:
    """A page as the site will publish it: its address in content/, its text and its ids."""

    uri: str  # its file in content/ (`microneedling/index.es.md` for a translation)
    page: Page
    treatment: TreatmentData | None
    template: PageTemplate
    doc: MarkdownDoc  # the prose, template constructs blanked
    lang: str = DEFAULT
    # Each macro call the page makes, with what its HTML holds (ids, visible text); the
    # HTML itself is not kept.
    rendered: list[tuple[MacroCall, RenderedHtml]] = field(default_factory=list)
    # False when a macro on the page could not be rendered, so its ids are unknown.
    anchors_known: bool = True
    anchors: set[str] = field(default_factory=set)
    # MkDocs leaves the file out of the site (exclude_docs in mkdocs.yml: conflicts.md).
    excluded: bool = False

    @property
    def published(self) -> bool:
        """False for pages a reader never sees (a draft treatment, a draft page, a file the
        site leaves out)."""
        if self.excluded or self.page.meta.status == "draft":
            return False
        return self.treatment is None or self.treatment.published


@dataclass
class Project:
    """The project in its default language (`site`), and in each other language the site is
    built in (`translations`); `pages` holds the pages of every language, by file."""

    root: Path
    site: Site
    today: dt.date
    shown: Shown
    pages: dict[str, PageInfo]
    translations: dict[str, Site] = field(default_factory=dict)

    def twin(self, uri: str, lang: str) -> PageInfo | None:
        """The page `uri` (an English page's file) in `lang`, if it is translated."""
        if lang == DEFAULT:
            return self.pages.get(uri)
        stem, _, ext = uri.rpartition(".")
        return self.pages.get(f"{stem}.{lang}.{ext}")

    @property
    def content_dir(self) -> Path:
        return self.site.content_dir

    def data_files(self) -> list[Path]:
        """Every YAML file under content/ (hidden folders skipped), drafts' files included."""
        paths = sorted(
            p
            for p in self.content_dir.rglob("*")
            if p.suffix in (".yml", ".yaml")
            and not any(
                part.startswith((".", "_")) for part in p.relative_to(self.content_dir).parts
            )
        )
        for data in self.site.treatments:
            for path in (data.folder / "treatment.yml", data.folder / "faq.yml"):
                if path not in paths:
                    paths.append(path)
        return paths

    def linkable_files(self) -> set[str]:
        """Every file a link may point to (data files are not published)."""
        return {
            path.relative_to(self.content_dir).as_posix()
            for path in self.content_dir.rglob("*")
            if path.is_file() and path.suffix not in (".yml", ".yaml")
        }


def load_project(
    root: Path, site: Site, today: dt.date, translations: dict[str, Site] | None = None
) -> Project:
    shown = Shown(root)
    owners = {id(page): data for data in site.treatments for page in data.pages.values()}
    pages: dict[str, Page] = {}
    treatments: dict[str, TreatmentData | None] = {}
    for page in site.pages:
        data = owners.get(id(page))
        uri = _uri(page, site, data)
        pages[uri] = page
        treatments[uri] = data
    # Every other page in content/ too (a treatment that failed to load, an extra page), so
    # one run shows every problem.
    for path in sorted(site.content_dir.rglob("*.md")):
        relative = path.relative_to(site.content_dir)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if language_of(path) != DEFAULT:
            continue  # a translation: read below, with its language's site
        uri = relative.as_posix()
        if uri not in pages:
            extra, _ = load_page(path, shown(path))
            if extra is not None:
                pages[uri] = extra
                treatments[uri] = (
                    site.treatment(relative.parts[0]) if len(relative.parts) > 1 else None
                )
    infos = {uri: _read(uri, page, treatments[uri], site) for uri, page in pages.items()}
    for lang, other in (translations or {}).items():
        owners = {id(page): data for data in other.treatments for page in data.pages.values()}
        for page in other.pages:
            if page.lang != lang:
                continue  # the English page stands in for a missing translation
            data = owners.get(id(page))
            uri = _uri(page, other, data)
            infos[uri] = _read(uri, page, data, other, lang)
    excluded = excluded_docs(site.config)
    for uri, info in infos.items():
        info.excluded = excluded(uri)
    return Project(root, site, today, shown, infos, dict(translations or {}))


def _uri(page: Page, site: Site, treatment: TreatmentData | None) -> str:
    try:
        return page.path.resolve().relative_to(site.content_dir.resolve()).as_posix()
    except ValueError:
        # A draft previewed with --draft lives outside content/ but is published as if inside.
        return f"{treatment.slug}/{page.path.name}" if treatment else page.path.name


def _read(
    uri: str, page: Page, treatment: TreatmentData | None, site: Site, lang: str = DEFAULT
) -> PageInfo:
    template = page.template
    info = PageInfo(uri, page, treatment, template, page.prose, lang)
    ctx = PageContext(site, english_name(uri), lang)
    for call in template.calls:
        if not is_literal_call(call.node, macros.MACROS):
            continue
        try:
            html = macros.call(call.name, ctx, *call.args, **dict(call.kwargs))
        except MacroUsageError:
            info.anchors_known = False
            continue
        info.rendered.append((call, read_html(html)))
    info.anchors = set(info.doc.anchors())
    for _, reading in info.rendered:
        info.anchors |= reading.ids
    for raw in info.doc.html:
        info.anchors |= {attrs["id"] for _, attrs in rawhtml.tags(raw.html) if attrs.get("id")}
    return info


# --- reading rendered HTML ----------------------------------------------------------------------

# Elements whose text reads as a unit; text runs inside other elements join their block.
_BLOCKS = {
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "th", "td", "caption", "dt", "dd",
    "legend", "label", "div", "section", "aside", "details", "ol", "ul", "table", "tr", "footer",
    "header", "blockquote", "figcaption", "br", "fieldset", "form", "nav",
}  # fmt: skip
_VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr", "col", "area"}


def read_html(html: str) -> RenderedHtml:
    """What `html` holds, read from the tree lexbor (selectolax) parses it into."""
    out = RenderedHtml()
    stack: list[str] = []  # the open elements' tags
    text: list[str] = []

    def flush() -> None:
        joined = " ".join("".join(text).split())
        if joined:
            block = next((tag for tag in reversed(stack) if tag in _BLOCKS), "div")
            out.units.append((block, joined))
        text.clear()

    def walk(node: Node, hidden: bool) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag or "-"
            if tag == "-text":
                if not hidden:
                    text.append(child.text_content or "")
                continue
            if tag.startswith(("-", "!")):
                continue  # a comment or the doctype
            names = child.attributes
            if names.get("id"):
                out.ids.add(str(names["id"]))
            if names.get("name") and tag == "a":
                out.ids.add(str(names["name"]))
            if tag in _BLOCKS:
                flush()
            if tag in _VOID:
                continue
            # A script or style element holds data or code, never text a reader sees.
            unseen = "hidden" in names or "data-search-exclude" in names
            stack.append(tag)
            walk(child, hidden or unseen or tag in ("script", "style"))
            if tag in _BLOCKS:
                flush()
            stack.pop()

    root = LexborHTMLParser(html).root
    if root is not None:
        walk(root, False)
    flush()
    return out


def rendered_sentences(reading: RenderedHtml) -> list[str]:
    """Visible text of rendered HTML as sentences: a paragraph keeps its own sentences,
    every other block (a heading, a list item, a cell, a question) reads as one."""
    out: list[str] = []
    for tag, text in reading.units:
        if tag in ("p", "dd", "blockquote", "div"):
            out += [as_sentence(sentence) for sentence in sentences(text)]
        else:
            out.append(as_sentence(text))
    return out
