"""The words by which ingest recognises an activity in a source sentence.

The activities themselves are defined once, in `carepages.model.activities`: the built-in
ones carry their recognising patterns here, keyed by their ids, and a clinic's own
activities (`content/activities.yml`) bring their `words`. What a source asks a patient to
avoid that is no activity at all (alcohol, flying...) is recognised too, so a draft can list
it for review instead of dropping it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from carepages.model.activities import BUILT_IN, BUILT_IN_IDS, Activity

from .textre import Rx, rx

# Ids of activities ingest recognises: the built-in ones, by pattern. A sentence about a
# peel or an acid *treatment* ("glycolic or AHA peels") is another treatment, not skincare.
_PEEL_AHEAD = r"(?!\s+(?:or\s+\w+\s+)?(?:acid\s+)?peels?\b)"
BUILT_IN_WORDS: dict[str, tuple[str, ...]] = {
    "makeup": (
        r"\bmake[- ]?up\b",
        r"\bfoundation\b",
        r"\bcosmetics\b",
        r"\bconcealer\b",
        r"\bmascara\b",
        r"\blipstick\b",
    ),
    "sun": (
        r"\bsun(?!screen|burn|block|glasses)(?:light|bathing|bed|beds|bath)?\b",
        r"\bsun\s+exposure\b",
        r"\btanning\s+beds?\b",
        r"\btanning\b(?!\s+products)",
        r"\bsunbeds?\b",
        r"\buv\b",
        r"\bsolarium\b",
    ),
    "exercise": (
        r"\bexercis",
        r"\bwork[- ]?outs?\b",
        r"\bworking\s+out\b",
        r"\bgym\b",
        r"\bsweat",
        r"\bperspir",
        r"\bstrenuous\b",
        r"\bphysical\s+activit",
        r"\bsports?\b",
        r"\brunning\b",
        r"\bcardio\b",
        r"\byoga\b",
    ),
    "heat": (
        r"\bsaunas?\b",
        r"\bsteam(?:\s+rooms?|\s+baths?)?\b",
        r"\bjacuzzis?\b",
        r"\bwhirlpools?\b",
        r"\bhot\s+tubs?\b",
        r"\bhot\s+baths?\b",
        r"\bhot\s+showers?\b",
        r"\bhot\s+yoga\b",
        r"\bheat\b",
        r"\bhot\s+water\b",
    ),
    "swimming": (
        r"\bswim",
        r"\bpools?\b",
        r"\bchlorin",
        r"\bthe\s+sea\b",
        r"\blakes?\b",
        r"\bocean\b",
    ),
    "actives": (
        r"\bretin(?:ol|oids?|-a)s?\b",
        r"\btretinoin\b",
        r"\bvitamin\s+c\b",
        rf"\bacids?\b{_PEEL_AHEAD}",
        rf"\bahas?\b{_PEEL_AHEAD}",
        rf"\bbhas?\b{_PEEL_AHEAD}",
        rf"\balpha[- ]hydroxy\b{_PEEL_AHEAD}",
        rf"\bbeta[- ]hydroxy\b{_PEEL_AHEAD}",
        rf"\bglycolic\b{_PEEL_AHEAD}",
        rf"\bsalicylic\b{_PEEL_AHEAD}",
        rf"\blactic\b{_PEEL_AHEAD}",
        r"\bactive\s+(?:ingredients|skin\s*care|products)\b",
        r"\bactives\b",
        r"\bskin\s*care\s+products\b",
        r"\bharsh\s+(?:products|skincare|ingredients|chemicals)\b",
        r"\bbenzoyl\b",
        r"\bhydroquinone\b",
        r"\bdifferin\b",
        r"\brenova\b",
        r"\bstrong\s+(?:skincare|products)\b",
    ),
    "exfoliation": (
        r"\bexfolia",
        r"\bscrubs?\b",
        r"\bscrubbing\b",
        r"\bbrushes\b",
        r"\bwashcloths?\b",
        r"\bloofah",
        r"\bpeeling\s+products\b",
    ),
    "touching": (
        r"\btouch(?:ing)?\b",
        r"\bpick(?:ing)?\b",
        r"\bscratch(?:ing)?\b",
        r"\brub(?:bing)?\b",
        r"\bpull(?:ing)?\b",
        r"\bhands\s+away\b",
        r"\bpeel\s+(?:off|away)\b",
        r"\bpick\s+or\s+peel\b",
    ),
    "medication": (
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
        r"\bantibiotics?\b",
        r"\bantivirals?\b",
        r"\bhydrocortisone\b",
        r"\bfish\s+oil\b",
        r"\bvitamin\s+e\b",
        r"\bsupplements?\b",
    ),
    "other-treatments": (
        r"\bwax(?:ing)?\b",
        r"\blasers?\b",
        r"\bipl\b",
        r"\benergy[- ]based\b",
        r"\b(?:chemical|glycolic|aha|lactic|salicylic|other)\s+(?:or\s+\w+\s+)?peels?\b",
        r"\bmicroneedling\b",
        r"\bmicrodermabrasion\b",
        r"\binjections?\b",
        r"\bneurotoxins?\b",
        r"\bbotox\b",
        r"\bfillers?\b",
        r"\bthreading\b",
        r"\belectrolysis\b",
        r"\bfacials?\b",
        r"\bdepilator",
        r"\bbleach(?:ing)?\b",
        r"\bshav(?:e|ing)\b",
        r"\bother\s+treatments\b",
        r"\btweez",
    ),
}
# Things sources ask a patient to avoid that are not activities of the vocabulary. A draft
# lists them for the editor, who may add them to content/activities.yml.
UNLISTED = "unlisted"
UNLISTED_WORDS: tuple[str, ...] = (
    r"\balcohol\b",
    r"\bsmok",
    r"\bflying\b",
    r"\bhair\s+dye\b",
    r"\bfake\s+tan",
    r"\bself[- ]tann",
    r"\bspray\s+tan",
    r"\bairbrush",
)
# Steps that protect the skin. "Skip the moisturiser for 7 days" is a disagreement to flag,
# never an activity to avoid for a cautious while.
PROTECTIVE = rx(
    r"\bmoisturi[sz]\w*",
    r"\bsunscreens?\b",
    r"\bsun\s*block\b",
    r"\bspf\b",
    r"\bcleansers?\b",
    r"\b(?:day|night|eye)\s+creams?\b",
    r"\bserums?\b",
    r"\bbarrier\b",
)

if set(BUILT_IN_WORDS) != set(BUILT_IN_IDS):  # pragma: no cover - a broken release
    raise RuntimeError("ingest's activity words must be keyed by the built-in activity ids")


def word_pattern(word: str) -> str:
    """An editor's word ("hair dye", "tann*") as a pattern: whole words, any white space or a
    hyphen between them, `*` for any ending."""
    parts = [re.escape(part) for part in word.lower().strip().split()]
    pattern = r"[\s-]+".join(parts)
    if pattern.endswith(r"\*"):
        return rf"\b{pattern[:-2]}\w*"
    return rf"\b{pattern}\b"


@dataclass(frozen=True)
class Vocabulary:
    """The activities ingest can name, each with its patterns, in the vocabulary's order;
    `UNLISTED` last."""

    patterns: tuple[tuple[str, Rx], ...]

    @classmethod
    def of(cls, activities: Iterable[Activity] = BUILT_IN) -> Vocabulary:
        out: list[tuple[str, Rx]] = []
        for activity in activities:
            words = list(BUILT_IN_WORDS.get(activity.id, ()))
            words += [word_pattern(word) for word in activity.words]
            if not words:
                words = [word_pattern(activity.label)]
            out.append((activity.id, rx(*words)))
        out.append((UNLISTED, rx(*UNLISTED_WORDS)))
        return cls(tuple(out))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(activity for activity, _ in self.patterns)

    def find(self, text: str) -> list[tuple[str, str]]:
        """Each activity the text names, once, with the first word that named it."""
        found: list[tuple[str, str]] = []
        for activity, pattern in self.patterns:
            match = pattern.search(text)
            if match:
                end = match.end()
                while end < len(text) and (text[end].isalnum() or text[end] == "-"):
                    end += 1  # "exfolia" matched in "exfoliating": name the whole word
                found.append((activity, text[match.start() : end]))
        return found


BUILT_IN_VOCABULARY = Vocabulary.of()
