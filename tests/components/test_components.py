"""Every component renders every example in its YAML file; hostile text stays text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from carepages.components import TEMPLATES, component_names, markdown_html, render
from carepages.model.clinic import Clinic
from carepages.model.treatment import Source, SourceNotes


def _params(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """Turn an example's plain YAML into the objects the macros pass to the template."""
    params = dict(params)
    if name == "timeline":
        params["clinic"] = Clinic.model_validate(params["clinic"])
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
        # The only script element a component writes is a data block, never code.
        assert all(script.get("type") == "application/json" for script in soup.find_all("script"))
        assert soup.find("iframe") is None
        assert soup.find("img") is None
        assert not soup.find(attrs={"onerror": True}) and not soup.find(attrs={"onmouseover": True})
        assert not any(a.get("href", "").startswith("javascript:") for a in soup.find_all("a"))


def _example(name: str, example: str) -> dict[str, Any]:
    return next(p for n, e, p in EXAMPLES if n == name and e == example)


def _render(name: str, example: str) -> BeautifulSoup:
    return BeautifulSoup(render(name, **_params(name, _example(name, example))), "html.parser")


def test_timeline_steps_carry_day_offsets_and_relative_days() -> None:
    soup = _render("timeline", "before-and-after")
    steps = soup.select("[data-timeline] li[data-step][data-first-day][data-last-day]")
    assert [(s["data-first-day"], s["data-last-day"]) for s in steps] == [
        ("-3", "-1"),
        ("0", "0"),
        ("1", "2"),
        ("14", ""),
    ]
    assert [s.select_one("[data-dates]").get_text() for s in steps] == [
        "3 days before to the day before",
        "Day 1",
        "Days 2–3",
        "From day 15",
    ]
    # No hours reach the page: the script only turns day offsets into dates.
    assert not [name for tag in soup.find_all(True) for name in tag.attrs if "hours" in name]
    assert soup.select_one("[data-timeline] input[type=date]") is not None
    assert soup.select_one("button[data-ics]") is not None
    card = soup.select_one("section[data-today][hidden]")
    assert card.select_one("a.cp-today__phone")["href"] == "tel:01614960000"
    assert "In an emergency call 999." in card.get_text()


def test_timeline_plan_is_data_that_never_runs() -> None:
    soup = _render("timeline", "before-and-after")
    block = soup.select_one("script[data-plan]")
    assert block["type"] == "application/json"
    plan = json.loads(block.string)
    assert plan["events"] == [["makeup", 3, "You can wear makeup again."]]


def test_timeline_hostile_text_is_shown_as_text() -> None:
    html = render("timeline", **_params("timeline", _example("timeline", "hostile-text")))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".cp-timeline__name").get_text() == '<script>alert("step")</script>'
    assert "{{ not jinja }}" in soup.get_text()
    # The data block can never be closed by its data: one script element, valid JSON.
    assert len(soup.find_all("script")) == 1
    assert "</script>" not in html.split("data-plan>", 1)[1].removesuffix("</section>")[:-9]
    plan = json.loads(soup.select_one("script[data-plan]").string)
    assert plan["before"]["when"] == "</script><script>alert(1)</script>"


def test_activity_table_says_when_each_activity_is_fine_again() -> None:
    soup = _render("activity_table", "sun-before-and-after")
    rows = {r["data-activity"]: r for r in soup.select("tr[data-activity]")}
    assert rows["makeup"].select_one("[data-again-day]").get_text() == "From day 4"
    assert rows["makeup"].select_one("[data-again-day]")["data-again-day"] == "3"
    assert "For 1 week before; for 2 weeks after" in rows["sun"].get_text()
    # A medicine's row holds only the editor's sentences and no date for the script to write.
    medicine = rows["medication"]
    assert medicine.select_one("[data-again-day]") is None
    assert "You can take allergy tablets again." in medicine.get_text()
    # Without a date the table is open; timeline.js folds it once the chart shows today.
    assert soup.select_one("details[data-activities]").has_attr("open")


def test_chart_draws_a_bar_per_stretch_of_days_with_words_beside_it() -> None:
    soup = _render("activity_chart", "before-and-after")
    rows = {r["data-activity"]: r for r in soup.select(".cp-chart__row[data-activity]")}
    makeup = rows["makeup"]
    assert makeup.select_one(".cp-chart__name").get_text(" ", strip=True) == (
        "Makeup again from day 4"
    )
    bar = makeup.select_one("rect.cp-chart__bar")
    assert (bar["x"], bar["width"]) == ("27.273%", "27.273%")
    assert bar["fill"] == "url(#peel-chart-stripes)"
    assert rows["medication"].select_one(".cp-chart__name").get_text() == "Allergy tablets*"
    assert "* If you need a medicine for your health, ask us first." in soup.get_text(" ")
    # The picture has a text alternative, and the axis names the treatment day.
    assert soup.select_one("[role=img]")["aria-label"].startswith("A chart of the days")
    assert [t.get_text() for t in soup.select("text[data-tick-day]")] == ["Treatment", "Day 8"]


def test_checklist_gives_each_thing_to_do_a_labelled_box() -> None:
    soup = _render("checklist", "two-steps")
    boxes = soup.select("input[type=checkbox][data-check-id]")
    assert [b["id"] for b in boxes] == ["peel-ready-a1", "peel-ready-b2", "peel-ready-c3"]
    for box in boxes:
        assert soup.select_one(f"label[for='{box['id']}']").get_text()
    legends = [" ".join(g.get_text(" ", strip=True).split()) for g in soup.select("legend")]
    assert legends == [
        "7 to 4 days before Protect your skin from the sun",
        "The day before Get ready for your visit",
    ]
    assert soup.select_one("[data-checklist-actions][hidden] button[data-forget]")


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
    assert "made up" not in soup.get_text()


def test_review_note_of_a_sample_clinic_says_it_is_made_up() -> None:
    soup = _render("review_note", "sample-clinic")
    assert soup.select_one(".cp-review__sample").get_text() == (
        "Sample only: the clinic and the reviewer are made up."
    )


def test_review_note_of_a_draft_says_nobody_checked_it_yet() -> None:
    soup = _render("review_note", "draft-not-reviewed")
    assert soup.select_one("time") is None
    assert "A clinician has not checked this page yet." in soup.get_text()


def test_templates_folder_matches_component_list() -> None:
    # Besides the components, the folder holds only the interface text of each language.
    folders = {p.name for p in Path(TEMPLATES).iterdir() if p.is_dir()} - {"strings", "__pycache__"}
    assert folders == set(component_names())
