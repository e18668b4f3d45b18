"""A build killed at any step leaves site/ and the zip dist/ points to as a pair: both the old
build or both the new one. The next build removes what the killed one left in build/.

The kill is real: CAREPAGES_CRASH_AT=<step> makes the process end on the spot (os._exit,
no clean-up, like SIGKILL), and a second test sends SIGKILL at random instants."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from carepages.site.publish import ZIP_NAME
from tests.conftest import ROOT, run_carepages

# Every checkpoint of a build, in order (publish.py and build.py); "migrated-copy" is
# reached only from the layout before the zip moved into site/.
BUILD_STEPS = [
    "built",
    "audited",
    "zipped",
    "staged",
    "migrated-copy",
    "linked",
    "exchanged",
    "done",
]
PUBLISH_STEPS = ["staged", "migrated-copy", "linked", "moved-old", "exchanged", "done"]


def marker(root: Path) -> tuple[str | None, str | None]:
    """(the build mark of site/about.html, the mark inside the zip dist/ resolves to)."""

    def mark(text: str) -> str | None:
        found = re.search(r"BUILDMARK\w+", text)
        return found[0] if found else None

    about = root / "site/about.html"
    site_mark = mark(about.read_text()) if about.exists() else None
    link = root / "dist" / ZIP_NAME
    zip_mark = None
    if link.exists():
        with zipfile.ZipFile(link) as archive:
            zip_mark = mark(archive.read("carepages-site/about.html").decode())
    return site_mark, zip_mark


def set_mark(root: Path, name: str) -> None:
    about = root / "content/about.md"
    text = about.read_text()
    text = "\n".join(line for line in text.splitlines() if "BUILDMARK" not in line)
    about.write_text(f"{text}\n\nBUILDMARK{name} is this build.\n")


def build(root: Path, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    if crash_at:
        env["CAREPAGES_CRASH_AT"] = crash_at
    command = [sys.executable, "-m", "carepages", "build", "--root", str(root)]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)


def old_layout(root: Path) -> None:
    """What carepages published before: site/ without the zip, dist/ holding the zip file."""
    os.rename(root / "site" / ZIP_NAME, root / "dist" / ".moving")
    (root / "dist" / ZIP_NAME).unlink()
    os.rename(root / "dist" / ".moving", root / "dist" / ZIP_NAME)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lab.project import copy_project

    root = copy_project(tmp_path_factory.mktemp("kills") / "project")
    set_mark(root, "OLD")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


# "migrated-copy" and "linked" are reached only while dist/ does not link into site/ yet.
KILLS = [("old", step) for step in BUILD_STEPS] + [
    ("new", step) for step in BUILD_STEPS if step not in ("migrated-copy", "linked")
]


@pytest.mark.parametrize(("layout", "step"), KILLS, ids=[f"{s}-{layout}" for layout, s in KILLS])
def test_a_build_killed_at_each_step_leaves_a_matching_pair(built_once, tmp_path, layout, step):
    root = tmp_path / "project"
    import shutil

    shutil.copytree(built_once, root, symlinks=True)
    if layout == "old":
        old_layout(root)
    assert marker(root) == ("BUILDMARKOLD", "BUILDMARKOLD")
    set_mark(root, "NEW")

    killed = build(root, crash_at=step)

    assert killed.returncode == 137, killed.stdout + killed.stderr
    site_mark, zip_mark = marker(root)
    assert site_mark == zip_mark and site_mark in ("BUILDMARKOLD", "BUILDMARKNEW")
    assert (root / "site").is_dir() and not (root / "site").is_symlink()
    # The next build cleans up after the killed one and publishes.
    set_mark(root, "NEXT")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert marker(root) == ("BUILDMARKNEXT", "BUILDMARKNEXT")
    assert sorted(p.name for p in (root / "build").iterdir()) == [".lock"]
    assert not (root / "site.old").exists()
    assert os.readlink(root / "dist" / ZIP_NAME) == os.path.join("..", "site", ZIP_NAME)


CHILD = """
import errno, sys
from pathlib import Path
import carepages.site.publish as publish
if {fallback!r}:
    def refuse(a, b):
        raise OSError(errno.EINVAL, "no exchange here")
    publish.exchange = refuse
