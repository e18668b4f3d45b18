"""The macros a page may call, as plain functions of the page they are called on.

Each macro shapes the site's data for one page and renders a component. The same functions
serve MkDocs (registered with mkdocs-macros by `carepages.site.macros`) and the checks,
which render a page's macro calls to read the ids and text they put on the page: there is
no second description of what a component shows.
"""

from __future__ import annotations

import hashlib
import inspect
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from carepages.components import days, markdown_html, render
from carepages.components.plan import plan_data, plan_for, runs
from carepages.components.strings import localized, strings
from carepages.model.activities import Activity
from carepages.model.clinic import Clinic
from carepages.model.days import day_offsets, resume_day
from carepages.model.sections import FaqTopic
from carepages.source.content import Site, TreatmentData
from carepages.source.languages import DEFAULT


class MacroUsageError(Exception):
    """A macro used where it cannot work (e.g. a treatment macro on a site page)."""


@dataclass(frozen=True)
class PageContext:
    """The page a macro is called on: its source path in content/ without its language
    (`microneedling/faq.md` for `faq.es.md` too: each language's pages sit in the same
    places under their own root) and the language of its text; `site` is loaded in it."""

    site: Site
    src_uri: str
    lang: str = DEFAULT

    @property
    def url(self) -> str:
        """Where the page is published (`use_directory_urls: false`)."""
        return self.src_uri.removesuffix(".md") + ".html"

    @property
    def treatment(self) -> TreatmentData | None:
        if "/" not in self.src_uri:
            return None
        return self.site.treatment(self.src_uri.split("/", 1)[0])

    def href(self, target: str) -> str:
        """A link from this page to `target` (a path from the site root), relative so it
        works from the offline copy."""
        return posixpath.relpath(target, posixpath.dirname(self.url) or ".")


def treatment_for(ctx: PageContext, slug: str | None) -> TreatmentData:
    if slug is not None:
        data = ctx.site.treatment(slug)
        if data is None:
            known = ", ".join(t.slug for t in ctx.site.treatments)
            raise MacroUsageError(f"there is no treatment '{slug}' (known: {known})")
        return data
    data = ctx.treatment
    if data is None:
        raise MacroUsageError(
            "this page is not inside a treatment folder: name the treatment, "
            "e.g. treatment='microneedling'"
        )
    return data


def clinic_of(ctx: PageContext) -> Clinic:
    if ctx.site.clinic is None:
        raise MacroUsageError(
            "the clinic settings in mkdocs.yml have errors (`make check` lists them)"
        )
    return ctx.site.clinic


# --- data shaped for the components ------------------------------------------------------------


def _activity(site: Site, data: TreatmentData, activity_id: str, lang: str) -> Activity:
    activity = site.activities.get(activity_id)
    if activity is None:
        raise MacroUsageError(
            f"{data.slug} restricts an unknown activity '{activity_id}' "
            "(`make check` says how to fix it)"
        )
    return localized(activity, strings(lang))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _what(what: str, activity: Activity) -> str:
    """What exactly to avoid, under the activity's label, unless it only says the label again."""
    if not what:
        return activity.description
    return "" if what.casefold() == activity.label.casefold() else _capital(what)


def activity_rows(site: Site, data: TreatmentData, lang: str = DEFAULT) -> list[dict[str, Any]]:
    """The rows of "When can I …?", soonest back to normal first, each with the words the
    table and the chart show (a medicine's in the editor's own sentences only)."""
    t = strings(lang)
    rows = []
    for restriction in data.treatment.restrictions:
        activity = _activity(site, data, restriction.activity, lang)
        spans = sorted(restriction.spans, key=lambda s: s.start_hours)
        again = resume_day(spans[-1].end_hours)
        avoid = "; ".join(days.avoid_phrase(s.start_hours, s.end_hours, t) for s in spans)
        if activity.medicine:
            avoid, resume, again_day = restriction.before, restriction.after, None
        elif not activity.resumes or again is None:
            resume, again_day = t("resume_when_clinic_says"), None
        else:
            resume, again_day = days.resume_label(spans[-1].end_hours, t), again
        rows.append(
            {
                "id": activity.id,
                "label": activity.label,
                "what": _what(restriction.what, activity),
                "name": _capital(restriction.what or activity.label),
                "avoid": _capital(avoid),
                "why": restriction.why,
                "resume": resume,
                "again_day": again_day,
                "medicine": activity.medicine,
                "runs": runs(spans),
                "order": 10**6 if again is None else again,
            }
        )
    # Soonest first: what a patient can do again earliest is what they look for first.
    return sorted(rows, key=lambda r: r["order"])


