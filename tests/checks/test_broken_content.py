"""One broken-content case per rule: `carepages check` prints the exact `path:line` message
and fails, and `carepages build` stops without touching the last good site and zip.

Each case writes a whole, small file (so its line numbers are fixed here) or edits one
line of the real project found by a pattern (`@line` is that line)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lab.project import set_language_build
from tests.conftest import TODAY, run_carepages, tree_hashes

TREATMENT = "content/microneedling/treatment.yml"
FAQ = "content/microneedling/faq.yml"
OVERVIEW = "content/microneedling/index.md"
RECOVERY = "content/microneedling/recovery.md"
ABOUT = "content/about.md"

# A small valid treatment.yml, so every line number below is known.
SMALL_TREATMENT = """\
title: Microneedling
summary: Fine needles make tiny holes in the skin, and it heals smoother.
status: published
reviewed_by: Dr. Amira Patel
last_reviewed: 2026-11-01
sources:
  - id: s000
    title: Clinic leaflet
    sections: [after]
call_us_if:
  - {id: spreading-redness, text: Redness that spreads.}
timeline:
  - id: day-1
    start_hours: 0
    end_hours: 24
    title: Rest and keep clean
    do: [Wash gently.]
  - id: days-2-3
    start_hours: 24
    end_hours: 72
    title: The redness fades
    do: [Use moisturizer.]
  - id: day-4-on
    start_hours: 72
    title: Healing goes on
restrictions:
  - activity: sun
    spans:
      - {start_hours: 0, end_hours: 168}
    why: Treated skin burns easily.
"""

SMALL_FAQ = """\
questions:
  - id: microneedling-does-it-hurt
    topic: during
    question: Does it hurt?
    answer: A little. We use numbing cream first.
  - id: microneedling-makeup
    topic: after
    question: When can I wear makeup?
    answer: Wait 3 days.
"""

# about.md with its first lines fixed: text added by a case starts on line 8.
SMALL_ABOUT = """\
---
title: About this information
---

# About this information

A clinician checks each guide before we publish it.
"""

HARD_ABOUT = """\
---
title: About this information
---

# About this information

Pharmacological intervention necessitates comprehensive evaluation of complications.
Anticoagulation therapy and isotretinoin administration within the preceding six months
require individualised consideration by appropriately credentialled practitioners.
"""


@dataclass(frozen=True)
class Case:
    """A file written (whole, or one pattern replaced) and the message it must cause."""

    id: str
    path: str
    text: str | bytes
    expected: str
    pattern: str | None = None
    also: dict[str, str | bytes | None] = field(default_factory=dict)  # None: delete the file
    spanish: bool = False  # a rule about translations: the project keeps Spanish on
    link: str | None = None  # make `path` a link to this place instead of writing it

    @property
    def severity(self) -> str:
        return self.expected.split(": ", 2)[1]


# Its Spanish text, keyed by the ids above (line numbers known too).
SMALL_TREATMENT_ES = """\
title: Microneedling
summary: Unas agujas finas hacen agujeritos en la piel, y se cura más lisa.
reviewed_by: Lucía Romero
last_reviewed: 2026-11-20
clinician: Dra. Amira Patel
sources:
  s000: Folleto de la clínica
call_us_if:
  spreading-redness: Rojez que se extiende.
timeline:
  day-1:
    title: Día 1
    do: [Lávese con cuidado.]
  days-2-3:
    title: Días 2 y 3
    do: [Use crema hidratante.]
  day-4-on:
    title: Día 4 y después
restrictions:
  sun:
    why: La piel tratada se quema fácil.
