"""MkDocs hook used by `carepages bench`: saves each page's Markdown after the macros ran.

The saved pages let stock Material build exactly the same text with no macros, hooks or
theme overrides, so the bench can compare the two builds. The macros leave a placeholder
word where each component goes (its HTML is put back after the page is converted and
sanitised); the saved copy has the component's HTML written out in its place, so stock
Material converts and lays out the same HTML our pages carry. It writes only when
CAREPAGES_BENCH_DUMP names a folder; the site's own config never loads it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from carepages.site.macros import restore

# Front matter stock Material understands; carepages' own keys stay behind.
KEPT_META = ("title", "description", "hide")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    folder = os.environ.get("CAREPAGES_BENCH_DUMP")
    if folder:
        target = Path(folder) / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: page.meta[k] for k in KEPT_META if k in page.meta}
        front = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
        target.write_text(front + restore(markdown, keep=True), encoding="utf-8")
    return markdown
