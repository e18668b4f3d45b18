"""What the components add to every page stays small: our JS and our CSS are each within
their gzip budget in total, as shipped in the built site (minified by `carepages build`;
each file is sent on its own, so each is compressed on its own). A budget changes only with
its reason in BENCHMARKS.md."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

# CSS is 5 KB since the recovery plan's Today card, chart, checklist and printed handout
# (BENCHMARKS.md, notes: "Asset budgets").
BUDGETS = {"js": 4096, "css": 5120}
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!!python/name:", ""))
LISTED = {"js": CONFIG["extra_javascript"], "css": CONFIG["extra_css"]}


@pytest.mark.parametrize("kind", ["js", "css"])
def test_components_fit_the_gzip_budget(site_dir: Path, kind: str) -> None:
    folder = site_dir / "assets" / "components"
    names = [Path(entry).name for entry in LISTED[kind]]
    assert sorted(p.name for p in folder.glob(f"*.{kind}")) == sorted(names)
    sizes = {n: len(gzip.compress((folder / n).read_bytes(), compresslevel=9)) for n in names}
    assert all(sizes.values()), f"an empty component file: {sizes}"
    assert sum(sizes.values()) <= BUDGETS[kind], sizes


@pytest.mark.parametrize("kind", ["js", "css"])
def test_what_ships_is_minified_from_the_readable_sources(site_dir: Path, kind: str) -> None:
    sources = ROOT / "overrides" / "assets" / "components"
    for source in sources.glob(f"*.{kind}"):
        shipped = (site_dir / "assets" / "components" / source.name).read_bytes()
        assert len(shipped) < len(source.read_bytes()), source.name
        assert b"\n  " not in shipped, f"{source.name} still has its indentation"
