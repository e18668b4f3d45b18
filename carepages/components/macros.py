"""The macros a page may call, as plain functions of the page they are called on.

Each macro shapes the site's data for one page and renders a component. The same functions
serve MkDocs (registered with mkdocs-macros by `carepages.site.macros`) and the checks,
which render a page's macro calls to read the ids and text they put on the page: there is
no second description of what a component shows.
"""

from __future__ import annotations

import inspect
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from carepages.components import markdown_html, render
from carepages.components.strings import strings
from carepages.model.sections import FaqTopic
from carepages.source.content import Site, TreatmentData


class MacroUsageError(Exception):
    """A macro used where it cannot work (e.g. a treatment macro on a site page)."""


@dataclass(frozen=True)
class PageContext:
    """The page a macro is called on: its source path in content/ (`microneedling/faq.md`)."""

    site: Site
    src_uri: str
    lang: str = "en"

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


# --- data shaped for the components ------------------------------------------------------------


def activity_rows(site: Site, data: TreatmentData) -> list[dict[str, Any]]:
    rows = []
    for restriction in data.treatment.restrictions:
        activity = site.activities.get(restriction.activity)
        if activity is None:
            raise MacroUsageError(
                f"{data.slug} restricts an unknown activity '{restriction.activity}' "
                "(`make check` says how to fix it)"
            )
        spans = sorted(restriction.spans, key=lambda s: s.start_hours)
        rows.append(
            {
                "activity": activity,
                "spans": spans,
                "why": restriction.why,
                "resume_hours": spans[-1].end_hours,
            }
        )
    # Soonest first: what a patient can do again earliest is what they look for first.
    never = 10**9
    return sorted(rows, key=lambda r: never if r["resume_hours"] is None else r["resume_hours"])


def faq_group(data: TreatmentData, titled: bool, lang: str = "en") -> dict[str, Any]:
    """A treatment's questions grouped by topic, in topic order, as the FAQ shows them."""
    entries = [
        {
            "id": e.id,
            "question": e.question,
            "answer_html": markdown_html(e.answer),
            "topic": e.topic,
        }
        for e in data.faq
    ]
    topics = [
        {
            "id": topic.value,
            "title": topic.label,
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
    """The review line and disclaimer under every page of a treatment."""
    return render(
        "review_note",
        ctx.lang,
        reviewed_by=data.treatment.reviewed_by,
        last_reviewed=data.treatment.last_reviewed,
        clinic_name=ctx.site.clinic.name if ctx.site.clinic else strings(ctx.lang)("your_clinic"),
        about_href=ctx.href("about.html"),
    )


# --- the macros ---------------------------------------------------------------------------------


def timeline(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    return render(
        "timeline", ctx.lang, slug=data.slug, title=data.title, steps=data.treatment.timeline
    )


def activity_table(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    return render("activity_table", ctx.lang, slug=data.slug, rows=activity_rows(ctx.site, data))


def faq(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    return render(
        "faq", ctx.lang, groups=[faq_group(data, titled=False, lang=ctx.lang)], heading_level=2
    )


def faq_all(ctx: PageContext) -> Markup:
    groups = [faq_group(t, titled=True, lang=ctx.lang) for t in ctx.site.published()]
    return render("faq", ctx.lang, groups=groups, heading_level=3)


def when_to_call(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    if ctx.site.clinic is None:
        raise MacroUsageError("the clinic settings in mkdocs.yml have errors (`make check`)")
    return render(
        "when_to_call",
        ctx.lang,
        clinic=ctx.site.clinic,
        signs=[sign.text for sign in data.treatment.call_us_if],
    )


def treatment_list(ctx: PageContext) -> Markup:
    cards = [
        {
            "slug": t.slug,
            "title": t.title,
            "summary": t.treatment.summary,
            "href": ctx.href(f"{t.slug}/index.html"),
            "recovery_href": ctx.href(f"{t.slug}/recovery.html"),
            "faq_href": ctx.href(f"{t.slug}/faq.html"),
        }
        for t in ctx.site.published()
    ]
    return render("treatment_list", ctx.lang, treatments=cards)


def source_notes(ctx: PageContext, treatment: str | None = None, open: bool = False) -> Markup:
    return source_notes_html(ctx, treatment_for(ctx, treatment), open=open)


def all_source_notes(ctx: PageContext) -> Markup:
    return Markup("\n").join(source_notes_html(ctx, t, open=False) for t in ctx.site.published())


Macro = Callable[..., Markup]
MACROS: dict[str, Macro] = {
    fn.__name__: fn
    for fn in (
        timeline,
        activity_table,
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
