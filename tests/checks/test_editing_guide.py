"""EDITING.md stays true: its examples validate, its activity list is the schema's, and its
rule list shows exactly the messages the broken-content table produces."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from carepages.model.activities import BUILT_IN as ACTIVITIES
from carepages.model.activities import ActivitiesFile
from carepages.model.clinic import Clinic
from carepages.model.treatment import FaqFile, PageMeta, Treatment
from carepages.site.scaffold import TEMPLATE
from carepages.source.content import Shown, load_treatment
from carepages.source.wording import validate
from carepages.source.yamlfile import parse_yaml
from tests.checks.test_broken_content import CASES
from tests.conftest import ROOT

GUIDE = (ROOT / "EDITING.md").read_text()
EXAMPLE = re.compile(r"<!-- example: (?P<name>[^>]+) -->\n```yaml\n(?P<body>.*?)```", re.S)
EXAMPLES = {m["name"]: m["body"] for m in EXAMPLE.finditer(GUIDE)}
MODELS: dict[str, type[BaseModel]] = {
    "treatment.yml": Treatment,
    "faq.yml": FaqFile,
    "activities.yml": ActivitiesFile,
    "clinic": Clinic,
    "front matter": PageMeta,
}


def test_the_guide_has_an_example_for_every_file() -> None:
    assert sorted(EXAMPLES) == sorted(MODELS)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_each_example_in_the_guide_is_valid(name: str) -> None:
    located, problems = parse_yaml(EXAMPLES[name], f"EDITING.md ({name})")
    assert problems == [] and located is not None
    model, problems = validate(MODELS[name], located)
    assert [str(p) for p in problems] == []


def test_the_example_treatment_passes_every_treatment_rule(tmp_path: Path) -> None:
    folder = tmp_path / "chemical-peel"
    shutil.copytree(TEMPLATE, folder)
    (folder / "treatment.yml").write_text(EXAMPLES["treatment.yml"])
    (folder / "faq.yml").write_text(EXAMPLES["faq.yml"])
    for page in folder.glob("*.md"):
        page.write_text(page.read_text().replace("__TITLE__", "Chemical peel"))

    data, _, problems = load_treatment(folder, Shown(tmp_path))

    assert data is not None
    assert [str(p) for p in problems] == []


def test_the_guide_lists_every_activity_of_the_schema() -> None:
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|$", GUIDE, re.M)
    assert [(i, label.strip(), text.strip()) for i, label, text in rows[1:]] == [
        (a.id, a.label, a.description) for a in ACTIVITIES
    ]


def test_the_rule_list_shows_exactly_the_messages_check_prints() -> None:
    rules = GUIDE[GUIDE.index("## Every rule") :]
    shown = {
        line.strip()
        for block in re.findall(r"```text\n(.*?)```", rules, re.S)
        for line in block.splitlines()
        if line.strip()
    }
    expected = set()
    for case in CASES:
        if case.pattern is not None:
            text = (ROOT / case.path).read_text()
            match = re.search(case.pattern, text)
            assert match, case.id
            line = text.count("\n", 0, match.start()) + 1
            expected.add(case.expected.replace("@line", str(line)))
        else:
            expected.add(case.expected)
    assert shown == expected


def test_the_guide_names_the_fields_of_treatment_yml() -> None:
    table = GUIDE[GUIDE.index("## treatment.yml") : GUIDE.index("### Timeline steps")]
    named = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.M))
    assert named == set(Treatment.model_fields)
    assert yaml.safe_load(EXAMPLES["treatment.yml"])["title"] == "Chemical peel"
