"""Mark what is not patient information as noise (bylines, widgets, calls to action...) and
flag brand or product promotion."""

from __future__ import annotations

import functools
import re

from carepages.model.text import sentences

from .model import Block
from .textre import Rx
from .textre import rx as _rx

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Whole-block patterns: the block is nothing but chrome.
_WHOLE = [
    (
        "date or byline",
        (
            rf"^(?:posted|published|updated|last\s+updated|written|reviewed)?\s*(?:on\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?:\s+\d+)?$",
            rf"^(?:posted|published|updated)?\s*(?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?$",
            r"^(?:posted|published|updated)?\s*(?:on\s+)?\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$",
            r"^(?:by|author:?|written\s+by|posted\s+by)\s+[\w .,'\u2019-]{2,60}$",
            r"^\d+\s*(?:min(?:ute)?s?)\.?\s+read$",
            r"^.{0,80}\b\d+\s*min(?:ute)?s?\.?\s+read\b.{0,40}$",
            r"^(?:reading\s+time|read\s+time)\b.{0,30}$",
            r"^[\w.-]*\d[\w.-]*$",  # a lone handle or number such as "sd80464" or "535"
            r"^\d+\s+(?:views?|shares?|likes?|replies|comments?|responses?)$",
            r"^(?:last\s+)?(?:updated|modified|published)(?:\s+on)?:?\s.{0,30}\d{4}$",
        ),
    ),
    (
        "page chrome",
        (
            r"^skip\s+to\b",
            r"^(?:url|source|retrieved\s+from):\s*https?://\S+$",
            r"^(?:top|bottom)\s+of\s+page$",
            r"^download\b.{0,40}\b(?:here|pdf)\b",
            r"^(?:toggle\s+)?(?:navigation|menu|search|home|close|open\s+menu|main\s+menu)$",
            r"\bwe\s+use\s+cookies\b",
            r"\bcookie(?:s|\s+policy|\s+settings|\s+preferences)?\b.{0,80}\b(?:accept|agree|consent|use|browsing|experience)\b",
            r"^(?:accept(?:\s+all)?(?:\s+cookies)?|reject(?:\s+all)?|decline|manage\s+(?:cookies|preferences)|got\s+it|ok|i\s+agree)!?$",
            r"^(?:privacy\s+policy|terms(?:\s+(?:of\s+use|and\s+conditions|&\s+conditions))?|sitemap|accessibility|contact(?:\s+us)?|about(?:\s+us)?|blog|services|shop|locations?|careers|faqs?|gallery|pricing|book\s+online|log\s*in|sign\s+in|register)$",
            r"\u00a9|\(c\)\s*\d{4}|\ball\s+rights\s+reserved\b|^copyright\b",
            r"^(?:previous|next)(?:\s+(?:post|article|page))?\b.{0,80}$",
            r"^(?:tags?|categor(?:y|ies)|filed\s+under|posted\s+in|share(?:\s+this(?:\s+(?:post|article|page))?)?|share\s+on\s+\w+|follow\s+us.*|print(?:\s+this\s+page)?|back\s+to\s+top|read\s+more|learn\s+more|see\s+more|load\s+more)\s*:?.{0,60}$",
            r"^(?:facebook|twitter|instagram|linkedin|pinterest|youtube|tiktok|whatsapp|email|x)(?:\s*[|/\u00b7]\s*\w+)*$",
            r"^(?:related|recent|popular)\s+(?:posts|articles|stories|treatments)$",
            r"^(?:subscribe|sign\s+up)\b.{0,80}\b(?:newsletter|updates|inbox|offers)\b",
            r"^(?:you\s+are\s+here|breadcrumbs?):?",
            r"^(?:home|start)\s*(?:>|\u203a|\u00bb|/|\|)",
            r"^(?:last\s+)?reviewed(?:\s+on)?:?\s.{0,30}\d{4}$",
            r"^posted\s+(?:on|by|in)\b.{0,60}$",
        ),
    ),
    (
        "comment widget",
        (
            r"^leave\s+a\s+(?:reply|comment)\b",
            r"^comments?(?:\s*\(\d+\))?$",
            r"^\d+\s+comments?$",
            r"^loading\b.{0,40}\bcomments?\b",
            r"\bjoin\s+the\s+discussion\b",
            r"^feel\s+free\s+to\s+(?:contribute|comment)",
            r"^please\s+add\s+your\s+thoughts",
            r"^(?:post\s+comment|cancel\s+reply|reply)$",
            r"\byour\s+email\s+address\s+will\s+not\s+be\s+published\b",
            r"\brequired\s+fields\s+are\s+marked\b",
            r"^(?:name|email|website|comment)\s*\*?$",
            r"^\d+\s+(?:replies|responses)$",
            r"^(?:add|write|post)\s+a\s+comment\b",
            r"^no\s+comments\s+yet\b",
            r"^be\s+the\s+first\s+to\s+comment",
        ),
    ),
    (
        "review widget",
        (
            r"^(?:customer\s+|patient\s+|client\s+)?(?:reviews?|testimonials?|ratings?)(?:\s+from\s+(?:our|happy)\s+\w+)?$",
            r"^(?:what\s+our\s+(?:patients|clients|customers)\s+say)",
            r"[\u2605\u2606]{2,}",
            r"\b\d(?:\.\d)?\s*(?:/|out\s+of)\s*5\b(?:\s*stars?)?",
            r"\bresults\s+may\s+vary\b",
            r"\bindividual\s+results\s+(?:may|will)\s+(?:vary|differ)\b",
            r"^\d+\s+reviews?$",
        ),
    ),
    (
        "call to action",
        (
            r"^(?:book|schedule|request|call|contact|get|claim|reserve)\b.{0,60}\b(?:today|now|online)\b.{0,60}[!.]?$",
            r"\b(?:book|schedule|request)\s+(?:a|your)\s+(?:free\s+|complimentary\s+)?(?:consultation|appointment|session)\b.{0,80}(?:!|\btoday\b|\bnow\b|\bdiscover\b)",
            r"^take\s+the\s+first\s+step\b",
            r"^(?:ready|want)\s+to\s+(?:get\s+started|book|transform|try)\b",
            r"\bcall\s+us\s+(?:today|now)\b",
            r"^(?:click|tap)\s+here\b",
            r"\bget\s+started\s+today\b",
            r"\b(?:limited|special)\s+(?:time\s+)?offer\b",
            r"\bbook\s+now\b",
            r"^(?:get|claim)\s+\d+%\s+off\b",
            r"\bgift\s+cards?\b",
            r"\bshare\s+this\s+(?:post|article|page)\b",
            r"\bwith\s+(?:the\s+)?code\s+[A-Z0-9]{3,}\b",
            r"\b(?:book|order|shop)\s+(?:\w+\s+){0,3}online\b.{0,40}(?:!|\bsave\b|\btoday\b)",
        ),
    ),
    (
        "greeting",
        (
            r"^(?:dear|hi|hello)\b[^.!]{0,40}[,!.]?\s*(?:thank\s+you|thanks)\b.{0,80}$",
            r"^(?:dear|hi|hello)\s+(?:patient|client|customer|friend|reader|there)s?\s*[,!.]?$",
            r"^thank\s+you\s+for\s+(?:booking|choosing|visiting|reading)\b.{0,80}$",
        ),
    ),
    (
        "author bio",
        (
            r"\bhas\s+a\s+(?:medical|nursing|clinical|beauty|science)\s+background\b",
            r"\b(?:she|he|they)\s+(?:loves|enjoys|is\s+passionate\s+about)\s+(?:to\s+)?(?:writ|blog|shar|help)",
            r"^about\s+the\s+(?:author|writer)\b",
            r"\bis\s+a\s+(?:freelance\s+)?(?:writer|blogger|content\s+creator|contributor)\b",
            r"\bis\s+obsessed\s+(?:with|in)\b",
            r"\bis\s+a\s+board[- ]certified\b",
            r"\b(?:is\s+a\s+)?fellow\s+of\s+the\s+american\b",
        ),
    ),
    (
        "teaser",
        (
            r"\b(?:keep\s+(?:on\s+)?reading|read\s+on|continue\s+reading)\b.{0,40}$",
            r"\blet[\u2019']?s\s+dive\b",
            r"\bthis\s+(?:comprehensive\s+|complete\s+|ultimate\s+)?(?:blog\s+post|post|article|guide)\s+will\b",
            r"\bin\s+this\s+(?:blog\s+post|post|article|guide)\s*,?\s+(?:we|you)[\u2019']?(?:ll|\s+will)\b",
        ),
    ),
]


