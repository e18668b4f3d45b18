"""Sort blocks into the five sections (or noise) from heading context and their own wording."""

from __future__ import annotations

import functools
import re

from carepages.model.sections import Section

from . import clean
from .model import NOISE, Block
from .textre import Rx
from .textre import rx as _rx

_TREATMENT = r"(?:treatment|procedure|session|appointment|visit|peel|facial)"

# Headings: which section a heading opens. Checked in this order; the first hit wins.
_HEADING_RULES: list[tuple[str, Rx]] = [
    (
        Section.RISKS,
        _rx(
            r"\brisks?\b",
            r"\bside[- ]?effects?\b",
            r"\bcomplications?\b",
            r"\bcontraindicat",
            r"\bshould\s*n[o\u2019']?t\s+have\s+(?:this|the|a|an)\s+\w+",
            r"\bsafety\b",
            r"\bis\s+(?:it|\w+(?:\s+\w+)?)\s+safe\b",
            r"\bwho\s+(?:should\s*n[o']?t|should\s+not|cannot|can[\u2019']?t|must\s+not|is\s+not)\b",
            r"\bnot\s+(?:suitable|recommended|a\s+good\s+candidate)\b",
            r"\bwhen\s+to\s+(?:call|seek|contact|see|get)\b",
            r"\bwarnings?\b",
            r"\bcautions?\b",
            r"\bdangers?\b",
            r"\badverse\b",
            r"\bgo(?:es)?\s+wrong\b",
            r"\bif\s+(?:you\s+have\s+)?(?:problems|concerns)\b",
            r"\bemergenc",
            r"\bred\s+flags?\b",
            r"\bseek\s+(?:medical|professional)\b",
        ),
    ),
    (
        Section.AFTER,
        _rx(
            r"\bafter[- ]?care\b",
            r"\bpost[- ]?(?:treatment|procedure|care|peel|op)\b",
            r"\brecover(?:y|ing)?\b",
            r"\bheal(?:ing)?\b",
            r"\bdowntime\b",
            r"\btimeline\b",
            r"^\s*(?:\d+\s*[-\u2013]\s*)?\d+\s+(?:days?|weeks?|hours?)\b",
            r"^\s*(?:days?|weeks?)\s+\d",
            r"\b(?:first|next)\s+(?:\d+\s+|few\s+)?(?:hours|days|weeks|day|week)\b",
            r"\bafter(?:\s+the|\s+your|\s+a|\s+\w+ing)?\s+(?:\w+\s+)?" + _TREATMENT + r"?",
            r"\bafter\s+effects?\b",
            r"\bfollowing\s+(?:your|the)\s+" + _TREATMENT,
            r"\bwhat\s+to\s+avoid\b",
            r"\bproducts?\s+to\s+avoid\b",
            r"\bafter\b",
            r"\bimmediate(?:ly)?\b",
            r"\bat\s+home\b.*\bcare\b",
        ),
    ),
    (
        Section.PREPARATION,
        _rx(
            r"\bprepar",
            r"\bbefore\s+(?:your|the|you|a|treatment|the\s+day)\b",
            r"\bprior\s+to\b",
            r"\bpre[- ]?(?:treatment|procedure|care|peel)\b",
            r"\bgetting\s+ready\b",
            r"\bconsultation\b",
            r"\bahead\s+of\b",
            r"\bthe\s+day\s+before\b",
            r"\bbefore\b",
        ),
    ),
    (
        Section.DURING,
        _rx(
            r"\bduring\b(?!\s+(?:the\s+)?(?:recovery|healing|this\s+(?:time|period)))",
            r"\bwhat\s+happens\b(?!\s+(?:after|afterwards|next|later|once))",
            r"\bon\s+the\s+day\b",
            r"\bthe\s+(?:procedure|process)\b",
            r"\bhow\s+(?:is\s+it|it[\u2019']?s|is\s+\w+(?:\s+\w+)?)\s+(?:done|performed|carried\s+out)\b",
            r"\bhow\s+things\s+are\s+done\b",
            r"\b(?:does\s+it|will\s+it|is\s+(?:it|the\s+\w+))\s+(?:hurt|painful|hurting)\b",
            r"\bpain\b",
            r"\bstep[- ]by[- ]step\b",
            r"\bnumbing\b",
            r"\ban[a]?esthe",
            r"\bin\s+the\s+(?:chair|clinic|treatment\s+room)\b",
            r"\bprocess\b",
            r"\bhow\s+long\s+does\s+(?:it|the\s+\w+)\s+take\b",
            r"\bthe\s+(?:treatment|session)\s+itself\b",
        ),
    ),
    (
        Section.WHAT_IT_IS,
        _rx(
            r"\bwhat\s+(?:is|are)\b",
            r"\bhow\s+(?:does|do)\b.*\bwork",
            r"\bhow\s+it\s+works\b",
            r"\bbenefits?\b",
            r"\boverview\b",
            r"\babout\b",
            r"\bintroduction\b",
            r"\bwhy\b",
            r"\bwho\b",
            r"\bcandidates?\b",
            r"\bfor\s+whom\b",
            r"\bused\s+for\b",
            r"\buses\b",
            r"\bconcerns?\b",
            r"\bresults?\b",
            r"\bhow\s+(?:often|many)\b",
            r"\bsessions?\b",
            r"\bcost\b",
            r"\bprice\b",
            r"\btypes?\b",
            r"\bbasic",
            r"\bessence\b",
            r"\beverything\b",
            r"\bworks?\b",
            r"\bbody\s+parts?\b",
            r"\bareas?\b",
            r"\bvs\.?\b",
            r"\bversus\b",
            r"\bexpect\b",
        ),
    ),
]

