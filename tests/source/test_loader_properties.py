"""Property tests: whatever an editor types, the loaders answer with Problems, never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carepages.model.clinic import Clinic
from carepages.model.treatment import FaqFile, PageMeta, Treatment
from carepages.source.content import load_page
from carepages.source.problems import Problem
from carepages.source.wording import validate
from carepages.source.yamlfile import Located, parse_yaml, split_front_matter

# Pieces editors (and their editors' autocorrect) really produce, to reach the parser's
# corners faster than random characters alone would.
FRAGMENTS = [
    "---",
    "...",
    "title: ",
    "last_reviewed: ",
    "timeline:",
    "  - start_hours: ",
    "    end_hours: ",
    "- ",
    ": ",
    "2026-13-45",
    "2026-02-29",
    "next week",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "!ENV ",
    "\t",
    "#",
    "|",
    ">-",
    "? ",
    "%YAML 1.1",
    "\x00",
    "\x07",
    "\ufeff",
    "é",
    "…",
    "{{ timeline() }}",
    "{#id}",
]
yamlish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8), st.just("\n")), max_size=40
).map("".join)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["published", "draft", "-168", "2026-11-01", "sun", "general", "#1f5f8b"]),
)
KEYS = [
    "title",
    "summary",
    "status",
    "reviewed_by",
    "last_reviewed",
    "sources",
    "id",
    "sections",
    "call_us_if",
    "timeline",
    "start_hours",
    "end_hours",
    "restrictions",
    "activity",
    "spans",
    "questions",
    "question",
    "answer",
    "topic",
    "name",
    "phone",
]
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner, max_size=5),
    ),
    max_leaves=25,
)


def only_problems(problems: list[Problem]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1
        assert problem.message and "\n" not in problem.message


@given(yamlish)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_parses_or_returns_problems(text: str) -> None:
    located, problems = parse_yaml(text, "content/x/treatment.yml")
    only_problems(problems)
    assert located is not None or problems


@given(st.one_of(yamlish, st.text()).map(lambda body: body if body.startswith("-") else body))
@settings(max_examples=400)
def test_any_page_splits_into_front_matter_and_body(text: str) -> None:
    located, body, body_line, problems = split_front_matter(text, "content/x/index.md")
    only_problems(problems)
    assert body_line >= 1
    assert body in text or not text.startswith("---")
    if located is not None and located.data is not None:
        model, more = validate(PageMeta, located)
        only_problems(more)


@given(yamlish.map(lambda text: "---\n" + text))
@settings(max_examples=300)
def test_any_front_matter_block_is_handled(text: str) -> None:
    located, _, _, problems = split_front_matter(text, "content/x/index.md")
    only_problems(problems)


@given(documents)
@settings(max_examples=300)
def test_any_data_validates_or_returns_problems(data: object) -> None:
    for model in (Treatment, FaqFile, Clinic, PageMeta):
        result, problems = validate(model, Located(data=data, path="content/x/treatment.yml"))
        only_problems(problems)
        assert (result is None) == bool(problems)


@given(documents)
@settings(max_examples=200)
def test_any_data_round_trips_through_yaml_and_the_schema(data: object) -> None:
    try:
        text = yaml.safe_dump(data, allow_unicode=True)
    except yaml.YAMLError:
        return  # not every Python value has a YAML spelling
    located, problems = parse_yaml(text, "content/x/treatment.yml")
    only_problems(problems)
    if located is None:
        return
    # Our loader reads exactly what YAML itself reads (compared as YAML, so NaN equals itself).
    assert yaml.safe_dump(located.data) == yaml.safe_dump(yaml.safe_load(text))
    model, more = validate(Treatment, located)
    only_problems(more)
    if model is not None:
        # A valid treatment written back out reads as the same treatment.
        again = yaml.safe_dump(model.model_dump(mode="json", exclude_none=True))
        reread, problems = parse_yaml(again, "content/x/treatment.yml")
        assert problems == [] and reread is not None
        assert validate(Treatment, reread) == (model, [])


@given(st.binary(max_size=200))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_on_disk_load_as_a_page_or_a_problem(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "index.md"
    path.write_bytes(raw)
    page, problems = load_page(path, "content/x/index.md")
    only_problems(problems)
    assert page is not None or problems