def _either(parts: list[str]) -> Rx | None:
    return _rx(*parts) if parts else None  # None: nothing to look for


# Whole-line patterns (^...$) can only match short blocks, so long paragraphs skip them.
_COMPILED = [
    (
        why,
        _either([p for p in parts if p.startswith("^") and p.endswith("$")]),
        _either([p for p in parts if not (p.startswith("^") and p.endswith("$"))]),
    )
    for why, parts in _WHOLE
]
_SHORT = 200

_SECTION_NOISE_HEADING = _rx(
    r"^(?:conclusion|in\s+conclusion|final\s+thoughts|summary|the\s+bottom\s+line|bottom\s+line|"
    r"key\s+takeaways?|references|sources|further\s+reading|disclaimer|table\s+of\s+contents|contents|"
    r"share\s+this|about\s+(?:us|the\s+author)|related\s+\w+)\s*:?$"
)
_HOOK = _rx(
    r"^(?:wondering|ever\s+wondered|tired\s+of|looking\s+for|struggling\s+with|ready\s+(?:to|for)|"
    r"did\s+you\s+know|want|wish|thinking\s+about|considering|curious|dreaming|"
    r"are\s+you\s+(?:tired|looking|ready|considering|struggling|unhappy|bothered)|"
    r"(?:do|does|have|has)\s+(?:you|your)\s+(?:\w+\s+){0,3}(?:dream|wish|want|struggle|hate|feel\s+self))\b"
)


