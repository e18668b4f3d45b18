"""Load a content tree (`content/`, plus a draft when previewing one) and the clinic settings
into validated models, collecting every problem instead of stopping at the first.

This is the one loader: `carepages check`, the macros at build time and ingest drafts all
read a treatment through it. It checks what the schema says; rules that look across files
live in `carepages.checks`. A site is loaded in one language: in another language than
English, each page is its translation where one exists (`recovery.es.md`), and each data
file's translated text is laid over the English structure (`carepages.model.translation`).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pathspec
from pydantic import BaseModel

from carepages.model.activities import BUILT_IN, ActivitiesFile, Activity
from carepages.model.clinic import Clinic
from carepages.model.translation import (
    ActivitiesText,
    FaqText,
    TreatmentText,
    apply,
    apply_activity,
    apply_faq,
)
from carepages.model.treatment import FaqEntry, FaqFile, PageMeta, Treatment
from carepages.source.languages import DEFAULT, language_of, localized, translation_path
from carepages.source.markdown import MarkdownDoc, read_markdown
from carepages.source.problems import Problem
from carepages.source.template import PageTemplate, split_template
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

    @property
    def lang(self) -> str:
        """The language the page is written in (`about.es.md`: 'es')."""
        return language_of(self.path)

    @functools.cached_property
    def template(self) -> PageTemplate:
        """The page's body split into its macro calls and its prose; split once."""
        return split_template(self.body)

    @functools.cached_property
    def prose(self) -> MarkdownDoc:
        """The page's Markdown as MkDocs reads it once the macros have run, its template
        constructs (macro calls) blanked; read once, whoever asks first."""
        return read_markdown(self.template.prose, self.body_line)


@dataclass
class Translation:
    """A treatment's translation files as written (None where a file does not exist or
    does not load), kept for the checks that compare them with the English files."""

    lang: str
    text: TreatmentText | None = None
    located: Located | None = None
    faq: FaqText | None = None
    faq_located: Located | None = None


@dataclass
class TreatmentData:
    """One treatment in one language. In English, `treatment` and `faq` are the files as
    written; in another language, the English structure with the translated text laid
    over it (`english` keeps the English model), and `translation` holds the files."""

    slug: str
    folder: Path
    treatment: Treatment
    faq: list[FaqEntry]
    located: Located
    faq_located: Located
    pages: dict[str, Page] = field(default_factory=dict)
    lang: str = DEFAULT
    english: Treatment | None = None
    english_faq: list[FaqEntry] = field(default_factory=list)
    translation: Translation | None = None
    # Questions shown in English on a translated page (their translation is missing).
    untranslated_questions: set[str] = field(default_factory=set)

    @property
    def text_lang(self) -> str:
        """The language of the treatment's text (English until treatment.<lang>.yml exists)."""
        return self.lang if self.translation and self.translation.text else DEFAULT

    @property
    def faq_lang(self) -> str:
        return self.lang if self.translation and self.translation.faq else DEFAULT

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
    lang: str = DEFAULT

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
    elif meta.title is None and not problems and not any(h.level == 1 for h in page.prose.headings):
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
    content_dir: Path, shown: Shown, lang: str = DEFAULT
) -> tuple[dict[str, Activity], Located | None, list[Problem]]:
    """The built-in activities plus the clinic's own from content/activities.yml, with the
    clinic's own in `lang` from activities.<lang>.yml (the built-in ones' words in each
    language are interface text: carepages/components/strings/)."""
    activities = {a.id: a for a in BUILT_IN}
    path = content_dir / "activities.yml"
    if not path.exists():
        return activities, None, []
    located, problems = load_yaml_file(path, shown(path))
    if located is None:
        return activities, None, problems
    model, more = validate(ActivitiesFile, located)
    problems += more
    words = ActivitiesText()
    _, text = _load_model(translation_path(path, lang), ActivitiesText, shown, problems)
    if lang != DEFAULT and text is not None:
        words = text
    for entry in model.activities if model else []:
        # A clinic's own activity is never one whose label alone is enough.
        activity = Activity(**entry.model_dump())
        activities.setdefault(entry.id, apply_activity(activity, words.activities.get(entry.id)))
    return activities, located, problems


def load_treatment(
    folder: Path, shown: Shown, lang: str = DEFAULT
) -> tuple[TreatmentData | None, FaqData | None, list[Problem]]:
    """Load one treatment folder in `lang`: its data (None when it cannot be used), its
    questions (None when faq.yml does not load) and the problems found."""
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
        path = localized(folder / name, lang)
        if path.exists():
            page, more = load_page(path, shown(path))
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
    if lang != DEFAULT:
        _translate(data, lang, shown, problems)
    return data, faq_data, problems


