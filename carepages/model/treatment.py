"""A treatment as editors write it: `treatment.yml` and `faq.yml` in `content/<slug>/`, and
the front matter of its pages. One schema for ingest drafts, `carepages check` and the
macros; field names are the ones editors see, so they stay plain."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from carepages.model.ids import SlugStr
from carepages.model.sections import SOURCE_PARTS, FaqTopic

# A year of hours: anything longer is almost certainly a typo (days written as hours).
MAX_SPAN_HOURS = 8760

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
NO_MARKUP = (
    "may not contain '<' or '>' (Material would read them as HTML): write the words out, "
    "like 'under 5' or 'more than 5'"
)
NO_TEMPLATE = "may not contain '{{', '{%' or '{#' (template code): remove them"


def no_markup(value: str) -> str:
    """Names, titles and descriptions that the theme prints into the page without escaping
    some of them: '<' and '>' are refused ('&' is fine: "Smith & Jones")."""
    if "<" in value or ">" in value:
        raise ValueError(NO_MARKUP)
    if "{{" in value or "{%" in value or "{#" in value:
        raise ValueError(NO_TEMPLATE)
    return value


# A name, title or description: text without markup or template code.
Name = Annotated[Text, AfterValidator(no_markup)]
Hours = Annotated[int, Field(ge=-MAX_SPAN_HOURS, le=MAX_SPAN_HOURS)]
Status = Literal["published", "draft"]
# The one-paragraph summary under a treatment's title (its search and link description).
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=300)]


def _is_question(value: str) -> str:
    if not value.endswith("?"):
        raise ValueError("a question should end with '?'")
    return value


def _date_only(value: object) -> object:
    # YAML reads `2026-11-20 10:00` as a datetime; a review date is a day.
    return value.date() if isinstance(value, dt.datetime) else value


Question = Annotated[Text, AfterValidator(_is_question)]
ReviewDate = Annotated[dt.date, BeforeValidator(_date_only)]


class Span(BaseModel):
    """A stretch of time in hours relative to the treatment (negative = before it)."""

    model_config = ConfigDict(extra="forbid")

    start_hours: Hours
    end_hours: Hours | None = Field(default=None, description="Empty when open-ended.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end_hours is not None:
            if self.end_hours <= self.start_hours:
                raise ValueError(
                    f"ends ({self.end_hours} h) before it starts ({self.start_hours} h)"
                )
            if self.end_hours - self.start_hours > MAX_SPAN_HOURS:
                raise ValueError("is longer than a year: check the hours")
        return self


class Step(Span):
    """One step of the recovery timeline."""

    # A short name that never changes: translations and links refer to the step by it.
    id: SlugStr | None = None
    title: Text
    notice: list[Text] = Field(default_factory=list, description="What you may notice.")
    do: list[Text] = Field(default_factory=list)
    avoid: list[Text] = Field(default_factory=list)
    # A question the patient can ask themselves at the end of the step; it becomes a
    # calendar check-in ("Check-in: is the redness gone?").
    check: str = ""


class WarningSign(BaseModel):
    """A sign that means "call us", with the time it is most likely to show, if any."""

    model_config = ConfigDict(extra="forbid")

    id: SlugStr | None = None
    text: Text
    most_likely: Span | None = None


class Restriction(BaseModel):
    """An activity to avoid for a while, in the patient's words. The activity is the
    restriction's id (each activity once per treatment). Which wording an activity needs is
    the rule of `carepages.checks.wording`; how the plan uses it, `carepages.components.plan`."""

    model_config = ConfigDict(extra="forbid")

    activity: SlugStr
    spans: list[Span] = Field(min_length=1)
    why: str = ""
    # What exactly to avoid, as a few words that fit "Until Sun 29 Nov: …" ("allergy tablets
    # (antihistamines)"); the activity's label is only a fallback where it cannot be misread.
    what: str = ""
    # The patient's sentence while the restriction is coming up or going on ("Do not take
    # allergy tablets (antihistamines) in the 24 hours before your treatment.").
    before: str = ""
    # The patient's sentence once it is over ("You can take allergy tablets again.").
    after: str = ""


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: SlugStr
    title: Text
    # Where it was published, as a patient can follow it: its web address, or words such
    # as "a skin clinic's blog, 2017". The about page shows it.
    origin: str = ""
    # The document as the clinic keeps it (a path from the project or the treatment's
    # folder): `make check` compares the pages with it so no sentence is copied. Never shown.
    file: str = ""
    sections: list[str] = Field(min_length=1)

    @field_validator("sections")
    @classmethod
    def _known_parts(cls, value: list[str]) -> list[str]:
        unknown = [part for part in value if part not in SOURCE_PARTS]
        if unknown:
            raise ValueError(
                f"'{unknown[0]}' is not a part of a treatment; use one of: "
                + ", ".join(SOURCE_PARTS)
            )
        return value


class Disagreement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: Text
    published: Text
    sources_say: list[Text] = Field(min_length=2)


class LeftOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claim: Text
    why: Text
    source: SlugStr | None = None


class SourceNotes(BaseModel):
    model_config = ConfigDict(extra="forbid")

    disagreements: list[Disagreement] = Field(default_factory=list)
    left_out: list[LeftOut] = Field(default_factory=list)


class Treatment(BaseModel):
    """`content/<slug>/treatment.yml`: everything structured about one treatment."""

    model_config = ConfigDict(extra="forbid")

    title: Name
    summary: Summary
    status: Status = "published"
    reviewed_by: Text
    # Required once published (carepages.checks.freshness); a new draft has none yet.
    last_reviewed: ReviewDate | None = None
    body_location: str = ""
    sources: list[Source] = Field(min_length=1)
    source_notes: SourceNotes = Field(default_factory=SourceNotes)
    call_us_if: list[WarningSign] = Field(min_length=1)
    timeline: list[Step] = Field(min_length=1)
    restrictions: list[Restriction] = Field(default_factory=list)

    @field_validator("call_us_if", mode="before")
    @classmethod
    def _plain_signs(cls, value: object) -> object:
        # A sign written as plain text is read as its text; the ids check asks for its id.
        if isinstance(value, list):
            return [{"text": item} if isinstance(item, str) else item for item in value]
        return value


class FaqEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: SlugStr
    question: Question
    answer: Text
    topic: FaqTopic


class FaqFile(BaseModel):
    """`content/<slug>/faq.yml`."""

    model_config = ConfigDict(extra="forbid")

    questions: list[FaqEntry] = Field(min_length=1)


class PageMeta(BaseModel):
    """A page's front matter: all optional; a page without it takes its title from its
    first heading."""

    model_config = ConfigDict(extra="forbid")

    title: Name | None = None
    description: Name | None = None
    status: Status | None = None
    # A translated site page (`about.es.md`): who checked the translation, and when.
    reviewed_by: str | None = None
    last_reviewed: ReviewDate | None = None
    hide: list[str] | None = None
    template: str | None = None
