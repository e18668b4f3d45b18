"""Fast regular expressions for ingest, with the same results as plain `re`.

Ingest runs a few hundred case-insensitive alternations over every block, and Python's
matcher tries every branch at every position: a `\\b`-led alternation gets none of the
matcher's literal-prefix shortcuts. `Rx` keeps the result of `re` exactly and saves work in
three ways:

1. Triggers. Each branch of a pattern is parsed once to find a word it must start with
   (`\\bswell` needs a word starting "swell") or a literal it must contain. A text is split
   into words once (cached), and a branch whose trigger is absent cannot match anywhere in
   it, so it is left out; a pattern with no possible branch is not run at all.
2. Fewer branches. What remains is compiled (and cached) as an alternation of only the
   possible branches, in their original order. Leftmost-first matching is unchanged by
   dropping branches that cannot match anywhere; patterns with groups are never cut up,
   since that would renumber the groups.
3. Lower case. Case-insensitive patterns run case-sensitively on `text.lower()`, about
   three times faster. Lower-casing keeps every position only when no character changes
   length and the text holds none of the two letters `re.IGNORECASE` also equates with
   ASCII ones (dotless i and long s); other texts take the plain `re` path.

Matches handed back always come from the original pattern on the original text, so their
groups and spans are exactly what `re` gives.
"""

from __future__ import annotations

import re
import re._constants as sre_c
import re._parser as sre_parse
from collections.abc import Iterator
from typing import Any

_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
# Letters that re.IGNORECASE equates with an ASCII letter but str.lower() does not map to it.
_UNSAFE = ("\u0131", "\u017f")

# Every word-prefix and substring trigger gets one bit, shared across all patterns.
_PREFIX_BIT: dict[str, int] = {}
_PREFIX_LENGTHS: set[int] = set()
_SUBSTRING_BIT: dict[str, int] = {}
_TOKEN_MASK: dict[str, int] = {}  # word -> bits of the prefixes it starts with
_VIEWS: dict[str, tuple[str | None, int]] = {}
_VIEW_LIMIT = 4096
_TOKEN_LIMIT = 200_000

Trigger = tuple[str, str]  # ("w", word prefix) or ("s", substring), both lower-case


def _literal_text(codes: list[int]) -> str | None:
    """The lower-case form of literal characters, or None when case folding could blur it."""
    chars = []
    for code in codes:
        char = chr(code)
        low = char.lower()
        if len(low) != 1 or (not char.isascii() and char.upper() != low):
            return None
        chars.append(low)
    return "".join(chars)


def _space_run(op: Any, av: Any) -> bool:
    """`\\s*`, `\\s+` and the like: a run of nothing but white space."""
    if op not in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) or len(av[2].data) != 1:
        return False
    inner_op, inner_av = av[2].data[0]
    return inner_op is sre_c.IN and all(
        item == (sre_c.CATEGORY, sre_c.CATEGORY_SPACE) for item in inner_av
    )


def _no_word_behind(op: Any, av: Any) -> bool:
    """`(?<!\\w)` or `(?<![\\w.])`: the next character starts a word, if it is a word character."""
    if op is not sre_c.ASSERT_NOT or av[0] != -1 or len(av[1].data) != 1:
        return False
    inner_op, inner_av = av[1].data[0]
    return (
        inner_op is sre_c.IN
        and (sre_c.CATEGORY, sre_c.CATEGORY_WORD) in inner_av
        and not any(item[0] is sre_c.NEGATE for item in inner_av)
    )


# Words too common to tell texts apart; a trigger on a rarer word later in a branch wins.
_COMMON = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "has",
        "have",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "no",
        "not",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "this",
        "to",
        "was",
        "we",
        "will",
        "with",
        "you",
        "your",
    ]
)


def _ends_in_space(items: list[Any]) -> bool:
    """Whether every match of `items` ends with white space (so a word may start next)."""
    if not items:
        return False
    op, av = items[-1]
    if _space_run(op, av):
        return bool(av[0] >= 1)
    if op is sre_c.SUBPATTERN:
        return _ends_in_space(av[3].data)
    if op is sre_c.BRANCH:
        return all(_ends_in_space(branch.data) for branch in av[1])
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[0] >= 1:
        return _ends_in_space(av[2].data)
    return False