def _translate(data: TreatmentData, lang: str, shown: Shown, problems: list[Problem]) -> None:
    """Lay treatment.<lang>.yml and faq.<lang>.yml over the English data, where they exist."""
    folder = data.folder
    translation = Translation(lang)
    translation.located, translation.text = _load_model(
        translation_path(folder / "treatment.yml", lang), TreatmentText, shown, problems
    )
    translation.faq_located, translation.faq = _load_model(
        translation_path(folder / "faq.yml", lang), FaqText, shown, problems
    )
    data.lang, data.translation = lang, translation
    data.english, data.english_faq = data.treatment, data.faq
    if translation.text is not None:
        data.treatment = apply(data.treatment, translation.text)
    if translation.faq is not None:
        data.faq, data.untranslated_questions = apply_faq(data.faq, translation.faq)
    else:
        data.untranslated_questions = {entry.id for entry in data.faq}


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


def load_clinic(config: Located, text: str = "") -> tuple[Clinic | None, list[Problem]]:
    """The clinic block of mkdocs.yml; `text` is the file itself, to explain a colour that
    YAML read as a note."""
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
    lines = text.split("\n")
    shown = []
    for p in problems:
        message = p.message
        key = message.split(" ", 1)[0]
        # `primary_colour: #1f5f8b` without quotes: YAML reads everything after '#' as a
        # note, so the value is empty.
        if (
            key in ("primary_colour", "header_text_colour")
            and isinstance(sub.data, dict)
            and sub.data.get(key) is None
            and 0 < p.line <= len(lines)
            and re.search(rf"{key}\s*:\s*#", lines[p.line - 1])
        ):
            colour = (
                lines[p.line - 1].split("#", 1)[1].split()[0] if "#" in lines[p.line - 1] else ""
            )
            message = (
                f"{key} is empty because YAML reads everything after '#' as a note: put the "
                f'colour in quotes, like {key}: "#{colour}"'
            )
        shown.append(Problem(p.path, p.line, f"extra.clinic: {message}", p.severity, p.column))
    return clinic, shown


def excluded_docs(config: Located | None) -> Callable[[str], bool]:
    """Whether MkDocs leaves a file of content/ (a path relative to it) out of the site, by
    the gitignore-style patterns it reads itself (`exclude_docs` in mkdocs.yml)."""
    data = config.data if config is not None and isinstance(config.data, dict) else {}
    spec = pathspec.GitIgnoreSpec.from_lines(str(data.get("exclude_docs") or "").splitlines())
    return spec.match_file


def treatment_folders(content_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in content_dir.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and p.name not in RESERVED_FOLDERS
    )


def content_stamp(content_dir: Path, config_path: Path, extra: list[Path]) -> frozenset:
    """What the files a site is loaded from are now (path, modification time, size): equal
    stamps, the same files."""
    entries = set()
    for folder in (content_dir.resolve(), *(p.resolve() for p in extra)):
        for dirpath, _, filenames in os.walk(folder):
            for name in filenames:
                path = os.path.join(dirpath, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                entries.add((path, stat.st_mtime_ns, stat.st_size))
    try:
        stat = config_path.stat()
        entries.add((str(config_path.resolve()), stat.st_mtime_ns, stat.st_size))
    except OSError:
        pass
    return frozenset(entries)


def load_site(
    content_dir: Path,
    config_path: Path,
    base: Path | None = None,
    extra_treatments: list[Path] | None = None,
    lang: str = DEFAULT,
) -> Site:
    """Load everything under `content_dir` plus the clinic in `config_path`, in `lang`."""
    shown = Shown(base or config_path.parent)
    problems: list[Problem] = []
    config, more = load_yaml_file(config_path, shown(config_path), mkdocs_tags=True)
    problems += more
    clinic = None
    if config is not None:
        clinic, more = load_clinic(config, read_text(config_path, shown(config_path))[0] or "")
        problems += more
    if clinic is not None:
        clinic = clinic.in_language(lang)
    activities, activities_located, more = load_activities(content_dir, shown, lang)
    problems += more
    treatments: list[TreatmentData] = []
    faq_files: list[FaqData] = []
    for folder in [*treatment_folders(content_dir), *(extra_treatments or [])]:
        data, faq, more = load_treatment(folder, shown, lang)
        problems += more
        if faq is not None:
            faq_files.append(faq)
        if data is not None:
            treatments.append(data)
    pages: list[Page] = []
    for name in SITE_PAGES:
        path = localized(content_dir / name, lang)
        if not path.exists():
            problems.append(Problem(shown(path), 1, f"{name} is missing: the site needs it"))
            continue
        page, more = load_page(path, shown(path))
        problems += more
        if page is not None:
            pages.append(page)
    for data in treatments:
        pages.extend(data.pages.values())
    # Any other page in content/ is published too, so it is read the same way (an empty
    # page would build a blank one).
    loaded = {page.path.resolve() for page in pages}
    loaded |= {
        (folder / name).resolve()
        for folder in treatment_folders(content_dir)
        for name in TREATMENT_PAGES
    }
    excluded = excluded_docs(config)
    for path in sorted(content_dir.rglob("*.md")):
        relative = path.relative_to(content_dir)
        if path.resolve() in loaded or excluded(relative.as_posix()):
            continue
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        page, more = load_page(path, shown(path))
        problems += more
        if page is not None:
            pages.append(page)
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
        lang=lang,
    )
