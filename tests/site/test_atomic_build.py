"""A build swaps in a new site only when every step passed; otherwise the last good site
and zip stay byte-for-byte as they were."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_carepages, tree_hashes


def test_a_good_build_replaces_the_site_and_the_zip(project_with_a_good_site: Path) -> None:
    root = project_with_a_good_site
    before = tree_hashes(root / "site", root / "dist")
    about = root / "content/about.md"
    about.write_text(about.read_text() + "\nWe answer email within two working days.\n")

    result = run_carepages("build", "--root", str(root), cwd=root)

    assert result.returncode == 0, result.stdout + result.stderr
    after = tree_hashes(root / "site", root / "dist")
    assert after != before
    assert "within two working days" in (root / "site/about.html").read_text()
    assert not list(root.glob("site.old")) and not list((root / "dist").glob("*.old"))
    # The last line says where the offline copy is, as the reader would find it.
    last = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"carepages: built \d+ pages into site/ and the offline copy "
        r"dist/carepages-site\.zip \(\d+ KB\) in [\d.]+ s",
        last,
    ), last


def test_a_failure_inside_mkdocs_leaves_the_last_good_site(project_with_a_good_site: Path) -> None:
    root = project_with_a_good_site
    before = tree_hashes(root / "site", root / "dist")
    config = root / "mkdocs.yml"
    # Content that passes the check, but a config MkDocs refuses.
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - no-such-plugin\n"))

    result = run_carepages("build", "--root", str(root), cwd=root)

    assert result.returncode == 1
    assert "carepages: building pages (mkdocs build --strict)" in result.stdout
    assert "build stopped; the last good site and zip are unchanged" in result.stdout
    assert 'The "no-such-plugin" plugin is not installed' in result.stderr
    assert tree_hashes(root / "site", root / "dist") == before
    assert not [p for p in (root / "build").iterdir() if p.name.startswith("site-")]
