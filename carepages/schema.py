"""The content model: one schema for ingest drafts, `carepages check` and the macros.

Everything an editor writes in YAML is validated here; the Markdown prose is checked in
`carepages.content`. Field names are the ones editors see, so keep them plain.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# The overview page's five sections, in reading order. Their ids are part of every
# published URL (`microneedling/index.html#after`), so they never follow heading text.
SECTIONS: dict[str, str] = {
    "what-it-is": "What it is",
    "preparation": "Preparation",
    "during": "During",
    "after": "After",
    "risks": "Risks",
}

FAQ_TOPICS: dict[str, str] = {
    "general": "About the treatment",
    "before": "Before your treatment",
    "during": "On the day",
    "after": "After your treatment",
    "risks": "Risks and safety",
    "results": "Results",
    "cost": "Cost and sessions",
}

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# A year of hours: anything longer is almost certainly a typo (days written as hours).
MAX_SPAN_HOURS = 8760


class Activity(BaseModel):
    """One thing a patient may have to avoid for a while."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
    label: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    description: str = ""
    # Completes "You can … again" in calendar events and the Today summary.
    resume: str = ""

    @property
    def resume_text(self) -> str:
        return f"You can {self.resume} again" if self.resume else f"{self.label}: allowed again"


ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        id="makeup",
        label="Makeup",
        description="Foundation, powder and other makeup on the treated skin.",
        resume="wear makeup",
    ),
    Activity(
        id="sun",
        label="Sun",
        description="Direct sun and tanning beds.",
        resume="spend time in the sun",
    ),
    Activity(
        id="exercise",
        label="Exercise",
        description="Workouts and anything that makes you sweat a lot.",
        resume="exercise and sweat",
    ),
    Activity(
        id="heat",
        label="Heat",
        description="Sauna, steam room and hot tub.",
        resume="use a sauna, steam room or hot tub",
    ),
    Activity(
        id="swimming", label="Swimming", description="Pools, the sea and lakes.", resume="swim"
    ),
    Activity(
        id="actives",
        label="Active skincare",
        description="Retinoids, acids, vitamin C and other strong skincare.",
        resume="use your active skincare",
    ),
    Activity(
        id="exfoliation",
        label="Exfoliation",
        description="Scrubs, brushes and peeling products.",
        resume="exfoliate",
    ),
    Activity(
        id="touching",
        label="Touching",
        description="Touching, picking or scratching the treated skin.",
        resume="touch the treated skin",
    ),
    Activity(
        id="medication",
        label="Medication",
        description="Some medicines, such as anti-inflammatories or antihistamines, as your clinic tells you.",
        resume="take the medicines your clinic paused",
    ),
    Activity(
        id="other-treatments",
        label="Other treatments",
        description="Waxing, laser, peels or injections on the treated area.",
        resume="have other treatments on the area",
    ),
)

SlugStr = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Hours = Annotated[int, Field(ge=-MAX_SPAN_HOURS, le=MAX_SPAN_HOURS)]


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

    title: Text
    notice: list[Text] = Field(default_factory=list, description="What you may notice.")
    do: list[Text] = Field(default_factory=list)
    avoid: list[Text] = Field(default_factory=list)
    # A question the patient can ask themselves at the end of the step; it becomes a
    # calendar check-in ("Check-in: is the redness gone?").
    check: str = ""


class Restriction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    activity: SlugStr
    spans: list[Span] = Field(min_length=1)
    why: str = ""


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: SlugStr
    title: Text
    origin: str = Field(
        default="", description="Where the document came from: a file name or an address."
    )
    sections: list[
        Literal["what-it-is", "preparation", "during", "after", "risks", "faq", "timeline"]
    ] = Field(min_length=1)


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

    title: Text
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=300)]
    status: Literal["published", "draft"] = "published"
    reviewed_by: Text
    last_reviewed: dt.date
    body_location: str = ""
    sources: list[Source] = Field(min_length=1)
    source_notes: SourceNotes = Field(default_factory=SourceNotes)
    call_us_if: list[Text] = Field(min_length=1)
    timeline: list[Step] = Field(min_length=1)
    restrictions: list[Restriction] = Field(default_factory=list)

    @field_validator("last_reviewed", mode="before")
    @classmethod
    def _date_only(cls, value: object) -> object:
        if isinstance(value, dt.datetime):
            return value.date()
        return value


class FaqEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: SlugStr
    question: Text
    answer: Text
    topic: Literal[tuple(FAQ_TOPICS)]  # type: ignore[valid-type]

    @field_validator("question")
    @classmethod
    def _is_question(cls, value: str) -> str:
        if not value.endswith("?"):
            raise ValueError("a question should end with '?'")
        return value


class FaqFile(BaseModel):
    """`content/<slug>/faq.yml`."""

    model_config = ConfigDict(extra="forbid")

    questions: list[FaqEntry] = Field(min_length=1)


class ActivitiesFile(BaseModel):
    """`content/activities.yml`: the clinic's own activities, added to the built-in ones."""

    model_config = ConfigDict(extra="forbid")

    activities: list[Activity] = Field(default_factory=list)


HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class Clinic(BaseModel):
    """`extra.clinic` in mkdocs.yml: the clinic that publishes the site."""

    model_config = ConfigDict(extra="forbid")

    name: Text
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ()-]{5,}$")]
    address: Text
    opening_hours: Text
    urgent_care: Text
    logo: str = ""
    primary_colour: Annotated[str, StringConstraints(pattern=HEX_COLOUR.pattern)] = "#1f5f8b"
    header_text_colour: Annotated[str, StringConstraints(pattern=HEX_COLOUR.pattern)] = "#ffffff"
    reading_grade_limit: float = 8.0

    @property
    def tel(self) -> str:
        """The phone number as a `tel:` URI (digits and a leading plus only)."""
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone)


# Page front matter: all optional; a page without it takes its title from the treatment.
class PageMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    description: str | None = None
    status: Literal["published", "draft"] | None = None
    hide: list[str] | None = None
    template: str | None = None


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio between two `#rrggbb` colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
