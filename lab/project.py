"""A working copy of this carepages project: what the tests build on and what the benchmarks
and the synthetic generator start from."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    """The shared folder with the source documents: beside the project (a clone, CI), or
    beside a folder that holds it (a worktree under another folder)."""
    for folder in ROOT.parents:
        if (folder / "shared" / "seeds").is_dir():
            return folder / "shared"
    return ROOT.parent / "shared"


SHARED = _shared()
SEEDS_DIR = SHARED / "seeds"
SOURCES_DIR = SHARED / "sources"
# What a project needs besides its content; node_modules is linked, not copied.
PROJECT_PARTS = ("mkdocs.yml", "macros", "overrides", "carepages")


def copy_project(
    target: Path, parts: tuple[str, ...] = (*PROJECT_PARTS, "content"), root: Path = ROOT
) -> Path:
    """A working copy of the project's parts in `target`, sharing the npm packages."""
    target.mkdir(parents=True, exist_ok=True)
    for name in parts:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    if (root / "node_modules").exists():
        (target / "node_modules").symlink_to(root / "node_modules")
    return target


def set_language_build(root: Path, lang: str, build: bool) -> None:
    """Switch a language of the project's site on or off: its `build:` line in mkdocs.yml,
    the one line a clinic changes."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    start = text.index(f"- locale: {lang}")
    line = text.index("build:", start)
    end = text.index("\n", line)
    config.write_text(f"{text[:line]}build: {'true' if build else 'false'}{text[end:]}", "utf-8")