def chart(rows: list[dict[str, Any]], lang: str = DEFAULT) -> dict[str, Any]:
    """The "when can I …?" chart: one bar per stretch of days to avoid, on one axis of days
    from the first of them to a day after the last, positions in percent of the width."""
    t = strings(lang)
    firsts = [first for row in rows for first, _ in row["runs"]] + [0]
    lasts = [last for row in rows for _, last in row["runs"] if last is not None] + [0]
    first_day, last_day = min(firsts), max(lasts) + 1
    width = last_day - first_day + 1

    def x(day: int) -> float:
        return round((day - first_day) * 100 / width, 3)

    def tick(day: int) -> str:
        return t("chart_treatment") if day == 0 else _capital(days.day_phrase(day, t))

    ticks = sorted(
        {0, *range(7, last_day + 1, 7), *range(-7, first_day - 1, -7)}
        | ({first_day} if first_day <= -4 else set())
    )
    return {
        "first": first_day,
        "last": last_day,
        "day_width": round(100 / width, 3),
        # The middle of each day, for the line that marks today.
        "day_x": [round(x(day) + 50 / width, 3) for day in range(first_day, last_day + 1)],
        "treatment_x": x(0),
        "ticks": [{"day": day, "x": x(day), "label": tick(day)} for day in ticks],
        "rows": [
            {
                **row,
                "bars": [
                    {
                        "x": x(first),
                        "width": round(x((last_day if last is None else last) + 1) - x(first), 3),
                    }
                    for first, last in row["runs"]
                ],
                "again": t("chart_again", date=days.day_phrase(row["again_day"], t))
                if row["again_day"] is not None
                else "",
            }
            for row in rows
        ],
    }


def faq_group(data: TreatmentData, titled: bool, lang: str = DEFAULT) -> dict[str, Any]:
    """A treatment's questions grouped by topic, in topic order, as the FAQ shows them. A
    question without a translation yet says which language it is shown in (`lang`)."""
    t = strings(lang)
    entries = [
        {
            "id": e.id,
            "question": e.question,
            "answer_html": markdown_html(e.answer),
            "topic": e.topic,
            "lang": DEFAULT if e.id in data.untranslated_questions else lang,
        }
        for e in data.faq
    ]
    topics = [
        {
            "id": topic.value,
            "title": t(f"topic_{topic.value}"),
            "entries": [e for e in entries if e["topic"] == topic],
        }
        for topic in FaqTopic
    ]
    return {
        "id": data.slug,
        "title": data.title if titled else None,
        "topics": [t for t in topics if t["entries"]],
    }


def source_notes_html(ctx: PageContext, data: TreatmentData, open: bool) -> Markup:
    return render(
        "source_notes",
        ctx.lang,
        title=data.title,
        sources=data.treatment.sources,
        notes=data.treatment.source_notes,
        open=open,
    )


def review_note(ctx: PageContext, data: TreatmentData) -> Markup:
    """The review line and disclaimer under every page of a treatment; on a translated
    page, also who checked the translation."""
    clinic = ctx.site.clinic
    text = data.translation.text if data.translation else None
    return render(
        "review_note",
        ctx.lang,
        reviewed_by=data.treatment.reviewed_by,
        last_reviewed=data.treatment.last_reviewed,
        translated_by=text.reviewed_by if text else None,
        translated_on=text.last_reviewed if text else None,
        clinic_name=clinic.name if clinic else strings(ctx.lang)("your_clinic"),
        about_href=ctx.href("about.html"),
        sample=bool(clinic and clinic.sample),
    )


def marked(ctx: PageContext, html: Markup, text_langs: Iterable[str]) -> Markup:
    """A component whose text is (partly) in another language than its page, because a
    translation is missing: marked with that language and a short notice in the page's
    (screen readers switch voice; browsers offer to translate), and kept out of search."""
    others = sorted(set(text_langs) - {ctx.lang})
    if not others:
        return html
    # data-search-exclude on the wrapper alone is not enough: Material's search parser
    # compares elements by tag, so the first nested </div> would end the exclusion. On a
    # heading it drops the heading's whole section.
    body = Markup(re.sub(r"<(h[1-6])\b", r"<\1 data-search-exclude", str(html)))
    return render("untranslated", ctx.lang, text_lang=others[0], body=body)


def timeline_steps(data: TreatmentData, lang: str = DEFAULT) -> list[dict[str, Any]]:
    """The steps as the timeline shows them: day offsets from the one rule, the days in words."""
    t = strings(lang)
    steps = []
    for index, step in enumerate(data.treatment.timeline):
        first, last = day_offsets(step.start_hours, step.end_hours)
        steps.append(
            {
                "anchor": f"{data.slug}-step-{index + 1}",
                "id": step.id or str(index + 1),
                "title": step.title,
                "label": days.days_label(step.start_hours, step.end_hours, t),
                "first": first,
                "last": last,
                "groups": [
                    {"kind": kind, "items": items}
                    for kind, items in (
                        ("notice", step.notice),
                        ("do", step.do),
                        ("avoid", step.avoid),
                    )
                    if items
                ],
            }
        )
    return steps


