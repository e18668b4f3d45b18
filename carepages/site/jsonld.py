"""Structured data (JSON-LD) for each page: MedicalWebPage always, plus FAQPage on FAQ pages
and MedicalProcedure on a treatment's overview. FAQ text equals what the page shows."""

from __future__ import annotations

import functools
import json
from html import unescape
from html.parser import HTMLParser
from typing import Any

from carepages.components.macros import PageContext, faq_group
from carepages.model.sections import Section
from carepages.source.content import TreatmentData


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@functools.cache
def visible_text(html: str) -> str:
    """Text as a reader sees it: tags dropped, whitespace collapsed."""
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return " ".join(unescape(" ".join(parser.parts)).split())


def section_text(data: TreatmentData, section: Section) -> str:
    """The visible prose of one section of the treatment's overview page."""
    page = data.pages["index.md"]
    # The prose only: macro calls ({{ checklist() }}) are not text of the section.
    doc = page.prose
    inside, parts = False, []
    for block in doc.text:
        if block.kind == "heading":
            heading = next(h for h in doc.headings if h.line == block.line)
            if heading.level <= 2:
                inside = heading.explicit_id == section.value
            continue
        if inside:
            parts.append(block.text)
    return " ".join(" ".join(parts).split())


def jsonld(ctx: PageContext, title: str, url: str, meta: dict[str, Any] | None = None) -> str:
    """The page's JSON-LD. `url` is where the page is published (empty when the site has no
    site_url); `meta` is its front matter. A page's language is the language of its text,
    and a translated page names the person who checked the translation with the clinician."""
    site = ctx.site
    data = ctx.treatment
    treatments = [data] if data else site.published()
    reviewers = sorted({t.treatment.reviewed_by for t in treatments})
    reviewed = min(
        (t.treatment.last_reviewed for t in treatments if t.treatment.last_reviewed), default=None
    )
    translation = [t.translation.text for t in treatments if t.translation and t.translation.text]
    page_meta = meta or {}
    if data is None and page_meta.get("reviewed_by") and page_meta.get("last_reviewed"):
        # A translated site page: its own translation review stands for the page.
        reviewers.append(str(page_meta["reviewed_by"]))
        reviewed = page_meta["last_reviewed"]
    elif translation and ctx.lang != "en":
        reviewers += sorted({text.reviewed_by for text in translation})
        reviewed = min(text.last_reviewed for text in translation)
    web_page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "name": title,
        "inLanguage": ctx.lang,
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": {"@type": "MedicalClinic", "name": site.clinic.name if site.clinic else ""},
    }
    if url:
        web_page["url"] = url
    if reviewed:
        web_page["lastReviewed"] = reviewed.isoformat()
        web_page["reviewedBy"] = [{"@type": "Person", "name": r} for r in reviewers]
    graph: list[dict[str, Any]] = [web_page]
    name = ctx.src_uri.rsplit("/", 1)[-1]
    if name == "faq.md":
        # In the order the page shows them: by treatment, then topic.
        entries = [
            e
            for t in treatments
            for topic in faq_group(t, titled=False, lang=ctx.lang)["topics"]
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
        procedure = {
            "@type": "MedicalProcedure",
            "name": data.title,
            "description": data.treatment.summary,
            "preparation": section_text(data, Section.PREPARATION),
            "howPerformed": section_text(data, Section.DURING),
            "followup": section_text(data, Section.AFTER),
        }
        if data.treatment.body_location:
            procedure["bodyLocation"] = data.treatment.body_location
        graph.append(procedure)
        web_page["about"] = {"@type": "MedicalProcedure", "name": data.title}
    text = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    # Never let data close the script element it sits in.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
