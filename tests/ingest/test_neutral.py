"""Source text made inert for a draft: each kind of syntax a source may carry comes out as the
words it was, and Markdown shows them as written."""

from __future__ import annotations

import html as entities

import markdown
import pytest

from carepages.ingest.draft import safe_text
from carepages.ingest.neutral import inert, shown_name


@pytest.mark.parametrize(
    ("source", "inert_text"),
    [
        ("{{ config.__class__ }}", "&#123;&#123; config.\\_\\_class\\_\\_ &#125;&#125;"),
        ("{% include 'x' %}", "&#123;% include 'x' %&#125;"),
        ("{# note #}", "&#123;# note #&#125;"),
        (
            "Heals *well*{ tabindex=0 onfocus=alert(1) }",
            "Heals \\*well\\*&#123; tabindex=0 onfocus=alert(1) &#125;",
        ),
        ("<img src=x onerror=alert(1)>Text", "Text"),
        ("a < b and c > d", "a &lt; b and c &gt; d"),
        ("`code` and ``more``", "\\`code\\` and \\`\\`more\\`\\`"),
        ("[link](javascript:alert(1))", "\\[link\\](javascript:alert(1))"),
        ("![img](https://evil.example/a.png)", "!\\[img\\](https://evil.example/a.png)"),
        ("Smith & Jones, R&D, &amp;", "Smith & Jones, R&amp;D, &"),
        ("# Heading", "\\# Heading"),
        ("> quote", "&gt; quote"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("back\\slash", "back\\\\slash"),
        ("line\nbreaks\tand   spaces", "line breaks and spaces"),
    ],
)
def test_each_kind_of_syntax_becomes_words(source: str, inert_text: str) -> None:
    assert inert(source) == inert_text


@pytest.mark.parametrize(
    "source", ["{{ x }} and {% y %}", "a < b & c", "*x* _y_ `z`", "[a](b)", "# not a heading"]
)
def test_markdown_shows_inert_text_as_it_was_written(source: str) -> None:
    html = markdown.markdown(inert(source))
    shown = html.removeprefix("<p>").removesuffix("</p>")
    assert entities.unescape(shown) == source


def test_the_draft_writer_uses_it() -> None:
    text = "x #}{{ cycler.__init__ }}{# <b>y</b>"
    assert safe_text(text) == inert(text)


def test_names_show_line_breaks_and_invisible_characters_as_escapes() -> None:
    assert shown_name("plain name.txt") == "plain name.txt"
    assert shown_name("two\nlines.txt") == "two\\nlines.txt"
    assert shown_name("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert shown_name('quote\'s "x".txt') == 'quote\'s "x".txt'
