"""`python -m lab bench-site`: write a complete synthetic carepages project of about N pages.

Each synthetic treatment has its own data, overview, recovery and FAQ pages, varied from
word lists and sentence templates so no two treatments read alike; the site pages, config,
macros and theme are copied from this project so the result builds exactly like the real site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from carepages.source.content import SITE_PAGES
from lab.project import PROJECT_PARTS, ROOT, copy_project, set_language_build

ONE_DAYS = re.compile(r"\b(1) days\b")

QUALITIES = [
    "Gentle", "Deep", "Light", "Cooling", "Warm", "Quick", "Layered", "Bright",
    "Calm", "Firm", "Fresh", "Smooth",
]  # fmt: skip
METHODS = [
    ("peel", "a mild acid solution"),
    ("laser", "a beam of focused light"),
    ("facial", "a series of cleansing and soothing steps"),
    ("light therapy", "soft LED light"),
    ("needling", "a pen with very fine needles"),
    ("mask", "a thick mask that sets on the skin"),
    ("infusion", "a wand that pushes serum into the skin"),
    ("cold treatment", "a cold probe"),
    ("radio wave tightening", "a probe that warms the deeper layers"),
    ("polish", "a wand with a rough tip"),
    ("hydration boost", "a water-based serum and a suction wand"),
    ("serum treatment", "a blend of serums pressed into the skin"),
]
AREAS = ["face", "neck", "hands", "back", "chest", "arms"]
CONCERNS = [
    "acne scars", "fine lines", "dull skin", "large pores", "uneven tone", "sun spots",
    "dry patches", "redness", "loose skin", "rough texture", "dark marks", "oily skin",
]  # fmt: skip
REVIEWERS = [
    "Dr. Lena Ortiz, dermatologist",
    "Dr. Sam Whitfield, consultant dermatologist",
    "Nurse Priya Shah, aesthetic nurse prescriber",
    "Dr. Tomas Keller, skin specialist",
    "Dr. Ada Mensah, dermatologist",
]
FEELINGS = ["a light tingle", "mild warmth", "a cool, numb feeling", "a gentle pressure", "a snap"]
CALL_SIGNS = [
    "Swelling that gets worse after day {d}.",
    "Pus, yellow crusts or fluid from the treated skin.",
    "Redness that spreads instead of fading.",
    "A fever, or you feel hot and shivery.",
    "Pain that is strong or keeps growing.",
    "A rash, hives or itchy bumps.",
    "Blisters on the treated skin.",
    "Patches that turn much darker or lighter than your skin.",
    "Skin that feels hot and hard to the touch.",
]
ACTIVITY_WHY = {
    "makeup": "Makeup can block and upset skin that is still healing.",
    "sun": "Treated skin burns fast and can get dark patches.",
    "exercise": "Sweat and heat can sting and keep the skin red for longer.",
    "heat": "Heat can make redness and swelling last longer.",
    "swimming": "Water in pools and the sea can carry germs into the skin.",
    "actives": "Strong products sting on new skin and can harm it.",
    "exfoliation": "Scrubs rub off new skin before it is ready.",
    "touching": "Hands carry germs, and picking can leave marks.",
    "medication": "Some tablets change how your skin heals, so ask us first.",
    "other-treatments": "Your skin needs to settle before anything else is done to it.",
}
# The patient's own words for activities whose label can be misread (carepages.checks.wording).
ACTIVITY_WORDS = {
    "touching": {"what": "touching or picking the treated skin"},
    "medication": {
        "what": "anti-inflammatory painkillers such as ibuprofen",
        "before": "Do not take anti-inflammatory painkillers until we say.",
        "after": "You can take anti-inflammatory painkillers again.",
    },
    "other-treatments": {"what": "waxing, peels or laser on the treated area"},
}
# Sentences for each overview section; {slots} are filled per treatment.
OVERVIEW = {
    "what-it-is": [
        "Your clinician uses {tool} on your {area}.",
        "It works on the top layers of your skin.",
        "Your skin responds by making fresh cells.",
        "Over a few weeks, the skin can look {result}.",
        "Many people choose it for {concern}.",
        "It is a short visit, and you go home the same day.",
        "The treatment does not need a cut or stitches.",
        "It can be done on its own or with other care we offer.",
    ],
    "preparation": [
        "Keep your {area} out of strong sun for {pre} days before.",
        "Tell us about every medicine and cream you use.",
        "Stop strong skin products {pre} days before your visit.",
        "Come in with clean skin and no lotion on your {area}.",
        "Eat a normal meal before you come in.",
        "Bring a hat and sunscreen for the trip home.",
        "Wear loose clothes that are easy to move.",
    ],
    "during": [
        "We clean the skin on your {area} first.",
        "The treatment takes about {minutes} minutes.",
        "Most people feel {feeling}.",
        "Tell us at once if anything hurts, and we can pause.",
        "We finish with a calming cream.",
        "You can sit up slowly and rest before you leave.",
        "We give you written care steps to take home.",
    ],
    "after": [
        "Your skin may look red for up to {red} days.",
        "Wash gently and pat dry with a clean towel.",
        "Use a plain moisturiser with no scent.",
        "Wear SPF 30 or higher every day for {spf} weeks.",
        "Most people go back to work the next day.",
        "Results often show in {weeks} weeks.",
        "Most people need {sessions} sessions.",
    ],
    "risks": [
        "Redness and swelling are common and fade in a few days.",
        "Some people get small bruises that fade on their own.",
        "Infection is rare, but it can happen.",
        "Dark or light patches can appear in any skin tone.",
        "You may react to a cream used on your skin.",
        "Do not have it if your skin is sore, broken or infected.",
        "Ask us first if you are pregnant or breastfeeding.",
    ],
}
HEADINGS = {
    "what-it-is": "What {lower} is",
    "preparation": "Getting ready",
    "during": "On the day",
    "after": "Afterwards",
    "risks": "Risks and who should not have it",
}
FAQ_POOL: list[tuple[str, str, str, str]] = [
    ("what-is-it", "general", "What is {lower}?", "It is a treatment that uses {tool} on your {area}."),
    ("what-it-helps", "general", "What can {lower} help with?", "It can help with {concern} and {concern2}."),
    ("other-areas", "general", "Can it treat areas other than the {area}?", "Sometimes. Ask us, and we will check your skin first."),
    ("at-home", "general", "Can I do this at home?", "We do not advise it. Home kits can hurt your skin."),
    ("who-should-not", "risks", "Who should not have {lower}?", "Wait if your skin is sore or infected, or if you are pregnant."),
    ("darker-skin", "risks", "Is it safe for darker skin?", "Often, yes. Patches can still happen, so we test a small spot first."),
    ("night-before", "before", "What should I do the night before?", "Wash your {area}, skip strong creams and get a good sleep."),
    ("eat-before", "before", "Can I eat before my visit?", "Yes. A normal meal helps you feel steady."),
    ("does-it-hurt", "during", "Does {lower} hurt?", "Most people feel {feeling}. Tell us if it hurts, and we will pause."),
    ("how-long", "during", "How long does the visit take?", "Plan for about {visit} minutes in total."),
    ("redness", "after", "How long will my skin stay red?", "Up to {red} days. Call us if the redness spreads."),
    ("makeup", "after", "When can I wear makeup?", "Wait {makeup} days, then wear it if your skin is not sore."),
    ("exercise", "after", "When can I exercise?", "Wait {exercise} days before hard exercise."),
    ("sun", "after", "When can I go in the sun?", "Keep out of strong sun for {sun} days, then wear SPF 30 or higher."),
    ("results", "results", "When will I see results?", "Most people see a change in {weeks} weeks."),
    ("sessions", "cost", "How many sessions will I need?", "Most people need {sessions}. Your clinician plans the gap with you."),
    ("cost", "cost", "Is there a charge for the first visit?", "The first talk with your clinician is free."),
]  # fmt: skip


def _plan(index: int, rng: random.Random, taken: set[str]) -> dict[str, Any]:
    """The facts of one synthetic treatment; every sentence is built from them."""
    while True:
        quality = rng.choice(QUALITIES)
        method, tool = rng.choice(METHODS)
        area = rng.choice(AREAS)
        title = f"{quality} {method} for the {area}"
        slug = "-".join(title.lower().replace(" for the", "").split())
        if slug not in taken:
            break
        if len(taken) >= len(QUALITIES) * len(METHODS) * len(AREAS):
            slug, title = f"{slug}-{index}", f"{title} ({index})"
            break
    taken.add(slug)
    concern, concern2 = rng.sample(CONCERNS, 2)
    red = rng.randint(1, 5)
    return {
        "slug": slug,
        "title": title,
        "lower": title[0].lower() + title[1:],
        "tool": tool,
        "area": area,
        "concern": concern,
        "concern2": concern2,
        "result": rng.choice(["smoother", "brighter", "firmer", "more even"]),
        "feeling": rng.choice(FEELINGS),
        "pre": rng.choice([2, 3, 5, 7]),
        "minutes": rng.choice([15, 20, 30, 45, 60]),
        "visit": rng.choice([45, 60, 75, 90]),
        "red": red,
        "makeup": rng.choice([1, 2, 3]) + red // 2,
        "exercise": rng.choice([1, 2, 3, 7]),
        "sun": rng.choice([3, 7, 14]),
        "spf": rng.choice([2, 3, 4]),
        "weeks": rng.choice(["2 to 4", "3 to 6", "4 to 8"]),
        "sessions": rng.choice(["1 to 3", "3 to 6", "4 to 6"]),
        "d": red + 1,
    }


def _fill(template: str, facts: dict[str, Any]) -> str:
    text = ONE_DAYS.sub(r"\1 day", template.format(**facts))
    return text[0].upper() + text[1:]


def _paragraphs(pool: list[str], facts: dict[str, Any], rng: random.Random) -> list[str]:
    sentences = [_fill(s, facts) for s in rng.sample(pool, rng.randint(4, len(pool)))]
    cut = rng.randint(2, len(sentences) - 2)
    return [" ".join(sentences[:cut]), " ".join(sentences[cut:])]


def overview_page(facts: dict[str, Any], rng: random.Random) -> str:
    lines = [
        f"# {facts['title']}",
        "",
        f"{facts['title']} can help with {facts['concern']} and {facts['concern2']}. "
        "This page tells you how to get ready, what happens and how to care for your skin.",
        "",
        "**At a glance**",
        "",
        f"- **Time at the clinic:** about {facts['visit']} minutes.",
        f"- **How it feels:** {facts['feeling']}.",
        _fill("- **Redness:** up to {red} days.", facts),
        f"- **Results:** often in {facts['weeks']} weeks.",
        f"- **Sessions:** most people need {facts['sessions']}.",
        "",
    ]
    for sid, pool in OVERVIEW.items():
        lines += [f"## {_fill(HEADINGS[sid], facts)} {{: #{sid} }}", ""]
        for paragraph in _paragraphs(pool, facts, rng):
            lines += [paragraph, ""]
        if sid == "after":
            lines += [
                "Wait before you:",
                "",
                _fill("- wear makeup: {makeup} days", facts),
                _fill("- exercise hard: {exercise} days", facts),
                _fill("- go in strong sun: {sun} days", facts),
                "",
                "Follow [your day-by-day recovery plan](recovery.md), or read the "
                "[questions](faq.md) people ask most.",
                "",
            ]
    lines += ["{{ when_to_call() }}", "{{ source_notes() }}", ""]
    return "\n".join(lines)


def recovery_page(facts: dict[str, Any]) -> str:
    return (
        "# Your recovery, day by day\n\n"
        f"This plan shows what to do before and after your {facts['lower']}. "
        "Enter your treatment date to see the real dates for each step.\n\n"
        "{{ timeline() }}\n\n## When can I …?\n\n"
        "This table shows how long to wait before you do each thing again.\n\n"
        "{{ activity_table() }}\n\n{{ when_to_call() }}\n"
    )


def faq_page(facts: dict[str, Any]) -> str:
    return (
        f"# {facts['title']}: questions\n\n"
        "Here are short answers to the questions people ask us most.\n\n{{ faq() }}\n"
    )


def _label(start: int, end: int | None) -> str:
    """A step title that says what happens in it (the page shows its days above it)."""
    if end is not None and end <= 0:
        return "Get your skin ready" if start < -24 else "Final checks before your visit"
    if end is None:
        return "Results keep building"
    if start == 0:
        return "Your skin starts to heal"
    return "Redness fades" if end <= 72 else "Your skin settles"


def _timeline(facts: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    before = sorted(rng.sample([-168, -72], rng.randint(0, 2))) + [-24]
    after = sorted(rng.sample([24, 72, 168, 336], rng.randint(2, 4)))
    points = [*before, 0, *after]
    steps = []
    for number, (start, end) in enumerate(zip(points, [*points[1:], None], strict=True), 1):
        step: dict[str, Any] = {"id": f"step-{number}", "start_hours": start}
        if end is not None:
            step["end_hours"] = end
        step["title"] = _label(start, end)
        if start < 0:
            step["notice"] = []
            step["do"] = rng.sample(
                [
                    _fill(s, facts)
                    for s in OVERVIEW["preparation"] + ["Ask us any question you still have."]
                ],
                3,
            )
            step["avoid"] = rng.sample(["Strong sun.", "Tanning beds.", "Strong skin products."], 2)
            step["check"] = "Are you ready for your visit?"
        else:
            step["notice"] = rng.sample(
                [
                    "Your skin looks pink or red.",
                    "It may feel warm and tight.",
                    "Some mild swelling.",
                    "Dry or flaky patches.",
                    "Your skin feels calm again.",
                ],
                2,
            )
            step["do"] = rng.sample(
                [_fill(s, facts) for s in OVERVIEW["after"][:4]]
                + ["Sleep on a clean pillowcase.", "Drink plenty of water."],
                3,
            )
            step["avoid"] = rng.sample(
                ["Makeup.", "Hard exercise.", "Hot baths.", "Picking the skin.", "Scrubs."], 2
            )
            if end is not None:
                step["check"] = rng.choice(
                    ["Is the redness fading?", "Has the swelling gone down?", "Is your skin calm?"]
                )
        steps.append(step)
    return steps


def _restrictions(facts: dict[str, Any], rng: random.Random) -> list[dict[str, Any]]:
    chosen = sorted(rng.sample(list(ACTIVITY_WHY), rng.randint(4, 8)))
    rows = []
    for activity in chosen:
        end = {"makeup": facts["makeup"] * 24, "exercise": facts["exercise"] * 24}.get(
            activity, rng.choice([24, 48, 72, 168, 336])
        )
        if activity == "sun":
            end = facts["sun"] * 24
        spans: list[dict[str, int]] = []
        if activity in ("sun", "actives", "medication") and rng.random() < 0.6:
            spans.append({"start_hours": -facts["pre"] * 24, "end_hours": 0})
        spans.append({"start_hours": 0, "end_hours": end})
        rows.append(
            {
                "activity": activity,
                **ACTIVITY_WORDS.get(activity, {}),
                "spans": spans,
                "why": ACTIVITY_WHY[activity],
            }
        )
    return rows


def treatment_data(facts: dict[str, Any], rng: random.Random, today: dt.date) -> dict[str, Any]:
    count = rng.randint(2, 4)
    ids = [f"s{n}" for n in range(1, count + 1)]
    sections = ["what-it-is", "preparation", "during", "after", "risks", "faq", "timeline"]
    return {
        "title": facts["title"],
        "summary": f"{facts['title']} uses {facts['tool']} to help with {facts['concern']}. "
        f"Most people see a change in {facts['weeks']} weeks.",
        "status": "published",
        "reviewed_by": rng.choice(REVIEWERS),
        "last_reviewed": today - dt.timedelta(days=rng.randint(5, 150)),
        "body_location": facts["area"].capitalize(),
        "sources": [
            {
                "id": sid,
                "title": f"Clinic notes on {facts['lower']}, part {n}",
                "origin": f"our clinic's leaflet on {facts['lower']}, part {n}",
                "sections": sorted(rng.sample(sections, rng.randint(2, 6)), key=sections.index),
            }
            for n, sid in enumerate(ids, 1)
        ],
        "source_notes": {
            "disagreements": [
                {
                    "topic": "How long redness lasts",
                    "published": _fill("Up to {red} days.", facts),
                    "sources_say": [
                        _fill(f"{sid}: {facts['red'] + n} days.", facts)
                        for n, sid in enumerate(ids)
                    ],
                }
            ],
            "left_out": [
                {
                    "claim": "It works for everyone after one visit.",
                    "why": "Results differ, and most people need more than one session.",
                    "source": rng.choice(ids),
                }
            ],
        },
        "call_us_if": [
            {"id": f"sign-{index + 1}", "text": s.format(d=facts["d"])}
            for index, s in enumerate(rng.sample(CALL_SIGNS, rng.randint(4, len(CALL_SIGNS))))
        ],
        "timeline": _timeline(facts, rng),
        "restrictions": _restrictions(facts, rng),
    }


def faq_data(facts: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    picked = sorted(rng.sample(range(len(FAQ_POOL)), rng.randint(8, len(FAQ_POOL))))
    return {
        "questions": [
            {
                "id": f"{facts['slug']}-{FAQ_POOL[i][0]}",
                "topic": FAQ_POOL[i][1],
                "question": _fill(FAQ_POOL[i][2], facts),
                "answer": _fill(FAQ_POOL[i][3], facts),
            }
            for i in picked
        ]
    }


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def treatments_for(pages: int) -> int:
    """Treatments needed for about `pages` pages: three per treatment plus three site pages."""
    return max(1, round((pages - len(SITE_PAGES)) / 3))


def generate(out: Path, pages: int, seed: int = 6, root: Path = ROOT) -> int:
    """Write the project into `out` (which must not exist or be empty); returns the
    number of Markdown pages written."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: pick a new folder")
    copy_project(out, PROJECT_PARTS, root)
    # Synthetic content is English only (python -m lab i18n measures the second language).
    set_language_build(out, "es", False)
    content = out / "content"
    content.mkdir()
    # The clinic's own site pages: they list every treatment, as on the real site.
    for name in SITE_PAGES:
        shutil.copy2(root / "content" / name, content / name)
    if (root / "content" / "activities.yml").exists():
        shutil.copy2(root / "content" / "activities.yml", content / "activities.yml")
    rng = random.Random(seed)
    today = dt.date.today()
    taken: set[str] = set()
    count = treatments_for(pages)
    for index in range(count):
        facts = _plan(index, rng, taken)
        folder = content / facts["slug"]
        folder.mkdir()
        (folder / "treatment.yml").write_text(_dump(treatment_data(facts, rng, today)))
        (folder / "faq.yml").write_text(_dump(faq_data(facts, rng)))
        (folder / "index.md").write_text(overview_page(facts, rng))
        (folder / "recovery.md").write_text(recovery_page(facts))
        (folder / "faq.md").write_text(faq_page(facts))
    return len(SITE_PAGES) + 3 * count


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lab bench-site",
        description="Write a buildable synthetic carepages project of about N pages.",
    )
    parser.add_argument("--pages", type=int, required=True, help="about how many pages")
    parser.add_argument("--out", type=Path, required=True, help="a new or empty folder")
    parser.add_argument("--seed", type=int, default=6, help="same seed, same project")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    try:
        written = generate(args.out.resolve(), args.pages, args.seed)
    except FileExistsError as exc:
        print(f"carepages: {exc}", file=sys.stderr)
        return 2
    print(
        f"carepages: wrote {written} pages ({treatments_for(args.pages)} treatments) into "
        f"{args.out}; build it with `python -m carepages build --root {args.out}`"
    )
    return 0