def plan_json(site: Site, data: TreatmentData, lang: str = DEFAULT) -> dict[str, Any]:
    """What the timeline's script needs: every day of the plan and the words it puts around
    them (it has none of its own)."""
    t = strings(lang)
    return {
        **plan_data(plan_for(data, site.activities, lang)),
        "text": {
            "heading": t("today_heading"),
            "here": t("today_here"),
            "now": t("timeline_now"),
            "done": t("timeline_done"),
            "show": t.forms("timeline_show_done"),
            "hide": t("timeline_hide_done"),
            "range": t("dates_range"),
            "from": t("dates_from"),
            "again": t("chart_again"),
            "ics": t("timeline_ics_name"),
        },
    }


def checklist_groups(data: TreatmentData, lang: str = DEFAULT) -> list[dict[str, Any]]:
    """The "Before your appointment" checklist: what to do in each step before the treatment.
    An item's id follows its words, so a reworded item starts unticked."""
    t = strings(lang)
    groups = []
    for step in data.treatment.timeline:
        if step.start_hours >= 0 or not step.do:
            continue
        groups.append(
            {
                "label": days.days_label(step.start_hours, step.end_hours, t),
                "title": step.title,
                "items": [
                    {
                        "id": f"{data.slug}-ready-"
                        + hashlib.sha256(item.encode("utf-8")).hexdigest()[:10],
                        "text": item,
                    }
                    for item in step.do
                ],
            }
        )
    return groups


# --- the macros ---------------------------------------------------------------------------------


def timeline(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    html = render(
        "timeline",
        ctx.lang,
        slug=data.slug,
        steps=timeline_steps(data, ctx.lang),
        plan=plan_json(ctx.site, data, ctx.lang),
        clinic=clinic_of(ctx),
    )
    return marked(ctx, html, [data.text_lang])


def activity_table(ctx: PageContext, treatment: str | None = None, folded: bool = False) -> Markup:
    """The "when can I …?" chart, and the same in a table (its accessible equivalent), which
    starts folded behind one tap with `folded=true`."""
    data = treatment_for(ctx, treatment)
    rows = activity_rows(ctx.site, data, ctx.lang)
    picture = render("activity_chart", ctx.lang, slug=data.slug, chart=chart(rows, ctx.lang))
    table = render("activity_table", ctx.lang, slug=data.slug, rows=rows, folded=folded)
    return marked(ctx, picture + table, [data.text_lang])


def checklist(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    html = render("checklist", ctx.lang, slug=data.slug, groups=checklist_groups(data, ctx.lang))
    return marked(ctx, html, [data.text_lang])


def faq(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    return render(
        "faq", ctx.lang, groups=[faq_group(data, titled=False, lang=ctx.lang)], heading_level=2
    )


def faq_all(ctx: PageContext) -> Markup:
    groups = [faq_group(t, titled=True, lang=ctx.lang) for t in ctx.site.published()]
    # Search finds each question once, on its treatment's FAQ page.
    return render("faq", ctx.lang, groups=groups, heading_level=3, searched=False)


def when_to_call(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    html = render(
        "when_to_call",
        ctx.lang,
        clinic=clinic_of(ctx),
        signs=[sign.text for sign in data.treatment.call_us_if],
    )
    return marked(ctx, html, [data.text_lang])


def treatment_list(ctx: PageContext) -> Markup:
    cards = [
        {
            "slug": t.slug,
            "title": t.title,
            "summary": t.treatment.summary,
            "href": ctx.href(f"{t.slug}/index.html"),
            "recovery_href": ctx.href(f"{t.slug}/recovery.html"),
            "faq_href": ctx.href(f"{t.slug}/faq.html"),
            # The language of the title and summary (English until translated).
            "lang": t.text_lang,
        }
        for t in ctx.site.published()
    ]
    return render("treatment_list", ctx.lang, treatments=cards)


def source_notes(ctx: PageContext, treatment: str | None = None, open: bool = False) -> Markup:
    data = treatment_for(ctx, treatment)
    return marked(ctx, source_notes_html(ctx, data, open=open), [data.text_lang])


def all_source_notes(ctx: PageContext) -> Markup:
    return Markup("\n").join(
        marked(ctx, source_notes_html(ctx, t, open=False), [t.text_lang])
        for t in ctx.site.published()
    )


Macro = Callable[..., Markup]
MACROS: dict[str, Macro] = {
    fn.__name__: fn
    for fn in (
        timeline,
        activity_table,
        checklist,
        faq,
        faq_all,
        when_to_call,
        treatment_list,
        source_notes,
        all_source_notes,
    )
}


def parameters(name: str) -> tuple[str, ...]:
    """The parameters a page may pass to macro `name` (the page context is implied)."""
    return tuple(inspect.signature(MACROS[name]).parameters)[1:]


def call(name: str, ctx: PageContext, *args: Any, **kwargs: Any) -> Markup:
    """Run macro `name` for a page. Wrong parameters or a misplaced treatment macro raise
    MacroUsageError with a message an editor can act on."""
    fn = MACROS[name]
    try:
        inspect.signature(fn).bind(ctx, *args, **kwargs)
    except TypeError as exc:
        raise MacroUsageError(
            f"it was called with wrong parameters ({exc}); it takes ({', '.join(parameters(name))})"
        ) from None
    return fn(ctx, *args, **kwargs)
