"""Run every stage on one document: read, clean, classify, find FAQs, spans and restrictions."""

from __future__ import annotations

import os
import re
from pathlib import Path

from carepages.model.sections import Section
from carepages.model.text import clause_bounds

from . import claims, clean
from .classify import classify, is_call_us, mark_headings
from .faq import find_faq
from .model import NOISE, Block, Clause, Document, FactHit, TimeSpan
from .neutral import shown_name
from .readers import READ_EXTENSIONS, ReadError, read_bytes, read_path
from .restrictions import find_restrictions, is_avoid
from .spans import find_spans
from .textre import Rx, rx
from .vocabulary import BUILT_IN_VOCABULARY, Vocabulary

_FACTS: list[tuple[str, Rx]] = [
    ("redness", rx(r"\bred(?:ness)?\b|\bpink(?:ness)?\b|\binflammat")),
    ("swelling", rx(r"\bswell")),
    ("peeling", rx(r"\bpeel(?:ing)?\b|\bflak|\bdry(?:ness)?\b")),
    ("bruising", rx(r"\bbruis")),
    ("results", rx(r"\bresults?\b.{0,40}\b(?:visible|see|appear|show)|\bimprovements?\b")),
]
_HOW_OFTEN = rx(
    r"\bevery\s+(?:\w+(?:\s*(?:-|\u2013|to|or)\s*\w+)?)\s+(?:weeks|months|years)\b|\bonce\s+a\s+(?:month|year)\b|"
    r"\b(?:one|a)\s+session\s+a\s+month\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s*(?:-|\u2013|to)\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten))?\s+(?:sessions|treatments)\b",
)
_VAGUE = rx(
    r"\b(?:within\s+|for\s+|in\s+|up\s+to\s+)?(?:a\s+few|several|some|a\s+couple\s+of)\s+(?:hours|days|weeks|months)\b",
)
_COVERS = rx(r"\b(?:makeup|cover)\b")


def ingest_path(
    path: Path, display: str | None = None, vocabulary: Vocabulary = BUILT_IN_VOCABULARY
) -> Document:
    """Ingest one file; raises ReadError with a one-line reason when it cannot be read."""
    blocks, title, encoding = read_path(path)
    return ingest_blocks(blocks, title, display or str(path), encoding, vocabulary)


def ingest_data(
    data: bytes, suffix: str, source: str, vocabulary: Vocabulary = BUILT_IN_VOCABULARY
) -> Document:
    blocks, title, encoding = read_bytes(data, suffix)
    return ingest_blocks(blocks, title, source, encoding, vocabulary)


def ingest_blocks(
    blocks: list[Block],
    title_hint: str,
    source: str,
    encoding: str,
    vocabulary: Vocabulary = BUILT_IN_VOCABULARY,
) -> Document:
    if not blocks:
        raise ReadError("no text found in the document")
    mark_headings(blocks)
    title = title_hint if title_hint and not _CAPTURE_HEADER.match(title_hint) else ""
    title = title or _first_title(blocks)
    for block in blocks:
        block.text = clean.strip_glued_title(block.text, title)
    classify(blocks, title)
    doc = Document(
        source=source, title=title or Path(source).stem, blocks=blocks, encoding=encoding
    )
    header = next((b.text for b in blocks[:3] if _CAPTURE_HEADER.match(b.text)), "")
    doc.url = header.split(":", 1)[1].strip() if header else ""
    doc.faq = find_faq(blocks)
    read_clauses(blocks)
    doc.timeline = timeline_of(blocks)
    doc.restrictions, doc.vague_restrictions, doc.untimed_restrictions = find_restrictions(
        blocks, vocabulary
    )
    doc.facts = facts_of(blocks)
    return doc


_DO = rx(
    r"^(?:\w+,\s+)?(?:use|apply|wash|keep|wear|drink|sleep|cleanse|moisturi[sz]e|pat|protect|"
    r"follow|stick|try|continue|bring|tell|arrive|come|tie|let|allow|take|begin|start)\b",
)


def read_clauses(blocks: list[Block]) -> None:
    """Split every block into clauses and find the spans in it, once: the timeline, the
    restrictions and the facts read `block.clauses`; a draft adds what `annotate` finds."""
    for block in blocks:
        if block.section == NOISE:
            block.clauses = []
            continue
        found = find_spans(
            block.text,
            before_context=block.section == Section.PREPARATION,
            label=is_label(block),
            during=block.section == Section.DURING,
        )
        bounds = clause_bounds(block.text) or [(0, len(block.text))]
        block.clauses = [Clause(block.text[a:b], a) for a, b in bounds]
        for span in found:
            # A span belongs to the clause it starts in (its phrase may begin a little
            # earlier, with the word that ties it: "for", "after").
            index = max((i for i, (a, _) in enumerate(bounds) if a <= span.offset), default=0)
            block.clauses[index].spans.append(span)