def is_hook(text: str) -> bool:
    """A marketing question that opens a pitch rather than asking something a page answers."""
    return bool(_HOOK.match(text)) and text.rstrip().endswith(("?", "!"))


_DISCLAIMER = _rx(
    r"\bnot\s+(?:intended\s+as\s+|a\s+substitute\s+for\s+)?(?:professional\s+)?medical\s+advice\b",
    r"\bfor\s+(?:general\s+)?information(?:al)?\s+(?:purposes\s+)?only\b",
)
_CAPTION_PREFIX = _rx(
    r"^(?:image|photo|picture|figure|fig\.|credit|photo\s+credit|source|caption|img)\s*\d*\s*[:\-]"
)
# One branch per wording (same matches as one `\b(?:...|...)\b` group): most blocks
# contain the trigger word of none of them, so none is run.
_PROMOTION = _rx(
    *(
        rf"\b(?:{wording})\b"
        for wording in (
            r"you\s+can\s+trust(?:\s+on)?",
            r"one\s+of\s+the\s+(?:leading|best|top)",
            r"(?:best|leading|top|#1)[- ](?:selling|rated)",
            r"our\s+(?:products?|range|serum|shop|store)",
            r"buy(?:ing)?\s+(?:our|the|a|it)",
            r"available\s+(?:in\s+our\s+shop|online|at\s+our)",
            r"\d+\s*%\s+off",
            r"discount",
            r"coupon",
            r"promo\s+code",
            r"special\s+offer",
            r"order\s+(?:now|today|yours)",
        )
    ),
    r"[\u00ae\u2122]",
    r"\b(?:buying|purchase|shop\s+for)\s+(?:dr\.?\s+)?[A-Z]",
)


def strip_glued_title(text: str, title: str) -> str:
    """Pages saved as text often glue the page title onto the end of a paragraph."""
    for candidate in (title, title.rstrip("?!. ")):
        if candidate and len(candidate) > 12 and text.endswith(candidate):
            head = text[: -len(candidate)]
            if len(head) > 20 and head[-1] in ".!?)":
                return head.rstrip()
    return text


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1024)
def _norm(text: str) -> str:
    # Cached: each block is compared with the next one and with the title.
    return _NOT_ALNUM.sub(" ", text.lower()).strip()


def noise_reason(block: Block, title: str, previous: Block | None) -> str:
    """Why a block is noise, or "" when it may be patient information."""
    text = block.text.strip()
    if not re.search(r"[^\W_]", text):
        return "no words"
    if block.why == "image caption":
        return "image caption"
    short = len(text) <= _SHORT
    for why, whole_line, anywhere in _COMPILED:
        limit = 700 if why == "teaser" else 400
        always = why in ("date or byline", "page chrome", "comment widget")
        if not (always or len(text) < limit):
            continue
        if (short and whole_line is not None and whole_line.test(text)) or (
            anywhere is not None and anywhere.test(text)
        ):
            if why == "call to action" and re.search(r"\bif\s+(?:you|your)\b", text, re.I):
                continue  # "call us if the swelling grows" is advice about risks
            return why
    if block.kind == "heading" and _SECTION_NOISE_HEADING.match(text):
        return "heading of a summary or widget"
    if previous is not None and _norm(previous.text) == _norm(text) and previous.kind != "item":
        return "duplicated title"
    if title and _norm(text) == _norm(title) and previous is not None:
        return "duplicated title"
    if _CAPTION_PREFIX.match(text):
        return "image caption"
    words = text.split()
    if (
        block.kind != "item"
        and previous is not None
        and len(words) <= 6
        and text[:1].islower()
        and not re.search(r"[.!?:;,]$", text)
    ):
        return "image alt-text"
    if _HOOK.match(text) and "?" in text and not _answers_itself(text):
        return "marketing hook"
    if _DISCLAIMER.search(text) and len(text) < 300:
        return "disclaimer"
    if block.chrome:
        return "page chrome"
    return ""