root = Path({root!r})
publish.publish(Path({staged!r}), root / "site", root / "dist", root / "build")
"""


def fake_site(folder: Path, mark: str) -> Path:
    folder.mkdir(parents=True)
    for index in range(20):
        (folder / f"page{index}.html").write_text(f"<p>{mark}</p>" * 300)
    (folder / "about.html").write_text(f"<p>{mark} </p>")
    with zipfile.ZipFile(folder / ZIP_NAME, "w") as archive:
        for path in sorted(folder.iterdir()):
            if path.name != ZIP_NAME:
                archive.write(path, f"carepages-site/{path.name}")
    return folder


def publish_child(root: Path, staged: Path, fallback: bool, crash_at: str | None = None, **kw):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    if crash_at:
        env["CAREPAGES_CRASH_AT"] = crash_at
    code = CHILD.format(fallback=fallback, root=str(root), staged=str(staged))
    return subprocess.Popen([sys.executable, "-c", code], env=env, **kw)


@pytest.mark.parametrize("fallback", [False, True], ids=["exchange", "two-renames"])
@pytest.mark.parametrize("layout", ["old", "new", "none"])
@pytest.mark.parametrize("step", PUBLISH_STEPS)
def test_publish_killed_at_each_step_in_each_layout(tmp_path, step, layout, fallback):
    root = tmp_path / "project"
    (root / "dist").mkdir(parents=True)
    if layout != "none":
        fake_site(root / "site", "BUILDMARKOLD")
        if layout == "old":
            os.rename(root / "site" / ZIP_NAME, root / "dist" / ZIP_NAME)
        else:
            os.symlink(os.path.join("..", "site", ZIP_NAME), root / "dist" / ZIP_NAME)
    staged = fake_site(root / "build/publish-1/site", "BUILDMARKNEW")

    publish_child(root, staged, fallback, crash_at=step).wait()

    site_mark, zip_mark = marker(root)
    if fallback and step == "moved-old" and layout != "none":
        # Between the two renames site/ is absent (never mismatched); the old one waits
        # in site.old for the next run to put back.
        assert (site_mark, zip_mark) == (None, None) and (root / "site.old").is_dir()
    elif not (layout == "none" and site_mark is None):
        assert site_mark == zip_mark and site_mark in ("BUILDMARKOLD", "BUILDMARKNEW")
    # The next publish recovers (a half-done two-rename swap, stale folders) and succeeds.
    staged = fake_site(root / "build/publish-2/site", "BUILDMARKNEXT")
    assert publish_child(root, staged, fallback).wait() == 0
    assert marker(root) == ("BUILDMARKNEXT", "BUILDMARKNEXT")
    assert list((root / "build").iterdir()) == []
    assert not (root / "site.old").exists()


def test_random_sigkills_never_split_the_pair(tmp_path):
    rng = random.Random(9)
    root = tmp_path / "project"
    (root / "dist").mkdir(parents=True)
    fake_site(root / "site", "BUILDMARK0")
    os.rename(root / "site" / ZIP_NAME, root / "dist" / ZIP_NAME)  # the old layout
    outcomes = set()
    for number in range(1, 41):
        staged = fake_site(root / f"build/publish-{number}/site", f"BUILDMARK{number}")
        child = publish_child(root, staged, fallback=number % 2 == 0, stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.08))
        child.send_signal(signal.SIGKILL)
        child.wait()
        site_mark, zip_mark = marker(root)
        assert site_mark == zip_mark, (number, site_mark, zip_mark)
        outcomes.add("new" if site_mark == f"BUILDMARK{number}" else "old")
    assert outcomes  # which were hit depends on timing; the pair held after every kill


def test_the_zip_is_inside_the_site_and_dist_links_to_it(built_once):
    link = built_once / "dist" / ZIP_NAME
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "site", ZIP_NAME)
    assert (built_once / "site" / ZIP_NAME).is_file()


def test_a_build_after_the_old_layout_keeps_no_work_folders(tmp_path):
    """Work folders of builds before this layout (build/site-XXXX) are swept too."""
    from lab.project import copy_project

    root = copy_project(tmp_path / "project")
    (root / "build/site-abc123/site").mkdir(parents=True)
    result = run_carepages("build", "--root", str(root), cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (root / "build").iterdir()) == [".lock"]
