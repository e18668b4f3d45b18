"""The overview's five sections and the FAQ topics: ids fixed forever, labels for people.

Section ids are part of every published URL (`microneedling/index.html#after`), so they
never follow heading text; ingest, the checks and the pages all take them from here.
"""

from __future__ import annotations

from enum import StrEnum


class Section(StrEnum):
    """A section of a treatment's overview page, in reading order."""

    WHAT_IT_IS = "what-it-is"
    PREPARATION = "preparation"
    DURING = "during"
    AFTER = "after"
    RISKS = "risks"

    @property
    def label(self) -> str:
        return _SECTION_LABELS[self]


_SECTION_LABELS = {
    Section.WHAT_IT_IS: "What it is",
    Section.PREPARATION: "Preparation",
    Section.DURING: "During",
    Section.AFTER: "After",
    Section.RISKS: "Risks",
}

# What a source document can be used for: the five sections plus the two data files.
SOURCE_PARTS: dict[str, str] = {
    **{section.value: section.label for section in Section},
    "faq": "Questions",
    "timeline": "Recovery timeline",
}


class FaqTopic(StrEnum):
    """What a question is about; an FAQ page groups its questions by topic, in this order."""

    GENERAL = "general"
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    RISKS = "risks"
    RESULTS = "results"
    COST = "cost"

    @property
    def label(self) -> str:
        return _TOPIC_LABELS[self]


_TOPIC_LABELS = {
    FaqTopic.GENERAL: "About the treatment",
    FaqTopic.BEFORE: "Before your treatment",
    FaqTopic.DURING: "On the day",
    FaqTopic.AFTER: "After your treatment",
    FaqTopic.RISKS: "Risks and safety",
    FaqTopic.RESULTS: "Results",
    FaqTopic.COST: "Cost and sessions",
}