def _selectivity(triggers: frozenset[Trigger]) -> int:
    """How rarely a text holds any of `triggers` (higher is rarer), roughly by length."""
    worst = 1_000
    for kind, text in triggers:
        if text in _COMMON or (kind == "s" and len(text) < 3):
            return 0
        worst = min(worst, len(text) + (1 if kind == "w" else 0))
    return worst


def _better(
    a: frozenset[Trigger] | None, b: frozenset[Trigger] | None
) -> frozenset[Trigger] | None:
    if a is None or (b is not None and _selectivity(b) > _selectivity(a)):
        return b
    return a


def _triggers(items: list[Any], start: int, bounded: bool) -> frozenset[Trigger] | None:
    """Triggers one of which every match of items[start:] contains; None if none is known.

    Every part that must match offers a set; the rarest is kept. `bounded`: the position
    before items[start] is the start of the text or a non-word character, so a literal
    word there starts a whole word of the text.
    """
    best: frozenset[Trigger] | None = None
    index = start
    while index < len(items):
        op, av = items[index]
        if op is sre_c.AT:
            if av in (sre_c.AT_BOUNDARY, sre_c.AT_BEGINNING, sre_c.AT_BEGINNING_STRING):
                bounded = True
            elif av is sre_c.AT_NON_BOUNDARY:
                bounded = False
            index += 1
            continue
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            bounded = bounded or _no_word_behind(op, av)
            index += 1
            continue
        if op is sre_c.LITERAL:
            end = index
            while end < len(items) and items[end][0] is sre_c.LITERAL:
                end += 1
            text = _literal_text([code for _, code in items[index:end]])
            if text is not None:
                if bounded and _WORD_CHAR.match(text[0]):
                    word_end = next(
                        (i for i, ch in enumerate(text) if not _WORD_CHAR.match(ch)), len(text)
                    )
                    best = _better(best, frozenset({("w", text[:word_end])}))
                else:
                    best = _better(best, frozenset({("s", text)}))
            # After a word character the next position is inside or at the end of a word.
            bounded = text is not None and not _WORD_CHAR.match(text[-1])
            index = end
            continue
        if _space_run(op, av):
            # After white space the next character starts a word; after no white space
            # at all, the position is the same as before.
            bounded = bounded or av[0] >= 1
            index += 1
            continue
        inner: frozenset[Trigger] | None = None
        optional = False
        if op is sre_c.SUBPATTERN:
            inner = _triggers(av[3].data, 0, bounded)
        elif op is sre_c.BRANCH:
            found = [_triggers(branch.data, 0, bounded) for branch in av[1]]
            known = [f for f in found if f is not None]
            if len(known) == len(found):
                inner = frozenset().union(*known)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            optional = av[0] == 0
            inner = _triggers(av[2].data, 0, bounded)
        spaced = _ends_in_space([items[index]] if not optional else av[2].data)
        if optional:
            # Either the optional part matched (and holds its trigger) or the rest starts
            # here; the rest must match in any case, at a word start only if both ways
            # leave it at one.
            rest = _triggers(items, index + 1, bounded)
            if inner is not None and rest is not None:
                best = _better(best, inner | rest)
            return _better(best, _triggers(items, index + 1, bounded and spaced))
        best = _better(best, inner)
        # What follows must still match, so its triggers hold too.
        bounded = spaced
        index += 1
    return best


def _bit_for(table: dict[str, int], key: str) -> int:
    if key not in table:
        table[key] = 1 << (len(_PREFIX_BIT) + len(_SUBSTRING_BIT))
    return table[key]


def _register(triggers: frozenset[Trigger] | None) -> int:
    """The bits standing for `triggers`; 0 means the branch can match anything."""
    if triggers is None:
        return 0
    bits = 0
    for kind, text in triggers:
        if kind == "w":
            bits |= _bit_for(_PREFIX_BIT, text)
            _PREFIX_LENGTHS.add(len(text))
            # A new prefix: words and texts read so far may miss it.
            _TOKEN_MASK.clear()
            _VIEWS.clear()
        else:
            bits |= _bit_for(_SUBSTRING_BIT, text)
            _VIEWS.clear()
    return bits


