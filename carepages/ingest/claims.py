"""Claims a clinician would reject. A draft never proposes them as content: it lists each in
its review list with the source, the line and the reason, in our words.

Most kinds are read from a clause's own wording. Advice that contradicts the cautious value
("makeup is fine the same evening" where another source says 72 hours) needs every source,
so the draft adds it when it has the cautious values (`permissions` finds the candidates).
"""

from __future__ import annotations

import re

from .model import Claim
from .spans import Found
from .textre import Rx, rx

ABSOLUTE_SAFETY = "absolute-safety"
ABSOLUTE_PAIN = "absolute-pain"
PERMANENT = "permanent-result"
GUARANTEED = "guaranteed-result"
REGULATORY = "regulatory"
PROMOTION = "promotion"
DIY = "diy"
CONTRADICTS = "contradicts-cautious"
FOLK = "folk-remedy"

KINDS: tuple[str, ...] = (
    ABSOLUTE_SAFETY,
    ABSOLUTE_PAIN,
    PERMANENT,
    GUARANTEED,
    REGULATORY,
    PROMOTION,
    DIY,
    CONTRADICTS,
    FOLK,
)

# Each kind: the patterns that show it, and the reason the review list gives.
_PARTS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        ABSOLUTE_SAFETY,
        (
            r"\bno\s+(?:side[- ]effects?|risks?)\b(?!\s+(?:of|from))",
            r"\b(?:completely|totally|perfectly|absolutely|100\s*%)\s+safe\b",
            r"\bsafe\s+for\s+(?:everyone|everybody|all\b|any\s+skin|every\b)",
            r"\bsuitable\s+for\s+(?:all|every|everyone|everybody|any)\b",
            r"\b(?:all|every)\s+skin\s+types?\b",
            r"\bnever\s+(?:causes?|leads?\s+to|results?\s+in)\b",
            r"\b(?:does|will|do)\s*(?:not|n[\u2019']t)\s+cause\s+(?:any\s+)?(?:hyperpigment|dark|scar|damage|side)",
            r"\bskin[- ]safe\b",
            r"\bnon[- ]invasive\b",
            r"\brisk[- ]free\b",
            r"\bharmless\b",
            r"\bnothing\s+(?:ever\s+)?breaks\s+the\s+skin\b",
        ),
        "states as certain that it is safe for everyone; every treatment has risks and people "
        "it does not suit",
    ),
    (
        ABSOLUTE_PAIN,
        (
            r"\b(?:not|never)\s+(?:be\s+)?(?:painful|hurting)\b",
            r"\b(?:does|do|will|should|would)\s*(?:not|n[\u2019']t)\s+(?:be\s+)?(?:hurt|painful)\b",
            r"\bwon[\u2019']t\s+(?:be\s+)?(?:hurt|painful)\b",
            r"\bpainless\b",
            r"\bpain[- ]free\b",
            r"\bno\s+(?:more\s+)?pain\b",
            r"\bfeel\s+no\s+pain\b",
            r"\btakes?\s+away\s+(?:even\s+)?the\s+slightest\s+pain\b",
        ),
        "promises no pain; many people feel some discomfort, so say what it may feel like",
    ),
    (
        PERMANENT,
        (
            r"\bpermanent(?:ly)?\s+(?:results?|removal|solution|fix|cure)\b",
            r"\bresults?\s+(?:are|is)\s+permanent\b",
            r"\blasts?\s+(?:forever|a\s+lifetime)\b",
            r"\bnever\s+(?:comes?|grows?)\s+back\b",
            r"\bstop\s+growing\s+altogether\b",
            r"\blast\s+much\s+longer\b",
            r"\bgrows?\s+back\b.{0,30}\bnot\s+at\s+all\b",
        ),
        "promises a lasting or permanent result; results fade and may need upkeep",
    ),
    (
        GUARANTEED,
        (
            r"\bguarantee",
            r"\b(?:will|surely|certainly)\s+(?:\w+\s+)?(?:get\s+rid\s+of|eliminate|erase|remove\s+all)\b",
            r"\beliminat\w*\s+(?:\w+\s+){0,3}(?:wrinkles|lines|scars|acne|pores)\b",
            r"\bflawless\b",
            r"\b(?:surely|certainly|definitely)\s+(?:\w+\s+){0,2}(?:enjoy|get|see)\b",
            r"\bthe\s+answer\s+is\s+yes\b",
            r"\b100\s*%\s+(?:effective|results?|success)",
            r"\bmiracle\b",
            r"\binstant(?:ly)?\s+results?\b",
            r"\bthey\s+will\s+go\s+for\b",
            r"\bglow[- ]up\b",
            r"\bgreat\s+glow\b",
            r"\bso\s+effective\b",
            r"\b(?:younger|youthful)[- ]looking\b",
            r"\bsilky\b",
        ),
        "promises a result as certain; results differ from person to person",
    ),
    (
        REGULATORY,
        (
            r"\bfda[- ](?:approved|cleared)\b",
            r"\bclinically\s+(?:proven|tested)\b",
            r"\bmedical[- ]grade\b",
            r"\b(?:approved|certified)\s+by\b",
            r"\bdermatologist[- ](?:approved|recommended|tested)\b",
        ),
        "makes a regulatory or approval claim that we cannot check; leave it out",
    ),
    (
        PROMOTION,
        (
            r"[\u00ae\u2122]",
            r"\bbuy\s+(?:a|our|the)\b",
            r"\bget\s+(?:\w+\s+){1,3}on\s+us\b",
            r"\bone\s+of\s+the\s+(?:leading|best|top)\b",
            r"\byou\s+can\s+trust\s+(?:on\s+)?\w",
            r"\b\d+\s*%\s+off\s+(?:your|the|all|first|any|our|every|a)\b",
            r"\bdiscount\s+code\b",
            r"\bbook\s+(?:a|your)\s+(?:free\s+)?(?:consultation|appointment)\b.{0,40}\b(?:now|today)\b",
            r"\bbook\s+(?:now|online\s+today)\b",
            r"\btop\s+of\s+(?:your|their)\s+(?:wish\s+|bucket\s+)?list\b",
            r"\beveryone\s+is\s+talking\s+about\b",
            r"\bpurifies\b",
            r"\bout\s+of\s+5\b",
            r"\b[1-5]\.\d\s*/\s*5\b",
        ),
        "promotes a product, a brand or a booking; a patient page gives advice, not sales",
    ),
    (
        DIY,
        (
            r"\bat\s+home\b.{0,60}\b(?:needl|roll|peel|derma)",
            r"\b(?:needl|roll|peel)\w*\b.{0,40}\bat\s+home\b",
            r"\b(?:by|on)\s+(?:yourself|themselves|your\s+own\s+(?:face|skin))\b.{0,40}\b(?:needl|roll|peel)",
            r"\bhome\s+(?:derma\s*)?(?:roller|kit|needling|peel)s?\b",
            r"\btrim\s+(?:off|away)\b",
            r"\bkeep\s+(?:\w+\s+){0,2}(?:topical\s+)?an[a]?esthetic\s+handy\b",
            r"\broll\s+(?:it|the\s+device)\s+over\s+your\b",
            r"\b(?:soak|replace|disinfect|clean)\s+the\s+(?:derma\s*)?roller\b",
        ),
        "tells patients to treat themselves at home; this needs a clinician",
    ),
    (
        CONTRADICTS,
        (
            r"\bcrust\w*\b.{0,60}\b(?:normal|expected)\b",
            r"\b(?:normal|expected)\b.{0,60}\bcrust\w*",
            r"\b(?:develop|get|expect|see)\s+(?:some\s+)?blisters\b",
            r"\bspf\s*(?:of\s+)?(?:[1-9]|1\d|2\d)\b(?!\s*(?:-|to|or)\s*\d)",
            r"\b(?:breakouts?|spots|pimples)\b.{0,80}\b(?:sign|working|purg)",
            r"\bimpurities\b",
            r"\bapply\s+hydrocortisone\b",
            r"\bhydrocortisone\s+cream\s+if\s+necessary\b",
            r"\bif\s+you\s+get\s+cold\s+sores\s+after\b",
        ),
        "contradicts the cautious advice; a reviewing clinician decides",
    ),
    (
        FOLK,
        (
            r"\baloe\s+vera\b",
            r"\bhoney\b",
            r"\blemon\s+juice\b",
            r"\btoothpaste\b",
            r"\bcoconut\s+oil\b",
            r"\bapple\s+cider\s+vinegar\b",
            r"\btea\s+tree\b",
            r"\bperspiration\s+is\s+salty\b",
            r"\bsalty\b.{0,40}\bdr(?:y|ies|ying)\b",
            r"\bleads?\s+to\s+dehydration\b",
        ),
        "a folk remedy or explanation that no clinician here has checked",
    ),
)
_RULES: tuple[tuple[str, Rx, str], ...] = tuple((k, rx(*parts), why) for k, parts, why in _PARTS)
# Most clauses make no claim: one pass over every pattern at once tells which need a look.
_ANY_CLAIM = rx(*(part for _, parts, _ in _PARTS for part in parts))
WHY: dict[str, str] = {kind: why for kind, _, why in _RULES}
WHY[CONTRADICTS] = "contradicts the cautious advice; a reviewing clinician decides"