# Words in a block's own text. Weights are small integers; only clear leads override context.
_TEXT_RULES: dict[str, list[tuple[Rx, int]]] = {
    Section.PREPARATION: [
        (
            _rx(
                r"\bbefore\s+(?:your|the|each|a)\s+(?:\w+\s+)?" + _TREATMENT,
                r"\bprior\s+to\b",
                r"\bahead\s+of\s+(?:your|the)\b",
                r"\bpre[- ]?(?:treatment|procedure)\b",
                r"\bin\s+advance\b",
                r"\b(?:hours|days|weeks)\s+before\b",
            ),
            2,
        ),
        (
            _rx(
                r"\barrive\b",
                r"\bstop\s+(?:using|taking)\b",
                r"\bconsultation\b",
                r"\bmedical\s+history\b",
                r"\bpatch\s+test\b",
                r"\bon\s+the\s+day\s+of\b",
                r"\bclean\s+face\b",
                r"\bprepar",
                r"\bassess\b",
                r"\bdiscuss\s+(?:your|any)\b",
                r"\bplan\s+(?:your|the)\b",
                r"\bbeforehand\b",
                r"\bleading\s+up\s+to\b",
                r"\bin\s+the\s+(?:days|weeks)\s+before\b",
            ),
            1,
        ),
    ],
    Section.DURING: [
        (
            _rx(
                r"\bnumbing\b",
                r"\ban[a]?esthe",
                r"\bduring\s+the\s+(?:treatment|procedure|session|peel)\b",
                r"\bthe\s+(?:procedure|session|treatment)\s+(?:typically\s+|usually\s+)?(?:takes|lasts)\b",
                r"\bprickl",
                r"\b(?:practitioner|clinician|nurse|therapist|dermatologist|provider)\s+(?:will|then|uses|moves|applies|glides)\b",
            ),
            2,
        ),
        (
            _rx(
                r"\bdevice\b",
                r"\bpen\b",
                r"\bneedles?\b",
                r"\bsensation\b",
                r"\bfeel\s+(?:a|some|slight|mild|warm)\b",
                r"\b\d+\s*(?:to|-|\u2013)\s*\d+\s*minutes\b",
                r"\bminutes\b",
                r"\bcleans(?:ed|es)\b",
                r"\bapplied\b",
                r"\bpasses?\b",
                r"\bin\s+the\s+chair\b",
                r"\bhandheld\b",
                r"\bstings?\b",
                r"\btingl",
                r"\bon\s+the\s+day\b",
                r"\byou\s+(?:lie|sit|wear)\b",
                r"\bpainless\b",
                r"\bpain(?:ful)?\b",
                r"\bhurt",
                r"\bdiscomfort\b",
            ),
            1,
        ),
    ],
    Section.AFTER: [
        (
            _rx(
                r"\bafter\s+(?:your|the|each|a)\s+(?:\w+\s+)?" + _TREATMENT,
                r"\bafter[- ]?care\b",
                r"\bpost[- ]?(?:treatment|procedure|peel)\b",
                r"\bfollowing\s+(?:your|the)\s+" + _TREATMENT,
                r"\bdowntime\b",
                r"\brecovery\b",
                r"\bhealing\s+(?:time|process|period)\b",
            ),
            2,
        ),
        (
            _rx(
                r"\bredness\b",
                r"\bswell",
                r"\bpeeling\b",
                r"\bheal(?:s|ing|ed)?\b",
                r"\bflak",
                r"\bdry(?:ness)?\b",
                r"\btight",
                r"\bmoistur",
                r"\bsunscreen\b",
                r"\bspf\b",
                r"\bgentle\s+(?:cleanser|face\s+wash|wash)\b",
                r"\bfades?\b",
                r"\bsubside",
                r"\breturn\s+to\b",
                r"\bresume\b",
                r"\bagain\b",
                r"\bpillowcases?\b",
                r"\bhydrat",
                r"\bsunburn\b",
                r"\bavoid\b",
                r"\bday\s+\d",
                r"\bfor\s+\d+\s+(?:hours|days)\b",
                r"\bimmediately\s+after\b",
            ),
            1,
        ),
    ],
    Section.RISKS: [
        (
            _rx(
                r"\brisks?\b",
                r"\bside[- ]effects?\b",
                r"\bcomplications?\b",
                r"\binfections?\b",
                r"\ballerg",
                r"\bhyperpigment",
                r"\bhypopigment",
                r"\bkeloid",
                r"\bcontraindicat",
                r"\brisk\s+of\s+scarring\b",
                r"\b(?:permanent|cause)\s+scarring\b",
                r"\bcold\s+sores?\b",
                r"\bherpes\b",
            ),
            2,
        ),
        (
            _rx(
                r"\bbruis",
                r"\brare(?:ly)?\b",
                r"\bsevere\b",
                r"\bpus\b",
                r"\bfever\b",
                r"\bpregnan",
                r"\bbreast[- ]?feeding\b",
                r"\bblood\s+thinners?\b",
                r"\bisotretinoin\b",
                r"\baccutane\b",
                r"\bnot\s+suitable\b",
                r"\bshould\s*n[o']?t\b",
                r"\bshould\s+not\b",
                r"\bsafe(?:ly|ty)?\b",
                r"\bdanger",
            ),
            1,
        ),
    ],
    Section.WHAT_IT_IS: [
        (
            _rx(
                r"\bis\s+an?\s+(?:\w+\s+){0,3}(?:procedure|treatment|technique|therapy)\b",
                r"\balso\s+(?:known|called)\b",
                r"\bcollagen\s+induction\b",
                r"\bworks\s+by\b",
                r"\bused\s+(?:for|to\s+treat)\b",
                r"\bbenefits?\b",
                r"^(?:an?\s+|the\s+)?[\w()\"'\u2019 -]{2,60}?\s+(?:is|are)\s+(?:an?|the)\s+",
                r"\b(?:uses|involves|combines|delivers|relaxes|freezes|polishes|shines|dissolves|targets)\b",
            ),
            2,
        ),
        (
            _rx(
                r"\bcollagen\b",
                r"\belastin\b",
                r"\bstimulat",
                r"\bimprov",
                r"\breduc",
                r"\bcandidates?\b",
                r"\bsuitable\s+for\b",
                r"\bideal\s+for\b",
                r"\bsessions\b",
                r"\bresults\b",
                r"\bhow\s+often\b",
                r"\bscars\b",
                r"\bwrinkles\b",
                r"\bfine\s+lines\b",
                r"\bpores\b",
                r"\bpigment",
                r"\btexture\b",
                r"\brejuvenat",
                r"\btreat(?:s|ment\s+for)\b",
                r"\bpopular\b",
                r"\beffective\b",
            ),
            1,
        ),
    ],
}

