"""The activities a patient may have to avoid for a while: the one vocabulary that the
schema, the checks, ingest and the recovery plan share. A clinic adds its own in
`content/activities.yml`; these are built in."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from carepages.model.ids import SlugStr


class Activity(BaseModel):
    """One thing a patient may have to avoid for a while."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: SlugStr
    label: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    description: str = ""
    # Completes "You can … again" in calendar events and the Today summary.
    resume: str = ""
    # Words a source document may use for it ("hair dye", "bleach"): ingest finds the
    # restriction by them. Lower case; a trailing * stands for any ending ("tann*").
    # The built-in activities carry their own words in ingest.
    words: tuple[Annotated[str, StringConstraints(min_length=2, max_length=60)], ...] = ()


class ActivitiesFile(BaseModel):
    """`content/activities.yml`: the clinic's own activities, added to the built-in ones."""

    model_config = ConfigDict(extra="forbid")

    activities: list[Activity] = Field(default_factory=list)


BUILT_IN: tuple[Activity, ...] = (
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
BUILT_IN_IDS: tuple[str, ...] = tuple(activity.id for activity in BUILT_IN)
