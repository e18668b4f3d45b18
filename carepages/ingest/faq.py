"""Question-like headings and standalone question lines become FAQ entries with their answers."""

from __future__ import annotations

import re

from carepages.model.sections import FaqTopic

from . import clean
from .model import NOISE, Block, FaqItem

# A heading without "?" still asks when an auxiliary verb follows the question word.
_AUX = r"(?:is|are|was|were|do|does|did|can|could|should|will|would|may|might|must|am|has|have)"
_ASKS = re.compile(
    rf"^(?:(?:what|how|why|when|where|who|which)(?:\s+(?!(?:it|you|i|we|they|this|that|to)\b)\w+)?\s+{_AUX}\b|{_AUX}\s+(?:i|you|it|we|they|this|there|my|your|the|\w+ing)\b)",
    re.I,
)
_INFINITIVE = re.compile(r"^(?:what|how|when|where|who|which|why)\s+to\b", re.I)
_HOOK = re.compile(
    r"^(?:wondering|ever\s+wondered|tired\s+of|looking\s+for|want\s+to|ready\s+to|struggling|"
    r"did\s+you\s+know|curious|imagine|need\s+(?:a|some|help))\b",
    re.I,
)
# Questions about the reader's own state that open a sales pitch ("Has your skin...?").
_ABOUT_READER = re.compile(
    r"^(?:has|have|is|are|do|does|did)\s+(?:your|you|it)\b.{0,80}\b(?:losing|prone|suffer|struggl|"
    r"tired|worried|bother|reducing|affect|confidence|looking|noticed|wish|want)",
    re.I,
)
# A question's topic comes from its own words, checked in this order; the first hit wins.
_TOPICS = [
    (
        FaqTopic.COST,
        re.compile(
            r"\b(?:cost|price|how\s+much|how\s+many|how\s+often|sessions|insurance|"
            r"treatments?\s+(?:do|will)\s+i\s+need)\b",
            re.I,
        ),
    ),
    (
        FaqTopic.RISKS,
        re.compile(
            r"\b(?:risks?|safe|side\s+effects?|who\s+should|shouldn|complications?|scar|"
            r"pregnan\w*|can\s+i\s+have\s+(?:it|this|\w+)\s+if|worry|dangerous)\b",
            re.I,
        ),
    ),
    (FaqTopic.BEFORE, re.compile(r"\b(?:before|prepar\w*|prior|prep|get\s+ready)\b", re.I)),
    (
        FaqTopic.DURING,
        re.compile(
            r"\b(?:hurt\w*|pain\w*|during|how\s+long\s+does\s+(?:it|the\s+\w+)\s+take|"
            r"how\s+long\s+does\s+it\s+take\s+to\s+have|numb\w*|what\s+happens)\b",
            re.I,
        ),
    ),
    (
        FaqTopic.AFTER,
        re.compile(
            r"\b(?:after\w*|recover\w*|downtime|make\s*-?up|heal\w*|exercise|sun|peeling|skin\s+peel|"
            r"normal\s+activities|back\s+to\s+work)\b",
            re.I,
        ),
    ),
    (
        FaqTopic.RESULTS,
        re.compile(
            r"\b(?:results?|last|permanent|difference|how\s+soon|help|effective|efficient|"
            r"worth\s+it)\b",
            re.I,
        ),
    ),
]


def is_question(block: Block) -> bool:
    text = block.text.strip()
    if block.kind == "heading":
        if text.endswith("?"):
            return True
        return bool(_ASKS.match(text)) and not _INFINITIVE.match(text)
    if not text.endswith("?") or len(text.split()) > 25:
        return False
    # A standalone question is one sentence; "Why wouldn't they?" inside a paragraph is not.
    return len(re.findall(r"[.!?](?:\s|$)", text.rstrip("?"))) == 0


# "• Will it hurt? Most people feel…": a list item that asks and answers at once.
_INLINE = re.compile(r"^(?P<q>[A-Z][^.!?]{8,160}\?)\s*(?P<a>[A-Z].{15,})$", re.S)


def _inline(block: Block) -> FaqItem | None:
    if block.kind != "item" or block.section == NOISE:
        return None
    found = _INLINE.match(block.text.strip())
    if not found or not _ASKS.match(found["q"]) or _HOOK.match(found["q"]):
        return None
    question = found["q"]
    return FaqItem(question, found["a"].strip(), block.line, topic_for(question), [block.line])


def find_faq(blocks: list[Block]) -> list[FaqItem]:
    inline = [item for item in map(_inline, blocks) if item is not None]
    if inline:
        for block in blocks:
            found = _INLINE.match(block.text.strip()) if block.kind == "item" else None
            if found and any(item.line == block.line for item in inline):
                # The answer is the block's text from here on: the question is the entry's.
                block.text = found["q"] + " " + found["a"].strip()
    return sorted(_find_faq(blocks) + inline, key=lambda item: item.line)


def _find_faq(blocks: list[Block]) -> list[FaqItem]:
    items: list[FaqItem] = []
    candidates = [
        i for i, b in enumerate(blocks)
        if b.section != NOISE and b.why != "title" and is_question(b)
    ]  # fmt: skip
    candidate_set = set(candidates)
    for index in candidates:
        block = blocks[index]
        text = block.text.strip()
        if _HOOK.match(text) or clean.is_hook(text):
            block.section, block.why = NOISE, "rhetorical question"
            continue
        # A run of questions with nothing between them is a rhetorical opener.
        run = _run(index, candidate_set)
        if len(run) >= 3 or (
            len(run) == 2 and any(_ABOUT_READER.match(blocks[i].text) for i in run)
        ):
            if block.kind != "heading" or not text.endswith("?") or len(run) >= 3:
                block.section, block.why = NOISE, "rhetorical question"
            continue
        answer_blocks: list[Block] = []
        for position, follower in enumerate(blocks[index + 1 :], start=index + 1):
            if position in candidate_set:
                break
            # A lead-in such as "It works in three steps:" still answers the question.
            lead_in = follower.label and not answer_blocks and position == index + 1
            if follower.kind == "heading" and follower.section != NOISE and not lead_in:
                break
            if follower.section == NOISE:
                if follower.kind == "heading":
                    break
                continue
            answer_blocks.append(follower)
        if not answer_blocks:
            continue
        if _ABOUT_READER.match(text):
            block.section, block.why = NOISE, "rhetorical question"
            continue
        question = re.sub(r"^(?:\d+[.)]|q(?:uestion)?\s*[:.)])\s*", "", text, flags=re.I).rstrip(
            " :;"
        )
        if not question.endswith("?"):
            question += "?"
        answer = "\n\n".join(
            ("- " if b.kind == "item" else "")
            + re.sub(r"^a(?:nswer)?\s*[:.)]\s+", "", b.text, flags=re.I)
            for b in answer_blocks
        ).replace("\n\n- ", "\n- ")
        items.append(
            FaqItem(
                question,
                answer,
                block.line,
                topic_for(question, block.section),
                [b.line for b in answer_blocks],
            )
        )
    return items


def _run(index: int, candidates: set[int]) -> list[int]:
    start = index
    while start - 1 in candidates:
        start -= 1
    end = index
    while end + 1 in candidates:
        end += 1
    return list(range(start, end + 1))


def topic_for(question: str, section: str = "") -> FaqTopic:
    """The topic of a question, from the question's own words ("How does it work?" is about
    the treatment in general, wherever the source put it)."""
    for topic, pattern in _TOPICS:
        if pattern.search(question):
            return topic
    return FaqTopic.GENERAL