_CONTRAINDICATION = _rx(
    r"\b(?:should\s*n[o']?t|should\s+not|must\s+not|cannot|can[\u2019']?t|do\s+not|don[\u2019']?t|not)\s+(?:have|get|try|undergo|be\s+treated|receive|be\s+(?:performed|done)|have\s+\w+\s+(?:performed|done))\b[^.]{0,80}\b(?:if|while|when|who)\b",
    r"\bnot\s+(?:suitable|recommended|a\s+good\s+candidate|safe)\s+(?:for|if|during|while|when)\b",
    r"\b(?:if|when)\s+(?:you|someone|they)\s+(?:are|is|have|has|take|use)\b[^.]{0,90}\b(?:should\s*n[o']?t|should\s+not|must\s+not|cannot|avoid\s+(?:this|the)\s+"
    + _TREATMENT
    + r"|keep\s+(?:themselves|yourself)\s+away)",
    r"\b(?:people|anyone|those|patients|women)\s+(?:who|with)\b[^.]{0,120}\b(?:should\s*n[o']?t|should\s+not|must\s+not|cannot|are\s+not\s+(?:suitable|good\s+candidates))\b",
    r"\bcontraindicat",
    r"\b(?:pregnant|breast[- ]?feeding)\b[^.]{0,60}\b(?:wait|avoid|not)\b",
    r"\b(?:do\s+not|don[\u2019']?t|never)\s+(?:have|get|book|use)\s+(?:this|it|the\s+\w+|\w+\s+\w+)\s+if\b",
    r"\b(?:tell|inform)\s+(?:us|your\s+\w+)\b[^.]{0,40}\bif\b[^.]{0,60}\b(?:apply|following|pregnant|history|allerg|condition)",
    r"\bshould\s+(?:wait|not\s+be\s+(?:used|treated|done))\b",
    r"\bnot\s+(?:be\s+)?(?:used|advised|suitable|recommended)\s+(?:on|for|if|during|while|when)\b",
)
_CALL_US = _rx(
    r"\b(?:call|contact|phone|ring|tell|see|notify)\s+(?:us|the\s+clinic|your\s+(?:clinic|doctor|dermatologist|practitioner|provider|gp|nurse|clinician)|a\s+doctor|a\s+(?:medical\s+)?professional|your\s+skincare\s+professional)\b",
    r"\bseek\s+(?:urgent\s+|immediate\s+|prompt\s+)?(?:medical|professional)\s+(?:attention|advice|help|care)\b",
    r"\bwarrant\s+medical\s+attention\b",
    r"\bgo\s+to\s+(?:a&e|the\s+emergency|urgent\s+care)\b",
)
_CALL_MORE = _rx(
    r"\bseek\s+(?:urgent\s+|immediate\s+)?(?:help|advice|care|treatment)\b",
    r"\bget\s+(?:urgent\s+)?(?:help|medical)\b",
    r"\b(?:call|contact|phone|ring)\s+(?:us|the\s+clinic)\b",
    r"\bsee\s+your\s+(?:gp|doctor)\b",
)
_CALL_CONDITION = _rx(
    r"\bif\b", r"\bwhen\b", r"\bsigns?\s+of\b", r"\bsymptoms?\b", r"\bexperience\b"
)

