"""What the macros hand to the components: the site's data shaped for one page."""

from __future__ import annotations

import functools
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from carepages.content import Site, TreatmentData, load_site
from carepages.schema import FAQ_TOPICS, SECTIONS
from macros.components import markdown_html, render


class MacroUsageError(Exception):
    """A macro used where it cannot work (e.g. a treatment macro on a site page)."""


def load(content_dir: Path, config_path: Path, extra: list[Path]) -> Site:
    site = load_site(content_dir, config_path, extra_treatments=extra)
    if site.errors:
        listing = "\n".join(str(p) for p in site.errors)
        raise PluginError(
            f"the content has {len(site.errors)} error(s):\n{listing}\n"
            "Fix them and build again (`make check` lists them too)."
        )
    return site


def published(site: Site) -> list[TreatmentData]:
    return [t for t in site.treatments if t.treatment.status == "published"]


def treatment_of_page(site: Site, page: Any) -> TreatmentData | None:
    if page is None or "/" not in page.file.src_uri:
        return None
    return site.treatment(page.file.src_uri.split("/", 1)[0])


def treatment_for(site: Site, page: Any, slug: str | None) -> TreatmentData:
    if slug is not None:
        data = site.treatment(slug)
        if data is None:
            known = ", ".join(t.slug for t in site.treatments)
            raise MacroUsageError(f"there is no treatment '{slug}' (known: {known})")
        return data
    data = treatment_of_page(site, page)
    if data is None:
        raise MacroUsageError(
            "this page is not inside a treatment folder: name the treatment, "
            "e.g. treatment='microneedling'"
        )
    return data


def activity_rows(site: Site, data: TreatmentData) -> list[dict[str, Any]]:
    rows = []
    for restriction in data.treatment.restrictions:
        spans = sorted(restriction.spans, key=lambda s: s.start_hours)
        rows.append(
            {
                "activity": site.activities[restriction.activity],
                "spans": spans,
                "why": restriction.why,
                "resume_hours": spans[-1].end_hours,
            }
        )
    # Soonest first: what a patient can do again earliest is what they look for first.
    never = 10**9
    return sorted(rows, key=lambda r: never if r["resume_hours"] is None else r["resume_hours"])


def faq_entries(data: TreatmentData) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "question": e.question,
            "answer_html": markdown_html(e.answer),
            "topic": e.topic,
        }
        for e in data.faq
    ]


def faq_group(data: TreatmentData, titled: bool) -> dict[str, Any]:
    entries = faq_entries(data)
    topics = [
        {"id": topic, "title": title, "entries": [e for e in entries if e["topic"] == topic]}
        for topic, title in FAQ_TOPICS.items()
    ]
    return {
        "id": data.slug,
        "title": data.title if titled else None,
        "topics": [t for t in topics if t["entries"]],
    }


def _href(target: str, page: Any) -> str:
    return get_relative_url(target, page.url if page is not None else "index.html")


def treatment_cards(site: Site, page: Any) -> list[dict[str, str]]:
    return [
        {
            "slug": t.slug,
            "title": t.title,
            "summary": t.treatment.summary,
            "href": _href(f"{t.slug}/index.html", page),
            "recovery_href": _href(f"{t.slug}/recovery.html", page),
            "faq_href": _href(f"{t.slug}/faq.html", page),
        }
        for t in published(site)
    ]


def render_source_notes(data: TreatmentData, open: bool) -> str:
    return render(
        "source_notes",
        title=data.title,
        sources=data.treatment.sources,
        notes=data.treatment.source_notes,
        section_labels={**SECTIONS, "faq": "Questions", "timeline": "Recovery timeline"},
        open=open,
    )


def review_note(site: Site, data: TreatmentData, page: Any) -> str:
    return render(
        "review_note",
        reviewed_by=data.treatment.reviewed_by,
        last_reviewed=data.treatment.last_reviewed,
        clinic_name=site.clinic.name if site.clinic else "your clinic",
        about_href=_href("about.html", page),
    )


@functools.cache
def visible_text(html: str) -> str:
    """Text as a reader sees it: tags dropped, whitespace collapsed. The HTML is our own
    sanitised component output, so dropping tags with a pattern is exact here."""
    return " ".join(unescape(re.sub(r"<[^>]*>", " ", html)).split())


def _section_text(markdown_body: str, section: str) -> str:
    from carepages.content import SECTION_HEADING

    lines, inside = [], False
    # Drafts keep each paragraph's source in Jinja comments; they are not page text.
    markdown_body = re.sub(r"\{#.*?#\}", "", markdown_body, flags=re.S)
    for line in markdown_body.splitlines():
        match = SECTION_HEADING.match(line)
        if match or line.startswith("## "):
            inside = bool(match) and match["id"] == section
            continue
        if inside and not line.lstrip().startswith(("{{", "{%")):
            lines.append(line)
    return visible_text(str(markdown_html("\n".join(lines))))


def jsonld(site: Site, data: TreatmentData | None, page: Any, conf: Any) -> str:
    """Structured data for the page: MedicalWebPage always, plus FAQPage on FAQ pages and
    MedicalProcedure on a treatment's overview. FAQ text equals what the page shows."""
    site_url = (conf.get("site_url") or "").rstrip("/")
    url = f"{site_url}/{page.url}" if site_url else None
    treatments = [data] if data else published(site)
    reviewers = sorted({t.treatment.reviewed_by for t in treatments})
    reviewed = min((t.treatment.last_reviewed for t in treatments), default=None)
    web_page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "name": page.title,
        "inLanguage": conf["theme"]["language"],
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": {"@type": "MedicalClinic", "name": site.clinic.name if site.clinic else ""},
    }
    if url:
        web_page["url"] = url
    if reviewed:
        web_page["lastReviewed"] = reviewed.isoformat()
        web_page["reviewedBy"] = [{"@type": "Person", "name": r} for r in reviewers]
    graph: list[dict[str, Any]] = [web_page]
    name = page.file.src_uri.rsplit("/", 1)[-1]
    if name == "faq.md":
        # In the order the page shows them: by treatment, then topic.
        entries = [
            e
            for t in treatments
            for topic in faq_group(t, titled=False)["topics"]
            for e in topic["entries"]
        ]
        graph.append(
            {
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": e["question"],
                        "acceptedAnswer": {
                            "@type": "Answer",
                            "text": visible_text(str(e["answer_html"])),
                        },
                    }
                    for e in entries
                ],
            }
        )
    elif data is not None and name == "index.md":
        body = data.pages["index.md"].body
        procedure = {
            "@type": "MedicalProcedure",
            "name": data.title,
            "description": data.treatment.summary,
            "preparation": _section_text(body, "preparation"),
            "howPerformed": _section_text(body, "during"),
            "followup": _section_text(body, "after"),
        }
        if data.treatment.body_location:
            procedure["bodyLocation"] = data.treatment.body_location
        graph.append(procedure)
        web_page["about"] = {"@type": "MedicalProcedure", "name": data.title}
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    # Never let data close the script element it sits in.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
