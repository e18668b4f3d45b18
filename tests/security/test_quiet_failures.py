"""No traceback reaches an editor: a broken project, a closed pipe or a missing folder each
end in one line that names the file, and the command exits non-zero (or quietly)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from carepages.site.build import SHIM, fork_shim
from tests.conftest import ROOT, run_carepages


def test_ingest_json_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    for number in range(40):
        (sources / f"doc{number}.txt").write_text(
            "Microneedling\n\nMicroneedling makes tiny holes in the skin so it heals.\n" * 20
        )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = f"{sys.executable} -m carepages ingest {sources} --json | head -c 50"
    result = subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.stdout.startswith('{"documents"')
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("content-is-a-file", "carepages: {root}/content: Not a directory"),
        ("content-is-missing", "carepages: {root}/content: No such file or directory"),
    ],
)
def test_a_project_without_its_content_folder_is_one_line(tmp_path, setup, expected) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    if setup == "content-is-a-file":
        (root / "content").write_text("not a folder\n")
    for command in ("check", "build"):
        result = run_carepages(command, "--root", str(root), cwd=root)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [expected.format(root=root)]
        assert "Traceback" not in result.stdout


def test_the_search_shim_is_adapted_to_load_its_frame_script_from_a_file() -> None:
    forked = fork_shim((ROOT / SHIM).read_text("utf-8"))
    assert "<script>postMessage" not in forked
    assert 'data-worker="${e}"' in forked and "../theme/iframe-worker-boot.js" in forked
    assert (ROOT / "overrides/assets/theme/iframe-worker-boot.js").is_file()


def test_a_shim_that_changed_upstream_stops_the_build_with_one_line() -> None:
    from carepages.site.build import BuildFailed

    with pytest.raises(BuildFailed, match="is not the iframe-worker 1.0.4"):
        fork_shim('"use strict";(()=>{console.log("a newer shim")})();')
