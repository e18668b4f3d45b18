"""`carepages check` on the real content, its exit codes, and the macros it checks pages
against."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from carepages.components.macros import MACROS
from tests.conftest import ROOT, TODAY, run_carepages


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


def test_every_macro_a_page_may_call_is_registered_with_mkdocs_macros() -> None:
    import macros

    env = _RecordingEnv()
    macros.define_env(env)

    assert sorted(env.macros) == sorted(MACROS)
    assert "timeline" in env.macros and "faq_all" in env.macros
