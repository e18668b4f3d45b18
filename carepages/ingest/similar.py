"""When two sentences state the same fact: the measure ingest merges by.

A sentence is reduced to its key: the set of things it talks about, with the words sources
use for one thing mapped to one token ("redness", "pink", "inflamed" → red; "sauna",
"hot tub" → heat, by the activity vocabulary), and numbers, times and small words left out
(values are compared elsewhere: "avoid sun for 48 hours" and "keep out of the sun for a
week" are one fact whose sources disagree). Two keys are compared with rapidfuzz's
Indel similarity over the keys' sorted tokens (each token one symbol), which for two
sets is their Dice coefficient: 2 × shared tokens ÷ (tokens of one + tokens of the other),
from 0 to 100. A long sentence sharing one word with a short one stays low, so no sentence
collects unrelated facts around it. `SAME_FACT` is the score from which two sentences
count as one fact; tests/ingest/test_similar.py shows pairs on both sides of it.
"""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import Indel

from .vocabulary import BUILT_IN_VOCABULARY, UNLISTED, Vocabulary

SAME_FACT = 50.0

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "did",
        "for",
        "from",
        "had",
        "has",
        "have",
        "having",
        "he",
        "she",
        "him",
        "her",
        "his",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "might",
        "more",
        "most",
        "must",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "too",
        "up",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "also",
        "just",
        "only",
        "own",
        "same",
        "other",
        "any",
        "each",
        "few",
        "all",
        "both",
        "over",
        "under",
        "again",
        "once",
        "here",
        "how",
        "why",
        "because",
        "until",
        "about",
        "against",
        "between",
        "through",
        "during",
        "before",
        "after",
        "above",
        "below",
        "off",
        "out",
        "down",
        "get",
        "gets",
        "got",
        "make",
        "makes",
        "made",
        "use",
        "used",
        "using",
        "one",
        "many",
        "much",
        "lot",
        "lots",
        "well",
        "even",
        "still",
        "really",
        "however",
        "therefore",
        "thus",
        "hence",
        "whether",
        "either",
        "way",
        "ways",
        "thing",
        "things",
        "help",
        "helps",
        "helping",
        "may",
        "might",
        "let",
        "lets",
        "like",
        "likely",
        "usually",
        "often",
        "generally",
        "typically",
        "normal",
        "normally",
        "common",
        "commonly",
        "important",
        "sure",
        "need",
        "needs",
        "needed",
        "want",
        "wants",
        "take",
        "takes",
        "taking",
        "give",
        "gives",
        "look",
        "looks",
        "looking",
        "appear",
        "appears",
        "similar",
        "within",
        "better",
        "best",
        "every",
        "almost",
        "slightly",
        "slight",
        "little",
        "bit",
        "quite",
        "based",
        "depending",
        "depend",
        "depends",
        "feel",
        "feels",
        "see",
        "seen",
        "show",
        "shows",
        "experience",
        "expect",
        "notice",
        "around",
        "toward",
        "able",
        "possible",
        "keep",
        "keeps",
        "something",
        "someone",
        "anyone",
        "everyone",
        "people",
        "person",
        "patients",
        "patient",
        "individuals",
        "treatment",
        "treatments",
        "procedure",
        "procedures",
        "session",
        "sessions",
        "process",
        "skin",
        "area",
        "areas",
        "treated",
        "face",
        "facial",
        "new",
        "first",
        "last",
        "next",
        "time",
        "period",
        "include",
        "including",
        "includes",
    ]
)
_TIME = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"hours?|hrs?|h|days?|nights?|weeks?|wks?|months?|years?|minutes?|mins?|couple|few|"
    r"several|least|minimum|maximum|approximately|around|roughly|immediately)$"
)
# Words sources use for one thing. Each group's first word is the token it becomes.
_CONCEPTS: tuple[tuple[str, ...], ...] = (
    (
        "red",
        "redness",
        "pink",
        "pinkness",
        "pinkish",
        "erythema",
        "inflammation",
        "inflamed",
        "inflammatory",
        "flush",
        "flushed",
        "flushing",
    ),
    ("swell", "swelling", "swollen", "puffy", "puffiness", "edema", "oedema"),
    ("numb", "numbing", "anesthetic", "anaesthetic", "anesthesia", "anaesthesia", "lidocaine"),
    (
        "needle",
        "needles",
        "microneedle",
        "microneedles",
        "puncture",
        "punctures",
        "perforation",
        "perforations",
        "pricks",
        "holes",
        "injuries",
        "wounds",
        "micro-injuries",
    ),
    ("collagen",),
    ("elastin",),
    (
        "heal",
        "healing",
        "heals",
        "repair",
        "repairs",
        "regenerate",
        "regeneration",
        "renew",
        "renewal",
        "recovery",
        "recover",
    ),
    ("sunscreen", "spf", "sunblock"),
    (
        "moist",
        "moisturiser",
        "moisturizer",
        "moisturisers",
        "moisturizers",
        "moisturise",
        "moisturize",
        "moisturizing",
        "moisturising",
        "hydrate",
        "hydrated",
        "hydrating",
        "hydration",
        "moisture",
    ),
    ("cleanse", "cleanser", "cleansers", "cleansing", "wash", "washing"),
    ("wrinkle", "wrinkles", "lines"),
    ("scar", "scars", "scarring"),
    ("acne", "breakouts", "breakout", "pimples", "spots"),
    ("pore", "pores"),
    ("texture", "smooth", "smoother", "smoothing", "rough", "roughness", "even"),
    (
        "pigment",
        "pigmentation",
        "hyperpigmentation",
        "melasma",
        "discoloration",
        "discolouration",
        "tone",
        "brown",
        "darkening",
    ),
    (
        "pain",
        "painful",
        "hurt",
        "hurts",
        "hurting",
        "discomfort",
        "sore",
        "soreness",
        "prickling",
        "prickly",
        "sting",
        "stinging",
        "burning",
        "tingling",
        "tingle",
    ),
    ("bleed", "bleeding", "blood", "pinpoint"),
    ("bruise", "bruising", "bruises"),
    ("infect", "infection", "infections", "infected", "bacteria", "germs"),
    ("allergy", "allergic", "reaction", "reactions"),
    ("flake", "flaking", "flakes", "peeling", "shed", "shedding", "slough", "flaky", "crack"),
    ("dry", "dryness", "dried"),
    ("tight", "tightness"),
    ("itch", "itching", "itchy", "itchiness"),
    ("sensitive", "sensitivity", "tender", "tenderness", "delicate"),
    ("consult", "consultation", "assess", "assessment", "candidate"),
    ("series", "course", "sessions", "treatments", "peels"),
    ("coldsore", "herpes", "sores"),
    ("pregnant", "pregnancy", "breastfeeding", "nursing"),
    ("gentle", "soothing", "calming", "calm", "fragrance-free", "fragrancefree"),
    ("elevat", "elevated", "raised", "propped"),
    ("layer", "layers", "epidermis", "surface"),
    (
        "vary",
        "varies",
        "different",
        "differ",
        "differs",
        "customized",
        "customised",
        "individual",
        "tailored",
    ),
    ("hat", "hats", "brimmed"),
    ("antiviral", "antivirals"),
    # How far a treatment reaches into the skin: the needles' depth, a peel's strength.
    # Not "deeper": "serums sink in deeper" is about products, not the treatment.
    ("depth", "depths", "deep", "heavy", "heavier", "superficial", "mediumdepth"),
)
# A word shorter than this is an abbreviation's letter ("e.g.", "i.e.") or a unit ("mm").
_MIN_LETTERS = 3
_WORD_END = re.compile(r"[a-z]+")
_CONCEPT: dict[str, str] = {word: group[0] for group in _CONCEPTS for word in group}
# Names of one thing written as several words, read as one token before the words are.
_PHRASES = re.compile(
    r"\b(?:(?P<stretchmark>stretch\s+marks?)|(?P<sundamage>sun[\s-]+damage[ds]?|photo[\s-]?ag(?:e|ing))|"
    r"(?P<coldsore>cold\s+sores?|fever\s+blisters?)|(?P<wrinkle>fine\s+lines)|"
    r"(?P<pillowcase>pillow\s*cases?|pillows?)|(?P<compress>cool\s+compress\w*|ice\s+packs?)|"
    r"(?P<newskin>(?:new|fresh|newly|freshly)(?:,?\s+(?:and\s+)?(?:new|fresh|healthy))*\s+"
    r"(?:peeled\s+|exposed\s+|formed\s+)?skin)|"
    r"(?P<depth>(?:light|lighter|medium|mild)(?:[\s-]+depth)?(?=\s+(?:chemical\s+)?peels?\b)))\b"
)
# The things a fact is about: the first word of each concept, and each activity (#id).
FACETS = frozenset(group[0] for group in _CONCEPTS) | {
    "stretchmark",
    "sundamage",
    "coldsore",
    "pillowcase",
    "compress",
    "newskin",
}


