"""`carepages ingest`: the JSON contract, one line per bad file, and safe, atomic drafts."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from carepages.ingest import cli
from carepages.ingest.draft import safe_text, validate_draft
from lab.project import SEEDS_DIR

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = SEEDS_DIR


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    source = str(FIXTURES / "no_headings_at_all.txt")
    code, out, err = run(["--json", source], capsys)
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"documents", "conflicts"}
    doc = data["documents"][0]
    assert doc["source"] == source
    assert {"title", "blocks", "faq", "timeline", "restrictions"} <= set(doc)
    assert [(b["section"], b["line"]) for b in doc["blocks"]] == [
        ("what-it-is", 1), ("preparation", 2), ("during", 3), ("after", 4), ("risks", 5),
    ]  # fmt: skip
    assert doc["timeline"][0] == {
        "text": "for 3 days before", "start_hours": -72, "end_hours": 0, "line": 2,
    }  # fmt: skip
    assert {"activity": "makeup", "start_hours": 0, "end_hours": 12, "line": 4}.items() <= (
        doc["restrictions"][-1].items()
    )


def test_block_text_is_found_in_the_source(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "html_with_script_and_onerror.html"
    code, out, _ = run(["--json", str(path)], capsys)
    source_lines = path.read_text().splitlines()
    for block in json.loads(out)["documents"][0]["blocks"]:
        words = block["text"].split()[:3]
        assert all(word in source_lines[block["line"] - 1] for word in words[:1])


def test_bad_files_get_one_line_each_and_the_rest_is_processed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    good = FIXTURES / "no_headings_at_all.txt"
    code, out, err = run(["--json", str(empty), str(good), str(binary), "missing.txt"], capsys)
    assert code == 1
    assert err.splitlines() == [
        "carepages ingest: missing.txt: no such file or folder",
        f"carepages ingest: {empty}: the file is empty",
        f"carepages ingest: {binary}: not a text document (binary data)",
    ]
    assert [d["source"] for d in json.loads(out)["documents"]] == [str(good)]


@pytest.mark.parametrize(
    "name",
    [
        "no_punctuation_at_all.txt",
        "non_english_page.html",
        "unbalanced_tags.html",
        "html_with_script_and_onerror.html",
        "questions_and_rhetorical_hooks.txt",
    ],
)
def test_odd_documents_never_crash(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["--json", str(FIXTURES / name)], capsys)
    assert (code, err) == (0, "")
    assert json.loads(out)["documents"][0]["blocks"]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([str(FIXTURES / "no_headings_at_all.txt")], capsys)
    assert code == 2
    assert err == "carepages ingest: give --json or --slug NAME\n"
    code, _, err = run(["x.txt", "--slug", "Bad Name"], capsys)
    assert code == 2
    assert err.endswith("--slug 'Bad Name' must be lower-case words joined by hyphens\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_draft_is_written_valid_and_free_of_markup(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = [
        str(FIXTURES / n) for n in ("html_with_script_and_onerror.html", "no_headings_at_all.txt")
    ]
    code, _, err = run([*sources, "--slug", "light-peel", "--quiet"], capsys)
    assert (code, err) == (0, "")
    folder = project / "drafts" / "light-peel"
    assert sorted(p.name for p in folder.iterdir()) == [
        "faq.md", "faq.yml", "index.md", "recovery.md", "treatment.yml",
    ]  # fmt: skip
    assert validate_draft(folder) == []
    treatment = yaml.safe_load((folder / "treatment.yml").read_text())
    assert treatment["status"] == "draft"
    assert treatment["reviewed_by"].startswith("TODO")
    assert {r["activity"] for r in treatment["restrictions"]} == {"sun", "makeup", "actives"}
    everything = "".join(p.read_text() for p in folder.iterdir())
    for markup in ("<script", "onerror=", "javascript:", "<a ", "<p", "{{ config", "{% include"):
        assert markup not in everything
    index = (folder / "index.md").read_text()
    # Markdown reference definitions carry the sources: neither Jinja nor the page sees them.
    assert not re.findall(r"\{[{%#]", index.replace("{{ when_to_call() }}", ""))
    assert f"[//]: # (s2: {sources[1]})" in index
    assert re.search(r"^\[//\]: # \(s1:\d+ · one source only\)$", index, re.M)
    assert (project / "content").exists() is False


def test_existing_draft_needs_force(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(FIXTURES / "no_headings_at_all.txt")
    assert run([source, "--slug", "enzyme", "--quiet"], capsys)[0] == 0
    marker = project / "drafts" / "enzyme" / "index.md"
    marker.write_text("edited by hand")
    code, _, err = run([source, "--slug", "enzyme", "--quiet"], capsys)
    assert code == 1
    assert err == (
        f"carepages ingest: {project / 'drafts' / 'enzyme'} already exists: "
        "add --force (make ingest FORCE=1) to replace it\n"
    )
    assert marker.read_text() == "edited by hand"
    assert run([source, "--slug", "enzyme", "--quiet", "--force"], capsys)[0] == 0
    assert marker.read_text() != "edited by hand"
    assert [p.name for p in (project / "drafts").iterdir()] == ["enzyme"]  # no staging left


def test_drafts_never_go_into_content(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content").mkdir()
    source = str(FIXTURES / "no_headings_at_all.txt")
    code, _, err = run([source, "--slug", "x", "--drafts", "content"], capsys)
    assert code == 1
    assert err == "carepages ingest: refusing to write a draft into content/\n"
    assert list((project / "content").iterdir()) == []


def test_safe_text_neutralises_markup_and_jinja() -> None:
    text = safe_text("<b>Hi</b> {{ x }} {% y %} {# z #} [link](javascript:alert(1))")
    assert "<" not in text and "{{" not in text and "{%" not in text and "{#" not in text
    assert not re.search(r"(?<!\\)\]\(", text)  # escaped brackets make no link


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles live beside the repository")
def test_seed_draft_reports_the_known_disagreements(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(SEEDS, project / "seeds")
    code, _, err = run(["seeds", "--slug", "microneedling", "--quiet"], capsys)
    assert (code, err) == (0, "")
    treatment = yaml.safe_load((project / "drafts" / "microneedling" / "treatment.yml").read_text())
    topics = {d["topic"] for d in treatment["source_notes"]["disagreements"]}
    assert {"Makeup", "Sun", "Exercise", "Active skincare", "Exfoliation", "Redness"} <= topics
    assert {"How often"} <= topics
    ends = {
        r["activity"]: max(s["end_hours"] for s in r["spans"]) for r in treatment["restrictions"]
    }
    assert ends["makeup"] == 72 and ends["sun"] == 168 and ends["exercise"] == 168
