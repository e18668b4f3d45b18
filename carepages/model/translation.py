"""A treatment's text in another language: `treatment.es.yml`, `faq.es.yml` and
`activities.es.yml` beside the English files.

Structure lives once, in the English files: hours, order, activities, sources' origins and
the ids. A translation carries only text, keyed by those ids (a step's id, a restriction's
activity, a warning sign's id, a source's id, a question's id); a list inside a step is
translated as a whole list of the same length, so an English bullet added later can never
shift the translated ones. `apply` lays a translation over the English model; the checks
(`carepages.checks.translations`) say where the two do not fit.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from carepages.model.activities import Activity
from carepages.model.treatment import (
    Disagreement,
    FaqEntry,
    LeftOut,
    Name,
    Question,
    Restriction,
    ReviewDate,
    SourceNotes,
    Step,
    Summary,
    Text,
    Treatment,
    WarningSign,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StepText(_Strict):
    title: Text
    notice: list[Text] = Field(default_factory=list)
    do: list[Text] = Field(default_factory=list)
    avoid: list[Text] = Field(default_factory=list)
    check: str = ""


class RestrictionText(_Strict):
    why: str = ""
    what: str = ""
    before: str = ""
    after: str = ""


class DisagreementText(_Strict):
    topic: Text
    published: Text
    sources_say: list[Text] = Field(min_length=2)


class LeftOutText(_Strict):
    claim: Text
    why: Text


class SourceNotesText(_Strict):
    disagreements: list[DisagreementText] = Field(default_factory=list)
    left_out: list[LeftOutText] = Field(default_factory=list)


class TreatmentText(_Strict):
    """`content/<slug>/treatment.<lang>.yml`. `reviewed_by` and `last_reviewed` name the
    person who checked the translation, and when."""

    title: Name
    summary: Summary
    reviewed_by: Text
    last_reviewed: ReviewDate
    # The clinician who reviewed the English pages (treatment.yml's reviewed_by), with their
    # role in this language: the review line names them both.
    clinician: str = ""
    body_location: str = ""
    sources: dict[str, Text] = Field(default_factory=dict)
    source_notes: SourceNotesText | None = None
    call_us_if: dict[str, Text] = Field(default_factory=dict)
    timeline: dict[str, StepText] = Field(default_factory=dict)
    restrictions: dict[str, RestrictionText] = Field(default_factory=dict)


class QuestionText(_Strict):
    question: Question
    answer: Text


class FaqText(_Strict):
    """`content/<slug>/faq.<lang>.yml`: each question's text under its English id."""

    questions: dict[str, QuestionText] = Field(min_length=1)


class ActivityText(_Strict):
    label: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    description: str = ""
    resume: str = ""


class ActivitiesText(_Strict):
    """`content/activities.<lang>.yml`: the clinic's own activities, under their ids."""

    activities: dict[str, ActivityText] = Field(default_factory=dict)


STEP_LISTS = ("notice", "do", "avoid")


def _same_length(english: list[str], translated: list[str]) -> list[str]:
    # A list of another length is a structure error the check reports; until it is fixed
    # the English list stands, so no bullet is ever paired with the wrong one.
    return translated if len(translated) == len(english) else english


def _step(step: Step, text: StepText | None) -> Step:
    if text is None:
        return step
    lists = {k: _same_length(getattr(step, k), getattr(text, k)) for k in STEP_LISTS}
    check = text.check if bool(text.check) == bool(step.check) else step.check
    return step.model_copy(update={"title": text.title, "check": check, **lists})


def _restriction(restriction: Restriction, text: RestrictionText | None) -> Restriction:
    if text is None:
        return restriction
    fields = ("why", "what", "before", "after")
    return restriction.model_copy(update={f: getattr(text, f) for f in fields})


def _notes(notes: SourceNotes, text: SourceNotesText | None) -> SourceNotes:
    if text is None:
        return notes
    disagreements = notes.disagreements
    if len(text.disagreements) == len(disagreements):
        disagreements = [
            d.model_copy(update=t.model_dump()) if len(t.sources_say) == len(d.sources_say) else d
            for d, t in zip(notes.disagreements, text.disagreements, strict=True)
        ]
    left_out = notes.left_out
    if len(text.left_out) == len(left_out):
        left_out = [
            item.model_copy(update=t.model_dump())
            for item, t in zip(notes.left_out, text.left_out, strict=True)
        ]
    return SourceNotes(
        disagreements=[Disagreement.model_validate(d.model_dump()) for d in disagreements],
        left_out=[LeftOut.model_validate(item.model_dump()) for item in left_out],
    )


def apply(english: Treatment, text: TreatmentText) -> Treatment:
    """The English treatment with the translation's text laid over it, id by id. Whatever
    the translation lacks stays English (the check reports it). The review stays the
    clinician's (their role in this language); the translation's own reviewer is kept
    beside it by the loader."""
    sources = [
        s.model_copy(update={"title": text.sources[s.id]}) if s.id in text.sources else s
        for s in english.sources
    ]
    signs: list[WarningSign] = [
        sign.model_copy(update={"text": text.call_us_if[sign.id]})
        if sign.id is not None and sign.id in text.call_us_if
        else sign
        for sign in english.call_us_if
    ]
    return english.model_copy(
        update={
            "title": text.title,
            "summary": text.summary,
            "reviewed_by": text.clinician or english.reviewed_by,
            "body_location": text.body_location or english.body_location,
            "sources": sources,
            "source_notes": _notes(english.source_notes, text.source_notes),
            "call_us_if": signs,
            "timeline": [_step(s, text.timeline.get(s.id or "")) for s in english.timeline],
            "restrictions": [
                _restriction(r, text.restrictions.get(r.activity)) for r in english.restrictions
            ],
        }
    )


def apply_faq(english: list[FaqEntry], text: FaqText) -> tuple[list[FaqEntry], set[str]]:
    """The questions in the translation's words, in the English order, and the ids of
    those it does not translate yet (shown in English, marked)."""
    entries, missing = [], set()
    for entry in english:
        words = text.questions.get(entry.id)
        if words is None:
            missing.add(entry.id)
            entries.append(entry)
        else:
            entries.append(entry.model_copy(update=words.model_dump()))
    return entries, missing


def apply_activity(activity: Activity, text: ActivityText | None) -> Activity:
    return activity if text is None else activity.model_copy(update=text.model_dump())