def _stem(word: str) -> str:
    """A rough stem, enough to meet "wrinkles" and "wrinkle", "effectively" and "effective"."""
    word = word.split("'")[0].replace("-", "")
    for _ in range(2):
        if word.endswith(("ss", "ous", "us", "is")):
            return word
        for suffix in ("ations", "ation", "ness", "ing", "ed", "ies", "es", "ly", "s", "e"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        else:
            return word
    return word


class Keys:
    """Turns sentences into keys, naming activities by the vocabulary's ids."""

    def __init__(self, vocabulary: Vocabulary = BUILT_IN_VOCABULARY, topic: str = "") -> None:
        self.vocabulary = vocabulary
        self._cache: dict[str, str] = {}
        # The treatment's own name says nothing about which fact a sentence states.
        self.topic = {_stem(w) for w in re.findall(r"[a-z]+", topic.lower())}
        self.topic |= {"".join(sorted(self.topic))} if len(self.topic) > 1 else set()
        words = re.findall(r"[a-z]+", topic.lower())
        # "micro needling", "microneedling", "micro-needling": the name in any spelling.
        self._topic_words = (
            re.compile(r"\b" + r"[\s-]?".join(re.escape(w) for w in words) + r"\w*")
            if words
            else None
        )

    def key(self, text: str) -> str:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        low = text.lower().replace("\u2019", "'")
        tokens: set[str] = set()
        # Before the treatment's name is taken out: "a light chemical peel" says how deep.
        for match in _PHRASES.finditer(low):
            tokens.add(next(name for name, value in match.groupdict().items() if value))
        low = _PHRASES.sub(" ", low)
        if self._topic_words is not None:
            low = self._topic_words.sub(" ", low)
        for activity, pattern in self.vocabulary.patterns:
            if activity == UNLISTED:
                continue
            for match in list(pattern.finditer(low)):
                tokens.add(f"#{activity}")
                # The rest of the word goes with it: "sweat" in "sweating" leaves no "ing".
                end = _WORD_END.match(low, match.end())
                stop = end.end() if end else match.end()
                low = low[: match.start()] + " " * (stop - match.start()) + low[stop:]
        squeezed_topic = "".join(self.topic)
        for word in re.findall(r"[a-z][a-z'-]*", low):
            word = word.strip("'-")
            if len(word) < _MIN_LETTERS or word in _STOP or _TIME.match(word):
                continue  # "e.g." and cut-off words are no things a fact is about
            token = _CONCEPT.get(word) or _CONCEPT.get(_stem(word)) or _stem(word)
            if token in self.topic or (squeezed_topic and token == squeezed_topic):
                continue
            tokens.add(token)
        key = " ".join(sorted(tokens))
        self._cache[text] = key
        return key


_SYMBOLS: dict[str, str] = {}


def weights(keys: list[str]) -> dict[str, int]:
    """How much each token counts: a token few sentences use tells facts apart better than
    one most of them use (1 to 3)."""
    counts: dict[str, int] = {}
    for key in keys:
        for token in set(key.split()):
            counts[token] = counts.get(token, 0) + 1
    total = max(1, len(keys))
    return {
        token: 3 if count <= 0.02 * total or count <= 2 else 2 if count <= 0.08 * total else 1
        for token, count in counts.items()
    }


def symbols(key: str, weight: dict[str, int] | None = None) -> str:
    """A key as characters, one per token (repeated by the token's weight) in the key's
    sorted order, so that rapidfuzz compares tokens, not letters."""
    out = []
    for token in key.split():
        symbol = _SYMBOLS.get(token)
        if symbol is None:
            symbol = _SYMBOLS[token] = chr(0x4E00 + len(_SYMBOLS))
        out.append(symbol * (weight.get(token, 1) if weight else 1))
    return "".join(out)


def similarity(a: str, b: str, weight: dict[str, int] | None = None) -> float:
    """How alike two keys are, 0 to 100: the Dice coefficient of their (weighted) tokens."""
    return float(Indel.normalized_similarity(symbols(a, weight), symbols(b, weight)) * 100)


def neighbours(
    keys: list[str], threshold: float = SAME_FACT, weight: dict[str, int] | None = None
) -> list[dict[int, float]]:
    """For each key, the keys at or above `threshold` with their score (itself included).
    A key of one token is too thin to stand for a fact: it meets only its equals."""
    coded = [symbols(key, weight) for key in keys]
    cutoff = threshold / 100
    out: list[dict[int, float]] = []
    for index, code in enumerate(coded):
        if not code:
            out.append({})
            continue
        found = process.extract(
            code,
            coded,
            scorer=Indel.normalized_similarity,
            score_cutoff=cutoff,
            limit=None,
        )
        thin = len(keys[index].split()) < 2
        out.append(
            {
                other: score * 100
                for _, score, other in found
                if not (thin or len(keys[other].split()) < 2) or keys[other] == keys[index]
            }
        )
    return out
