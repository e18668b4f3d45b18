"""Translations keep to the English structure: every id they use exists in the English
files, every step and warning sign is there, a list inside a step has as many items as
the English one. A page or question without a translation, or a translation reviewed
before its English text last changed, is a warning (the site shows the English text)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from carepages.checks.project import Project
from carepages.model.translation import STEP_LISTS, ActivitiesText, TreatmentText
from carepages.model.treatment import SourceNotes
from carepages.source.content import SITE_PAGES, TREATMENT_PAGES, Site, TreatmentData
from carepages.source.languages import DEFAULT, language_name, language_of, translation_path
from carepages.source.problems import Problem
from carepages.source.wording import validate
from carepages.source.yamlfile import Located, load_yaml_file


def check(project: Project) -> Iterator[Problem]:
    for lang, site in project.translations.items():
        name = language_name(lang)
        for data in site.treatments:
            yield from _treatment(data, name)
            yield from _faq(data, name)
        yield from _pages(project, site, lang, name)
        yield from _activities(project, site, lang, name)
    yield from _orphans(project)


def _unknown(
    located: Located, loc: tuple[str, ...], noun: str, key: str, known: Iterable[str], english: str
) -> Problem:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return Problem(
        located.path,
        located.line_of(loc),
        f"{noun} '{key}' is not in {english}{hint}: translations use the English file's ids",
    )


def _missing(located: Located, loc: tuple[str, ...], noun: str, key: str, english: str) -> Problem:
    return Problem(
        located.path,
        located.line_of(loc),
        f"{noun} '{key}' of {english} is missing: translate it under the same id",
    )


def _treatment(data: TreatmentData, name: str) -> Iterator[Problem]:
    english, translation = data.english, data.translation
    if english is None or translation is None:
        return
    target = translation_path(data.folder / "treatment.yml", translation.lang).name
    if translation.text is None or translation.located is None:
        if not translation_path(data.folder / "treatment.yml", translation.lang).exists():
            yield Problem(
                data.located.path,
                1,
                f"'{data.slug}' has no {name} translation yet ({target}): the {name} pages "
                "show its timeline, table and warning signs in English",
                "warning",
            )
        return
    text, located = translation.text, translation.located
    source = Path(data.located.path).name
    # Each keyed part: its key, what one item is called, the translated items, the English
    # ids, and whether every English item needs its translation.
    keyed: list[tuple[str, str, Mapping[str, object], list[str | None], bool]] = [
        ("timeline", "timeline step", text.timeline, [s.id for s in english.timeline], True),
        ("call_us_if", "warning sign", text.call_us_if, [w.id for w in english.call_us_if], True),
        ("sources", "source", text.sources, [s.id for s in english.sources], False),
    ]
    for key, name, items, ids, required in keyed:
        yield from _keyed(located, key, name, items, ids, source, required=required)
    worded = [r.activity for r in english.restrictions if r.why or r.what or r.before or r.after]
    yield from _keyed(
        located,
        "restrictions",
        "restriction",
        text.restrictions,
        [r.activity for r in english.restrictions],
        source,
        needed=worded,
    )
    for step in english.timeline:
        step_words = text.timeline.get(step.id or "")
        if step_words is None:
            continue
        for kind in STEP_LISTS:
            mine, theirs = len(getattr(step_words, kind)), len(getattr(step, kind))
            if mine != theirs:
                yield Problem(
                    located.path,
                    located.line_of(("timeline", step.id or "", kind)),
                    f"timeline step '{step.id}', {kind} has {mine} item{'s' if mine != 1 else ''} "
                    f"but {source} has {theirs}: translate the whole list, item for item",
                )
        if bool(step_words.check) != bool(step.check):
            has = "has" if step.check else "has no"
            yield Problem(
                located.path,
                located.line_of(("timeline", step.id or "")),
                f"timeline step '{step.id}' {has} a check in {source}: "
                + ("translate it under 'check:'" if step.check else "remove 'check:' here"),
            )
    for restriction in english.restrictions:
        words = text.restrictions.get(restriction.activity)
        for field in ("why", "what", "before", "after"):
            if words is not None and bool(getattr(words, field)) != bool(
                getattr(restriction, field)
            ):
                yield Problem(
                    located.path,
                    located.line_of(("restrictions", restriction.activity)),
                    f"restriction '{restriction.activity}', '{field}' is "
                    + ("missing" if getattr(restriction, field) else f"not in {source}")
                    + ": translate the same fields as the English file",
                )
    yield from _notes(text, english.source_notes, located, source)
    if not text.clinician:
        yield Problem(
            located.path,
            located.line_of(("reviewed_by",)),
            f"'clinician' is missing: write the name and role of the clinician who reviewed "
            f"{source} ({english.reviewed_by}) in {name}, or the review line shows them in English",
            "warning",
        )
    if english.last_reviewed is not None and text.last_reviewed < english.last_reviewed:
        yield Problem(
            located.path,
            located.line_of(("last_reviewed",)),
            f"the translation was last reviewed on {text.last_reviewed.isoformat()}, before "
            f"{source} ({english.last_reviewed.isoformat()}): check it against the English "
            "text, then set last_reviewed to that day",
            "warning",
        )


def _keyed(
    located: Located,
    key: str,
    noun: str,
    given: Mapping[str, object],
    ids: list[str | None],
    source: str,
    required: bool = True,
    needed: list[str] | None = None,
) -> Iterator[Problem]:
    known = [i for i in ids if i is not None]
    for item in given:
        if item not in known:
            yield _unknown(located, (key, item), noun, item, known, source)
    for item in needed if needed is not None else (known if required else []):
        if item not in given:
            yield _missing(located, (key,), noun, item, source)


def _notes(
    text: TreatmentText, notes: SourceNotes, located: Located, source: str
) -> Iterator[Problem]:
    words = text.source_notes
    if words is None:
        return
    for key, count, english in (
        ("disagreements", len(words.disagreements), len(notes.disagreements)),
        ("left_out", len(words.left_out), len(notes.left_out)),
    ):
        if count != english:
            yield Problem(
                located.path,
                located.line_of(("source_notes", key)),
                f"source_notes, {key} has {count} items but {source} has {english}: "
                "translate each one, in the same order",
            )
    if len(words.disagreements) == len(notes.disagreements):
        pairs = zip(words.disagreements, notes.disagreements, strict=True)
        for index, (said, original) in enumerate(pairs):
            if len(said.sources_say) != len(original.sources_say):
                yield Problem(
                    located.path,
                    located.line_of(("source_notes", "disagreements", index, "sources_say")),
                    f"source_notes, disagreement {index + 1}: sources_say has "
                    f"{len(said.sources_say)} items but {source} has "
                    f"{len(original.sources_say)}: translate the whole list, item for item",
                )


def _faq(data: TreatmentData, name: str) -> Iterator[Problem]:
    translation = data.translation
    if translation is None:
        return
    target = translation_path(data.folder / "faq.yml", translation.lang)
    if translation.faq is None or translation.faq_located is None:
        if not target.exists():
            yield Problem(
                data.faq_located.path,
                1,
                f"'{data.slug}' has no {name} questions yet ({target.name}): the {name} "
                "pages show its questions in English",
                "warning",
            )
        return
    located = translation.faq_located
    ids = [entry.id for entry in data.english_faq]
    for key in translation.faq.questions:
        if key not in ids:
            yield _unknown(located, ("questions", key), "question", key, ids, "faq.yml")
    for entry in data.english_faq:
        if entry.id not in translation.faq.questions:
            yield Problem(
                located.path,
                located.line_of(("questions",)),
                f"question '{entry.id}' has no {name} translation yet: it is shown in English",
                "warning",
            )


def _pages(project: Project, site: Site, lang: str, name: str) -> Iterator[Problem]:
    english = [project.content_dir / n for n in SITE_PAGES] + [
        data.folder / n for data in site.treatments for n in TREATMENT_PAGES
    ]
    for path in english:
        if not path.exists():
            continue
        target = translation_path(path, lang)
        if not target.exists():
            yield Problem(
                project.shown(path),
                1,
                f"this page has no {name} translation yet ({target.name}): the {name} site "
                "shows it in English, with a notice",
                "warning",
            )
    for page in site.pages:
        if page.lang != lang or page.path.parent != project.content_dir:
            continue  # treatment pages: their review is in treatment.<lang>.yml
        if page.meta.reviewed_by is None or page.meta.last_reviewed is None:
            yield Problem(
                page.shown,
                1,
                "the translation does not say who checked it: add 'reviewed_by: …' and "
                "'last_reviewed: …' to its front matter",
                "warning",
            )


def _activities(project: Project, site: Site, lang: str, name: str) -> Iterator[Problem]:
    path = project.content_dir / "activities.yml"
    target = translation_path(path, lang)
    own = (
        [a for a in (project.site.activities_located.data or {}).get("activities") or []]
        if (
            project.site.activities_located
            and isinstance(project.site.activities_located.data, dict)
        )
        else []
    )
    ids = [str(a.get("id")) for a in own if isinstance(a, dict)]
    if not ids:
        return
    if not target.exists():
        yield Problem(
            project.shown(path),
            1,
            f"the clinic's activities have no {name} translation yet ({target.name}): the "
            f"{name} pages show them in English",
            "warning",
        )
        return
    located, _ = load_yaml_file(target, project.shown(target))
    if located is None:
        return  # the loader reports why
    model, _ = validate(ActivitiesText, located)
    if model is None:
        return
    for key in model.activities:
        if key not in ids:
            yield _unknown(located, ("activities", key), "activity", key, ids, "activities.yml")
    for key in ids:
        if key not in model.activities:
            yield _missing(located, ("activities",), "activity", key, "activities.yml")


def _orphans(project: Project) -> Iterator[Problem]:
    """A translation file beside no English file (a misspelt name, a deleted page)."""
    content = project.content_dir
    for path in sorted(content.rglob("*")):
        if not path.is_file() or language_of(path) == DEFAULT:
            continue
        if any(part.startswith((".", "_")) for part in path.relative_to(content).parts):
            continue
        stem = path.name.rsplit(".", 2)
        english = path.with_name(f"{stem[0]}.{stem[2]}")
        if not english.exists():
            yield Problem(
                project.shown(path),
                1,
                f"there is no {english.name} beside this translation: name it after its "
                "English file, like recovery.es.md beside recovery.md",
            )