# Brand names are read with their capitals: "(e.g. SkinMedica cream)", "trust on Dr. Numb".
_BRAND = re.compile(
    r"\((?:e\.g\.|such\s+as)[^)]*\b[A-Z][a-z]+[A-Z]\w*"
    r"|\b(?:buying|buy|trust(?:\s+on)?)\s+(?:Dr\.?\s+)?[A-Z][a-z]+"
)


def find_claims(text: str) -> list[Claim]:
    """The kinds of claim a clause makes, in the order of KINDS."""
    found = (
        [Claim(kind, why) for kind, pattern, why in _RULES if pattern.test(text)]
        if _ANY_CLAIM.test(text)
        else []
    )
    if _BRAND.search(text) and not any(c.kind == PROMOTION for c in found):
        found.append(Claim(PROMOTION, WHY[PROMOTION]))
        found.sort(key=lambda c: KINDS.index(c.kind))
    return found


# "You may wear makeup straight away", "acceptable the same day", "can be resumed after 2
# days": permission to do an activity again, with how soon.
PERMISSION = rx(
    r"\b(?:can|may|could)\s+(?:\w+\s+){0,3}(?:use|apply|wear|go|resume|return|start|put|be\s+resumed|be\s+used)\b",
    r"\b(?:is|are)\s+(?:\w+\s+)?(?:acceptable|fine|ok|okay|allowed)\b",
    r"\b(?:resume|restart)\b",
)
_AT_ONCE = rx(
    r"\bimmediately\b",
    r"\bstraight\s+away\b",
    r"\bright\s+away\b",
    r"\b(?:later\s+)?(?:that|the\s+same)\s+(?:night|evening|day)\b",
    r"\bacceptable\b",
)


def permission_hours(text: str, spans: list[Found]) -> float | None:
    """How soon (hours after the treatment) a clause says an activity is allowed again;
    None when it gives no permission or no time."""
    if not PERMISSION.test(text):
        return None
    ends = [f.start_hours if f.end_hours is None else f.end_hours for f in spans]
    ends = [e for e in ends if e >= 0]
    if ends:
        return min(ends)
    return 0.0 if _AT_ONCE.test(text) else None
