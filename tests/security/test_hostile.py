"""The hostile corpus: each file in hostile/ tries one attack on a copy of the project, and is
either refused with the file named (the exact message an editor sees) or built into a site on
which Chromium opens no dialog and asks no other host for anything.

A case file (YAML) says what it `tries`, its `class`, how to change the project (`about`:
the body of content/about.md from line 7; `files`: whole files; `replace`: [old, new] in a
file; `sources`: source documents for ingest) and what must happen (`run`: check, build,
mkdocs (the build without `carepages check` in front, to test the walls behind it) or
ingest; `refused`: lines of output, `@line` being the line `replace` changed; `built`: the
site is built and browsed).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from carepages.components.macros import MACROS
from carepages.source.template import split_template, template_code
from tests.conftest import ROOT, TODAY, run_carepages
from tests.security.browsing import visit_site

HOSTILE = Path(__file__).parent / "hostile"
CASES = sorted(HOSTILE.glob("*.yml"))
CLASSES = {
    "template code",
    "stored xss",
    "request without script",
    "publish",
    "traceback",
    "unbounded time",
    "ingest",
}
ABOUT_HEAD = "---\ntitle: About this information\n---\n\n# About this information\n\n"
# What a payload that ran would leave (`touch carepages-hostile-ran`, in the project folder).
MARKER = "carepages-hostile-ran"


def load(path: Path) -> dict:
    case = yaml.safe_load(path.read_text("utf-8"))
    assert case["class"] in CLASSES, path.name
    keys = ("refused", "built", "stderr", "draft_contains", "pair")
    assert any(case.get(key) for key in keys), path
    assert "TOUCH" not in path.read_text("utf-8")
    return case


def apply(case: dict, root: Path) -> None:
    if "about" in case:
        (root / "content/about.md").write_text(ABOUT_HEAD + case["about"], "utf-8")
    for name, text in (case.get("files") or {}).items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    for name, (old, new) in (case.get("replace") or {}).items():
        text = (root / name).read_text("utf-8")
        assert old in text, (name, old)
        (root / name).write_text(text.replace(old, new, 1), "utf-8")
    for name, target in (case.get("links") or {}).items():
        (root / name).symlink_to(target)


def replaced_line(case: dict) -> int:
    """The line of the real project where the case's one `replace` begins (`@line` in
    `refused`), so a message about an edited file keeps up with the file's other lines."""
    ((name, (old, _new)),) = (case.get("replace") or {}).items()
    text = (ROOT / name).read_text("utf-8")
    return text.count("\n", 0, text.index(old)) + 1