"""
TREATMENT_ES = "content/microneedling/treatment.es.yml"


def small(path: str, old: str, new: str) -> str:
    base = {
        TREATMENT: SMALL_TREATMENT,
        FAQ: SMALL_FAQ,
        ABOUT: SMALL_ABOUT,
        TREATMENT_ES: SMALL_TREATMENT_ES,
    }[path]
    assert old in base, old
    return base.replace(old, new, 1)


def about_with(line_8: str) -> str:
    return SMALL_ABOUT + line_8 + "\n"


T, F, A = TREATMENT, FAQ, ABOUT
CASES = [
    # --- files that cannot be read -----------------------------------------------------
    Case(
        "yaml-does-not-parse",
        T,
        small(T, "title: Microneedling", "title: Micro: needling"),
        f"{T}:1:13: error: YAML does not parse: mapping values are not allowed here "
        "(a value that contains ': ' needs quotes around it)",
    ),
    Case(
        "yaml-indented-with-a-tab",
        T,
        small(T, "    title: Rest and keep clean", "\ttitle: Rest and keep clean"),
        f"{T}:16:1: error: YAML does not parse: found character '\\t' that cannot start any "
        "token (use spaces, not tabs, to indent)",
    ),
    Case(
        "yaml-quote-never-closed",
        T,
        small(T, "title: Clinic leaflet", 'title: "Clinic leaflet'),
        f"{T}:8:12: error: the quote opened here is never closed: add the closing quote",
    ),
    Case(
        "front-matter-never-closed",
        A,
        "---\ntitle: About\n\n# About\n\nWe check every guide.\n",
        f"{A}:1: error: front matter opened with '---' on line 1 is never closed: "
        "add a line '---' after it",
    ),
    Case(
        "front-matter-without-its-first-line",
        A,
        "title: About\n---\n\n# About\n\nWe check every guide.\n",
        f"{A}:1: error: front matter is missing its first line: add a line '---' above 'title:'",
    ),
    Case(
        "page-saved-as-latin-1",
        A,
        "---\ntitle: About\n---\n\n# Our café\n".encode("latin-1"),
        f"{A}:5: error: the file is not UTF-8 text: save it as UTF-8 in your editor",
    ),
    Case(
        "empty-page",
        RECOVERY,
        "\n\n",
        f"{RECOVERY}:1: error: the page is empty: write its text or delete the file",
    ),
    Case(
        "empty-page-added-to-content",
        "content/parking.md",
        "",
        "content/parking.md:1: error: the page is empty: write its text or delete the file",
    ),
    Case(
        "empty-data-file",
        F,
        "",
        f"{F}:1: error: the file is empty: write its settings or delete it",
    ),
    Case(
        "page-without-a-title",
        A,
        "---\ndescription: Who checks these guides.\n---\n\nWe check every guide.\n",
        f"{A}:5: error: the page has no title: start it with a heading line like "
        "'# Aftercare' (or add 'title: …' to its front matter)",
    ),
    # --- keys and types ----------------------------------------------------------------
    Case(
        "unknown-key-near-a-real-one",
        T,
        small(T, "status: published", "status: published\nreviewd_by: Dr. Patel"),
        f"{T}:4: error: unknown key 'reviewd_by' (did you mean 'reviewed_by'?)",
    ),
    Case(
        "date-written-in-words",
        T,
        small(T, "last_reviewed: 2026-11-01", "last_reviewed: next week"),
        f"{T}:5: error: last_reviewed must be a date written like 2026-11-01, not 'next week'",
    ),
    Case(
        "date-not-on-the-calendar",
        T,
        small(T, "last_reviewed: 2026-11-01", "last_reviewed: 2026-13-01"),
        f"{T}:5:16: error: '2026-13-01' is not a date on the calendar: write a real date "
        "like 2026-11-01",
    ),
    Case(
        "hours-written-in-words",
        T,
        small(T, "    end_hours: 72", "    end_hours: 3 days"),
        f"{T}:20: error: timeline step 2, end_hours must be a whole number of hours, not '3 days'",
    ),
    # --- required fields ---------------------------------------------------------------
    Case(
        "summary-missing",
        T,
        small(T, "summary: Fine needles make tiny holes in the skin, and it heals smoother.\n", ""),
        f"{T}:1: error: 'summary' is missing: add a line 'summary: …'",
    ),
    Case(
        "reviewed-by-missing",
        T,
        small(T, "reviewed_by: Dr. Amira Patel\n", ""),
        f"{T}:1: error: 'reviewed_by' is missing: add a line 'reviewed_by: …'",
    ),
    Case(
        "last-reviewed-missing",
        T,
        small(T, "last_reviewed: 2026-11-01\n", ""),
        f"{T}:1: error: 'last_reviewed' is missing: add a line 'last_reviewed: …'",
    ),
    Case(
        "sources-missing",
        T,
        small(T, "sources:\n  - id: s000\n    title: Clinic leaflet\n    sections: [after]\n", ""),
        f"{T}:1: error: 'sources' is missing: add a line 'sources: …'",
    ),
    Case(
        "section-missing",
        OVERVIEW,
        "",
        f"{OVERVIEW}:1: error: the 'During' section is missing: add a heading like "
        "'## During {: #during }'",
        pattern=r"\{: #during \}",
    ),
    # --- timeline and restrictions -----------------------------------------------------
    Case(
        "timeline-out-of-order",
        T,
        small(
            T, "    start_hours: 24\n    end_hours: 72", "    start_hours: -10\n    end_hours: 72"
        ),
        f"{T}:18: error: timeline step 2 starts (-10 h) before step 1 (0 h): keep the steps "
        "in time order",
    ),
    Case(
        "timeline-steps-overlap",
        T,
        small(
            T, "    start_hours: 24\n    end_hours: 72", "    start_hours: 20\n    end_hours: 72"
        ),
        f"{T}:18: error: timeline step 2 starts (20 h) before step 1 ends (24 h): steps may "
        "not overlap",
    ),
    Case(
        "timeline-step-ends-before-it-starts",
        T,
        small(T, "    end_hours: 72", "    end_hours: 10"),
        f"{T}:18: error: timeline step 2 ends (10 h) before it starts (24 h)",
    ),
    Case(
        "timeline-hours-beyond-a-year",
        T,
        small(T, "    end_hours: 72", "    end_hours: 9000"),
        f"{T}:20: error: timeline step 2, end_hours is 9000 hours: more than a year from the "
        "treatment, check the number",
    ),
    Case(
        "timeline-step-without-an-id",
        T,
        small(T, "  - id: days-2-3\n    start_hours: 24", "  - start_hours: 24"),
        f"{T}:18: error: timeline step 2 has no id: add a line 'id: the-redness-fades' (a "
        "short name that never changes; translations and links refer to it)",
    ),
    Case(
        "warning-sign-id-used-twice",
        T,
        small(
            T,
            "  - {id: spreading-redness, text: Redness that spreads.}",
            "  - {id: fever, text: A fever.}\n  - {id: fever, text: Redness that spreads.}",
        ),
        f"{T}:12: error: warning sign 2 has the id 'fever' of warning sign 1: give each its own id",
    ),
    Case(
        "restriction-span-longer-than-a-year",
        T,
        small(T, "{start_hours: 0, end_hours: 168}", "{start_hours: -5000, end_hours: 5000}"),
        f"{T}:29: error: restriction 1, span 1 is longer than a year: check the hours",
    ),
    Case(
        "restriction-names-an-unknown-activity",
        T,
        small(T, "activity: sun", "activity: excercise"),
        f"{T}:27: error: restriction 1 names an unknown activity 'excercise' (did you mean "
        "'exercise'?): add it to content/activities.yml or use one of makeup, sun, exercise, "
        "heat, swimming, actives, exfoliation, touching, medication, other-treatments",
    ),
    Case(
        "restriction-without-its-own-words",
        T,
        small(T, "activity: sun", "activity: other-treatments"),
        f"{T}:27: error: restriction 1 ('other-treatments') needs its own words: 'Other "
        "treatments' alone can be misread, so add a line 'what: …' that says exactly what to "
        "avoid, like 'what: allergy tablets (antihistamines)'",
    ),
    Case(
        "medicine-without-the-editors-sentences",
        T,
        small(T, "activity: sun", "activity: medication\n    what: allergy tablets"),
        f"{T}:27: error: restriction 1 ('medication') is about a medicine, and the plan says "
        "only what you write about medicines: add 'before: …' and 'after: …' ('before': what "
        "to do until it is over, like 'Do not take allergy tablets on the day before your "
        "treatment.'; 'after': what to do once it is over, like 'You can take allergy tablets "
        "again.')",
    ),
    Case(
        "touching-said-to-be-fine-again",
        T,
        small(
            T,
            "activity: sun",
            "activity: touching\n    what: picking the skin\n    after: You can pick it again.",
        ),
        f"{T}:29: error: restriction 1 ('touching') is never fine again, so the plan never "
        "says 'You can … again' about it: remove the line 'after: …'",
    ),
    Case(
        "faq-question-asked-twice",
        F,
        small(F, "question: When can I wear makeup?", "question: Does it hurt?"),
        f"{F}:8: error: the question 'Does it hurt?' is asked twice (first on line 4)",
    ),
    Case(
        "faq-id-used-twice",
        F,
        small(F, "id: microneedling-makeup", "id: microneedling-does-it-hurt"),
        f"{F}:6: error: question id 'microneedling-does-it-hurt' is already used at "
        f"{F}:2: give each question its own id",
    ),
    # --- links, images and markup ------------------------------------------------------
    Case(
        "link-to-a-page-that-does-not-exist",
        A,
        about_with("Read the [questions](faqs.md)."),
        f"{A}:8: error: the link 'faqs.md' points to a page that does not exist (did you mean "
        "'faq.md'?): fix the name or remove the link",
    ),
    Case(
        "link-to-an-anchor-that-does-not-exist",
        A,
        about_with("See [when to call](microneedling/recovery.md#when-to-cal)."),
        f"{A}:8: error: the link 'microneedling/recovery.md#when-to-cal' points to "
        "'#when-to-cal', which is not a heading or id on microneedling/recovery.md (did you "
        "mean '#when-to-call'?): fix the part after '#'",
    ),
    Case(
        "link-that-starts-with-a-slash",
        A,
        about_with("Read the [questions](/faq.md)."),
        f"{A}:8: error: the link '/faq.md' starts with '/', which breaks in the offline copy: "
        "write it relative to this page, like 'faq.md' or '../faq.md'",
    ),
    Case(
        "image-without-alt-text",
        A,
        about_with("![](team.png)"),
        f"{A}:8: error: the image 'team.png' has no alt text: describe it between the "
        "brackets, like ![Skin on day 2, still a little red](team.png)",
        also={"content/team.png": b"\x89PNG\r\n\x1a\n"},
    ),
    Case(
        "raw-script-tag",
        A,
        about_with("<script>alert('hi')</script>"),
        f"{A}:8: error: a <script> tag would run code on the page: remove it (pages may not "
        "contain scripts)",
    ),
    Case(
        "raw-iframe",
        A,
        about_with('<iframe title="Video" src="video.html"></iframe>'),
        f"{A}:8: error: an <iframe> tag would embed another page: remove it and add a normal "
        "link instead",
    ),
    Case(
        "event-handler-attribute",
        A,
        about_with('<span onclick="go()">Call us</span>'),
        f"{A}:8: error: the HTML attribute 'onclick=' would run code: remove it",
    ),
    Case(
        "javascript-address",
        A,
        about_with("[Call us](javascript:call())"),
        f"{A}:8: error: a 'javascript:' address would run code: remove it (links must go to "
        "a page or a web address)",
    ),
    Case(
        "image-loaded-from-another-site",
        A,
        about_with("![Our clinic](https://photos.example.com/clinic.jpg)"),
        f"{A}:8: error: the image 'https://photos.example.com/clinic.jpg' would be loaded from "
        "photos.example.com every time the page opens, which tells that site who reads it "
        "and breaks the offline copy: save the file next to the page and use its file name "
        "instead",
    ),
    Case(
        "stylesheet-loaded-from-another-site",
        A,
        about_with('<link rel="stylesheet" href="https://fonts.example.com/a.css">'),
        f"{A}:8: error: <link href> 'https://fonts.example.com/a.css' would be loaded from "
        "fonts.example.com every time the page opens, which tells that site who reads it and "
        "breaks the offline copy: save the file next to the page and use its file name instead",
    ),
    Case(
        "heading-id-written-as-a-jinja-comment",
        A,
        about_with("## Parking {#parking}"),
        f"{A}:8: error: '{{#parking}}' would hide the text after it ('{{#' starts a hidden "
        "note): write the id as '{: #parking }'",
    ),
    # --- pages are data: template code, markup and names ---------------------------------
    Case(
        "template-statement-in-a-page",
        A,
        about_with("{% set greeting = 'hello' %}"),
        f"{A}:8: error: '{{%' starts template code, which a page may not hold: remove it (a "
        "page holds text and macro calls like '{{ timeline() }}')",
    ),
    Case(
        "template-note-in-a-page",
        A,
        about_with("{# check this with Dr Patel #}"),
        f"{A}:8: error: '{{#' starts a hidden note, which a page may not hold: remove it "
        "(notes for reviewers belong in source_notes in treatment.yml)",
    ),
    Case(
        "template-value-in-a-page",
        A,
        about_with("Call {{ config.extra.clinic.phone }} today."),
        f"{A}:8: error: only a macro call may stand between '{{{{' and '}}}}', like "
        "'{{ timeline() }}' or '{{ faq(treatment=\"microneedling\") }}': remove the rest",
    ),
    Case(
        "macro-given-a-variable",
        A,
        about_with("{{ when_to_call(treatment=page.title) }}"),
        f"{A}:8: error: macro 'when_to_call' was given a value that is not plain text, a "
        "number, true or false: write it like when_to_call(treatment='microneedling')",
    ),
    Case(
        "macro-brackets-nested-too-deeply",
        A,
        about_with("{{ " + "(" * 3000 + " }}"),
        f"{A}:8: error: a macro is written wrongly (brackets or braces are nested too deeply): "
        "write it like '{{ timeline() }}', with the braces and brackets closed",
    ),
    Case(
        "title-with-angle-brackets",
        A,
        small(A, "title: About this information", "title: Care for under <5s"),
        f"{A}:2: error: title: may not contain '<' or '>' (Material would read them as HTML): "
        "write the words out, like 'under 5' or 'more than 5'",
    ),
    Case(
        "description-with-template-code",
        A,
        small(A, "title: About this information", "title: About\ndescription: '{{ x }}'"),
        f"{A}:3: error: description: may not contain '{{{{', '{{%' or '{{#' (template code): "
        "remove them",
    ),
    Case(
        "first-heading-with-angle-brackets",
        A,
        small(A, "# About this information", "# About &lt;this&gt;"),
        f"{A}:5: error: the page title may not contain '<' or '>' (Material would read them "
        "as HTML): write the words out, like 'under 5' or 'more than 5'",
    ),
    Case(
        "clinic-name-with-angle-brackets",
        "mkdocs.yml",
        "    name: Riverside <Skin> Clinic",
        "mkdocs.yml:@line: error: extra.clinic: name: may not contain '<' or '>' (Material would "
        "read them as HTML): write the words out, like 'under 5' or 'more than 5'",
        pattern=r"    name: Riverside Skin Clinic",
    ),
    Case(
        "site-description-with-angle-brackets",
        "mkdocs.yml",
        "site_description: Guides for <everyone>",
        "mkdocs.yml:4: error: site_description may not contain '<' or '>' (Material would read "
        "them as HTML): write the words out, like 'under 5' or 'more than 5'",
        pattern=r"site_description: [^\n]*",
    ),
    Case(
        "html-tag-not-allowed",
        A,
        about_with("<button>Book now</button>"),
        f"{A}:8: error: the HTML tag <button> is not allowed in a page: remove it (pages may "
        "use plain tags such as <p>, <strong>, <a>, <img>, <details> and tables)",
    ),
    Case(
        "html-attribute-not-allowed",
        A,
        about_with('<p style="color: red">Call us first.</p>'),
        f"{A}:8: error: the HTML attribute 'style' is not allowed on <p>: remove it (allowed: "
        "class, dir, id, lang, title)",
    ),
    Case(
        "html-title-attribute-with-a-tag",
        A,
        about_with('<abbr title="<b>SPF</b>">SPF</abbr>'),
        f"{A}:8: error: a title attribute may not contain '<' or '>': write the words out",
    ),
    Case(
        "html-address-not-allowed",
        A,
        about_with('<img src="file:///C:/photos/team.png" alt="Our team">'),
        f"{A}:8: error: the address 'file:///C:/photos/team.png' in src= is not allowed: link "
        "to a page, a file next to it, or a web address (http, https, mailto, tel)",
    ),
    Case(
        "attribute-list-with-an-attribute",
        A,
        about_with("## Parking {: #parking onclick=go() }"),
        f"{A}:8: error: the attribute list '{{: #parking onclick=go() }}' sets 'onclick': an "
        "attribute list may only give an id ('#name') or classes ('.name'); to show braces "
        "as text, write \\{ and \\}",
    ),
    Case(
        "too-many-html-tags",
        A,
        about_with("<b>x</b> " * 600),
        f"{A}:8: error: the page holds more than 1000 HTML tags: write it in Markdown (a page "
        "may hold at most 1000)",
    ),
    Case(
        "too-many-markdown-marks",
        A,
        about_with("*" * 20_001),
        f"{A}:1: error: the page holds 20,001 Markdown marks ([ ] * _ ` < & {{ !), more than "
        "the 20,000 a page may hold: split it into shorter pages",
    ),
    Case(
        "page-larger-than-1-mb",
        A,
        about_with("word " * 220_000),
        f"{A}:1: error: the file is larger than 1 MB, the most a page may be: split it into "
        "smaller files",
    ),
    Case(
        "data-file-larger-than-2-mb",
        FAQ,
        "# " + "x" * 2_200_000 + "\n" + SMALL_FAQ,
        f"{FAQ}:1: error: the file is larger than 2 MB, the most a data file may be: split "
        "it into smaller files",
    ),
    Case(
        "file-name-with-odd-characters",
        "content/opening hours?.md",
        "# Opening hours\n\nWe open at nine.\n",
        "content/opening hours?.md:1: error: the name 'opening hours?.md' becomes a web "
        "address and a menu label: use only letters, digits, '-', '_' and '.' (rename the file)",
    ),
    Case(
        "file-in-content-is-a-link",
        "content/team.png",
        "",
        "content/team.png:1: error: this is a link to another place on the computer, which "
        "would be published with the site: put the file itself here",
        link="/etc/hostname",
    ),
    # --- macros ------------------------------------------------------------------------
    Case(
        "macro-with-a-wrong-parameter",
        RECOVERY,
        "# Recovery\n\n{{ timeline(treatmnt='microneedling') }}\n",
        f"{RECOVERY}:3: error: macro 'timeline' was called with an unknown parameter "
        "'treatmnt' (did you mean 'treatment'?): it takes (treatment)",
    ),
    Case(
        "macro-that-does-not-exist",
        RECOVERY,
        "# Recovery\n\n{{ timline() }}\n",
        f"{RECOVERY}:3: error: there is no macro called 'timline' (did you mean 'timeline'?): "
        "use one of timeline, activity_table, checklist, faq, faq_all, when_to_call, "
        "treatment_list, source_notes, all_source_notes",
    ),
    Case(
        "macro-never-closed",
        RECOVERY,
        "# Recovery\n\n{{ timeline( }}\n",
        f"{RECOVERY}:3: error: a macro is written wrongly (unexpected '}}', expected ')'): "
        "write it like '{{ timeline() }}', with the braces and brackets closed",
    ),
    Case(
        "treatment-macro-on-a-site-page",
        A,
        about_with("{{ when_to_call() }}"),
        f"{A}:8: error: macro 'when_to_call' needs to know which treatment to show on this "
        "page: write it like when_to_call(treatment='chemical-peel')",
    ),
    # --- before you publish -------------------------------------------------------------
    Case(
        "todo-on-a-published-page",
        A,
        about_with("TODO: say where patients can park."),
        f"{A}:8: error: TODO marker on a published page: replace it with the real text (or set "
        "'status: draft' while you work on it)",
    ),
    Case(
        "reviewer-is-a-placeholder",
        T,
        small(T, "reviewed_by: Dr. Amira Patel", "reviewed_by: TBD"),
        f"{T}:4: error: reviewed_by 'TBD' is a placeholder: write the name and role of the "
        "clinician who checked these pages (or set 'status: draft' until one has)",
    ),
    Case(
        "review-date-still-to-come",
        T,
        small(T, "last_reviewed: 2026-11-01", "last_reviewed: 2027-01-05"),
        f"{T}:5: error: last_reviewed is 2027-01-05, a day still to come: write the day a "
        "clinician checked these pages",
    ),
    # --- clinic settings ---------------------------------------------------------------
    Case(
        "primary-colour-too-light-for-white-header-text",
        "mkdocs.yml",
        'primary_colour: "#7fb3d5"',
        "mkdocs.yml:@line: error: extra.clinic: primary_colour #7fb3d5 behind "
        "header_text_colour #ffffff has a contrast of 2.26:1, below the 4.5:1 every page "
        "needs to be readable: pick a darker primary_colour",
        pattern=r'primary_colour: "#[0-9a-fA-F]{6}"',
    ),
    # --- sources, wording and proposed values ----------------------------------------
    Case(
        "sentence-copied-from-a-cited-source",
        T,
        small(
            T,
            "    title: Clinic leaflet\n",
            "    title: Clinic leaflet\n    file: leaflet.txt\n",
        ).replace(
            "do: [Wash gently.]",
            "do: [Rinse your face with cool water and pat it dry with a soft clean towel.]",
        ),
        f"{T}:18: error: 15 words in a row are the same as source 's000' (leaflet.txt) line 3: "
        "write the facts in your own words",
        also={
            "content/microneedling/leaflet.txt": "Morning care\n\nRinse your face with cool "
            "water and pat it dry with a soft clean towel every morning.\n"
        },
    ),
    Case(
        "proposed-value-left-in-published-content",
        F,
        small(F, "answer: Wait 3 days.", "answer: 'PROPOSED: wait 3 days.'"),
        f"{F}:9: error: a value marked PROPOSED is ingest's suggestion: check it against the "
        "sources, write the value the clinic publishes and remove the marker",
    ),
    Case(
        "colour-without-quotes",
        "mkdocs.yml",
        "primary_colour: #1f5f8b",
        "mkdocs.yml:@line: error: extra.clinic: primary_colour is empty because YAML reads "
        "everything after '#' as a note: put the colour in quotes, like primary_colour: "
        '"#1f5f8b"',
        pattern=r'primary_colour: "#[0-9a-fA-F]{6}"',
    ),
    # --- warnings ----------------------------------------------------------------------
    Case(
        "reviewed-more-than-a-year-ago",
        T,
        small(T, "last_reviewed: 2026-11-01", "last_reviewed: 2025-11-20"),
        f"{T}:5: warning: last reviewed on 2025-11-20, more than 12 months ago: ask a "
        "clinician to check the treatment, then set last_reviewed to that day",
    ),
    Case(
        "reading-grade-above-the-limit",
        A,
        HARD_ABOUT,
        f"{A}:5: warning: the reading grade of this page is 24.5 (Flesch-Kincaid), above the "
        "limit of 8: use shorter sentences and everyday words",
    ),
    Case(
        "todo-in-a-draft",
        T,
        SMALL_TREATMENT.replace(
            "summary: Fine needles make", "summary: TODO, say it in plain words. Fine needles make"
        ).replace("status: published", "status: draft"),
        f"{T}:2: warning: TODO marker: replace it with the real text before you publish",
    ),
    Case(
        "medical-word-with-an-everyday-one",
        A,
        about_with("Some erythema can last a day."),
        f"{A}:7: warning: 'erythema' is not an everyday word: write 'redness' instead (or "
        "explain it)",
    ),
    Case(
        "treatment-still-a-draft",
        T,
        small(T, "status: published", "status: draft"),
        f"{T}:3: warning: 'microneedling' is a draft: it is left off the home page and the "
        "questions page until you set 'status: published'",
    ),
    # --- translations (the project keeps Spanish on) -----------------------------------
    Case(
        "translation-uses-an-id-the-english-file-lacks",
        TREATMENT_ES,
        small(TREATMENT_ES, "  days-2-3:", "  days-2-and-3:"),
        f"{TREATMENT_ES}:14: error: timeline step 'days-2-and-3' is not in treatment.yml "
        "(did you mean 'days-2-3'?): translations use the English file's ids",
        also={T: SMALL_TREATMENT},
        spanish=True,
    ),
    Case(
        "translation-lacks-a-warning-sign",
        TREATMENT_ES,
        small(
            TREATMENT_ES,
            "call_us_if:\n  spreading-redness: Rojez que se extiende.",
            "call_us_if: {}",
        ),
        f"{TREATMENT_ES}:8: error: warning sign 'spreading-redness' of treatment.yml is "
        "missing: translate it under the same id",
        also={T: SMALL_TREATMENT},
        spanish=True,
    ),
    Case(
        "translated-list-of-another-length",
        TREATMENT_ES,
        small(TREATMENT_ES, "do: [Lávese con cuidado.]", "do: [Lávese con cuidado., Séquese.]"),
        f"{TREATMENT_ES}:13: error: timeline step 'day-1', do has 2 items but treatment.yml "
        "has 1: translate the whole list, item for item",
        also={T: SMALL_TREATMENT},
        spanish=True,
    ),
    Case(
        "translation-beside-no-english-file",
        "content/abuot.es.md",
        "# Sobre nosotros\n\nRevisamos cada guía.\n",
        "content/abuot.es.md:1: error: there is no abuot.md beside this translation: name it "
        "after its English file, like recovery.es.md beside recovery.md",
        spanish=True,
    ),
    Case(
        "translated-urgent-care-with-other-numbers",
        "mkdocs.yml",
        "llame ahora al 112",
        "mkdocs.yml:@line: error: extra.clinic: translations.es.urgent_care gives the numbers "
        "112, 111, but urgent_care gives 999, 111: every language must give the same "
        "emergency numbers",
        pattern=r"llame ahora al 999",
        spanish=True,
    ),
    Case(
        "translation-reviewed-before-the-english",
        TREATMENT_ES,
        small(TREATMENT_ES, "last_reviewed: 2026-11-20", "last_reviewed: 2026-10-02"),
        f"{TREATMENT_ES}:4: warning: the translation was last reviewed on 2026-10-02, before "
        "treatment.yml (2026-11-01): check it against the English text, then set "
        "last_reviewed to that day",
        also={T: SMALL_TREATMENT},
        spanish=True,
    ),
    Case(
        "page-without-its-translation",
        A,
        SMALL_ABOUT,
        f"{A}:1: warning: this page has no Spanish translation yet (about.es.md): the Spanish "
        "site shows it in English, with a notice",
        also={"content/about.es.md": None},
        spanish=True,
    ),
    Case(
        "step-title-names-a-time",
        T,
        small(T, "    title: The redness fades", "    title: Days 2 and 3"),
        f"{T}:21: warning: timeline step 2's title 'Days 2 and 3' names a time, and the page "
        "shows the step's days ('Days 2–3') above it: give it a title that says what happens, "
        "like 'The redness fades'",
    ),
    Case(
        "source-origin-is-a-file-name",
        T,
        small(
            T,
            "    title: Clinic leaflet",
            "    title: Clinic leaflet\n    origin: leaflet-2024.txt",
        ),
        f"{T}:9: warning: the origin of source 's000' is a file name ('leaflet-2024.txt'), which "
        "tells patients nothing: say where it was published, like 'a skin clinic's blog, 2017' "
        "or its web address (the file itself goes in 'file')",
    ),
]
ERRORS = [case for case in CASES if case.severity == "error"]
WARNINGS = [case for case in CASES if case.severity == "warning"]


def english_only(root: Path) -> None:
    """Build the project in English only (the one line a clinic changes): these cases
    rewrite English files whole, which their Spanish twins would rightly report too.
    The Spanish rules have their own cases (tests/checks/test_translations.py)."""
    set_language_build(root, "es", False)


def break_project(root: Path, case: Case) -> str:
    """Apply the case to the project; return its expected message with @line filled in."""
    if not case.spanish:
        english_only(root)
    target = root / case.path
    expected = case.expected
    if case.link is not None:
        target.symlink_to(case.link)
    elif case.pattern is None:
        if isinstance(case.text, bytes):
            target.write_bytes(case.text)
        else:
            target.write_text(case.text, "utf-8")
    else:
        original = target.read_text("utf-8")
        match = re.search(case.pattern, original)
        assert match, f"{case.pattern!r} is not in {case.path} any more"
        assert isinstance(case.text, str)
        target.write_text(original[: match.start()] + case.text + original[match.end() :])
        expected = expected.replace("@line", str(original.count("\n", 0, match.start()) + 1))
    for name, content in case.also.items():
        path = root / name
        if content is None:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return expected


def test_every_rule_has_a_case() -> None:
    assert len({case.id for case in CASES}) == len(CASES)
    assert len(ERRORS) >= 50 and len(WARNINGS) == 9


@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c.id)
def test_an_error_is_reported_and_the_last_good_site_survives(
    case: Case,
    project_with_a_good_site: Path,
    check_output: Callable[..., tuple[int, list[str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = project_with_a_good_site
    before = tree_hashes(root / "site", root / "dist")
    expected = break_project(root, case)

    code, lines = check_output(root)
    assert expected in lines, "\n".join(lines)
    assert code == 1
    assert re.fullmatch(r"[1-9]\d* errors?, \d+ warnings?", lines[-1])

    monkeypatch.setenv("CAREPAGES_TODAY", TODAY)
    result = run_carepages("build", "--root", str(root), cwd=root)
    assert result.returncode == 1
    assert expected in result.stdout.splitlines()
    assert "the last good site is unchanged" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert tree_hashes(root / "site", root / "dist") == before


@pytest.mark.parametrize("case", WARNINGS, ids=lambda c: c.id)
def test_a_warning_is_reported_but_only_strict_fails(
    case: Case,
    fresh_project: Path,
    check_output: Callable[..., tuple[int, list[str]]],
) -> None:
    expected = break_project(fresh_project, case)

    code, lines = check_output(fresh_project)
    assert expected in lines, "\n".join(lines)
    # A draft with a TODO is two warnings: the draft and the TODO.
    assert lines[-1] in ("0 errors, 1 warning", "0 errors, 2 warnings")
    assert code == 0

    code, lines = check_output(fresh_project, "--strict")
    assert expected in lines
    assert code == 1


def test_a_date_that_passes_never_stops_the_site_from_building(
    fresh_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = next(c for c in WARNINGS if c.id == "reviewed-more-than-a-year-ago")
    expected = break_project(fresh_project, case)
    monkeypatch.setenv("CAREPAGES_TODAY", TODAY)

    result = run_carepages("build", "--root", str(fresh_project), cwd=fresh_project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert expected in result.stdout.splitlines()
    assert (fresh_project / "site/microneedling/index.html").exists()
    assert (fresh_project / "dist/carepages-site.zip").exists()


def test_a_review_exactly_twelve_months_old_is_still_fresh(
    fresh_project: Path, check_output: Callable[..., tuple[int, list[str]]]
) -> None:
    english_only(fresh_project)
    (fresh_project / TREATMENT).write_text(
        small(TREATMENT, "last_reviewed: 2026-11-01", "last_reviewed: 2025-11-21")
    )
    code, lines = check_output(fresh_project)
    assert (code, lines) == (0, ["0 errors, 0 warnings"])


def test_every_mistake_is_reported_in_one_run(
    fresh_project: Path, check_output: Callable[..., tuple[int, list[str]]]
) -> None:
    picked = [c for c in CASES if c.id in ("date-written-in-words", "raw-script-tag")]
    picked.append(next(c for c in CASES if c.id == "faq-id-used-twice"))
    expected = [break_project(fresh_project, case) for case in picked]

    code, lines = check_output(fresh_project)

    assert code == 1
    assert sorted(expected) == sorted(line for line in lines if ": error: " in line)
    assert lines[-1] == "3 errors, 0 warnings"
