"""Restrictions: which activity to avoid and for how long, read cautiously from the sources."""

from __future__ import annotations

import re

from .model import Block, RestrictionHit
from .spans import Found, find_spans
from .textre import Rx
from .textre import rx as _rx

# Activity ids from carepages.schema.ACTIVITIES, plus "other" for things outside it.
ACTIVITY_WORDS: list[tuple[str, Rx]] = [
    (
        "makeup",
        _rx(
            r"\bmake[- ]?up\b",
            r"\bfoundation\b",
            r"\bcosmetics\b",
            r"\bconcealer\b",
            r"\bmascara\b",
            r"\blipstick\b",
        ),
    ),
    (
        "sun",
        _rx(
            r"\bsun(?!screen|burn|block|glasses)(?:light|bathing|bed|beds|bath)?\b",
            r"\bsun\s+exposure\b",
            r"\btanning\b",
            r"\bsunbeds?\b",
            r"\buv\b",
            r"\bsolarium\b",
        ),
    ),
    (
        "exercise",
        _rx(
            r"\bexercis",
            r"\bwork[- ]?outs?\b",
            r"\bworking\s+out\b",
            r"\bgym\b",
            r"\bsweat",
            r"\bstrenuous\b",
            r"\bphysical\s+activit",
            r"\bsports?\b",
            r"\brunning\b",
            r"\bcardio\b",
            r"\byoga\b",
        ),
    ),
    (
        "heat",
        _rx(
            r"\bsaunas?\b",
            r"\bsteam(?:\s+rooms?|\s+baths?)?\b",
            r"\bjacuzzis?\b",
            r"\bhot\s+tubs?\b",
            r"\bhot\s+baths?\b",
            r"\bhot\s+showers?\b",
            r"\bhot\s+yoga\b",
            r"\bheat\b",
            r"\bhot\s+water\b",
        ),
    ),
    (
        "swimming",
        _rx(r"\bswim", r"\bpools?\b", r"\bchlorin", r"\bthe\s+sea\b", r"\blakes?\b", r"\bocean\b"),
    ),
    (
        "actives",
        _rx(
            r"\bretin(?:ol|oids?|-a)\b",
            r"\btretinoin\b",
            r"\bvitamin\s+c\b",
            r"\bacids?\b",
            r"\bahas?\b",
            r"\bbhas?\b",
            r"\bglycolic\b",
            r"\bsalicylic\b",
            r"\blactic\b",
            r"\bactive\s+(?:ingredients|skincare|products)\b",
            r"\bactives\b",
            r"\bskin\s*care\s+products\b",
            r"\bharsh\s+(?:products|skincare|ingredients|chemicals)\b",
            r"\bbenzoyl\b",
            r"\bhydroquinone\b",
            r"\bstrong\s+(?:skincare|products)\b",
        ),
    ),
    (
        "exfoliation",
        _rx(
            r"\bexfolia",
            r"\bscrubs?\b",
            r"\bscrubbing\b",
            r"\bbrushes\b",
            r"\bloofah",
            r"\bpeeling\s+products\b",
            r"\bmicrodermabrasion\b",
        ),
    ),
    (
        "touching",
        _rx(
            r"\btouch(?:ing)?\b",
            r"\bpick(?:ing)?\b",
            r"\bscratch(?:ing)?\b",
            r"\brub(?:bing)?\b",
            r"\bhands\s+away\b",
            r"\bpeel\s+(?:off|away)\b",
            r"\bpick\s+or\s+peel\b",
        ),
    ),
    (
        "medication",
        _rx(
            r"\banti-?histamin",
            r"\bibuprofen\b",
            r"\baspirin\b",
            r"\banti-?inflammator",
            r"\bnsaids?\b",
            r"\bblood\s+thinners?\b",
            r"\bisotretinoin\b",
            r"\baccutane\b",
            r"\bmedications?\b",
            r"\bmedicines?\b",
            r"\bfish\s+oil\b",
            r"\bvitamin\s+e\b",
            r"\bsupplements?\b",
        ),
    ),
    (
        "other-treatments",
        _rx(
            r"\bwax(?:ing)?\b",
            r"\blasers?\b",
            r"\bchemical\s+peels?\b",
            r"\binjections?\b",
            r"\bbotox\b",
            r"\bfillers?\b",
            r"\bthreading\b",
            r"\belectrolysis\b",
            r"\bfacials?\b",
            r"\bdepilator",
            r"\bother\s+treatments\b",
            r"\btweez",
        ),
    ),
    (
        "other",
        _rx(
            r"\balcohol\b",
            r"\bsmok",
            r"\bshav(?:e|ing)\b",
            r"\bflying\b",
            r"\bhair\s+dye\b",
            r"\bfake\s+tan\b",
        ),
    ),
]

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
    r"\b(?:can|may|could)\s+(?:\w+\s+){0,3}(?:again|resume|restart|return\s+to|reintroduce|go\s+back\s+to)\b",
    r"\b(?:resume|restart|reintroduce|re-introduce|return\s+to|start\s+(?:using|wearing)\s+\w+\s+again)\b",
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
_LEADIN = _rx(
    r"(?:these|the\s+following|following)\s+(?:activities|things)\b", r"\bincluding:?\s*$", r":\s*$"
)


