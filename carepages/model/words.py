"""Plain words: the medical or formal words a patient page should not need, each with the
everyday words to use instead. The jargon check warns about them in content/, and ingest
flags them in drafts."""

from __future__ import annotations

import functools
import re

PLAIN_WORDS: dict[str, str] = {
    "erythema": "redness",
    "erythematous": "red",
    "edema": "swelling",
    "oedema": "swelling",
    "pruritus": "itching",
    "topical": "on the skin",
    "topically": "on the skin",
    "post-procedure": "after your treatment",
    "post-treatment": "after your treatment",
    "post-operative": "after your treatment",
    "utilize": "use",
    "utilise": "use",
    "utilization": "use",
    "prior to": "before",
    "approximately": "about",
    "commence": "start",
    "discontinue": "stop",
    "cessation": "stopping",
    "administer": "give",
    "adverse effects": "side effects",
    "adverse reaction": "bad reaction",
    "contraindicated": "not safe for you",
    "contraindication": "reason not to have it",
    "contraindications": "reasons not to have it",
    "hyperpigmentation": "dark patches",
    "hypopigmentation": "light patches",
    "desquamation": "peeling",
    "epidermis": "top layer of skin",
    "analgesic": "painkiller",
    "analgesics": "painkillers",
    "photosensitivity": "sensitivity to sunlight",
    "exacerbate": "make worse",
    "ameliorate": "improve",
    "subsequently": "later",
    "sufficient": "enough",
    "numerous": "many",
    "optimal": "best",
    "facilitate": "help",
    "regimen": "routine",
    "efficacy": "how well it works",
    "purulent": "with pus",
    "emollient": "moisturizer",
    "occlusive": "thick, sealing",
    "in order to": "to",
    "a number of": "some",
}


@functools.cache
def _pattern() -> re.Pattern[str]:
    words = sorted(PLAIN_WORDS, key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        + r")(?![\w-])",
        re.I,
    )


def plain_words(text: str) -> list[tuple[str, str]]:
    """Each word of the list in `text`, once, with the everyday word to use."""
    found: list[tuple[str, str]] = []
    for match in _pattern().finditer(text):
        word = " ".join(match.group(1).lower().split())
        pair = (word, PLAIN_WORDS[word])
        if pair not in found:
            found.append(pair)
    return found
