"""`python -m lab hostile-check`: how long `carepages check` takes on 1 MB of hostile Markdown.

Each shape is a page body of repeated syntax that makes naive parsers backtrack or nest
(unclosed tags, braces, brackets, emphasis runs, long white space, deep quotes, …), written
into a copy of the project as its about page; the check of the whole project is timed.
`make check` must stay linear in its input: every shape should check in well under 2 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from lab.project import copy_project

SIZE = 1_000_000  # bytes of page body, just under the 1 MB page limit

# name → the unit repeated until the body holds SIZE bytes
SHAPES: dict[str, str] = {
    "unclosed-tags": "<a b ",
    "closed-tags": "<a b>",
    "tags-across-lines": "<div\n",
    "quoted-attributes": '<img alt="',
    "braces": "{",
    "attr-lists": "{: a ",
    "jinja-comment-lookalikes": "{#a",
    "jinja-openers": "{{ ",
    "statement-openers": "{% ",
    "brackets": "[",
    "link-openers": "](",
    "images": "![a",
    "emphasis": "*a_",
    "strong-runs": "**a",
    "backtick-runs": "`` a ` ",
    "spaces-then-text": " " * 99 + "x",
    "blockquotes": "> ",
    "nested-lists": "- ",
    "entities": "&#",
    "html-comments": "<!-- ",
    "cdata": "<![CDATA[",
    "headings": "# a {: #b }\n",
    "reference-definitions": "[a]: ",
    "table-pipes": "| a ",
    "sentences": "Word. ",
    "one-long-word": "a",
}
# The same marks spread out, so the page stays within the budget of marks a page may hold
# (carepages.source.content.MAX_MARKS) and is read in full.
_FILLER = " plain words to reach the budget of marks"
SHAPES.update(
    {
        f"{name}-within-budget": unit + _FILLER * (len(unit) + 1)
        for name, unit in {
            "brackets": "[",
            "images": "![a",
            "emphasis": "*a_",
            "closed-tags": "<a b>",
            "bad-tags": "<svg/onload=x>",
            "attr-lists": "{: a }",
            "backticks": "`` a ` ",
            "entities": "&#",
            "headings": "\n# a {: #b }\n",
        }.items()
    }
)


def hostile_body(unit: str, size: int = SIZE) -> str:
    return "# Hostile\n\n" + unit * ((size - 20) // len(unit)) + "\n"


def time_shape(root: Path, unit: str) -> float:
    from carepages.checks import collect

    (root / "content" / "about.md").write_text(hostile_body(unit), "utf-8")
    started = time.perf_counter()
    collect(root)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab hostile-check", description=__doc__)
    parser.add_argument("--shape", action="append", help="only these shapes (repeatable)")
    parser.add_argument("--limit", type=float, default=2.0, help="seconds a shape may take")
    args = parser.parse_args(argv)
    shapes = {name: SHAPES[name] for name in args.shape} if args.shape else SHAPES
    slow = 0
    with tempfile.TemporaryDirectory(prefix="hostile-check-") as tmp:
        root = copy_project(Path(tmp) / "project")
        time_shape(root, "warm up. ")  # imports, textstat's dictionary
        for name, unit in shapes.items():
            seconds = time_shape(root, unit)
            slow += seconds >= args.limit
            mark = "SLOW" if seconds >= args.limit else "ok"
            print(f"{name:<26} {seconds:6.2f} s  {mark}", flush=True)
    print(f"{len(shapes)} shapes of {SIZE / 1e6:.0f} MB, {slow} at or over {args.limit:g} s")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
