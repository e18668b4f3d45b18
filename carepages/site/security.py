"""The site's Content-Security-Policy and referrer policy, the clinic's colours as a stylesheet,
and the escaping of editor-written names that Material's templates print.

The policy is one constant for every page, every clinic, from file:// and from a web server:
nothing inline runs or applies (Material's two inline scripts are files in overrides/, the
clinic's colours are a generated stylesheet, and the search shim's frame loads its bootstrap
from a file), so no hash or nonce is needed.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

CSP_DIRECTIVES: tuple[str, ...] = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    # Material's stylesheet draws its icons as data:image/svg+xml masks.
    "img-src 'self' data:",
    "font-src 'self'",
    # Over http the search index is fetched and the search runs in a Worker; from file://
    # both come in through <script> in a hidden about:blank frame, which no fetch
    # directive governs.
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'none'",
    "media-src 'none'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
)
CSP = "; ".join(CSP_DIRECTIVES)
REFERRER = "no-referrer"
# Sent as HTTP headers by hosts that can (README: Deploying); a <meta> cannot carry it.
NOSNIFF = "nosniff"

CLINIC_CSS = "assets/theme/clinic.css"
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def clinic_css(primary: str, header_text: str) -> str:
    """The clinic's colours as Material's custom properties (a file, so style-src 'self' is
    enough). The schema has checked the colours; they are checked again because they are
    written into CSS."""
    for value in (primary, header_text):
        if not _COLOUR.fullmatch(value):
            raise ValueError(f"not a colour written like #1f5f8b: {value!r}")
    return (
        ":root {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {primary};\n"
        f"  --md-primary-fg-color--dark: {primary};\n"
        f"  --md-primary-bg-color: {header_text};\n"
        f"  --md-accent-fg-color: {primary};\n"
        "}\n"
    )


def as_html_text(value: str) -> Markup:
    """A plain-text value (a front-matter title, the clinic's name) as escaped HTML, marked
    safe: Material's raw `{{ … }}` then prints it escaped, and its `| e` does not escape it a
    second time ("Smith & Jones" never becomes "Smith &amp;amp; Jones")."""
    return value if isinstance(value, Markup) else escape(value)


def heading_as_html_text(value: str) -> Markup:
    """A title MkDocs took from the page's H1: HTML text already (tags stripped, entities
    kept). Through plain text and back, so it is escaped exactly once."""
    return escape(Markup(value).striptags())


# Both are printed into content="…" attributes by overrides/main.html.
assert not set('"<>&') & set(CSP + REFERRER)