_QUESTION_START = re.compile(
    r"^(?:\d+[.)]\s*)?(?:what|how|why|when|where|who|whom|which|is|are|can|could|does|do|did|should|will|would|"
    r"was|were|has|have|am|may|must)\b",
    re.I,
)


# More heading wording, met in clinic leaflets and FAQ pages.
_HEADING_MORE: dict[str, Rx] = {
    Section.RISKS: _rx(
        r"\bwho\s+should\s+avoid\b",
        r"\bwhen\s+to\s+worry\b",
        r"\bget\s+in\s+touch\b",
        r"\b(?:call|contact|ring|phone)\s+(?:the\s+clinic|us|your\s+(?:doctor|clinic|gp))\b",
        r"\bwhen\s+(?:should|do|must)\s+I\s+(?:call|contact|see|seek|worry|ring)\b",
        r"\bwarning\s+signs\b",
        r"\bis\s+(?:there|it)\s+(?:any\s+)?(?:risks?|dangerous)\b",
        r"\bany\s+risks\b",
        r"\bcan\s+I\s+have\s+(?:it|this|\w+)\s+if\b",
        r"\ballerg",
        r"^(?:possible\s+|common\s+|potential\s+|any\s+)?problems?\b",
        r"\bproblems?\s+(?:after|afterwards|with\s+(?:healing|your\s+skin))\b",
        r"\bcan\s+(?:everyone|anyone)\b",
        r"\bfor\s+everyone\b",
    ),
    Section.AFTER: _rx(
        r"\bafterwards?\b",
        r"\bthings\s+to\s+avoid\b",
        r"\bwhat\s+(?:is|[\u2019']?s)\s+normal\b",
        r"\bagain\b",
        r"\bwhen\s+can\s+I\b",
        r"\bday[- ]by[- ]day\b",
        r"\btime\s+off\b",
        r"\bback\s+to\s+work\b",
        r"\b(?:peeling|redness|swelling|bruising|scabs?|flaking|crusts?)\b",
    ),
    Section.PREPARATION: _rx(
        r"\bbeforehand\b", r"\bprep\b", r"\bget(?:ting)?\s+(?:\w+\s+){0,2}ready\b"
    ),
    Section.DURING: _rx(
        r"\bstings?\b",
        r"\bfeels?\s+like\b",
        r"\bhow\s+(?:does\s+it|will\s+it|it)\s+feels?\b",
        r"\bwhat\s+(?:will\s+I|do\s+I)\s+feel\b",
        r"^what\s+to\s+expect\s*:?$",
        r"\bin\s+the\s+room\b",
        r"^the\s+appointment\b",
        r"^(?:on\s+)?the\s+day\b",
    ),
    Section.WHAT_IT_IS: _rx(r"\bright\s+for\s+me\b", r"\bsuitable\b", r"\bsessions\b"),
}


