"""The HTML an editor may write in a page, defined once: the tags, the attributes and the
addresses allowed. `carepages check` reports anything else with its line (`problems`);
the build passes everything the editor's Markdown became through the same allow-list
(`sanitise`, nh3) before our components' own HTML is put in, so what the check cannot see
(Python-Markdown reads some markup differently) is removed all the same.
"""

from __future__ import annotations

import re

import nh3
from selectolax.lexbor import LexborHTMLParser

TAGS = frozenset(
    {
        "p", "br", "hr", "div", "span", "strong", "b", "em", "i", "u", "s", "small", "sub",
        "sup", "mark", "abbr", "cite", "q", "code", "kbd", "samp", "var", "pre", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th",
        "td", "caption", "colgroup", "col", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img",
        "figure", "figcaption", "details", "summary", "section", "aside", "del", "ins", "time",
    }
)  # fmt: skip
# Attributes any allowed tag may have, and those of particular tags.
GLOBAL_ATTRS = frozenset({"id", "class", "title", "lang", "dir"})
TAG_ATTRS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "td": frozenset({"colspan", "rowspan"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Elements whose content is dropped with them (what they hold is code, not text).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_STRIPPED = re.compile(r"[\t\n\r]")


def attributes_of(tag: str) -> frozenset[str]:
    return GLOBAL_ATTRS | TAG_ATTRS.get(tag, frozenset())


def scheme(url: str) -> str:
    """The scheme a browser reads (tabs and line breaks dropped), '//' for another host."""
    value = _STRIPPED.sub("", url).lstrip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(value)
    if match:
        return match[1].lower()
    return "//" if value[:2] in ("//", "\\\\", "/\\", "\\/") else ""


# The document a fragment is parsed into: the parser makes these; an editor's attributes
# on them (`<body onload=…>`) are still read.
_FRAME = frozenset({"html", "head", "body"})


def tags(fragment: str) -> list[tuple[str, dict[str, str]]]:
    """The elements of a piece of HTML as a browser reads it (head and body alike):
    (tag, attributes); the document's own html, head and body only if they have attributes."""
    root = LexborHTMLParser(fragment, scripting=True).root
    found = []
    for node in root.traverse(include_text=False) if root is not None else ():
        tag = (node.tag or "").lower()
        if not tag or tag.startswith(("-", "#")):
            continue
        attrs = {k.lower(): v or "" for k, v in node.attributes.items()}
        if tag not in _FRAME or attrs:
            found.append((tag, attrs))
    return found


def problems(fragment: str) -> list[str]:
    """What the allow-list refuses in a piece of an editor's HTML, one message each."""
    found: list[str] = []
    for tag, attributes in tags(fragment):
        if tag == "script":
            found.append(
                "a <script> tag would run code on the page: remove it (pages may not contain scripts)"
            )
            continue
        if tag in ("iframe", "object", "embed", "frame", "frameset"):
            found.append(
                f"an <{tag}> tag would embed another page: remove it and add a normal link instead"
            )
            continue
        if tag not in TAGS and tag not in _FRAME:
            found.append(
                f"the HTML tag <{tag}> is not allowed in a page: remove it (pages may use "
                "plain tags such as <p>, <strong>, <a>, <img>, <details> and tables)"
            )
            continue
        allowed = attributes_of(tag) if tag not in _FRAME else frozenset()
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"the HTML attribute '{name}=' would run code: remove it")
            elif name not in allowed:
                found.append(
                    f"the HTML attribute '{name}' is not allowed on <{tag}>: remove it "
                    f"(allowed: {', '.join(sorted(allowed))})"
                )
            elif name == "title" and ("<" in value or ">" in value):
                found.append("a title attribute may not contain '<' or '>': write the words out")
            elif name in ("href", "src"):
                kind = scheme(value)
                if kind in ("javascript", "vbscript"):
                    found.append(
                        "a 'javascript:' address would run code: remove it (links must go to a "
                        "page or a web address)"
                    )
                elif kind and kind != "//" and (name == "src" or kind not in LINK_SCHEMES):
                    found.append(
                        f"the address '{value.strip()[:60]}' in {name}= is not allowed: link to a "
                        "page, a file next to it, or a web address (http, https, mailto, tel)"
                    )
    return found


def sanitise(html: str) -> str:
    """An editor's HTML (what their Markdown became) with only the allowed tags, attributes
    and addresses left; the content of scripts and the like goes with them."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attributes_of(tag)) for tag in TAGS},
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
