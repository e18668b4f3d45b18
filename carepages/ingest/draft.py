"""Write `drafts/<slug>/`: a treatment folder in the content format, marked draft.

The draft is built as the content models (`Treatment`, `FaqFile`), validated in memory,
and written by the one YAML writer with each value's sources as YAML comments; the
Markdown pages keep each paragraph's sources on a reference-style comment line
(`[//]: # (s1:42, s3:58)`) that neither Jinja nor the published HTML shows. The folder is
written atomically and loaded back through the content loader before it appears.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import nh3
from pydantic import ValidationError

from carepages.checks.restrictions import check_restrictions
from carepages.model.activities import BUILT_IN, Activity
from carepages.model.ids import slugify
from carepages.model.sections import SOURCE_PARTS, FaqTopic, Section
from carepages.model.treatment import (
    Disagreement,
    FaqEntry,
    FaqFile,
    LeftOut,
    PageMeta,
    Restriction,
    Source,
    SourceNotes,
    Span,
    Step,
    Treatment,
    WarningSign,
)
from carepages.model.words import plain_words
from carepages.source.content import Shown, load_activities, load_treatment
from carepages.source.skeleton import write_translations

from .merge import Fact, Merged, Where, merge
from .model import NOISE, Document
from .neutral import ENTITIES, inert
from .reconcile import Conflict
from .vocabulary import Vocabulary
from .yamlwriter import Comments, dump

TODO_REVIEWER = "TODO: the clinician who reviewed this page"


class DraftError(Exception):
    """A draft that cannot be written; the message is the one line a user sees."""


# --- making source text safe ------------------------------------------------------------------


def safe_text(text: str) -> str:
    """Plain text for a draft: no markup, no Jinja, no Markdown syntax from a source."""
    return inert(text)


def plain_text(text: str) -> str:
    """Source text for a YAML value: tags removed, entities read, one line. The components
    escape what they show, so the text keeps its own `&` and quotes."""
    text = nh3.clean(text, tags=set(), clean_content_tags={"script", "style"})
    return " ".join(html.unescape(text).replace("\u200b", "").split())


def answer_text(text: str) -> str:
    """An answer is Markdown when shown: a source's brackets make no link."""
    return plain_text(text).replace("[", "\\[").replace("]", "\\]")


