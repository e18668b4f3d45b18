"""The macros a page may call, as plain functions of the page they are called on.

Each macro shapes the site's data for one page and renders a component. The same functions
serve MkDocs (registered with mkdocs-macros by `carepages.site.macros`) and the checks,
which render a page's macro calls to read the ids and text they put on the page: there is
no second description of what a component shows.
"""

from __future__ import annotations

import inspect
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from carepages.components import markdown_html, render
from carepages.components.strings import strings
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
    text = data.translation.text if data.translation else None
    return render(
        "review_note",
        ctx.lang,
        reviewed_by=data.treatment.reviewed_by,
        last_reviewed=data.treatment.last_reviewed,
        translated_by=text.reviewed_by if text else None,
        translated_on=text.last_reviewed if text else None,
        clinic_name=ctx.site.clinic.name if ctx.site.clinic else strings(ctx.lang)("your_clinic"),
        about_href=ctx.href("about.html"),
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


# --- the macros ---------------------------------------------------------------------------------


# The words timeline.js shows, handed to it as data (see the timeline component's README).
TIMELINE_SCRIPT_KEYS = [
    "date_locale", "timeline_done", "timeline_now", "timeline_from_date", "timeline_today_before",
    "timeline_today_day", "timeline_you_are_here", "timeline_can_do_again", "timeline_not_yet",
    "timeline_stop_soon", "timeline_wait_ask", "timeline_wait_from", "timeline_stop_on",
    "timeline_countdown", "timeline_getting_ready", "timeline_now_marker", "timeline_check_in",
    "timeline_ics_name",
]  # fmt: skip


def timeline(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    words = json.dumps(strings(ctx.lang).for_script(TIMELINE_SCRIPT_KEYS), ensure_ascii=False)
    html = render(
        "timeline",
        ctx.lang,
        slug=data.slug,
        title=data.title,
        steps=data.treatment.timeline,
        script_words=words,
    )
    return marked(ctx, html, [data.text_lang])


def activity_table(ctx: PageContext, treatment: str | None = None) -> Markup:
    data = treatment_for(ctx, treatment)
    rows = activity_rows(ctx.site, data)
    html = render("activity_table", ctx.lang, slug=data.slug, rows=rows)
    return marked(ctx, html, [data.text_lang])


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
    html = render(
        "when_to_call",
        ctx.lang,
        clinic=ctx.site.clinic,
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
