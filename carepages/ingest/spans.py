"""Find time expressions in text and normalise each to hours relative to the treatment.

Rules (negative hours are before the treatment): ordinal labels ("Day 2 to 3") are calendar
windows; durations ("for 48 hours") run from the treatment, taking the cautious end of a range;
starting points ("after 2 weeks") are open-ended; "before"/"prior" mirror to negative hours.
Vague amounts, frequencies, counts and the length of the procedure itself are not spans.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .textre import rx

_WORD_NUMBERS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "half": 0.5, "half a": 0.5, "half an": 0.5, "a half": 0.5, "a couple": 2,
}  # fmt: skip
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_NUM = (
    rf"(?:\d+(?:[.,]\d+)?|(?:{_TENS})(?:[- ](?:{_UNITS_WORDS}))?|half an?|"
    r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|an?|single)"
)
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|wks?|months?|mos?|years?|yrs?)"
_UNIT_HOURS = {
    "min": 1 / 60, "minute": 1 / 60, "mins": 1 / 60, "minutes": 1 / 60, "hour": 1,
    "hours": 1, "hr": 1, "hrs": 1, "h": 1, "day": 24, "days": 24, "night": 24, "nights": 24,
    "week": 168, "weeks": 168, "wk": 168, "wks": 168, "month": 720, "months": 720,
    "mo": 720, "mos": 720, "year": 8760, "years": 8760, "yr": 8760, "yrs": 8760,
}  # fmt: skip
_RANGE_SEP = r"\s*(?:-|\u2013|\u2014|to|or|and|through|until)\s*"

# "12 to 48 hours", "2 weeks", "48-72 hrs", "12 hours to 2 days"
_QUANTITY = rx(
    rf"(?<![\w.])(?P<n1>{_NUM})(?:\s*(?P<u1>{_UNIT})\b)?"
    rf"(?:(?P<sep>{_RANGE_SEP})(?P<n2>{_NUM}))?\s*-?\s*(?P<unit>{_UNIT})\b(?!-\w)"
    rf"(?:\s+(?:or|to)\s+(?P<n3>(?!an?\b){_NUM})\b(?!\s*-?\s*{_UNIT}\b))?"
)
# "the week before", "in the past year": a named unit with no number.
_NAMED_BEFORE = rx(
    r"\b(?:in\s+|during\s+)?the\s+(?P<unit>day|night|week|month|year)\s+(?:before|prior)\b|"
    r"\b(?:in|over|within|during)\s+the\s+(?:last|past|previous|preceding)\s+(?P<unit2>day|week|month|year)\b"
)
_TREATMENT_WORD = rx(
    r"\b(?:treatment|procedure|session|appointment|visit|peel|laser|injections?|surgery|"
    r"facial|it|them|having|your|the)\b"
)
_SENTENCE_BEFORE = rx(
    r"\b(?:before|prior\s+to|ahead\s+of|in\s+the\s+run[- ]up\s+to)\s+(?:your|the|each|an?|every)\s+"
    r"(?:\w+\s+)?(?:appointment|treatment|procedure|session|visit|peel|laser|injections?)\b"
)
# "Day 1", "Days 4-6", "Week 2", "day two to three"
_ORDINAL = rx(
    rf"\b(?P<unit>days?|weeks?|months?)\s+(?P<n1>\d+|{_UNITS_WORDS}|ten)"
    rf"(?:{_RANGE_SEP}(?:(?:days?|weeks?|months?)\s+)?(?P<n2>\d+|{_UNITS_WORDS}|ten))?\b"
    rf"(?!\s*{_UNIT}\b)(?!\s*(?:times|sessions?|treatments?|%|percent))"
)
# "the first day", "the first week", "the initial seven days" is handled by _QUANTITY.
_FIRST_UNIT = rx(r"\b(?:the\s+)?(?:first|initial|1st)\s+(?P<unit>day|night|week|month)\b")

_LEFT_DURATION = rx(
    r"(?:\bfor(?:\s+the)?(?:\s+(?:next|first|initial|following))?|\blasts?|\blasting|\bat\s+least|"
    r"\bup\s+to|\ba\s+minimum\s+of|\bminimum\s+of|\bminimum|\bthe\s+first|\bfirst|\binitial|"
    r"\bwithin(?:\s+the(?:\s+first)?)?|\buntil|\btill|\bnext|\bover\s+the\s+(?:next|first)|"
    r"\bin\s+the\s+(?:first|next)|\bduring\s+the(?:\s+first)?|\bno\s+(?:more|longer)\s+than|"
    r"\bmaximum\s+of|\bfor\s+(?:about|around|approximately|roughly)|\bspan\s+of|\bperiod\s+of)"
    r"(?:\s+(?:about|around|approximately|roughly|another|an\s+additional|a\s+full|a\s+good|full))?\s*$"
)
_LEFT_BEFORE_DURATION = rx(
    r"\b(?:in|over|within|during)\s+the\s+(?:last|past|previous|preceding)\s*$"
)
_LEFT_START = rx(
    r"(?:\bafter|\bbeyond|\bmore\s+than|\bover|\blonger\s+than|\bfrom|\bstarting|\bstart|"
    r"\bpast|\bonly\s+after|\bafter\s+(?:about|around|at\s+least))"
    r"(?:\s+(?:about|around|approximately|roughly|at\s+least))?\s*$"
)
_LEFT_FREQUENCY = rx(
    r"(?:\bevery|\beach|\bonce|\btwice|\bthrice|\bper|\btimes|\bsessions?|\btreatments?|"
    r"\bvisits?|\bappointments?|\bintervals?\s+of|\bspaced|\bapart|\bonce\s+a)\s*(?:other\s+)?$"
)
_RIGHT_BEFORE = rx(
    r"^\s*(?:or\s+(?:more|so|longer)\s+)?(?:before|prior|ahead|beforehand|pre-|ago|in\s+advance|"
    r"leading\s+up)"
)
_RIGHT_AFTER = rx(
    r"^\s*(?:or\s+(?:more|so|longer)\s+)?(?:after|following|post\b|post-|later|afterwards|"
    r"from\s+(?:the|your)\s+(?:treatment|procedure|session))"
)
_RIGHT_OPEN = rx(r"^\s*(?:or\s+(?:more|longer)|\+|and\s+(?:beyond|longer|up))")
_RIGHT_FREQUENCY = rx(
    r"^\s*(?:apart|intervals?|between\s+(?:sessions|treatments)|later\s+for|for\s+(?:another|a\s+second)\s+(?:session|treatment))"
)
_VAGUE_BEFORE = rx(r"\b(?:few|several|some|many|couple(?:\s+of)?|number\s+of)\s*$")
# The length of the procedure itself: "the session takes 30 to 60 minutes".
_PROCEDURE_LENGTH = rx(
    r"\b(?:procedure|session|treatment|appointment|process|visit|peel|facial)\b[^.;]{0,50}\b(?:takes?|took|lasts?|lasting|requires?|runs?|"
    r"is\s+done\s+in|between|about|around|approximately|roughly)\b[^.;]{0,25}$"
)
_TAKE_BEFORE = rx(
    r"\b(?:takes?|took|may\s+take|will\s+take|can\s+take|to\s+take\s+effect)\b[^.;]{0,20}$"
)
_AFTER_WORDS = rx(
    r"\b(?:after|following|post-treatment|post treatment|afterwards|post-procedure)\b"
)


_SYMPTOM = rx(
    r"\b(?:redness|swelling|peeling|flaking|bruis\w*|healing|recovery|downtime|symptoms?|"
    r"tightness|dryness|sensitivity)\b"
)


@dataclass(frozen=True)
class Found:
    text: str
    start_hours: float
    end_hours: float | None
    offset: int


def number(word: str) -> float | None:
    word = word.lower().strip().replace(",", ".")
    try:
        return float(word)
    except ValueError:
        pass
    word = re.sub(r"\s+", " ", word)
    if word in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[word])
    parts = re.split(r"[- ]", word)
    if len(parts) == 2 and parts[0] in _WORD_NUMBERS and parts[1] in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[parts[0]] + _WORD_NUMBERS[parts[1]])
    return None


def unit_hours(unit: str) -> float:
    return _UNIT_HOURS.get(unit.lower(), _UNIT_HOURS.get(unit.lower().rstrip("s"), 1))


# Every span names a unit of time; text without one is skipped in a single cheap scan.
_ANY_UNIT = rx(r"(?:minute|min|hour|hr|h|day|night|week|wk|month|mo|year|yr)s?\b")


def find_spans(
    text: str, *, before_context: bool = False, label: bool = False, during: bool = False
) -> list[Found]:
    """All spans in `text`. `before_context`: the text sits under a preparation heading.

    `label`: the text is a heading or list label, so a leading "1-3 Days" is an ordinal window.
    `during`: the text describes the procedure, so short untied amounts are its own length.
    """
    if not text or not _ANY_UNIT.test(text):
        return []
    found = _find_spans(text[:20000], before_context, label, during)
    # An empty or reversed stretch ("3 to 3 days after") says nothing about time.
    return [f for f in found if f.end_hours is None or f.end_hours > f.start_hours]


@functools.lru_cache(maxsize=4096)
def _find_spans(text: str, before_context: bool, label: bool, during: bool) -> tuple[Found, ...]:
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in taken)

    # Labels like "1-3 Days:" or "Week 2" at the start of a heading are calendar windows.
    lead = _QUANTITY.match(text.strip()) if label else None
    if lead and unit_hours(lead.group("unit")) >= 24 and not lead.group("u1"):
        offset = len(text) - len(text.lstrip())
        n1, n2 = number(lead.group("n1")), number(lead.group("n2") or lead.group("n1"))
        size = unit_hours(lead.group("unit"))
        # Like the ordinal windows below: a label more than a year out is not a calendar window.
        if n1 is not None and n2 is not None and 1 <= n1 <= n2 and n2 * size <= 8760:
            end_rest = text.strip()[lead.end() :]
            if not re.match(r"^\s*(?:before|prior|after|following|post)", end_rest, re.I):
                found.append(
                    Found(lead.group(0), (n1 - 1) * size, n2 * size, offset + lead.start())
                )
                taken.append((offset + lead.start(), offset + lead.end()))

    for match in _ORDINAL.finditer(text):
        if overlaps(match.start(), match.end()):
            continue
        n1 = number(match.group("n1"))
        n2 = number(match.group("n2")) if match.group("n2") else n1
        if n1 is None or n2 is None or n2 < n1 or n2 > 400:
            continue
        size = unit_hours(match.group("unit"))
        if n2 * size > 8760:
            continue  # "month 72" is no calendar window anyone means
        left = text[max(0, match.start() - 20) : match.start()]
        if re.search(r"\b(?:a|per|each|every|once|twice|times)\s*$", left, re.I):
            continue
        cue = re.search(r"\b(after|beyond|past|from|starting|start|by|until|till)\s*$", left, re.I)
        begin = max(0.0, (n1 - 1) * size)
        phrase = (
            text[match.start() - len(left) + cue.start() : match.end()] if cue else match.group(0)
        )
        word = cue.group(1).lower() if cue else ""
        if word in ("from", "starting", "start") and match.group("n2"):
            word = ""  # "from day 2 to day 5" is a window
        if word in ("after", "beyond", "past"):
            found.append(Found(phrase, n2 * size, None, match.start()))  # "after day 7"
        elif word in ("from", "starting", "start"):
            found.append(Found(phrase, begin, None, match.start()))
        elif word:
            found.append(Found(phrase, 0.0, n2 * size, match.start()))  # "by day 5"
        else:
            found.append(Found(phrase, begin, n2 * size, match.start()))
        taken.append((match.start(), match.end()))

    for match in _NAMED_BEFORE.finditer(text):
        if overlaps(match.start(), match.end()):
            continue
        size = unit_hours(match.group("unit") or match.group("unit2"))
        found.append(Found(match.group(0).strip(), -size, 0.0, match.start()))
        taken.append((match.start(), match.end()))

    for match in _QUANTITY.finditer(text):
        if overlaps(match.start(), match.end()):
            continue
        before = before_context or bool(_SENTENCE_BEFORE.search(_sentence_at(text, match.start())))
        spans = _quantity_span(text, match, before, during)
        taken.append((match.start(), match.end()))
        found.extend(spans)

    for match in _FIRST_UNIT.finditer(text):
        if overlaps(match.start(), match.end()):
            continue
        size = unit_hours(match.group("unit"))
        right = text[match.end() : match.end() + 12]
        if re.match(r"^\s*(?:or|few|couple)", right, re.I):
            continue
        found.append(Found(match.group(0), 0.0, size, match.start()))
        taken.append((match.start(), match.end()))

    found.sort(key=lambda f: f.offset)
    return tuple(found)


def _sentence_at(text: str, position: int) -> str:
    start = max(
        text.rfind(". ", 0, position), text.rfind("? ", 0, position), text.rfind("! ", 0, position)
    )
    ends = [i for i in (text.find(". ", position), text.find("? ", position)) if i >= 0]
    return text[start + 1 : min(ends) if ends else len(text)]


def _quantity_span(
    text: str, match: re.Match[str], before_context: bool, during: bool = False
) -> list[Found]:
    """The spans one amount of time stands for (two for "2 weeks before and after")."""
    right = text[match.end() : match.end() + 60]
    both = re.match(r"^\s*before\s+and\s+after\b", right, re.I)
    if both:
        phrase = text[match.start() : match.end() + both.end()]
        high = (number(match.group("n2") or match.group("n1")) or 0) * unit_hours(
            match.group("unit")
        )
        if high > 0:
            return [
                Found(phrase, -high, 0.0, match.start()),
                Found(phrase, 0.0, high, match.start()),
            ]
    one = _one_span(text, match, before_context, during)
    return [one] if one is not None else []


def _one_span(text: str, match: re.Match[str], before_context: bool, during: bool) -> Found | None:
    n1 = number(match.group("n1"))
    n2 = number(match.group("n2")) if match.group("n2") else None
    if n2 is None and match.group("n3"):
        n2 = number(match.group("n3"))  # "an hour or two"
    if n1 is None:
        return None
    unit = match.group("unit")
    size2 = unit_hours(unit)
    size1 = unit_hours(match.group("u1")) if match.group("u1") else size2
    low = n1 * size1
    high = n2 * size2 if n2 is not None else low
    if high < low:
        low, high = high, low
    if high <= 0 or high > 8760 * 5:
        return None
    left = text[max(0, match.start() - 60) : match.start()]
    right = text[match.end() : match.end() + 60]
    sep = (match.group("sep") or "").strip().lower()
    # "a few days" / "several weeks": the article is the start of a vague amount.
    if _VAGUE_BEFORE.search(left) or (
        match.group("n1").lower() in ("a", "an")
        and re.match(
            r"\s*(?:few|couple|number)", text[match.start() + len(match.group("n1")) :], re.I
        )
    ):
        return None
    if sep == "and" and not re.search(r"between\s*$", left, re.I):
        # "3 and 5 days" only reads as a range after "between".
        return None
    if _LEFT_FREQUENCY.search(left) or _RIGHT_FREQUENCY.match(right):
        return None
    if re.search(
        r"\b(?:a|per|each)\s+(?:week|month|year)\s+for(?:\s+(?:about|around|roughly|up\s+to))?\s*$|"
        r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|more)"
        r"(?:\s*(?:-|\u2013|to|or)\s*\w+)?\s+(?:\w+\s+)?(?:sessions?|treatments|visits)\b|"
        r"\b(?:sessions?|treatments|visits)\s+(?:\w+\s+){0,2}(?:over|spread|spaced|in)\b",
        left[-40:],
        re.I,
    ):
        return None  # "one session a month for four to six months" is a course of treatment
    if re.match(r"^\s*(?:a|per|each)\s+(?:day|week|month)", right, re.I):
        return None
    if re.search(r"\b(?:a|per|each)\s*$", left, re.I) and match.group("n1").lower() not in (
        "a",
        "an",
    ):
        return None
    if match.group("n1").lower() in ("a", "an") and re.search(
        r"\b(?:once|twice|times|session|sessions)\s*$", left, re.I
    ):
        return None
    if re.match(
        r"^\s*(?:old|of\s+age|of\s+experience|in\s+business|ago\b.{0,20}\bfounded)", right, re.I
    ):
        return None

    is_before = bool(_RIGHT_BEFORE.match(right))
    gerund = re.match(r"^\s*before\s+(\w+ing)\b(.{0,30})", right, re.I)
    if is_before and gerund and not _TREATMENT_WORD.search(gerund.group(2)):
        is_before = False  # "for 7 days before flaking off" says when, not before the treatment
    if is_before and re.search(
        r"\bwait(?:\s+for)?(?:\s+(?:at\s+least|about|around))?\s*$", left, re.I
    ):
        is_before = False  # "wait 24 hours before using retinol" runs from the treatment
        before_context = False
    is_after = bool(_RIGHT_AFTER.match(right))
    phrase_start, phrase_end = match.start(), match.end()
    direction_match = _RIGHT_BEFORE.match(right) or _RIGHT_AFTER.match(right)
    if direction_match:
        word_end = re.match(r"\s*(?:or\s+\w+\s+)?\S+", right)
        phrase_end = match.end() + (word_end.end() if word_end else 0)
        if right.lower().lstrip().startswith(("prior", "ahead")):
            extra = re.match(r"\s*\w+\s+to\b", right)
            if extra:
                phrase_end = match.end() + extra.end()

    tied = is_before or is_after
    minutes = unit.lower().startswith("min") or (match.group("u1") or "").lower().startswith("min")
    # Minutes are nearly always the length of a step of the procedure; keep them only
    # when tied to the treatment ("30 minutes before your appointment").
    if minutes and not tied:
        return None
    if during and high <= 4 and not tied:
        return None  # numbing for an hour, a 30-minute session: the visit itself
    procedure_like = _PROCEDURE_LENGTH.search(left) or _TAKE_BEFORE.search(left)
    if procedure_like and high <= 4 and not tied and not _SYMPTOM.search(left + right):
        return None

    dur = _LEFT_DURATION.search(left)
    prior = _LEFT_BEFORE_DURATION.search(left)
    start = _LEFT_START.search(left)
    if prior:
        phrase_start = prior.start() + max(0, match.start() - 60)
    elif dur:
        phrase_start = dur.start() + max(0, match.start() - 60)
    elif start:
        phrase_start = start.start() + max(0, match.start() - 60)
    phrase = text[phrase_start:phrase_end].strip()

    if prior or (is_before and not start):
        return Found(phrase, -high, 0.0, phrase_start)
    if is_before and start:
        return Found(phrase, -high, 0.0, phrase_start)
    if start and not dur:
        word = start.group(0).strip().lower()
        if n2 is not None and word.startswith(("after", "from", "start")):
            return Found(phrase, low, high, phrase_start)
        return Found(
            phrase,
            low
            if n2 is None
            else high
            if word.startswith(("beyond", "more", "over", "longer", "past"))
            else low,
            None,
            phrase_start,
        )
    if dur:
        if before_context and not is_after and not _AFTER_WORDS.search(right[:40]):
            return Found(phrase, -high, 0.0, phrase_start)
        return Found(phrase, 0.0, high, phrase_start)
    if is_after:
        if n2 is not None:
            return Found(phrase, low, high, phrase_start)
        return Found(phrase, low, None, phrase_start)
    open_end = _RIGHT_OPEN.match(right)
    if open_end:
        return Found(
            text[phrase_start : match.end() + open_end.end()].strip(), low, None, phrase_start
        )
    if before_context:
        return Found(phrase, -high, 0.0, phrase_start)
    # A bare amount ("redness: 24-72 hours") reads as how long something lasts.
    return Found(phrase, 0.0, high, phrase_start)
