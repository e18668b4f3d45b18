"""Sentences: the one rule for where a sentence ends, shared by ingest, the checks and the
readability measure."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? followed by white space, unless the next word starts in lower
# case ("e.g. the face", "approx. three days" go on). Clauses also end at a semicolon.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?![a-z])")
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+(?![a-z])")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, stripped, empty ones dropped."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def clauses(text: str) -> list[str]:
    """Like `sentences`, but a semicolon ends a clause too (for rules read per clause)."""
    return [part.strip() for part in _CLAUSE_END.split(text) if part.strip()]


def as_sentence(text: str) -> str:
    """One line of visible text (a heading, a list item) counted as one sentence: white space
    collapsed and a full stop added if it has no end mark."""
    text = " ".join(text.split())
    if not text:
        return ""
    return text if text[-1] in ".!?:" else text + "."
