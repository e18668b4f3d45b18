"""What the components add to every page stays small: our JS and our CSS are each at most
4 KB gzipped in total, as shipped in the built site."""

from __future__ import annotations

import gzip

import pytest

BUDGET = 4096


@pytest.mark.parametrize(
    ("kind", "names"),
    [("js", ["timeline.js", "faq.js"]), ("css", ["carepages.css", "timeline.css", "faq.css"])],
)
def test_components_fit_the_gzip_budget(site_dir, kind, names):
    folder = site_dir / "assets" / "components"
    assert sorted(p.name for p in folder.glob(f"*.{kind}")) == sorted(names)
    sizes = {n: len(gzip.compress((folder / n).read_bytes(), compresslevel=9)) for n in names}
    assert all(sizes.values()), f"an empty component file: {sizes}"
    assert sum(sizes.values()) <= BUDGET, sizes