def _answers_itself(text: str) -> bool:
    """A hook followed by several plain sentences still carries information."""
    plain = [s for s in sentences(text) if not s.endswith("?") and not _HOOK.match(s)]
    return len(plain) >= 3


def is_promotion(text: str) -> bool:
    return _PROMOTION.test(text)


# A clause that opens, links or sells but says nothing a patient can use. Checked on each
# clause of a block that is otherwise content.
_FILLER = _rx(
    r"^well,\s+if\s+you\b",
    r"\bthe\s+answer\s+is\s+(?:yes|no)\b",
    r"^(?:here|below)(?:\s+is|\s+are|[\u2019']s|,)\b.{0,80}\b(?:expect|listed|discuss|outline|look|cover)",
    r"^(?:following|below)\s+(?:is|are)\s+(?:given|listed)\b",
    r"\bwe\s+(?:will|are\s+going\s+to)\s+(?:discuss|outline|look|cover|explore|explain)\b",
    r"\bthis\s+is\s+what\s+we\s+are\s+going\s+to\b",
    r"\bthis\s+(?:was|is)\s+the\s+most\s+basic\b",
    r"\bit\s+is\s+(?:obvious|natural|normal|understandable)\s+(?:for\s+you\s+)?to\s+(?:be\s+|feel\s+)?(?:worried|nervous|anxious)",
    r"^(?:thankfully|luckily|fortunately),?\s+there\s+is\b",
    r"\bnone\s+other\s+than\b",
    r"\bpros\s+and\s+cons\b",
    r"\bnot\s+an\s+exception\b",
    r"\bthe\s+question\s+(?:that\s+)?arises\b",
    r"^why\s+wouldn[\u2019']?t\b",
    r"\byou\s+can\s+conclude\b",
    r"\ba\s+lot\s+of\s+confusion\b",
    r"\baround\b.{0,40}\bfor\s+centuries\b",
    r"\bit\s+is\s+important\s+to\s+understand\s+what\s+you\s+can\s+expect\b",
    r"\bthese\s+might\s+appear\s+to\s+be\b",
    r"\bhuge\s+impact\s+on\s+the\s+quality\s+of\s+life\b",
    r"\b(?:is|are)\s+not\s+alone\b",
    r"\bmaintained\s+their\s+popularity\b",
    r"\bmade\s+it\s+very\s+popular\b",
    r"\bsome\s+people\s+are\s+afraid\s+of\b",
    r"\bhas\s+the\s+word\b.{0,20}\bin\s+its\s+name\b",
    r"\bas\s+discussed\s+earlier\b,?$",
)
_LEAD_IN = _rx(r":\s*$")
# Words that only link a sentence to the one before; a bullet reads better without them.
_OPENER = re.compile(
    r"^(?:well|so|plus|also|additionally|in\s+addition|moreover|furthermore|however|basically|"
    r"actually|hence|thus|therefore|generally|usually|typically|of\s+course|no\s+doubt|"
    r"as\s+discussed\s+earlier|after\s+that|then|besides|now)\s*,\s*",
    re.I,
)


def filler_reason(text: str) -> str:
    """Why a clause is filler ("opener", "list lead-in", "rhetorical question"), or ""."""
    stripped = text.strip()
    if _FILLER.test(stripped):
        return "opener or filler"
    if _LEAD_IN.test(stripped) and len(stripped.split()) <= 20:
        return "list lead-in"
    if stripped.endswith("?"):
        return "rhetorical question"
    return ""


def without_opener(text: str) -> str:
    """ "Plus, avoid the sun." → "Avoid the sun." (the linking word dropped, case kept)."""
    rest = _OPENER.sub("", text.strip(), count=1)
    if rest != text.strip() and rest:
        rest = rest[0].upper() + rest[1:]
    return rest
