"""Sentences: the one rule for where a sentence ends, shared by ingest, the checks and the
readability measure."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? followed by white space, unless the next word starts in lower
# case ("e.g. the face", "approx. three days" go on) or the full stop ends a short form that
# names what follows ("e.g. SkinMedica", "Dr. Lee"). Clauses also end at a semicolon.
_SHORT_FORMS = "".join(
    rf"(?<!\b{re.escape(form)})"
    for form in ("e.g.", "i.e.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "vs.")
)
_SENTENCE_END = re.compile(rf"(?<=[.!?]){_SHORT_FORMS}\s+(?![a-z])")
_CLAUSE_END = re.compile(rf"(?<=[.!?;]){_SHORT_FORMS}\s+(?![a-z])")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, stripped, empty ones dropped."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def clauses(text: str) -> list[str]:
    """Like `sentences`, but a semicolon ends a clause too (for rules read per clause)."""
    return [part.strip() for part in _CLAUSE_END.split(text) if part.strip()]


def clause_bounds(text: str) -> list[tuple[int, int]]:
    """Where each clause of `clauses(text)` starts and ends in `text` (offsets), so a
    reader can tie what it found in the whole text to the clause it sits in."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in [*_CLAUSE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            bounds.append((start + lead, start + len(piece.rstrip())))
        if match:
            start = match.end()
    return bounds


def as_sentence(text: str) -> str:
    """One line of visible text (a heading, a list item) counted as one sentence: white space
    collapsed and a full stop added if it has no end mark."""
    text = " ".join(text.split())
    if not text:
        return ""
    return text if text[-1] in ".!?:" else text + "."
