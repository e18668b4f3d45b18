"""The activities a patient may have to avoid for a while: the one vocabulary that the
schema, the checks, ingest and the recovery plan share. A clinic adds its own in
`content/activities.yml`; these are built in."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from carepages.model.ids import SlugStr


class ClinicActivity(BaseModel):
    """An activity as a clinic writes it in `content/activities.yml`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: SlugStr
    label: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    description: str = ""
    # Completes "You can … again" when a restriction of this activity is over and the
    # restriction has no `after` sentence of its own.
    resume: str = ""
    # Words a source document may use for it ("hair dye", "bleach"): ingest finds the
    # restriction by them. Lower case; a trailing * stands for any ending ("tann*").
    # The built-in activities carry their own words in ingest.
    words: tuple[Annotated[str, StringConstraints(min_length=2, max_length=60)], ...] = ()
    # A medicine: the recovery plan shows only the sentences the editor wrote for it and
    # always adds that a patient who needs the medicine for their health asks the clinic
    # first. It never puts "stop", "start" or "You can … again" around a medicine itself.
    medicine: bool = False
    # False for what is never fine, even when the restriction ends (picking the skin): the
    # plan then never says "You can … again" about it.
    resumes: bool = True


class Activity(ClinicActivity):
    """One thing a patient may have to avoid for a while."""

    # True only where the label alone says exactly what to avoid ("Makeup", "Swimming").
    # Otherwise ("Medication": which medicine?) every restriction of the activity says in its
    # own `what`. A clinic's own activities always need that wording.
    clear_label: bool = False


class ActivitiesFile(BaseModel):
    """`content/activities.yml`: the clinic's own activities, added to the built-in ones."""

    model_config = ConfigDict(extra="forbid")

    activities: list[ClinicActivity] = Field(default_factory=list)


BUILT_IN: tuple[Activity, ...] = (
    Activity(
        id="makeup",
        label="Makeup",
        description="Foundation, powder and other makeup on the treated skin.",
        resume="wear makeup",
        clear_label=True,
    ),
    Activity(
        id="sun",
        label="Sun",
        description="Direct sun and tanning beds.",
        resume="spend time in the sun",
        clear_label=True,
    ),
    Activity(
        id="exercise",
        label="Exercise",
        description="Workouts and anything that makes you sweat a lot.",
        resume="exercise and sweat",
        clear_label=True,
    ),
    Activity(
        id="heat",
        label="Heat",
        description="Sauna, steam room and hot tub.",
        resume="use a sauna, steam room or hot tub",
        clear_label=True,
    ),
    Activity(
        id="swimming",
        label="Swimming",
        description="Pools, the sea and lakes.",
        resume="swim",
        clear_label=True,
    ),
    Activity(
        id="actives",
        label="Active skincare",
        description="Retinoids, acids, vitamin C and other strong skincare.",
        resume="use your active skincare",
        clear_label=True,
    ),
    Activity(
        id="exfoliation",
        label="Exfoliation",
        description="Scrubs, brushes and peeling products.",
        resume="exfoliate",
        clear_label=True,
    ),
    Activity(
        id="touching",
        label="Touching",
        description="Touching, picking or scratching the treated skin.",
        resumes=False,
    ),
    Activity(
        id="medication",
        label="Medication",
        description="Some medicines, such as anti-inflammatories or antihistamines, as your clinic tells you.",
        medicine=True,
    ),
    Activity(
        id="other-treatments",
        label="Other treatments",
        description="Waxing, laser, peels or injections on the treated area.",
    ),
)
BUILT_IN_IDS: tuple[str, ...] = tuple(activity.id for activity in BUILT_IN)
