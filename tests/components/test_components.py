"""Every component renders every example in its YAML file; hostile text stays text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from carepages.components import TEMPLATES, component_names, markdown_html, render
from carepages.model.activities import Activity
from carepages.model.clinic import Clinic
from carepages.model.treatment import Source, SourceNotes, Span, Step


def _params(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """Turn an example's plain YAML into the objects the macros pass to the template."""
    params = dict(params)
    if name == "timeline":
        params["steps"] = [Step.model_validate(s) for s in params["steps"]]
    elif name == "activity_table":
        params["rows"] = [
            {
                **row,
                "activity": Activity.model_validate(row["activity"]),
                "spans": [Span.model_validate(s) for s in row["spans"]],
            }
            for row in params["rows"]
        ]
    elif name == "faq":
        for group in params["groups"]:
            for topic in group["topics"]:
                topic["entries"] = [
                    {**e, "answer_html": markdown_html(e["answer"])} for e in topic["entries"]
                ]
    elif name == "when_to_call":
        params["clinic"] = Clinic.model_validate(params["clinic"])
    elif name == "source_notes":
        params["sources"] = [Source.model_validate(s) for s in params["sources"]]
        params["notes"] = SourceNotes.model_validate(params["notes"])
    return params


def _examples() -> list[tuple[str, str, dict[str, Any]]]:
    cases = []
    for name in component_names():
        spec = yaml.safe_load((TEMPLATES / name / f"{name}.yaml").read_text())
        for example in spec["examples"]:
            cases.append((name, example["name"], example["params"]))
    return cases


EXAMPLES = _examples()


def test_every_component_is_documented() -> None:
    for name in component_names():
        folder = TEMPLATES / name
        assert (folder / "README.md").exists(), name
        spec = yaml.safe_load((folder / f"{name}.yaml").read_text())
        assert spec["params"] and len(spec["examples"]) >= 2, name
        assert (folder / "template.html.jinja").read_text().startswith("{#-"), name


@pytest.mark.parametrize(
    ("name", "example", "params"), EXAMPLES, ids=[f"{n}-{e}" for n, e, _ in EXAMPLES]
)
def test_example_renders_as_one_html_block(name: str, example: str, params: dict) -> None:
    html = render(name, **_params(name, params))
    # Markdown keeps macro output as raw HTML only when it has no blank lines.
    assert html.strip() and "\n\n" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find() is not None
    if example == "hostile-text":
        assert soup.find("script") is None
        assert soup.find("iframe") is None
        assert soup.find("img") is None
        assert not soup.find(attrs={"onerror": True}) and not soup.find(attrs={"onmouseover": True})
        assert not any(a.get("href", "").startswith("javascript:") for a in soup.find_all("a"))


def _render(name: str, example: str) -> BeautifulSoup:
    params = next(p for n, e, p in EXAMPLES if n == name and e == example)
    return BeautifulSoup(render(name, **_params(name, params)), "html.parser")


def test_timeline_steps_carry_hours_and_relative_days() -> None:
    soup = _render("timeline", "before-and-after")
    steps = soup.select("[data-timeline] li[data-start-hours][data-end-hours]")
    assert [(s["data-start-hours"], s["data-end-hours"]) for s in steps] == [
        ("-72", "0"),
        ("0", "24"),
        ("24", "72"),
        ("336", ""),
    ]
    assert [s.select_one("[data-dates]").get_text() for s in steps] == [
        "3 days before to the day before",
        "Day 1",
        "Days 2–3",
        "From day 15",
    ]
    assert steps[1]["data-check"] == "Is the warmth fading?"
    assert soup.select_one("[data-timeline] input[type=date]") is not None
    assert soup.select_one("button[data-ics]") is not None


def test_timeline_hostile_text_is_shown_as_text() -> None:
    soup = _render("timeline", "hostile-text")
    assert soup.select_one(".cp-timeline__name").get_text() == '<script>alert("step")</script>'
    assert "{{ not jinja }}" in soup.get_text()
    assert soup.select_one("li[data-check]")["data-check"] == '" onmouseover="alert(1)'


def test_activity_table_says_when_each_activity_resumes() -> None:
    soup = _render("activity_table", "sun-before-and-after")
    rows = {r["data-activity"]: r for r in soup.select("tr[data-activity]")}
    assert rows["makeup"].select_one("[data-resume]").get_text() == "From day 4"
    assert rows["makeup"]["data-resume-text"] == "You can wear makeup again"
    assert rows["sun"]["data-spans"] == "-168:0 0:336"
    assert "For 1 week before; for 2 weeks after" in rows["sun"].get_text()
    assert rows["swimming"]["data-resume-hours"] == ""
    assert rows["swimming"].select_one("[data-resume]").get_text() == "When your clinic says so"


def test_faq_answers_are_markdown_but_never_raw_html() -> None:
    soup = _render("faq", "one-treatment")
    item = soup.select_one("details#peel-when-makeup")
    assert item.summary.get_text() == "When can I wear makeup?"
    assert item.select_one("strong").get_text() == "3 days"
    assert len(soup.select("details#peel-peeling li")) == 2
    hostile = _render("faq", "hostile-text")
    answer = hostile.select_one("details#hostile-script .cp-faq__answer")
    assert "<script>alert(2)</script>" in answer.get_text()
    assert hostile.select_one("h2").get_text() == "<em>Title</em>"


def test_when_to_call_links_the_phone_number() -> None:
    soup = _render("when_to_call", "standard")
    phone = soup.select_one("aside.cp-call a[href^='tel:']")
    assert phone["href"] == "tel:+4401614960000"
    assert phone.get_text() == "+44 (0)161 496 0000"
    assert [li.get_text() for li in soup.select("li")] == [
        "Swelling that gets worse after 3 days.",
        "A fever.",
    ]


def test_review_note_dates_the_review() -> None:
    soup = _render("review_note", "standard")
    assert soup.select_one("time")["datetime"] == "2026-10-05"
    assert "Reviewed by Dr Sam Lee, dermatologist on 5 October 2026." in soup.get_text()
    assert "not a substitute for advice from your clinician" in soup.get_text()


def test_templates_folder_matches_component_list() -> None:
    # Besides the components, the folder holds only the interface text of each language.
    folders = {p.name for p in Path(TEMPLATES).iterdir() if p.is_dir()} - {"strings", "__pycache__"}
    assert folders == set(component_names())