_SYMPTOMS = _rx(r"\b(?:peeling|redness|swelling|bruising|scabs?|flaking|crusts?|dryness|itch\w*)\b")


def heading_section(text: str) -> str | None:
    """The section a heading opens; risks first, else the section named earliest."""
    if re.search(r"\bwhat\s+(?:is|[\u2019']?s)\s+normal\b", text, re.I):
        return Section.AFTER
    hits: list[tuple[int, int, str]] = []
    for rank, (section, base) in enumerate(_HEADING_RULES):
        match = base.search(text) or _HEADING_MORE[section].search(text)
        if match:
            if section == Section.RISKS:
                return section
            hits.append((match.start() if section != Section.WHAT_IT_IS else 10_000, rank, section))
    return min(hits)[2] if hits else None


def text_scores(text: str) -> dict[str, int]:
    scores = dict.fromkeys(_TEXT_RULES, 0)
    for section, rules in _TEXT_RULES.items():
        for pattern, weight in rules:
            scores[section] += weight * pattern.count(text)
    return scores


def is_contraindication(text: str) -> bool:
    return _CONTRAINDICATION.test(text)


def is_call_us(text: str) -> bool:
    called = _CALL_US.test(text) or _CALL_MORE.test(text)
    return called and _CALL_CONDITION.test(text)


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text) if len(w) > 3]
    if not words:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def mark_headings(blocks: list[Block]) -> None:
    """Plain text has no markup: short lines without a full stop are headings or labels."""
    after_colon = False
    for index, block in enumerate(blocks):
        text = block.text
        words = text.split()
        nxt = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "para":
            looks = (
                len(words) <= 14
                and len(text) <= 110
                and not re.search(r"[.!,;]$", text)
                and (text[:1].isupper() or text[:1].isdigit())
            )
            if looks and text.endswith(":") and len(words) > 9:
                looks = False
            if looks and after_colon and not _title_case(text) and not text.endswith(("?", ":")):
                block.kind = "item"  # "...for people who:" followed by short sentence-case lines
                continue
            if looks and nxt is not None:
                block.kind = "heading"
                block.label = text.endswith(":")
                after_colon = False
                continue
            after_colon = text.endswith(":") and len(words) > 3
        elif block.kind == "item":
            if (
                _title_case(text)
                and len(words) <= 8
                and not re.search(r"[.!,;:]$", text)
                and nxt is not None
                and nxt.kind == "para"
            ):
                block.kind = "heading"
            after_colon = after_colon and True
        else:
            after_colon = False