def activities_in(text: str) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for activity, pattern in ACTIVITY_WORDS:
        match = pattern.search(text)
        if match:
            found.append((activity, match.start()))
    # "sunscreen"-only sentences mention no sun avoidance; "peel" as a symptom is no touching.
    return found


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+(?=[A-Z(\"'])", text) if s.strip()]


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


def find_restrictions(blocks: list[Block]) -> tuple[list[RestrictionHit], list[RestrictionHit]]:
    """(restrictions with a span, vague ones kept for the conflict report)."""
    hits: list[RestrictionHit] = []
    vague: list[RestrictionHit] = []
    context_span: list[
        Found
    ] = []  # from a heading or label such as "Day 2-7" or "Avoid ... for 48 hours:"
    leadin: tuple[list[Found], bool] | None = None  # an avoid lead-in line whose list follows
    for block in blocks:
        if block.section == "noise":
            continue
        before = block.section == "preparation"
        if block.kind == "heading":
            context_span = [
                f for f in find_spans(block.text, before_context=before, label=True)
                if f.start_hours >= 0 or f.end_hours is not None
            ]  # fmt: skip
            leadin = None
            if not _AVOID.search(block.text):
                continue
        if block.kind != "item":
            leadin = None
        sentences = _sentences(block.text)
        previous_spans: list[Found] = []
        for sentence in sentences:
            spans = find_spans(sentence, before_context=before)
            avoid = bool(_AVOID.search(sentence))
            restart = bool(_RESTART.search(sentence)) and not avoid
            listed = leadin is not None and block.kind == "item"
            acts = activities_in(sentence) if (avoid or restart or listed) else []
            if not acts and avoid and spans and _LEADIN.search(sentence):
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
            if not use and leadin is not None and block.kind == "item":
                use, before = leadin
            if not use and context_span and block.kind == "item":
                use = context_span
            if not use and context_span and block.kind == "para" and len(sentences) <= 3:
                use = context_span
            if restart and use and block.kind in ("item", "para") and not spans:
                use = context_span or use
            span = _avoid_span(
                use,
                restart,
                before or any(f.end_hours is not None and f.end_hours <= 0 for f in use),
            )
            seen: set[str] = set()
            for activity, _ in acts:
                if activity in seen:
                    continue
                seen.add(activity)
                if span is None:
                    vague_match = _VAGUE_TIME.search(sentence)
                    if vague_match:
                        vague.append(
                            RestrictionHit(
                                activity, sentence.strip(), None, None, block.line, vague=True
                            )
                        )
                    continue
                hits.append(
                    RestrictionHit(activity, sentence.strip(), span[0], span[1], block.line)
                )
            previous_spans = spans or previous_spans
    return _dedupe(hits), _dedupe(vague)


def _dedupe(hits: list[RestrictionHit]) -> list[RestrictionHit]:
    seen: set[tuple[str, int, float | None, float | None]] = set()
    out: list[RestrictionHit] = []
    for hit in hits:
        key = (hit.activity, hit.line, hit.start_hours, hit.end_hours)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out
