"""`carepages check` on the real content, its exit codes, its speed, and the macro list it
checks pages against."""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from carepages import rules
from carepages.check import collect
from tests.check.conftest import TODAY
from tests.conftest import ROOT, run_carepages


def test_the_published_content_is_clean(
    check_output: Callable[..., tuple[int, list[str]]],
) -> None:
    assert check_output(ROOT) == (0, ["0 errors, 0 warnings"])


def test_a_folder_without_mkdocs_yml_is_a_usage_error(tmp_path: Path) -> None:
    result = run_carepages("check", "--today", TODAY, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.strip() == (
        f"carepages: no mkdocs.yml in {tmp_path}: run this from the project folder"
    )


def test_checking_the_sample_site_takes_under_a_second() -> None:
    collect(ROOT)  # first run pays for imports and textstat's caches
    started = time.perf_counter()
    collect(ROOT)
    assert time.perf_counter() - started < 1.0


class _RecordingEnv:
    """Just enough of mkdocs-macros' env for define_env to register its macros."""

    def __init__(self) -> None:
        self.conf: dict[str, Any] = {
            "config_file_path": str(ROOT / "mkdocs.yml"),
            "docs_dir": str(ROOT / "content"),
            "extra": {"clinic": {}},
            "theme": {},
            "site_name": "",
        }
        self.variables: dict[str, Any] = {}
        self.page = None
        self.macros: dict[str, Any] = {}

    def macro(self, fn: Any, name: str | None = None) -> Any:
        self.macros[name or fn.__name__] = fn
        return fn


def test_the_checked_macro_list_matches_the_macros_the_site_registers() -> None:
    import macros

    env = _RecordingEnv()
    macros.define_env(env)

    registered = {name: tuple(inspect.signature(fn).parameters) for name, fn in env.macros.items()}
    assert registered == rules.MACROS
