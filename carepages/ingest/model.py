"""Plain data passed between the ingest stages: blocks, spans, restrictions, FAQs, documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .spans import Found

# Blocks that carry no content for a patient (bylines, hooks, comment widgets).
NOISE = "noise"


@dataclass
class Claim:
    """Something a clinician would reject, with the kind and the reason in our words."""

    kind: str
    why: str


@dataclass
class Clause:
    """One sentence or clause of a block, read once: where it sits in the block's text,
    the spans found in it, and what the later stages need to know about it."""

    text: str
    start: int
    spans: list[Found] = field(default_factory=list)
    kind: str = "notice"  # "notice", "do" or "avoid", as a timeline bullet
    filler: str = ""  # why it is filler (an opener, a hook), or ""
    claims: list[Claim] = field(default_factory=list)
    call_us: bool = False


@dataclass
class Block:
    """One heading, paragraph or list item, with the line where it starts in the decoded file."""

    kind: str  # "heading", "para" or "item"
    text: str
    line: int
    level: int = 0
    chrome: bool = False  # inside page chrome (nav, footer, cookie banner) of an HTML page
    label: bool = False  # a short lead-in ending with ":" that introduces what follows
    section: str = ""
    why: str = ""  # why a block is noise, for the summary and for debugging
    promotion: bool = False
    # Filled once by the pipeline: how much the block reads like a definition of the
    # treatment (its own words' score for "what it is"), and its clauses.
    definition: int = 0
    _clauses: list[Clause] = field(default_factory=list, repr=False, compare=False)
    # Clauses as they travel between processes, unpacked on first use (a JSON run never
    # reads them).
    _packed: list[Any] | None = field(default=None, repr=False, compare=False)

    @property
    def clauses(self) -> list[Clause]:
        if self._packed is not None:
            self._clauses = [
                Clause(
                    self.text[start : start + size],
                    start,
                    [Found(*span) for span in spans],
                    kind,
                    filler,
                    [Claim(*claim) for claim in found],
                    call_us,
                )
                for start, size, spans, kind, filler, found, call_us in self._packed
            ]
            self._packed = None
        return self._clauses

    @clauses.setter
    def clauses(self, value: list[Clause]) -> None:
        self._clauses, self._packed = value, None

    # Documents travel between processes (one worker per core): a clause's text is a slice
    # of the block's, so only its place is sent, and spans go as plain tuples.
    def __getstate__(self) -> tuple[object, ...]:
        if self._packed is not None:
            clauses = self._packed
        else:
            clauses = [
                (
                    c.start,
                    len(c.text),
                    [(f.text, f.start_hours, f.end_hours, f.offset) for f in c.spans],
                    c.kind,
                    c.filler,
                    [(claim.kind, claim.why) for claim in c.claims],
                    c.call_us,
                )
                for c in self.clauses
            ]
        return (
            self.kind, self.text, self.line, self.level, self.chrome, self.label,
            self.section, self.why, self.promotion, self.definition, clauses,
        )  # fmt: skip

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        (
            self.kind, self.text, self.line, self.level, self.chrome, self.label,
            self.section, self.why, self.promotion, self.definition, self._packed,
        ) = state  # fmt: skip
        self._clauses = []

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"section": self.section, "text": self.text, "line": self.line}
        out["kind"] = self.kind
        if self.why:
            out["why"] = self.why
        if self.promotion:
            out["promotion"] = True
        return out


@dataclass
class TimeSpan:
    text: str
    start_hours: float
    end_hours: float | None
    line: int

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start_hours": _num(self.start_hours),
            "end_hours": _num(self.end_hours),
            "line": self.line,
        }


@dataclass
class RestrictionHit:
    activity: str
    text: str
    start_hours: float | None
    end_hours: float | None
    line: int
    vague: bool = False  # an amount like "a few days": kept for the conflict report only
    word: str = ""  # the word that named the activity ("sauna")

    def as_json(self) -> dict[str, object]:
        return {
            "activity": self.activity,
            "text": self.text,
            "start_hours": _num(self.start_hours),
            "end_hours": _num(self.end_hours),
            "line": self.line,
        }


@dataclass
class FaqItem:
    question: str
    answer: str
    line: int
    topic: str = "general"
    answer_lines: list[int] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"question": self.question, "answer": self.answer, "line": self.line}


@dataclass
class FactHit:
    """A sourced value for a fact the sources may disagree on (how long redness lasts...)."""

    topic: str
    text: str
    start_hours: float | None
    end_hours: float | None
    line: int


@dataclass
class Document:
    source: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    faq: list[FaqItem] = field(default_factory=list)
    timeline: list[TimeSpan] = field(default_factory=list)
    restrictions: list[RestrictionHit] = field(default_factory=list)
    vague_restrictions: list[RestrictionHit] = field(default_factory=list)
    untimed_restrictions: list[RestrictionHit] = field(default_factory=list)
    facts: list[FactHit] = field(default_factory=list)
    encoding: str = "utf-8"
    # Where the document was published, when it says so ("URL: https://…" as its first line).
    url: str = ""
    annotated: bool = False  # clauses read for a draft (pipeline.annotate)

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "title": self.title,
            "encoding": self.encoding,
            "blocks": [b.as_json() for b in self.blocks],
            "faq": [f.as_json() for f in self.faq],
            "timeline": [s.as_json() for s in self.timeline],
            "restrictions": [r.as_json() for r in self.restrictions],
        }


def _num(value: float | None) -> float | int | None:
    """Whole hours print as integers; minutes stay fractions of an hour."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(value, 4)