def classify(blocks: list[Block], title: str) -> None:
    """Set `section` (and `why`, `promotion`) on every block, in place."""
    heading_ctx: str | None = None
    drift: str | None = None
    lead: str | None = None  # section of a lead-in line ending with ":" for the list after it
    previous: Block | None = None
    title_seen = False
    content_seen = False
    for block in blocks:
        block.promotion = clean.is_promotion(block.text)
        reason = clean.noise_reason(block, title if title_seen else "", previous)
        if not reason and not title_seen and _same(block.text, title) and content_seen:
            reason = "duplicated title"
        if not reason and title_seen and title and _same(block.text, title):
            reason = "duplicated title"
        if not reason and not title_seen and not content_seen and block.kind == "heading":
            title_seen = True
            block.section, block.why = Section.WHAT_IT_IS, "title"
            previous = block
            continue
        if reason:
            block.section, block.why = NOISE, reason
            if block.kind == "heading" and reason != "duplicated title":
                heading_ctx, drift = None, None
            if block.kind != "item":
                lead = None
            previous = block
            continue
        content_seen = True
        title_seen = True  # a document without a title heading has none to duplicate
        own = text_scores(block.text)
        block.definition = own[Section.WHAT_IT_IS]
        if block.kind == "heading":
            lead = None
            section = heading_section(block.text)
            if block.label and is_contraindication(block.text):
                section = Section.RISKS  # "These people should not have it:" opens a list of who
            if (
                section == Section.AFTER
                and heading_ctx == Section.RISKS
                and _SYMPTOMS.search(block.text)
            ):
                section = None  # "Dryness and peeling" under a side-effects heading
            if section is None:
                best = _best(own)
                section = best if best and own[best] >= 2 and best != Section.WHAT_IT_IS else None
                if section == Section.AFTER and heading_ctx == Section.RISKS:
                    section = None
            if section is None:
                block.section = drift or heading_ctx or Section.WHAT_IT_IS
            else:
                block.section = section
                heading_ctx, drift = section, None
            if block.label and section is not None:
                lead = section
            previous = block
            continue
        if block.kind == "item" and lead is not None:
            block.section = _section_for(block.text, own, lead, lead)
            previous = block
            continue
        if heading_ctx is None and drift is None and own[Section.WHAT_IT_IS] >= 2:
            block.section = Section.WHAT_IT_IS  # documents open with what the treatment is
        else:
            block.section = _section_for(block.text, own, drift or heading_ctx, heading_ctx)
        lead = block.section if block.text.endswith(":") else None
        if heading_ctx is None and block.section != Section.RISKS:
            drift = block.section
        previous = block


def _same(a: str, b: str) -> bool:
    return _squeezed(a) == _squeezed(b)


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1024)
def _squeezed(text: str) -> str:
    # Cached: every block is compared with the same title.
    return _NOT_ALNUM.sub("", text.lower())


def _best(scores: dict[str, int]) -> str | None:
    order = (Section.RISKS, Section.AFTER, Section.PREPARATION, Section.DURING, Section.WHAT_IT_IS)
    best = max(order, key=lambda s: (scores[s], -order.index(s)))
    return best if scores[best] > 0 else None


_LABEL = re.compile(r"^([A-Z][\w'\u2019 -]{1,40}):\s+\S")


def _section_for(text: str, own: dict[str, int], context: str | None, heading: str | None) -> str:
    if is_contraindication(text):
        return Section.PREPARATION if context == Section.PREPARATION else Section.RISKS
    if is_call_us(text):
        return Section.PREPARATION if context == Section.PREPARATION else Section.RISKS
    label = _LABEL.match(text)
    if label and len(label.group(1).split()) <= 4:
        # "Downtime: most people..." names its own topic.
        named = heading_section(label.group(1))
        if (
            named
            and named != Section.WHAT_IT_IS
            and not (context == Section.RISKS and named == Section.AFTER)
        ):
            return named
    best = _best(own)
    if context is None:
        return best or Section.WHAT_IT_IS
    if best is None or best == context:
        return context
    if context == Section.RISKS and best == Section.AFTER:
        return context  # side effects are described in recovery words; the heading decides
    if heading is None:
        # No heading to trust: the block's own words win when they clearly lead.
        if own[best] >= 2 and own[best] > own[context]:
            return best
        return context
    if best != Section.WHAT_IT_IS and own[best] >= 3 and own[best] >= own[context] + 2:
        return best
    return context
