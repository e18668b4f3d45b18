"""Restrictions: which activity to avoid and for how long, read cautiously from the sources."""

from __future__ import annotations

from carepages.model.sections import Section

from .model import NOISE, Block, RestrictionHit
from .spans import Found
from .textre import rx as _rx
from .vocabulary import BUILT_IN_VOCABULARY, UNLISTED, Vocabulary

_AVOID = _rx(
    r"\bavoid",
    r"\bno\b",
    r"\bdon[\u2019']?t\b",
    r"\bdo\s+not\b",
    r"\brefrain",
    r"\bskip\b",
    r"\bsteer\s+clear\b",
    r"\bstay\s+(?:away|out)\b",
    r"\bkeep\s+(?:\w+\s+){0,3}away\b",
    r"\bresist\b",
    r"\bstop\b",
    r"\bhold\s+off\b",
    r"\bnot\s+(?:wear|use|apply|go|exercise|swim|take|have)\b",
    r"\bnever\b",
    r"\bshould\s+be\s+avoided\b",
    r"\bmust\s+be\s+avoided\b",
    r"\bwithout\b",
    r"\bpause\b",
    r"\bminimi[sz]e\b",
    r"\blimit\b",
    r"\bwait\b",
    r"\bshould\s*n[\u2019']?t\b",
    r"\bmust\s*n[\u2019']?t\b",
    r"\bkeep\s+out\s+of\b",
    r"\bprotect\b.{0,30}\bfrom\b",
)
_RESTART = _rx(
    r"\b(?:can|may|could)\s+(?:\w+\s+){0,3}(?:again|resumed?|restart(?:ed)?|return\s+to|reintroduced?|go\s+back\s+to)\b",
    r"\b(?:resumed?|restart(?:ed)?|reintroduced?|re-introduce|return\s+to|start\s+(?:using|wearing)\s+\w+\s+again)\b",
    r"\bagain\b",
)
_ANAPHORA = _rx(
    r"\bduring\s+this\s+(?:time|period)\b",
    r"\buntil\s+then\b",
    r"\bin\s+the\s+meantime\b",
    r"\bmeanwhile\b",
)
_VAGUE_TIME = _rx(
    r"\b(?:a\s+few|several|some|a\s+couple\s+of|many)\s+(?:hours|days|weeks|months)\b",
    r"\b(?:later\s+that|the\s+same|that)\s+(?:night|evening|day)\b",
    r"\bimmediately\s+after\b",
    r"\bovernight\b",
    r"\buntil\s+(?:healed|the\s+skin\s+(?:has\s+)?heal\w*|your\s+skin\s+(?:has\s+)?heal\w*|redness\s+\w+)\b",
)
_LABEL = _rx(r"^[^.!?]{1,30}:\s")
_LEADIN = _rx(
    r"(?:these|the\s+following|following)\s+(?:activities|things)\b", r"\bincluding:?\s*$", r":\s*$"
)


def _avoid_span(
    found: list[Found], restart: bool, before: bool
) -> tuple[float, float | None] | None:
    """The stretch to avoid an activity, read cautiously from the spans in its sentence."""
    if not found:
        return None
    negatives = [f for f in found if f.end_hours is not None and f.end_hours <= 0]
    if negatives:
        worst = min(negatives, key=lambda f: f.start_hours)
        return worst.start_hours, 0.0
    ends = []
    for f in found:
        if f.end_hours is not None:
            ends.append(f.end_hours)
        elif restart or f.start_hours > 0:
            ends.append(f.start_hours)  # "restart after 5 days": avoid until then
    if not ends:
        return None
    end = max(ends)
    if end <= 0:
        return None
    return (-end, 0.0) if before else (0.0, end)


def is_avoid(text: str) -> bool:
    """Whether a clause tells the reader not to do something."""
    return _AVOID.test(text)


def find_restrictions(
    blocks: list[Block], vocabulary: Vocabulary = BUILT_IN_VOCABULARY
) -> tuple[list[RestrictionHit], list[RestrictionHit], list[RestrictionHit]]:
    """(restrictions with a span, vague ones kept for the conflict report, and those that
    give no time at all), read from the clauses and spans the pipeline found once per block."""
    hits: list[RestrictionHit] = []
    vague: list[RestrictionHit] = []
    untimed: list[RestrictionHit] = []
    # From a heading or label such as "Day 2-7" or "Avoid ... for 48 hours:".
    context_span: list[Found] = []
    leadin: tuple[list[Found], bool] | None = None  # an avoid lead-in line whose list follows
    for block in blocks:
        if block.section == NOISE:
            continue
        before = block.section == Section.PREPARATION
        if block.kind != "item":
            leadin = None
        if block.kind == "heading":
            context_span = [
                f for clause in block.clauses for f in clause.spans
                if f.start_hours >= 0 or f.end_hours is not None
            ]  # fmt: skip
            leadin = None
            if not _AVOID.search(block.text):
                continue
            # "Things to avoid:" makes each item of the list below a thing to avoid.
            leadin = (context_span, before)
        previous_spans: list[Found] = []
        # "Day 4: ... Do not pick." The label's time holds for the whole block.
        label_spans = (
            block.clauses[0].spans if block.kind != "heading" and _LABEL.match(block.text) else []
        )
        for clause in block.clauses:
            sentence, spans = clause.text, clause.spans
            avoid = bool(_AVOID.search(sentence))
            restart = bool(_RESTART.search(sentence)) and not avoid
            listed = leadin is not None and block.kind == "item"
            acts = vocabulary.find(sentence) if (avoid or restart or listed) else []
            if (
                avoid
                and spans
                and _LEADIN.search(sentence)
                and (not acts or sentence.endswith(":"))
            ):
                leadin = (spans, before)
            if not acts:
                previous_spans = spans or previous_spans
                continue
            if not (avoid or restart):
                if leadin is not None and block.kind == "item":
                    avoid = True
                else:
                    previous_spans = spans or previous_spans
                    continue
            use = spans
            if not use and _ANAPHORA.search(sentence):
                use = previous_spans
            if not use and label_spans:
                use = label_spans
            if not use and leadin is not None and block.kind == "item":
                use, before = leadin
            if not use and context_span and block.kind == "item":
                use = context_span
            if not use and context_span and block.kind == "para" and len(block.clauses) <= 3:
                use = context_span
            if restart and use and block.kind in ("item", "para") and not spans:
                use = context_span or use
            span = _avoid_span(
                use,
                restart,
                before or any(f.end_hours is not None and f.end_hours <= 0 for f in use),
            )
            for activity, word in acts:
                if span is None:
                    found = RestrictionHit(
                        activity, sentence, None, None, block.line, vague=True, word=word
                    )
                    if _VAGUE_TIME.search(sentence) and activity != UNLISTED:
                        vague.append(found)
                    elif avoid:
                        untimed.append(found)
                    continue
                hits.append(
                    RestrictionHit(activity, sentence, span[0], span[1], block.line, word=word)
                )
            previous_spans = spans or previous_spans
    return _dedupe(hits), _dedupe(vague), _dedupe(untimed)


def _dedupe(hits: list[RestrictionHit]) -> list[RestrictionHit]:
    seen: set[tuple[str, int, float | None, float | None]] = set()
    out: list[RestrictionHit] = []
    for hit in hits:
        key = (hit.activity, hit.line, hit.start_hours, hit.end_hours)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out
