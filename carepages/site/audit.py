"""The output audit: before a build is published, every HTML, SVG and CSS file of the new site
and the search index are read with real parsers (lexbor, as a browser with scripting on;
tinycss2 for CSS) and anything the theme and our overrides do not ship is refused, naming
the source page and the element.

This audit is what "the site makes no request to another host and runs no code we did not
ship" rests on; the checks on content stay for their early, precise messages. The policy
in every page's <meta> is the second wall in the browser; on file:// it allows any local
file, so local addresses must stay inside the site too.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tinycss2
from selectolax.lexbor import LexborHTMLParser, LexborNode

from carepages.site import security

# Elements no page of ours has: they embed, run, hide markup from this audit or change
# every address on the page.
REFUSED_TAGS = frozenset(
    {
        "base", "object", "embed", "applet", "iframe", "frame", "frameset", "portal",
        "fencedframe", "template", "noscript", "style", "animate", "set", "animatemotion",
        "animatetransform", "discard", "foreignobject", "handler", "listener",
    }
)  # fmt: skip
# Attributes whose value is an address.
URL_ATTRS = frozenset(
    {
        "src", "href", "xlink:href", "srcset", "imagesrcset", "poster", "data", "background",
        "action", "formaction", "ping", "manifest", "codebase", "cite", "longdesc", "lowsrc",
        "dynsrc", "archive", "classid", "profile", "itemtype", "attributionsrc",
    }
)  # fmt: skip
# Attributes never shipped: they start code or requests without a script.
REFUSED_ATTRS = frozenset({"autofocus", "formaction", "srcdoc", "ping", "attributionsrc"})
# <link rel> values that only name a related page; every other rel may fetch.
NAMING_RELS = frozenset({"canonical", "alternate", "prev", "next", "author", "license", "help"})
# Where an address is followed only when a reader chooses to (links), not loaded.
FOLLOWED = {("a", "href"), ("area", "href")}
FOLLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
# SVG attributes that take url(): fill, stroke, filter, mask, clip-path, marker-*.
CSS_VALUE_ATTRS = frozenset(
    {"fill", "stroke", "filter", "mask", "clip-path", "marker-start", "marker-mid", "marker-end"}
)
DOCUMENTS = (".html", ".htm", ".xhtml", ".xht", ".svg", ".xml")
NEVER = frozenset({"javascript", "vbscript", "file", "blob", "filesystem", "data"})
_STRIPPED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True, order=True)
class Finding:
    """Something the built site must not publish: its source, the built file, what it is."""

    source: str
    built: str
    message: str

    def __str__(self) -> str:
        where = (
            self.built if self.source == self.built else f"{self.source} (built as {self.built})"
        )
        return f"{where}: {self.message}"


def scheme(url: str) -> str:
    """The scheme a browser reads in `url` (entities already decoded): tabs and line breaks
    anywhere are dropped, leading control characters and spaces too. '//' for an address
    on another host without a scheme, '' for a relative one."""
    value = _STRIPPED.sub("", url).lstrip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(value)
    if match:
        return match[1].lower()
    return "//" if value[:2] in ("//", "\\\\", "/\\", "\\/") else ""


def _urls(attr: str, value: str) -> list[str]:
    if attr in ("srcset", "imagesrcset"):
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    if attr == "archive":
        return value.replace(",", " ").split()
    return [value]


def css_urls(css: str) -> list[str]:
    """Every address a stylesheet can load: url tokens, url()/src() functions, strings in
    image-set() and @import, with CSS escapes decoded by the tokenizer."""
    found: list[str] = []

    # tinycss2 has no type information: its nodes are read by their `type` field.
    def walk(tokens: Iterable[Any] | None, in_image_set: bool = False) -> None:
        for token in tokens or ():
            kind = getattr(token, "type", "")
            if kind == "url":
                found.append(token.value)
            elif kind == "function":
                name = token.lower_name
                arguments = token.arguments
                if name in ("url", "src"):
                    found.extend(a.value for a in arguments if a.type in ("string", "url"))
                walk(arguments, in_image_set=name in ("image-set", "-webkit-image-set"))
            elif kind == "string" and in_image_set:
                found.append(token.value)
            elif kind in ("() block", "[] block", "{} block"):
                walk(token.content, in_image_set)
            elif kind == "at-rule":
                if token.lower_at_keyword == "import":
                    prelude = token.prelude
                    found.extend(a.value for a in prelude if a.type == "string")
                walk(token.prelude)
                walk(token.content)
            elif kind in ("qualified-rule", "declaration"):
                walk(getattr(token, "prelude", None))
                walk(getattr(token, "content", None) or getattr(token, "value", None))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return found


class _Site:
    """The built site: which files exist, which came from content/ (editors' files)."""

    def __init__(self, root: Path, content: Path | None):
        self.root = root
        self.content = content
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    def source_of(self, built: str) -> str:
        """The editor's file a built file came from (content/x/y.md for x/y.html)."""
        if self.content is None:
            return built
        folder = self.content.name
        if built.endswith(".html"):
            page = built[: -len(".html")] + ".md"
            if (self.content / page).is_file():
                return f"{folder}/{page}"
        if (self.content / built).is_file():
            return f"{folder}/{built}"
        return built

    def from_content(self, path: str) -> bool:
        return self.content is not None and (self.content / path).is_file()


def _local(url: str, page: str, site: _Site, absolute_ok: bool) -> str | None:
    """Why a local address is refused (None when it stays inside the site)."""
    path = _STRIPPED.sub("", url).strip().split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    if path.startswith("/"):
        if not absolute_ok:
            return "starts with '/', which from the offline copy is any file on the computer"
        resolved = posixpath.normpath(path.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if resolved == ".." or resolved.startswith("../"):
        return "points outside the site, which from the offline copy is any file on the computer"
    return None


def _resolve(url: str, page: str) -> str:
    path = url.strip().split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):
        return posixpath.normpath(path.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def _describe(node: LexborNode) -> str:
    attrs = " ".join(
        f'{name}="{(value or "")[:40]}"' if value else name
        for name, value in list(node.attributes.items())[:4]
    )
    return f"<{(node.tag or '').lower()}{' ' + attrs if attrs else ''}>"


def audit_html(
    text: str, page: str, site: _Site, whole_page: bool = True, fragment: str = ""
) -> Iterator[str]:
    """What is refused in one HTML document (or, with whole_page False, a fragment such as
    a search result, which Material inserts as HTML)."""
    tree = LexborHTMLParser(text, scripting=True)
    absolute_ok = posixpath.basename(page) == "404.html"  # served from the site root only
    policies: list[LexborNode] = []
    referrers: list[str] = []
    root = tree.root
    if root is None:
        return
    for node in root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if not tag or tag.startswith(("-", "#")):
            continue
        element = _describe(node)
        attrs = {name.lower(): value or "" for name, value in node.attributes.items()}
        if tag in REFUSED_TAGS:
            yield f"{element}{fragment}: <{tag}> is never published"
        for name, value in attrs.items():
            if name.startswith("on"):
                yield f"{element}{fragment}: the attribute '{name}' would run code"
            elif name in REFUSED_ATTRS:
                yield f"{element}{fragment}: the attribute '{name}' is never published"
            elif name == "style":
                yield f"{element}{fragment}: a style attribute is never published (the policy blocks it)"
            elif name == "title" and "<" in value:
                yield f"{element}{fragment}: a title with '<' would become HTML in a tooltip"
            if name in CSS_VALUE_ATTRS and "url(" in value.lower():
                for url in css_urls(f"x{{{name}:{value}}}"):
                    if scheme(url) or _local(url, page, site, absolute_ok):
                        yield f"{element}{fragment}: '{name}' loads '{url[:60]}'"
            if name in URL_ATTRS:
                for url in _urls(name, value):
                    problem = _url_problem(tag, name, url, attrs, page, site, absolute_ok)
                    if problem:
                        yield f"{element}{fragment}: {problem}"
        if tag in ("use", "feimage") and any(
            not attrs[key].strip().startswith("#") for key in ("href", "xlink:href") if key in attrs
        ):
            yield f"{element}{fragment}: an SVG <{tag}> may only point into the same page (#id)"
        if tag == "script":
            if "src" in attrs:
                target = _resolve(attrs["src"], page)
                if scheme(attrs["src"]) or target not in site.files or site.from_content(target):
                    yield f"{element}{fragment}: a script the theme does not ship"
            elif attrs.get("type", "").strip().lower() not in DATA_SCRIPT_TYPES:
                yield f"{element}{fragment}: an inline script is never published"
        if tag == "form" and ("action" in attrs or "method" in attrs or "target" in attrs):
            yield f"{element}{fragment}: a form that sends anything is never published"
        if tag == "meta":
            equiv = attrs.get("http-equiv", "").strip().lower()
            if equiv == "content-security-policy" and whole_page:
                policies.append(node)
            elif "http-equiv" in attrs:
                yield f"{element}{fragment}: <meta http-equiv> is never published (only the policy)"
            if attrs.get("name", "").strip().lower() == "referrer":
                referrers.append(attrs.get("content", ""))
    if not whole_page:
        return
    if len(policies) != 1 or policies[0].attributes.get("content") != security.CSP:
        yield f"the page must carry exactly one Content-Security-Policy, carepages' own (found {len(policies)})"
    elif not _first_in_head(tree, policies[0]):
        yield "the Content-Security-Policy must come right after <meta charset> in <head>"
    if referrers != [security.REFERRER]:
        yield f"the page must carry exactly one referrer policy, '{security.REFERRER}'"


def _first_in_head(tree: LexborHTMLParser, policy: LexborNode) -> bool:
    head = tree.head
    if head is None:
        return False
    children = [child for child in head.iter(include_text=False)]
    before = children[: children.index(policy)] if policy in children else None
    return before is not None and all(
        (child.tag or "").lower() == "meta" and "charset" in child.attributes for child in before
    )


def _url_problem(
    tag: str,
    attr: str,
    url: str,
    attrs: dict[str, str],
    page: str,
    site: _Site,
    absolute_ok: bool,
) -> str | None:
    kind = scheme(url)
    shown = url.strip()[:60]
    if kind in NEVER:
        return f"'{attr}' is a '{kind}:' address, which is never published"
    if (tag, attr) in FOLLOWED:
        if kind and kind != "//" and kind not in FOLLOWED_SCHEMES:
            return f"'{attr}' is a '{kind}:' address, which is never published"
        return None if kind else _local(url, page, site, absolute_ok)
    # A sitemap names each page's other languages with XHTML's <link> (xhtml:link).
    if tag in ("link", "xhtml:link") and attr == "href":
        rels = set(attrs.get("rel", "").lower().split())
        if rels and rels <= NAMING_RELS:
            return None if kind in ("", "//", "http", "https") else f"'{attr}' '{shown}'"
    if kind:
        return f"'{attr}' loads '{shown}' from another host"
    return _local(url, page, site, absolute_ok)


def audit_css(text: str, built: str, site: _Site) -> Iterator[str]:
    for url in css_urls(text):
        kind = scheme(url)
        if kind == "data" and url.strip().lower().startswith("data:image/"):
            continue  # Material's icons: an image, which runs nothing and loads nothing
        if kind:
            yield f"loads '{url.strip()[:60]}' from another host"
        else:
            problem = _local(url, built, site, absolute_ok=False)
            if problem:
                yield f"'{url.strip()[:60]}' {problem}"


def audit_search_index(data: object, site: _Site) -> Iterator[Finding]:
    """Material inserts each search result's title and text as HTML."""
    docs = data.get("docs", []) if isinstance(data, dict) else []
    for doc in docs if isinstance(docs, list) else []:
        if not isinstance(doc, dict):
            continue
        location = str(doc.get("location", ""))
        page = location.split("#", 1)[0] or "index.html"
        source = site.source_of(page)
        for key in ("title", "text"):
            value = doc.get(key)
            if isinstance(value, str) and "<" in value:
                for message in audit_html(
                    value, page, site, whole_page=False, fragment=f" in the search {key}"
                ):
                    yield Finding(source, "search/search_index.json", message)
        if scheme(location):
            yield Finding(
                source, "search/search_index.json", f"a search result points to '{location[:60]}'"
            )


def audit_site(root: Path, content: Path | None = None) -> list[Finding]:
    """Everything in the built site at `root` that must not be published (sorted)."""
    site = _Site(root, content)
    found: list[Finding] = []
    for built in sorted(site.files):
        path = root / built
        suffix = path.suffix.lower()
        if suffix in DOCUMENTS:
            text = path.read_text("utf-8", errors="replace")
            whole = suffix in (".html", ".htm", ".xhtml", ".xht") and "<html" in text[:2000].lower()
            for message in audit_html(text, built, site, whole_page=whole):
                found.append(Finding(site.source_of(built), built, message))
        elif suffix == ".css":
            for message in audit_css(path.read_text("utf-8", errors="replace"), built, site):
                found.append(Finding(site.source_of(built), built, message))
        if suffix in (".js", ".mjs", ".html", ".htm", ".xhtml", ".xht") and site.from_content(
            built
        ):
            found.append(
                Finding(
                    site.source_of(built),
                    built,
                    "a script or HTML file from content/ would be published as it is: "
                    "write the page in Markdown instead",
                )
            )
    index = root / "search" / "search_index.json"
    if index.is_file():
        try:
            data = json.loads(index.read_text("utf-8"))
        except ValueError:
            found.append(
                Finding("search/search_index.json", "search/search_index.json", "does not parse")
            )
        else:
            found += audit_search_index(data, site)
    return sorted(set(found))