def run(case: dict, root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    kind = case.get("run", "check")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT), CAREPAGES_TODAY=TODAY)
    if kind == "check":
        # In this process (the check of a case takes a fraction of a second); a traceback
        # would fail the test as an error.
        from carepages.__main__ import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["check", "--root", str(root), "--today", TODAY])
        return subprocess.CompletedProcess([], code, out.getvalue(), err.getvalue())
    if kind == "build" and case.get("crash_at"):
        # A good build first, then one killed at the step, both marked in the about page.
        for mark, crash in (("OLD", None), ("NEW", case["crash_at"])):
            about = root / "content/about.md"
            about.write_text(about.read_text().split("\nBUILDMARK")[0] + f"\nBUILDMARK{mark}\n")
            result = subprocess.run(
                [sys.executable, "-m", "carepages", "build", "--root", str(root)],
                cwd=root,
                env={**env, **({"CAREPAGES_CRASH_AT": crash} if crash else {})},
                capture_output=True,
                text=True,
            )
        return result
    if kind == "build":
        return run_carepages("build", "--root", str(root), cwd=root)
    if kind == "mkdocs":
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")]
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert kind == "ingest", kind
    sources = tmp_path / "sources"
    sources.mkdir()
    for name, text in (case.get("sources") or {}).items():
        (sources / name).write_text(text, "utf-8")
    for name, target in (case.get("source_links") or {}).items():
        (sources / name).symlink_to(target)
    args = ["ingest", str(sources), "--slug", "hostile", "--quiet", *case.get("args", [])]
    return run_carepages(*args, cwd=root)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_hostile_case_is_refused_or_harmless(path: Path, fresh_project: Path, tmp_path, browser):
    case = load(path)
    root = fresh_project
    apply(case, root)
    result = run(case, root, tmp_path)
    output = result.stdout + result.stderr
    lines = output.splitlines()
    assert "Traceback" not in output, output
    assert not (root / MARKER).exists(), "the payload ran"
    for line in case.get("refused") or []:
        if "@line" in line:
            line = line.replace("@line", str(replaced_line(case)))
        assert line in lines, output
    if case.get("refused"):
        assert result.returncode != 0, output
        assert not (root / "site").exists()
    for line in case.get("stderr") or []:
        line = line.replace("{src}", str(tmp_path / "sources"))
        assert line in result.stderr.splitlines(), result.stderr
    for text in case.get("draft_contains") or []:
        draft = "".join(p.read_text("utf-8") for p in (root / "drafts/hostile").glob("*"))
        assert text in draft
    if case.get("draft_clean"):
        check = run_carepages(
            "check", "--root", str(root), "--today", TODAY, "--draft", "hostile", cwd=root
        )
        errors = [line for line in check.stdout.splitlines() if ": error: " in line]
        # The draft writer leaves step and sign ids to the editor (its own errors, not ours).
        assert [e for e in errors if "has no id: add a line 'id:" not in e] == [], check.stdout
        for page in (root / "drafts/hostile").glob("*.md"):
            template = split_template(page.read_text("utf-8"))
            assert template.tree is None or not template_code(
                template.tree, template.comments, MACROS
            ), page.read_text("utf-8")
    if case.get("pair"):
        assert result.returncode == 137, output
        assert built_marks(root) in (["BUILDMARKOLD"] * 2, ["BUILDMARKNEW"] * 2)
        again = run_carepages("build", "--root", str(root), cwd=root)
        assert again.returncode == 0, again.stdout + again.stderr
        assert sorted(p.name for p in (root / "build").iterdir()) == [".lock"]
    if case.get("built"):
        if case.get("run") == "ingest":
            (root / "drafts/hostile").rename(root / "content/hostile")
            (root / "content/hostile/conflicts.md").unlink(missing_ok=True)
            give_ids(root / "content/hostile/treatment.yml")
        if case.get("run") != "build":
            result = run_carepages("build", "--root", str(root), cwd=root)
            assert result.returncode == 0, result.stdout + result.stderr
        else:
            assert result.returncode == 0, output
        seen = visit_site(browser, root / "site")
        assert seen.dialogs == []
        assert seen.foreign == []
        assert seen.requests, "the pages made no requests: the recorder is not working"


def built_marks(root: Path) -> list[str | None]:
    """The build mark of site/about.html and of the about page in the zip dist/ points to."""
    import re
    import zipfile

    def mark(text: str) -> str | None:
        found = re.search(r"BUILDMARK\w+", text)
        return found[0] if found else None

    site = root / "site/about.html"
    link = root / "dist/carepages-site.zip"
    in_zip = None
    if link.exists():
        with zipfile.ZipFile(link) as archive:
            in_zip = mark(archive.read("carepages-site/about.html").decode())
    return [mark(site.read_text()) if site.exists() else None, in_zip]


def give_ids(path: Path) -> None:
    """What an editor adds to a draft before publishing it: an id for each step and sign."""
    data = yaml.safe_load(path.read_text("utf-8"))
    for key in ("timeline", "call_us_if"):
        data[key] = [
            {
                "id": f"{key.replace('_', '-')}-{n}",
                **(item if isinstance(item, dict) else {"text": item}),
            }
            for n, item in enumerate(data[key], start=1)
        ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def test_the_corpus_covers_every_class_with_unlisted_cases():
    cases = [load(path) for path in CASES]
    assert {case["class"] for case in cases} == CLASSES
    assert len(cases) >= 60