def _token_mask(token: str) -> int:
    mask = _TOKEN_MASK.get(token)
    if mask is None:
        mask = 0
        for length in _PREFIX_LENGTHS:
            if length <= len(token):
                mask |= _PREFIX_BIT.get(token[:length], 0)
        if len(_TOKEN_MASK) > _TOKEN_LIMIT:
            _TOKEN_MASK.clear()
        _TOKEN_MASK[token] = mask
    return mask


# Punctuation to blank out before str.split(), which is faster than findall(r"\w+").
_BLANK_OUT = str.maketrans(
    dict.fromkeys(
        list("!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~")
        + ["\u00a0", "\u2013", "\u2014", "\u2018", "\u2019", "\u201c", "\u201d", "\u2026"],
        " ",
    )
)


def _words(low: str) -> set[str]:
    """The set of `\\w+` runs of `low`."""
    words = set(low.translate(_BLANK_OUT).split())
    # A word holding anything else (an underscore, a rarer symbol) needs the regex.
    if all(word.isalnum() for word in words):
        return words
    return set(_WORD.findall(low))


def view(text: str) -> tuple[str | None, int]:
    """(lower-cased text, trigger bits present in it); (None, 0) when lower-casing is unsafe."""
    found = _VIEWS.get(text)
    if found is not None:
        return found
    low = text.lower()
    result: tuple[str | None, int] = (None, 0)
    if len(low) == len(text) and _UNSAFE[0] not in text and _UNSAFE[1] not in text:
        mask = 0
        known = _TOKEN_MASK
        for token in _words(low):
            bits = known.get(token)
            mask |= _token_mask(token) if bits is None else bits
        for sub, bit in _SUBSTRING_BIT.items():
            if sub in low:
                mask |= bit
        result = (low, mask)
    if len(_VIEWS) >= _VIEW_LIMIT:
        _VIEWS.clear()
    _VIEWS[text] = result
    return result


def _can_lower(source: str, flags: int) -> bool:
    """A case-insensitive pattern with no upper-case letter means the same on lower-case text."""
    if re.search(r"\(\?[a-zA-Z]*-[a-zA-Z]*i", source):
        return False  # "(?-i:...)" asks for case somewhere
    bare = re.sub(r"\\.|\(\?P[<=>]", "", source)  # escapes and named groups are no letters
    return bool(flags & re.IGNORECASE) and not re.search(r"[A-Z]", bare)


class _Live:
    """The branches of one `Rx` that can match texts with a given set of triggers."""

    __slots__ = ("branches", "lower", "runner", "seen")

    def __init__(self, branches: list[tuple[re.Pattern[str], bool]]) -> None:
        self.branches = branches
        lowers = {lower for _, lower in branches}
        self.lower = lowers.pop() if len(lowers) == 1 else None  # None: mixed, no runner
        self.runner: re.Pattern[str] | None = branches[0][0] if len(branches) == 1 else None
        self.seen = 0


_NONE_LIVE = _Live([])


