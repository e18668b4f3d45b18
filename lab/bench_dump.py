"""MkDocs hook used by `carepages bench`: saves each page's Markdown after the macros ran.

The saved pages let stock Material build exactly the same text with no macros, hooks or
theme overrides, so the bench can compare the two builds. It writes only when
CAREPAGES_BENCH_DUMP names a folder; the site's own config never loads it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

# Front matter stock Material understands; carepages' own keys stay behind.
KEPT_META = ("title", "description", "hide")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    folder = os.environ.get("CAREPAGES_BENCH_DUMP")
    if folder:
        target = Path(folder) / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: page.meta[k] for k in KEPT_META if k in page.meta}
        front = f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n" if meta else ""
        target.write_text(front + markdown, encoding="utf-8")
    return markdown