def annotate(doc: Document) -> None:
    """What a draft needs to know of each clause (a bullet's kind, filler, claims, a warning
    sign), read once per document; `--json` and the timeline never need it."""
    if doc.annotated:
        return
    for block in doc.blocks:
        if block.section == NOISE:
            continue
        for clause in block.clauses:
            text = clause.text
            clause.kind = "avoid" if is_avoid(text) else "do" if _DO.test(text) else "notice"
            clause.filler = clean.filler_reason(text)
            clause.claims = claims.find_claims(text)
            clause.call_us = is_call_us(text)
    doc.annotated = True


_CAPTURE_HEADER = re.compile(r"^(?:url|source|retrieved\s+from):\s*https?://\S+$", re.I)


def _first_title(blocks: list[Block]) -> str:
    for block in blocks[:3]:
        if block.kind == "heading" and not _CAPTURE_HEADER.match(block.text):
            return block.text
    return blocks[0].text[:100] if blocks else ""


def is_label(block: Block) -> bool:
    return block.kind == "heading" or block.label or bool(re.match(r"^[^.!?]{1,30}:", block.text))


def timeline_of(blocks: list[Block]) -> list[TimeSpan]:
    spans: list[TimeSpan] = []
    seen: set[tuple[int, float, float | None]] = set()
    for block in blocks:
        if block.section == NOISE:
            continue
        for found in (span for clause in block.clauses for span in clause.spans):
            key = (block.line, found.start_hours, found.end_hours)
            if key in seen:
                continue
            seen.add(key)
            spans.append(TimeSpan(found.text, found.start_hours, found.end_hours, block.line))
    return spans


def facts_of(blocks: list[Block]) -> list[FactHit]:
    hits: list[FactHit] = []
    previous_topics: set[str] = set()
    for block in blocks:
        if block.section in (NOISE, Section.PREPARATION):
            continue
        topics = {topic for topic, pattern in _FACTS if pattern.test(block.text)}
        if not topics and re.match(r"^(?:\w+,\s+)?(?:this|it|these|they)\b", block.text, re.I):
            topics = previous_topics  # "Generally, this lasts for..." speaks of the block before
        previous_topics = topics
        for clause in block.clauses:
            sentence = clause.text
            for match in _HOW_OFTEN.finditer(sentence):
                hits.append(FactHit("how often", match.group(0), None, None, block.line))
            for topic, pattern in _FACTS:
                if topic not in topics or not (pattern.test(sentence) or len(topics) == 1):
                    continue
                if topic == "redness" and _COVERS.test(sentence):
                    continue
                for found in clause.spans:
                    if found.start_hours >= 0 and found.end_hours is not None:
                        hits.append(
                            FactHit(
                                topic, found.text, found.start_hours, found.end_hours, block.line
                            )
                        )
                vague = _VAGUE.search(sentence)
                if vague:
                    hits.append(FactHit(topic, vague.group(0), None, None, block.line))
    return hits


FOLDER_NOTES = frozenset({"readme", "index"})
SKIPPED_LINK = "skipped: a link to another place (give the file itself)"


def expand_sources(paths: list[str]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to ingest (path, name as shown) and one error line per argument that is
    unusable. Links are never followed (a document folder may hold a link to any file on
    the computer); each is named on a line of its own. Names are shown as escapes where
    they hold line breaks or invisible characters."""
    files: list[tuple[Path, str]] = []
    errors: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_symlink():
            errors.append(f"{shown_name(given)}: {SKIPPED_LINK}")
        elif path.is_dir():
            found: list[Path] = []
            for top, folders, names in os.walk(path, followlinks=False):
                folders.sort()
                for name in [*folders, *names]:
                    entry = Path(top, name)
                    if name.startswith("."):
                        continue
                    if entry.is_symlink():
                        errors.append(f"{shown_name(str(entry))}: {SKIPPED_LINK}")
                    elif (
                        name in names
                        and entry.suffix.lower() in READ_EXTENSIONS
                        # A folder's README or INDEX describes the documents; it is not one of them.
                        and entry.stem.lower() not in FOLDER_NOTES
                    ):
                        found.append(entry)
                folders[:] = [f for f in folders if not f.startswith(".")]
            if not found:
                errors.append(f"{shown_name(given)}: no .txt, .md or .html files in this folder")
            files.extend((p, shown_name(str(p))) for p in sorted(found))
        elif path.exists():
            files.append((path, shown_name(given)))
        else:
            errors.append(f"{shown_name(given)}: no such file or folder")
    return files, errors