class Rx:
    """A compiled alternation of `parts` that answers exactly like `re`, only faster."""

    def __init__(self, *parts: str, flags: int = 0) -> None:
        self.source = "|".join(parts)
        self.full = re.compile(self.source, flags)
        self._flags = flags
        # Running branches one by one would change which group is which, so a pattern
        # with groups stays one branch (and only gains the all-or-nothing trigger check).
        self._parts = list(parts) if self.full.groups == 0 else [self.source]
        self._branches: list[tuple[int, re.Pattern[str], bool]] = []
        self._mask = 0
        for part in self._parts:
            bits = _register(_triggers(sre_parse.parse(part, flags).data, 0, False))
            lower = _can_lower(part, flags)
            run_flags = flags & ~re.IGNORECASE if lower else flags
            self._branches.append((bits, re.compile(part, run_flags), lower))
            self._mask |= bits
        self._always = any(bits == 0 for bits, _, _ in self._branches)
        self._live_sets: dict[int, _Live] = {}

    @property
    def pattern(self) -> str:
        return self.source

    def _live(self, text: str) -> tuple[_Live, str, str] | None:
        """(the branches that can match `text`, the text, its lower case); None when
        lower-casing is unsafe and only the plain pattern will do."""
        low, mask = _VIEWS.get(text) or view(text)
        if low is None:
            return None
        key = mask & self._mask
        if not key and not self._always:
            return _NONE_LIVE, text, low  # the common case: no trigger word at all
        live = self._live_sets.get(key)
        if live is None:
            if len(self._live_sets) > 512:
                self._live_sets.clear()
            live = self._live_sets[key] = _Live(
                [
                    (branch, lower)
                    for bits, branch, lower in self._branches
                    if not bits or bits & key
                ]
            )
        elif live.runner is None and live.lower is not None:
            # A set of branches met again is worth one compiled alternation of just them.
            live.seen += 1
            if live.seen == 2:
                parts = [
                    part for part, (bits, _, _) in zip(self._parts, self._branches, strict=True)
                    if not bits or bits & key
                ]  # fmt: skip
                flags = self._flags & ~re.IGNORECASE if live.lower else self._flags
                live.runner = re.compile("|".join(parts), flags)
        return live, text, low

    def _first(self, live: _Live, text: str, low: str, pos: int = 0) -> re.Match[str] | None:
        """The leftmost match of the live branches from `pos`; the first branch wins a tie."""
        if live.runner is not None:
            return live.runner.search(low if live.lower else text, pos)
        best: re.Match[str] | None = None
        for branch, lower in live.branches:
            found = branch.search(low if lower else text, pos)
            if found is not None and (best is None or found.start() < best.start()):
                best = found
        return best

    def search(self, text: str) -> re.Match[str] | None:
        prepared = self._live(text)
        if prepared is None:
            return self.full.search(text)
        found = self._first(*prepared)
        if found is None:
            return None
        # Same position, original pattern and text: the very match re.search returns.
        return self.full.match(text, found.start()) or self.full.search(text)

    def test(self, text: str) -> bool:
        """Whether the pattern occurs in `text` (search without building the match)."""
        prepared = self._live(text)
        if prepared is None:
            return self.full.search(text) is not None
        live, text, low = prepared
        if live.runner is not None:
            return live.runner.search(low if live.lower else text) is not None
        return any(branch.search(low if lower else text) for branch, lower in live.branches)

    def match(self, text: str) -> re.Match[str] | None:
        prepared = self._live(text)
        if prepared is not None and not prepared[0].branches:
            return None
        return self.full.match(text)

    def count(self, text: str) -> int:
        """len(findall(text)): how many non-overlapping matches, leftmost first."""
        prepared = self._live(text)
        if prepared is None:
            return len(self.full.findall(text))
        live, text, low = prepared
        if live.runner is not None:
            return len(live.runner.findall(low if live.lower else text))
        total, pos = 0, 0
        while True:
            found = self._first(live, text, low, pos)
            if found is None:
                return total
            if found.end() == found.start():
                return len(self.full.findall(text))  # empty matches step on; let re do it
            total, pos = total + 1, found.end()

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        prepared = self._live(text)
        if prepared is None:
            return self.full.finditer(text)
        live, text, low = prepared
        if not live.branches:
            return iter(())
        if live.runner is None or not live.lower:
            return self.full.finditer(text)
        starts = [(m.start(), m.end()) for m in live.runner.finditer(low)]
        if any(start == end for start, end in starts):
            return self.full.finditer(text)  # empty matches step on; let re do it
        # Each match found on the lower-cased text, taken again from the original.
        found = [self.full.match(text, start) for start, _ in starts]
        matches = [m for m, span in zip(found, starts, strict=True) if m and m.span() == span]
        if len(matches) != len(found):
            return self.full.finditer(text)
        return iter(matches)


def rx(*parts: str) -> Rx:
    """A case-insensitive `Rx` of alternatives."""
    return Rx(*parts, flags=re.IGNORECASE)
