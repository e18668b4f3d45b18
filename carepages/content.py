"""Load a content tree (`content/` or a draft) into validated models, collecting every problem.

The same loader feeds `carepages check`, the macros at build time and ingest drafts, so a
treatment is read one way only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from carepages.problems import Problem
from carepages.schema import (
    ACTIVITIES,
    SECTIONS,
    ActivitiesFile,
    Activity,
    Clinic,
    FaqEntry,
    FaqFile,
    PageMeta,
    Treatment,
)
from carepages.yamlsource import Located, parse_yaml, read_text, split_front_matter, validate

TREATMENT_PAGES = ("index.md", "recovery.md", "faq.md")
DATA_FILES = ("treatment.yml", "faq.yml")
SITE_PAGES = ("index.md", "faq.md", "about.md")

# `## Heading {: #what-it-is }` — the id is fixed by the schema, the wording is the editor's.
SECTION_HEADING = re.compile(r"^##\s+(?P<text>.+?)\s*\{:\s*#(?P<id>[A-Za-z0-9_-]+)\s*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass
class Page:
    """A Markdown page: its front matter, body and the line the body starts on."""

    path: Path
    shown: str
    meta: PageMeta
    body: str
    body_line: int


@dataclass
class TreatmentData:
    slug: str
    folder: Path
    treatment: Treatment
    faq: list[FaqEntry]
    located: Located
    faq_located: Located
    pages: dict[str, Page] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.treatment.title


@dataclass
class Site:
    content_dir: Path
    clinic: Clinic | None
    activities: dict[str, Activity]
    treatments: list[TreatmentData]
    pages: list[Page]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def treatment(self, slug: str) -> TreatmentData | None:
        return next((t for t in self.treatments if t.slug == slug), None)


class Shown:
    """Turns absolute paths into the paths an editor typed (relative to the project)."""

    def __init__(self, base: Path):
        self.base = base.resolve()

    def __call__(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.base))
        except ValueError:
            return str(path)


def load_yaml_file(
    path: Path, shown: str, mkdocs_tags: bool = False
) -> tuple[Located | None, list[Problem]]:
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(shown, 1, "the file is empty: write its settings or delete it")]
    located, more = parse_yaml(text, shown, mkdocs_tags=mkdocs_tags)
    if located is not None and not isinstance(located.data, dict):
        return None, [*more, Problem(shown, 1, "expected 'key: value' lines at the top level")]
    return located, more


def load_page(path: Path, shown: str) -> tuple[Page | None, list[Problem]]:
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    located, body, body_line, problems = split_front_matter(text, shown)
    meta = PageMeta()
    if located is not None and located.data:
        model, more = validate(PageMeta, located)
        problems += more
        meta = model or meta  # type: ignore[assignment]
    if not body.strip() and not problems:
        problems.append(Problem(shown, 1, "the page is empty: write its text or delete the file"))
    elif meta.title is None and not _has_h1(body) and not problems:
        problems.append(
            Problem(
                shown,
                body_line,
                "the page has no title: start it with a heading line like '# Aftercare' "
                "(or add 'title: …' to its front matter)",
            )
        )
    return Page(path, shown, meta, body, body_line), problems


def _has_h1(body: str) -> bool:
    fenced = False
    for text in body.split("\n"):
        if FENCE.match(text):
            fenced = not fenced
        elif not fenced and re.match(r"^#\s+\S", text):
            return True
    return False


def body_lines(page: Page):
    """(line number, text) for each body line outside fenced code blocks."""
    fenced = False
    for offset, text in enumerate(page.body.split("\n")):
        if FENCE.match(text):
            fenced = not fenced
            continue
        if not fenced:
            yield page.body_line + offset, text


def _check_sections(page: Page) -> list[Problem]:
    found: list[tuple[str, int]] = []
    problems: list[Problem] = []
    for line, text in body_lines(page):
        match = SECTION_HEADING.match(text)
        if match:
            if match["id"] not in SECTIONS:
                problems.append(
                    Problem(
                        page.shown,
                        line,
                        f"unknown section id '#{match['id']}': use one of "
                        + ", ".join(f"#{s}" for s in SECTIONS),
                    )
                )
            else:
                found.append((match["id"], line))
    ids = [sid for sid, _ in found]
    for sid, label in SECTIONS.items():
        if sid not in ids:
            problems.append(
                Problem(
                    page.shown,
                    page.body_line,
                    f"the '{label}' section is missing: add a heading like "
                    f"'## {label} {{: #{sid} }}'",
                )
            )
    for sid, line in found:
        if ids.count(sid) > 1 and (sid, line) != next(f for f in found if f[0] == sid):
            problems.append(Problem(page.shown, line, f"the section '#{sid}' appears twice"))
    order = [sid for sid in SECTIONS if sid in ids]
    seen = list(dict.fromkeys(ids))
    if seen == [s for s in seen if s in order] and seen != order:
        wrong = next(f for f, want in zip(found, order, strict=False) if f[0] != want)
        problems.append(
            Problem(
                page.shown,
                wrong[1],
                "sections are out of order: keep " + ", ".join(SECTIONS.values()),
            )
        )
    return problems


def _check_timeline(data: TreatmentData) -> list[Problem]:
    problems: list[Problem] = []
    steps = data.treatment.timeline
    for index in range(1, len(steps)):
        before, step = steps[index - 1], steps[index]
        line = data.located.line_of(("timeline", index))
        if step.start_hours < before.start_hours:
            problems.append(
                Problem(
                    data.located.path,
                    line,
                    f"timeline step {index + 1} starts ({step.start_hours} h) before step "
                    f"{index} ({before.start_hours} h): keep the steps in time order",
                )
            )
        elif before.end_hours is None:
            problems.append(
                Problem(
                    data.located.path,
                    line,
                    f"timeline step {index} has no end, so step {index + 1} can never come "
                    f"after it: give step {index} an end_hours",
                )
            )
        elif step.start_hours < before.end_hours:
            problems.append(
                Problem(
                    data.located.path,
                    line,
                    f"timeline step {index + 1} starts ({step.start_hours} h) before step "
                    f"{index} ends ({before.end_hours} h): steps may not overlap",
                )
            )
    return problems


def check_restrictions(data: TreatmentData, activities: dict[str, Activity]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, restriction in enumerate(data.treatment.restrictions):
        line = data.located.line_of(("restrictions", index, "activity"))
        if restriction.activity not in activities:
            import difflib

            close = difflib.get_close_matches(restriction.activity, activities, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(
                Problem(
                    data.located.path,
                    line,
                    f"restriction {index + 1} names an unknown activity "
                    f"'{restriction.activity}'{hint}: add it to content/activities.yml "
                    "or use one of " + ", ".join(activities),
                )
            )
        if restriction.activity in seen:
            problems.append(
                Problem(
                    data.located.path,
                    line,
                    f"'{restriction.activity}' is listed twice: put all its spans in one entry",
                )
            )
        seen.add(restriction.activity)
        spans = sorted(restriction.spans, key=lambda s: s.start_hours)
        for first, second in zip(spans, spans[1:], strict=False):
            if first.end_hours is None or second.start_hours < first.end_hours:
                problems.append(
                    Problem(
                        data.located.path,
                        line,
                        f"the spans of '{restriction.activity}' overlap: merge them into one",
                    )
                )
    return problems


def _check_sources(data: TreatmentData) -> list[Problem]:
    problems: list[Problem] = []
    ids = [s.id for s in data.treatment.sources]
    for index, sid in enumerate(ids):
        if ids.index(sid) != index:
            problems.append(
                Problem(
                    data.located.path,
                    data.located.line_of(("sources", index, "id")),
                    f"source id '{sid}' is used twice",
                )
            )
    for index, item in enumerate(data.treatment.source_notes.left_out):
        if item.source and item.source not in ids:
            problems.append(
                Problem(
                    data.located.path,
                    data.located.line_of(("source_notes", "left_out", index, "source")),
                    f"unknown source '{item.source}': use one of {', '.join(ids)}",
                )
            )
    return problems


def _check_faq(slug: str, faq: list[FaqEntry], located: Located) -> list[Problem]:
    """Ids and questions within one faq.yml; runs even when treatment.yml is broken."""
    problems: list[Problem] = []
    questions: dict[str, int] = {}
    ids: dict[str, int] = {}
    for index, entry in enumerate(faq):
        line = located.line_of(("questions", index, "id"))
        if not entry.id.startswith(slug + "-"):
            problems.append(
                Problem(
                    located.path,
                    line,
                    f"question id '{entry.id}' must start with '{slug}-' so it stays "
                    "unique across the site",
                )
            )
        if entry.id in ids:
            problems.append(_id_used_twice(located.path, line, entry.id, ids[entry.id]))
        else:
            ids[entry.id] = line
        key = re.sub(r"\W+", " ", entry.question.lower()).strip()
        if key in questions:
            problems.append(
                Problem(
                    located.path,
                    located.line_of(("questions", index, "question")),
                    f"the question '{entry.question}' is asked twice (first on line "
                    f"{questions[key]})",
                )
            )
        else:
            questions[key] = located.line_of(("questions", index, "question"))
    return problems


def _id_used_twice(path: str, line: int, faq_id: str, first: str | int) -> Problem:
    where = f"{path}:{first}" if isinstance(first, int) else first
    return Problem(
        path,
        line,
        f"question id '{faq_id}' is already used at {where}: give each question its own id",
    )


def load_activities(content_dir: Path, shown: Shown) -> tuple[dict[str, Activity], list[Problem]]:
    activities = {a.id: a for a in ACTIVITIES}
    path = content_dir / "activities.yml"
    if not path.exists():
        return activities, []
    located, problems = load_yaml_file(path, shown(path))
    if located is None:
        return activities, problems
    model, more = validate(ActivitiesFile, located)
    problems += more
    if model is not None:
        for index, activity in enumerate(model.activities):  # type: ignore[attr-defined]
            if activity.id in activities:
                problems.append(
                    Problem(
                        located.path,
                        located.line_of(("activities", index, "id")),
                        f"'{activity.id}' is already a built-in activity: pick another id",
                    )
                )
            activities[activity.id] = activity
    return activities, problems


def _load_model(path: Path, model: type[BaseModel], shown: Shown, problems: list[Problem]):
    """Load and validate one data file if it exists; its problems join `problems`."""
    if not path.exists():
        return None, None
    located, more = load_yaml_file(path, shown(path))
    problems += more
    if located is None:
        return None, None
    value, more = validate(model, located)
    problems += more
    return located, value


def load_treatment(folder: Path, shown: Shown) -> tuple[TreatmentData | None, list[Problem]]:
    """Load one treatment folder. Returns None (with problems) when it cannot be used."""
    problems: list[Problem] = []
    missing = [n for n in (*DATA_FILES, *TREATMENT_PAGES) if not (folder / n).exists()]
    for name in missing:
        problems.append(
            Problem(
                shown(folder / name),
                1,
                f"{name} is missing: every treatment needs it "
                "(`make new` creates a complete folder)",
            )
        )
    located, treatment = _load_model(folder / "treatment.yml", Treatment, shown, problems)
    faq_located, faq = _load_model(folder / "faq.yml", FaqFile, shown, problems)
    pages: dict[str, Page] = {}
    for name in TREATMENT_PAGES:
        if (folder / name).exists():
            page, more = load_page(folder / name, shown(folder / name))
            problems += more
            if page is not None:
                pages[name] = page
    if "index.md" in pages:
        problems += _check_sections(pages["index.md"])
    if faq is not None and faq_located is not None:
        problems += _check_faq(folder.name, list(faq.questions), faq_located)  # type: ignore[attr-defined]
    if treatment is None or faq is None or located is None or faq_located is None:
        return None, problems
    data = TreatmentData(
        slug=folder.name,
        folder=folder,
        treatment=treatment,  # type: ignore[arg-type]
        faq=list(faq.questions),  # type: ignore[attr-defined]
        located=located,
        faq_located=faq_located,
        pages=pages,
    )
    problems += _check_timeline(data) + _check_sources(data)
    return data, problems


def load_clinic(config_path: Path, shown: Shown) -> tuple[Clinic | None, list[Problem]]:
    located, problems = load_yaml_file(config_path, shown(config_path), mkdocs_tags=True)
    if located is None:
        return None, problems
    extra = (located.data or {}).get("extra") or {}
    if not isinstance(extra, dict):
        extra = {}
    if "clinic" not in extra:
        return None, [
            *problems,
            Problem(
                located.path,
                located.line_of(("extra",)),
                "extra.clinic is missing: "
                "add the clinic's name, phone, address, opening_hours and urgent_care",
            ),
        ]
    sub = Located(
        data=extra["clinic"],
        path=located.path,
        lines={k[2:]: v for k, v in located.lines.items() if k[:2] == ("extra", "clinic")},
        first_line=located.line_of(("extra", "clinic")),
    )
    clinic, more = validate(Clinic, sub)
    return clinic, problems + [
        Problem(p.path, p.line, f"extra.clinic: {p.message}", p.severity, p.column) for p in more
    ]


def load_site(
    content_dir: Path,
    config_path: Path,
    base: Path | None = None,
    extra_treatments: list[Path] | None = None,
) -> Site:
    """Load and check everything under `content_dir` plus the clinic in `config_path`."""
    shown = Shown(base or config_path.parent)
    problems: list[Problem] = []
    clinic, more = load_clinic(config_path, shown)
    problems += more
    activities, more = load_activities(content_dir, shown)
    problems += more
    treatments: list[TreatmentData] = []
    folders = sorted(
        p for p in content_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )
    folders += extra_treatments or []
    faq_ids: dict[str, str] = {}
    for folder in folders:
        if folder.name in ("assets", "images"):
            continue
        data, more = load_treatment(folder, shown)
        problems += more
        if data is None:
            continue
        problems += check_restrictions(data, activities)
        for index, entry in enumerate(data.faq):
            where = (
                f"{data.faq_located.path}:{data.faq_located.line_of(('questions', index, 'id'))}"
            )
            if entry.id in faq_ids:
                line = data.faq_located.line_of(("questions", index, "id"))
                problems.append(
                    _id_used_twice(data.faq_located.path, line, entry.id, faq_ids[entry.id])
                )
            else:
                faq_ids[entry.id] = where
        treatments.append(data)
    pages: list[Page] = []
    for name in SITE_PAGES:
        path = content_dir / name
        if not path.exists():
            problems.append(Problem(shown(path), 1, f"{name} is missing: the site needs it"))
            continue
        page, more = load_page(path, shown(path))
        problems += more
        if page is not None:
            pages.append(page)
    for data in treatments:
        pages.extend(data.pages.values())
    return Site(content_dir, clinic, activities, treatments, pages, sorted(set(problems)))