def md_comment(text: str) -> str:
    """A line Markdown keeps out of the page (a reference definition that nothing uses),
    holding `text`: one line, backslashes and parentheses escaped so nothing in it can close
    it, and `{ } < >` written as entities so no template or HTML syntax can form."""
    text = " ".join(re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", text).split())
    escaped = "".join(ENTITIES.get(c) or ("\\" + c if c in "\\()" else c) for c in text)
    return f"[//]: # ({escaped})"


# --- provenance --------------------------------------------------------------------------------


def provenance(where: Iterable[Where], support: int) -> str:
    """`s1:42, s3:58 · 2 sources`, or `· one source only`."""
    places = ", ".join(str(w) for w in sorted(set(where)))
    return f"{places} · " + ("one source only" if support <= 1 else f"{support} sources")


def _fact_note(fact: Fact) -> str:
    note = provenance(fact.where, fact.support)
    if fact.medicine:
        note += " · about a medicine: a clinician decides what the page says"
    flags = plain_words(fact.text)
    if flags:
        note += " · plain words: " + ", ".join(f"{a} → {b}" for a, b in flags)
    return note


# --- the models ----------------------------------------------------------------------------------


@dataclass
class Draft:
    """A draft in memory: the models as they will be written, their comments, and the
    pages."""

    treatment: Treatment
    treatment_comments: Comments
    faq: FaqFile
    faq_comments: Comments
    pages: dict[str, str] = field(default_factory=dict)
    merged: Merged | None = None

    def files(self) -> dict[str, str]:
        return {
            "treatment.yml": dump(self.treatment, self.treatment_comments),
            "faq.yml": dump(self.faq, self.faq_comments),
            **self.pages,
        }


def _sections_of(doc: Document) -> list[str]:
    found = {b.section for b in doc.blocks if b.section != NOISE}
    parts = [s.value for s in Section if s in found]
    if doc.faq:
        parts.append("faq")
    if doc.timeline:
        parts.append("timeline")
    return [p for p in parts if p in SOURCE_PARTS] or [Section.WHAT_IT_IS.value]


def _unique(base: str, seen: set[str]) -> str:
    candidate, n = base or "item", 2
    while candidate in seen:
        candidate, n = f"{base}-{n}", n + 1
    seen.add(candidate)
    return candidate


def _said(where: Where, text: str) -> str:
    return f"{where}: {plain_text(text)}"[:400]


def build_draft(
    merged: Merged, slug: str, activities: dict[str, Activity], today: dt.date | None = None
) -> Draft:
    """The draft's models and pages; raises DraftError if they do not validate."""
    try:
        return _build(merged, slug, activities, today or dt.date.today())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DraftError(f"the draft does not validate: {where}: {first['msg']}") from exc


def _build(merged: Merged, slug: str, activities: dict[str, Activity], today: dt.date) -> Draft:
    comments = Comments()
    comments.top = [
        "Draft written by `carepages ingest`: each value names its sources (s1:42 is line 42",
        "of source s1). Rewrite every sentence in the clinic's own words, check each",
        "PROPOSED value against the sources, and clear every TODO before publishing.",
    ]
    sources = [
        Source(
            id=f"s{n}",
            title=plain_text(doc.title)[:200] or doc.source,
            origin=doc.url,
            file=doc.source,
            sections=_sections_of(doc),
        )
        for n, doc in enumerate(merged.docs, start=1)
    ]
    copies = [
        n for n, site in enumerate(merged.site_of, start=1) if merged.site_of.index(site) != n - 1
    ]
    for n in copies:
        first = merged.site_of.index(merged.site_of[n - 1]) + 1
        comments.after[("sources", n - 1, "id")] = f"a near copy of s{first}: counted once"

    # Warning signs.
    signs: list[WarningSign] = []
    seen: set[str] = set()
    for index, fact in enumerate(merged.call_us):
        signs.append(
            WarningSign(id=_unique(slugify(fact.text, 24), seen), text=plain_text(fact.text))
        )
        comments.after[("call_us_if", index, "text")] = _fact_note(fact)
    if not signs:
        signs = [WarningSign(id="todo", text="TODO: say when a patient should call the clinic")]

    # Timeline.
    steps: list[Step] = []
    for s_index, step in enumerate(merged.steps):
        avoid = []
        for activity in dict.fromkeys(step.avoid):
            known = activities.get(activity)
            avoid.append(f"{known.label if known else activity}.")
        steps.append(
            Step(
                id=step.id,
                title=step.title,
                start_hours=step.start,
                end_hours=step.end,
                notice=[plain_text(f.text) for f in step.notice],
                do=[plain_text(f.text) for f in step.do],
                avoid=avoid,
            )
        )
        for kind in ("notice", "do"):
            for f_index, fact in enumerate(getattr(step, kind)):
                comments.after[("timeline", s_index, kind, f_index)] = _fact_note(fact)
        for a_index, activity in enumerate(dict.fromkeys(step.avoid)):
            comments.after[("timeline", s_index, "avoid", a_index)] = f"restriction: {activity}"
    if not steps:
        steps = [
            Step(
                id="day-1",
                title="Day 1",
                start_hours=0,
                end_hours=24,
                notice=["TODO: no source gives a timeline; add what to expect"],
            )
        ]

    # Restrictions, at the cautious value, with every source's value beside it.
    restrictions: list[Restriction] = []
    for r_index, item in enumerate(merged.restrictions):
        words = [w for w in item.what if w]
        restrictions.append(
            Restriction(
                activity=item.activity,
                spans=[Span(start_hours=a, end_hours=b) for a, b in item.spans],
                what=", ".join(words) if words else "TODO: say exactly what to avoid",
            )
        )
        notes = ["PROPOSED: the longest window any source gives (the cautious value)."]
        for value in item.values:
            when = (
                "no time given"
                if value.end is None and value.start is None
                else f"{_h(value.start)} to {_h(value.end)} h"
            )
            notes.append(f"{value.where} ({when}): {plain_text(value.text)[:140]}")
        comments.before[("restrictions", r_index)] = notes
    extra_notes: list[str] = []
    if merged.medicines:
        extra_notes.append(
            "Medicines: a clinician decides; ingest proposes no restriction for them."
        )
        extra_notes += [f"  {v.where}: {plain_text(v.text)[:140]}" for v in merged.medicines]
    if merged.unlisted:
        extra_notes.append(
            "Also to avoid, but not an activity of the vocabulary (add it to "
            "content/activities.yml to give it a row):"
        )
        extra_notes += [
            f"  {v.where} ({v.word}): {plain_text(v.text)[:140]}" for v in merged.unlisted
        ]

    disagreements = [
        Disagreement(
            topic=d.topic,
            published=d.published,
            sources_say=[_said(w, t) for w, t in d.sources_say],
        )
        for d in merged.disagreements
        if len(d.sources_say) >= 2
    ]
    left_out: list[LeftOut] = []
    for index, flagged in enumerate(merged.flagged):
        left_out.append(
            LeftOut(
                claim=plain_text(flagged.text)[:400],
                why="; ".join(dict.fromkeys(c.why for c in flagged.claims)),
                source=f"s{flagged.where.doc}",
            )
        )
        kinds = ", ".join(dict.fromkeys(c.kind for c in flagged.claims))
        comments.before[("source_notes", "left_out", index)] = [f"{flagged.where} · {kinds}"]

    treatment = Treatment(
        title=merged.title,
        summary=plain_text(merged.summary),
        status="draft",
        reviewed_by=TODO_REVIEWER,
        last_reviewed=today,
        sources=sources,
        source_notes=SourceNotes(disagreements=disagreements, left_out=left_out),
        call_us_if=signs,
        timeline=steps,
        restrictions=restrictions,
    )
    comments.before[("last_reviewed",)] = ["TODO: set the date a clinician reviewed this page"]
    if merged.summary_where:
        comments.after[("summary",)] = str(merged.summary_where)
    if extra_notes:
        key = "restrictions" if restrictions else "timeline"
        comments.before.setdefault((key,), []).extend(extra_notes)
    if merged.flagged:
        comments.before.setdefault(("source_notes",), []).append(
            f"Claims a clinician would reject ({len(merged.flagged)}): set aside under "
            "left_out with the reason; none of them is proposed as content."
        )

    faq, faq_comments = _faq(merged, slug)
    pages = {
        "index.md": _index(merged),
        "recovery.md": _page(
            f"{merged.title} recovery, day by day", "{{ timeline() }}\n\n{{ activity_table() }}"
        ),
        "faq.md": _page(f"{merged.title} questions", "{{ faq() }}"),
    }
    return Draft(treatment, comments, faq, faq_comments, pages, merged)


def _h(value: float | None) -> str:
    if value is None:
        return "open"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _faq(merged: Merged, slug: str) -> tuple[FaqFile, Comments]:
    comments = Comments()
    entries: list[FaqEntry] = []
    seen: set[str] = set()
    questions: set[str] = set()
    for question in merged.questions:
        text = plain_text(question.question)
        if text.lower() in questions or not text.endswith("?"):
            continue
        questions.add(text.lower())
        best = question.answers[0]
        index = len(entries)
        entries.append(
            FaqEntry(
                id=_unique(f"{slug}-{slugify(text, 48)}", seen),
                question=text,
                answer=answer_text(best.text) or "TODO: answer this in a few plain sentences.",
                topic=question.topic,
            )
        )
        support = len({merged.site_of[a.where.doc - 1] for a in question.answers})
        notes = [
            f"asked at {', '.join(str(a.where) for a in question.answers)} · "
            + ("one source only" if support <= 1 else f"{support} sources")
        ]
        notes.append(f"answer from {best.where} (the best supported)")
        if question.supported_by:
            notes.append(
                "its facts are also stated at "
                + ", ".join(str(w) for w in question.supported_by if w not in {best.where})
            )
        for other in question.answers[1:]:
            notes.append(f"also {other.where}: {plain_text(other.text)[:160]}")
        comments.before[("questions", index)] = notes
    if not entries:
        entries = [
            FaqEntry(
                id=f"{slug}-todo",
                topic=FaqTopic.GENERAL,
                question="TODO: which questions do patients ask?",
                answer="TODO: no source has questions and answers; add them here.",
            )
        ]
    return FaqFile(questions=entries), comments


def _front_matter(title: str) -> str:
    return "---\n" + dump(PageMeta(title=title, status="draft")) + "---\n"


def _page(title: str, body: str) -> str:
    """A page named after the treatment, so a clinic's search results tell treatments apart."""
    return f"{_front_matter(title)}\n# {safe_text(title)}\n\n{body}\n"


def _index(merged: Merged) -> str:
    title = safe_text(merged.title)
    out = [_front_matter(merged.title), f"# {title}", ""]
    out.append(
        md_comment(
            "Draft written by carepages ingest. Each line like this one names the sources of what follows it."
        )
    )
    for n, doc in enumerate(merged.docs, start=1):
        out.append(md_comment(f"s{n}: {doc.source}"))
    out.append("")
    for section in Section:
        out += [f"## {section.label} {{: #{section} }}", ""]
        facts = merged.overview(section)
        for fact in facts:
            out += [md_comment(_fact_note(fact)), f"- {safe_text(fact.text)}", ""]
        if not facts:
            out += [
                f"TODO: no source says anything else about this section ({section.label.lower()}).",
                "",
            ]
    out += ["{{ when_to_call() }}", ""]
    return "\n".join(out)


# --- writing -------------------------------------------------------------------------------------


def project_activities(root: Path) -> list[Activity]:
    """The built-in activities and the clinic's own (content/activities.yml), in order."""
    found, _, _ = load_activities(root / "content", Shown(root))
    return list(found.values()) if found else list(BUILT_IN)


def write_draft(
    docs: list[Document],
    conflicts: list[Conflict],
    slug: str,
    drafts: Path,
    force: bool = False,
    vocabulary: Vocabulary | None = None,
    activities: list[Activity] | None = None,
) -> Path:
    """Write drafts/<slug>/ atomically; returns the folder. Raises DraftError."""
    drafts = drafts.resolve()
    content = (Path.cwd() / "content").resolve()
    if drafts == content or content in drafts.parents:
        raise DraftError("refusing to write a draft into content/")
    target = drafts / slug
    if target.exists() and not force:
        raise DraftError(
            f"{target} already exists: add --force (make ingest FORCE=1) to replace it"
        )
    activities = activities or list(BUILT_IN)
    vocabulary = vocabulary or Vocabulary.of(activities)
    merged = merge(docs, conflicts, vocabulary, activities)
    draft = build_draft(merged, slug, {a.id: a for a in activities})
    try:
        drafts.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=drafts))
    except OSError as exc:
        raise DraftError(f"cannot create {drafts}: {exc.strerror}") from exc
    try:
        folder = staging / slug
        folder.mkdir()
        for name, text in draft.files().items():
            (folder / name).write_text(text, encoding="utf-8")
        problems = validate_draft(folder, {a.id: a for a in activities})
        if problems:
            raise DraftError(f"the draft does not validate: {problems[0]}")
        # The Spanish (or other language) files to translate, marked TODO, when the site
        # builds more than English.
        write_translations(folder, content.parent, dt.date.today())
        old = None
        if target.exists():
            old = staging / "replaced"
            os.replace(target, old)
        os.replace(folder, target)
    except OSError as exc:
        raise DraftError(f"cannot write {target}: {exc.strerror}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def validate_draft(folder: Path, activities: dict[str, Activity] | None = None) -> list[str]:
    """Problems (as `file:line: message`) the content loader finds in a draft folder."""
    data, _, problems = load_treatment(folder, Shown(folder))
    if data is not None:
        problems += check_restrictions(data, activities or {a.id: a for a in BUILT_IN})
    return [str(p) for p in problems if p.severity == "error"]
