"""Load a content tree (`content/`, plus a draft when previewing one) and the clinic settings
into validated models, collecting every problem instead of stopping at the first.

This is the one loader: `carepages check`, the macros at build time and ingest drafts all
read a treatment through it. It checks what the schema says; rules that look across files
live in `carepages.checks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from carepages.model.activities import BUILT_IN, ActivitiesFile, Activity
from carepages.model.clinic import Clinic
from carepages.model.treatment import FaqEntry, FaqFile, PageMeta, Treatment
from carepages.source.markdown import MarkdownDoc, read_markdown
from carepages.source.problems import Problem
from carepages.source.wording import validate
from carepages.source.yamlfile import (
    MAX_PAGE_BYTES,
    Located,
    load_yaml_file,
    read_text,
    split_front_matter,
)

TREATMENT_PAGES = ("index.md", "recovery.md", "faq.md")
DATA_FILES = ("treatment.yml", "faq.yml")
SITE_PAGES = ("index.md", "faq.md", "about.md")
M = TypeVar("M", bound=BaseModel)
# Folders of content/ that hold the site's own files, never a treatment.
RESERVED_FOLDERS = frozenset({"assets", "images"})


@dataclass
class Page:
    """A Markdown page: its front matter, body and the line the body starts on."""

    path: Path
    shown: str
    meta: PageMeta
    body: str
    body_line: int
    meta_lines: Located | None = None

    def meta_line(self, key: str) -> int:
        return self.meta_lines.line_of((key,)) if self.meta_lines else 1

    def markdown(self) -> MarkdownDoc:
        return read_markdown(self.body, self.body_line)


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

    @property
    def published(self) -> bool:
        return self.treatment.status == "published"


@dataclass
class FaqData:
    """A treatment's faq.yml, kept even when its treatment.yml does not load."""

    slug: str
    located: Located
    entries: list[FaqEntry]


@dataclass
class Site:
    content_dir: Path
    config: Located | None  # mkdocs.yml, read once
    clinic: Clinic | None
    activities: dict[str, Activity]
    activities_located: Located | None
    treatments: list[TreatmentData]
    pages: list[Page]
    problems: list[Problem]
    faq_files: list[FaqData] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def treatment(self, slug: str) -> TreatmentData | None:
        return next((t for t in self.treatments if t.slug == slug), None)

    def published(self) -> list[TreatmentData]:
        return [t for t in self.treatments if t.published]


class Shown:
    """Turns absolute paths into the paths an editor typed (relative to the project)."""

    def __init__(self, base: Path):
        self.base = base.resolve()

    def __call__(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.base))
        except ValueError:
            return str(path)


# Markdown marks (brackets, emphasis, code, tags, entities, braces) a page may hold: real
# pages have a few hundred; the budget keeps reading any page well under a second.
MAX_MARKS = 20_000
MARKS = "[]*_`<&{!"


def load_page(path: Path, shown: str) -> tuple[Page | None, list[Problem]]:
    text, problems = read_text(path, shown, limit=MAX_PAGE_BYTES)
    if text is None:
        return None, problems
    marks = sum(text.count(mark) for mark in MARKS)
    if marks > MAX_MARKS:
        return None, [
            Problem(
                shown,
                1,
                f"the page holds {marks:,} Markdown marks ({' '.join(MARKS)}), more than the "
                f"{MAX_MARKS:,} a page may hold: split it into shorter pages",
            )
        ]
    located, body, body_line, problems = split_front_matter(text, shown)
    meta = PageMeta()
    if located is not None and located.data:
        model, more = validate(PageMeta, located)
        problems += more
        meta = model or meta
    page = Page(path, shown, meta, body, body_line, located)
    if not body.strip() and not problems:
        problems.append(Problem(shown, 1, "the page is empty: write its text or delete the file"))
    elif (
        meta.title is None
        and not problems
        and not any(h.level == 1 for h in page.markdown().headings)
    ):
        problems.append(
            Problem(
                shown,
                body_line,
                "the page has no title: start it with a heading line like '# Aftercare' "
                "(or add 'title: …' to its front matter)",
            )
        )
    return page, problems


def load_activities(
    content_dir: Path, shown: Shown
) -> tuple[dict[str, Activity], Located | None, list[Problem]]:
    """The built-in activities plus the clinic's own from content/activities.yml."""
    activities = {a.id: a for a in BUILT_IN}
    path = content_dir / "activities.yml"
    if not path.exists():
        return activities, None, []
    located, problems = load_yaml_file(path, shown(path))
    if located is None:
        return activities, None, problems
    model, more = validate(ActivitiesFile, located)
    problems += more
    for activity in model.activities if model else []:
        activities.setdefault(activity.id, activity)
    return activities, located, problems


def load_treatment(
    folder: Path, shown: Shown
) -> tuple[TreatmentData | None, FaqData | None, list[Problem]]:
    """Load one treatment folder: its data (None when it cannot be used), its questions
    (None when faq.yml does not load) and the problems found."""
    problems: list[Problem] = []
    for name in (*DATA_FILES, *TREATMENT_PAGES):
        if not (folder / name).exists():
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
    faq_data = (
        FaqData(folder.name, faq_located, list(faq.questions))
        if faq is not None and faq_located is not None
        else None
    )
    if treatment is None or faq_data is None or located is None:
        return None, faq_data, problems
    data = TreatmentData(
        slug=folder.name,
        folder=folder,
        treatment=treatment,
        faq=faq_data.entries,
        located=located,
        faq_located=faq_data.located,
        pages=pages,
    )
    return data, faq_data, problems


def _load_model(
    path: Path, model: type[M], shown: Shown, problems: list[Problem]
) -> tuple[Located | None, M | None]:
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


def load_clinic(config: Located) -> tuple[Clinic | None, list[Problem]]:
    extra = (config.data or {}).get("extra") or {}
    if not isinstance(extra, dict) or "clinic" not in extra:
        return None, [
            Problem(
                config.path,
                config.line_of(("extra",)),
                "extra.clinic is missing: "
                "add the clinic's name, phone, address, opening_hours and urgent_care",
            )
        ]
    sub = config.sub(("extra", "clinic"))
    clinic, problems = validate(Clinic, sub)
    return clinic, [
        Problem(p.path, p.line, f"extra.clinic: {p.message}", p.severity, p.column)
        for p in problems
    ]


def treatment_folders(content_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in content_dir.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in RESERVED_FOLDERS
    )


def load_site(
    content_dir: Path,
    config_path: Path,
    base: Path | None = None,
    extra_treatments: list[Path] | None = None,
) -> Site:
    """Load everything under `content_dir` plus the clinic in `config_path`."""
    shown = Shown(base or config_path.parent)
    problems: list[Problem] = []
    config, more = load_yaml_file(config_path, shown(config_path), mkdocs_tags=True)
    problems += more
    clinic = None
    if config is not None:
        clinic, more = load_clinic(config)
        problems += more
    activities, activities_located, more = load_activities(content_dir, shown)
    problems += more
    treatments: list[TreatmentData] = []
    faq_files: list[FaqData] = []
    for folder in [*treatment_folders(content_dir), *(extra_treatments or [])]:
        data, faq, more = load_treatment(folder, shown)
        problems += more
        if faq is not None:
            faq_files.append(faq)
        if data is not None:
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
    return Site(
        content_dir=content_dir,
        config=config,
        clinic=clinic,
        activities=activities,
        activities_located=activities_located,
        treatments=treatments,
        pages=pages,
        problems=sorted(set(problems)),
        faq_files=faq_files,
    )
