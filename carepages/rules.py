"""Content rules beyond the schema: links, markup, contrast, readability, freshness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from carepages.content import Site
from carepages.problems import Problem


def check_site(site: Site, root: Path, today: dt.date) -> list[Problem]:
    return []
