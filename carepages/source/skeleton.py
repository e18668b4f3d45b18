"""The files a translation starts from: each text of a treatment's English files under its
id, marked TODO, ready for a translator. `make new` writes them for every language the
site is built in; an ingest draft gets the same with
`write_translations(drafts/<slug>, project_root, today)` once its English files are written.

Each text is written as `TODO: ` plus the English, so the translator sees what to
translate and `make check` lists every one still to do (a TODO is a warning).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from carepages.model.translation import STEP_LISTS
from carepages.model.treatment import FaqEntry, Treatment
from carepages.source.content import TREATMENT_PAGES, Shown, load_treatment
from carepages.source.languages import language_name, other_languages, translation_path
from carepages.source.yamlfile import split_front_matter

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(\s*\{:[^}]*\})?\s*$")
_LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$")
_MACRO_LINE = re.compile(r"^\s*\{\{.*\}\}\s*$")
# The front matter a reader sees as words, and the review that belongs to one language.
_PAGE_WORDS = {"title", "description"}
_PAGE_REVIEW = {"reviewed_by", "last_reviewed"}


def todo(text: str) -> str:
    """`TODO: ` and the English text (once: a placeholder already marked stays as it is)."""
    text = " ".join(text.split())
    return text if text.startswith("TODO") else f"TODO: {text}"


def treatment_text(treatment: Treatment, today: dt.date) -> dict[str, Any]:
    """treatment.<lang>.yml for `treatment`: every text under its id, marked TODO."""
    notes = treatment.source_notes
    data: dict[str, Any] = {
        "title": todo(treatment.title),
        "summary": todo(treatment.summary),
        "reviewed_by": "TODO: who checked this translation",
        "last_reviewed": today,
        "clinician": todo(treatment.reviewed_by),
    }
    if treatment.body_location:
        data["body_location"] = todo(treatment.body_location)
    data["sources"] = {s.id: todo(s.title) for s in treatment.sources}
    if notes.disagreements or notes.left_out:
        data["source_notes"] = {
            "disagreements": [
                {
                    "topic": todo(d.topic),
                    "published": todo(d.published),
                    "sources_say": [todo(line) for line in d.sources_say],
                }
                for d in notes.disagreements
            ],
            "left_out": [{"claim": todo(i.claim), "why": todo(i.why)} for i in notes.left_out],
        }
    data["call_us_if"] = {sign.id: todo(sign.text) for sign in treatment.call_us_if if sign.id}
    data["timeline"] = {
        step.id: {
            "title": todo(step.title),
            **{kind: [todo(item) for item in getattr(step, kind)] for kind in STEP_LISTS},
            **({"check": todo(step.check)} if step.check else {}),
        }
        for step in treatment.timeline
        if step.id
    }
    restrictions = {}
    for restriction in treatment.restrictions:
        words = {
            field: todo(getattr(restriction, field))
            for field in ("why", "what", "before", "after")
            if getattr(restriction, field)
        }
        if words:
            restrictions[restriction.activity] = words
    data["restrictions"] = restrictions
    return data


def faq_text(entries: list[FaqEntry]) -> dict[str, Any]:
    """faq.<lang>.yml: each question and answer under its id, marked TODO."""
    return {
        "questions": {
            e.id: {"question": todo(e.question).rstrip("?") + "?", "answer": todo(e.answer)}
            for e in entries
        }
    }


def page_text(markdown: str) -> str:
    """A page to translate: its headings (with their ids), list items and paragraphs marked
    TODO in place, its macro calls kept as they are."""
    located, body, _, _ = split_front_matter(markdown, "page")
    out: list[str] = []
    if located is not None and isinstance(located.data, dict):
        # Only the words are translated; a draft page's `status: draft` (or its `hide`)
        # holds for its translation as it is. The English page's own review is not the
        # translation's.
        meta = {
            key: todo(str(value)) if key in _PAGE_WORDS else value
            for key, value in located.data.items()
            if value and key not in _PAGE_REVIEW
        }
        out += ["---", _dump(meta).rstrip("\n"), "---", ""]
    previous = ""
    for line in body.split("\n"):
        heading, item = _HEADING.match(line), _LIST_ITEM.match(line)
        if not line.strip() or _MACRO_LINE.match(line):
            out.append(line)
        elif heading:
            out.append(f"{heading[1]} {todo(heading[2])}{heading[3] or ''}")
        elif item:
            out.append(f"{item[1]}{todo(item[2])}")
        elif not previous.strip() or _HEADING.match(previous):
            out.append(todo(line))
        else:
            out.append(line)
        previous = line
    return "\n".join(out).rstrip("\n") + "\n"


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


HEADER = (
    "# {lang} text for {english}, keyed by the English ids. Replace each TODO with the\n"
    "# translation (`make check` lists those left); hours and order stay in {english}.\n"
)


def write_translation(folder: Path, lang: str, today: dt.date) -> list[Path]:
    """Write the `lang` files a translator starts from into a treatment folder (content or
    draft) whose English files load; files that exist already are left alone. Returns the
    files written."""
    data, _, _ = load_treatment(folder, Shown(folder))
    if data is None:
        return []
    written: list[Path] = []
    texts = {
        "treatment.yml": _dump(treatment_text(data.treatment, today)),
        "faq.yml": _dump(faq_text(data.faq)),
    }
    for name, text in texts.items():
        target = translation_path(folder / name, lang)
        if not target.exists():
            header = HEADER.format(lang=language_name(lang), english=name)
            target.write_text(header + text, "utf-8")
            written.append(target)
    for name in TREATMENT_PAGES:
        source, target = folder / name, translation_path(folder / name, lang)
        if source.exists() and not target.exists():
            target.write_text(page_text(source.read_text("utf-8")), "utf-8")
            written.append(target)
    return written


def write_translations(folder: Path, project: Path, today: dt.date) -> list[Path]:
    """`write_translation` for every language the project's mkdocs.yml builds besides
    English (none for an English-only site)."""
    return [
        path for lang in other_languages(project) for path in write_translation(folder, lang, today)
    ]
