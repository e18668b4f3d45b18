"""Write `drafts/<slug>/`: a treatment folder in the content format, marked draft, written
atomically and validated by the content schema before it appears."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from carepages.checks.restrictions import check_restrictions
from carepages.model.activities import BUILT_IN
from carepages.model.sections import Section
from carepages.source.content import Shown, load_treatment

from . import classify
from .model import Block, Document, TimeSpan
from .neutral import ENTITIES, inert
from .reconcile import Conflict

TODO_REVIEWER = "TODO: the clinician who reviewed this page"


class DraftError(Exception):
    """A draft that cannot be written; the message is the one line a user sees."""


# --- making source text safe ------------------------------------------------------------------


def safe_text(text: str) -> str:
    """Plain text for a draft: no markup, no Jinja, no Markdown syntax from a source."""
    return inert(text)


def _provenance(where: str) -> str:
    """Where a paragraph came from, as a Markdown reference definition: the editor sees it,
    neither Jinja nor the published page does."""
    escaped = "".join(ENTITIES.get(c) or ("\\" + c if c in "\\()" else c) for c in where)
    return f"[//]: # (source: {escaped})"


def _md_line(text: str) -> str:
    """A paragraph that Markdown will not read as a heading, list or code block."""
    text = safe_text(text)
    if re.match(r"^(?:#|[-*+>=]|\d+[.)])", text):
        text = "\\" + text
    return text


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _slugify(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    slug = slug[:limit].rstrip("-")
    return slug or "item"


def _hours(value: float, up: bool) -> int:
    return int(math.ceil(value) if up else math.floor(value))


# --- the pieces of a draft ---------------------------------------------------------------------


def _source_ids(docs: list[Document]) -> dict[str, str]:
    return {doc.source: f"s{index}" for index, doc in enumerate(docs, start=1)}


def _where(doc: Document, line: int) -> str:
    return f"{doc.source}:{line}"


def render_index(title: str, docs: list[Document]) -> str:
    out = ["---", f"title: {_yaml(title)}", "status: draft", "---", "", f"# {safe_text(title)}", ""]
    out.append("<!-- TODO: rewrite every paragraph below in the clinic's own plain words. -->")
    out = out[:-1]  # HTML comments would reach the page; the TODO lives in the front matter.
    for section in Section:
        out += [f"## {section.label} {{: #{section} }}", ""]
        wrote = False
        for doc in docs:
            items: list[Block] = []
            for block in doc.blocks:
                if block.section != section or block.why == "title":
                    if items:
                        out += _list(doc, items)
                        items = []
                    continue
                if block.kind == "item":
                    items.append(block)
                    continue
                if items:
                    out += _list(doc, items)
                    items = []
                body = _md_line(block.text)
                if block.kind == "heading":
                    body = f"**{body}**"
                out += [_provenance(_where(doc, block.line)), body, ""]
                wrote = True
            if items:
                out += _list(doc, items)
                wrote = True
        if not wrote:
            out += [
                f"TODO: no source says anything about this section ({section.label.lower()}).",
                "",
            ]
    out += ["{{ when_to_call() }}", ""]
    return "\n".join(out)


def _list(doc: Document, items: list[Block]) -> list[str]:
    lines = [_provenance(_where(doc, items[0].line)), ""]
    lines += [f"- {safe_text(item.text)}" for item in items]
    return [*lines, ""]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


_DO = re.compile(
    r"^(?:use|apply|wash|keep|wear|drink|sleep|cleanse|moisturi[sz]e|pat|protect|follow|stick|try)\b",
    re.I,
)
_AVOID = re.compile(
    r"\b(?:avoid|don[\u2019']?t|do\s+not|no|skip|steer\s+clear|stay\s+out|refrain|resist)\b", re.I
)


def build_steps(docs: list[Document]) -> list[dict[str, object]]:
    """Merge the spans found into non-overlapping timeline steps."""
    entries: list[tuple[int, int | None, str, str, str]] = []  # start, end, kind, text, where
    for doc in docs:
        by_line: dict[int, Block] = {b.line: b for b in doc.blocks}
        for span in doc.timeline:
            block = by_line.get(span.line)
            if block is None or block.section not in ("preparation", "during", "after"):
                continue
            start, end = _step_bounds(span)
            for sentence in _sentences(block.text) if block.kind != "heading" else []:
                kind = (
                    "avoid"
                    if _AVOID.search(sentence)
                    else "do"
                    if _DO.match(sentence)
                    else "notice"
                )
                entries.append((start, end, kind, sentence, _where(doc, block.line)))
    if not entries:
        return [
            {
                "title": "Day 1",
                "start_hours": 0,
                "end_hours": 24,
                "notice": [("TODO: no source gives a timeline; add what to expect", "")],
                "do": [],
                "avoid": [],
            }
        ]
    bounds = sorted({e[0] for e in entries} | {e[1] for e in entries if e[1] is not None})
    if len(bounds) > 9:
        keep = {bounds[0], bounds[-1], 0, 24, 72, 168, 336, 672}
        bounds = sorted(b for b in bounds if b in keep or b < 0)
    open_start = min((e[0] for e in entries if e[1] is None), default=None)
    windows: list[tuple[int, int | None]] = [
        (a, b)
        for a, b in zip(bounds, bounds[1:], strict=False)
        if open_start is None or b <= open_start
    ]
    if open_start is not None:
        last = max([b for _, b in windows if b is not None] + [open_start])
        windows.append((last, None))
    steps: list[dict[str, object]] = []
    for start, end in windows:
        step: dict[str, object] = {
            "title": _step_title(start, end),
            "start_hours": start,
            "end_hours": end,
            "notice": [],
            "do": [],
            "avoid": [],
        }
        seen: set[str] = set()
        for e_start, e_end, kind, text, where in entries:
            overlaps = (e_end is None or e_end > start) and (end is None or e_start < end)
            # Each sentence goes to the step where its span starts, so it is not repeated.
            first = e_start >= start and (end is None or e_start < end)
            if overlaps and first and text not in seen:
                seen.add(text)
                step[kind].append((text, where))  # type: ignore[attr-defined]
        if step["notice"] or step["do"] or step["avoid"]:
            steps.append(step)
    return steps or build_steps([])


def _step_bounds(span: TimeSpan) -> tuple[int, int | None]:
    start = _hours(span.start_hours, up=False)
    end = None if span.end_hours is None else _hours(span.end_hours, up=True)
    if end is not None and end <= start:
        end = start + 1
    return max(start, -8760), None if end is None else min(end, 8760)


def _step_title(start: int, end: int | None) -> str:
    if end is not None and end <= 0:
        if end == 0:
            return f"The {_amount(-start)} before"
        return f"{_amount(-start)} to {_amount(-end)} before".capitalize()
    if end is None:
        if start % 168 == 0 and start:
            return f"Week {start // 168 + 1} onwards"
        return f"Day {start // 24 + 1} onwards" if start % 24 == 0 else f"From {start} hours"
    if start % 168 == 0 and end % 168 == 0 and end - start >= 168 and start >= 168:
        first, last = start // 168 + 1, end // 168
        return f"Week {first}" if first == last else f"Weeks {first} to {last}"
    if start % 24 == 0 and end % 24 == 0:
        first, last = start // 24 + 1, end // 24
        return f"Day {first}" if first == last else f"Days {first} to {last}"
    return f"Hours {start} to {end}"


def _amount(hours: int) -> str:
    for size, unit in ((8760, "year"), (720, "month"), (168, "week"), (24, "day"), (1, "hour")):
        if hours % size == 0 and hours >= size:
            count = hours // size
            return f"{count} {unit}{'s' if count != 1 else ''}" if count != 1 else unit
    return f"{hours} hours"


def build_restrictions(docs: list[Document]) -> list[tuple[str, list[tuple[int, int]], list[str]]]:
    """Per activity, the most cautious spans any source gives, with where each came from."""
    known = [a.id for a in BUILT_IN]
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    where: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        for hit in doc.restrictions:
            if hit.activity not in known or hit.start_hours is None or hit.end_hours is None:
                continue
            start = _hours(hit.start_hours, up=False)
            end = _hours(hit.end_hours, up=True)
            if end <= 0:
                before[hit.activity] = min(before.get(hit.activity, 0), start)
            else:
                after[hit.activity] = max(after.get(hit.activity, 0), end)
            where[hit.activity].append(f"{_where(doc, hit.line)} ({start} to {end} h)")
    out = []
    for activity in known:
        spans: list[tuple[int, int]] = []
        if before.get(activity, 0) < 0:
            spans.append((max(before[activity], -8760), 0))
        if after.get(activity, 0) > 0:
            spans.append((0, min(after[activity], 8760)))
        if spans:
            out.append((activity, spans, where[activity]))
    return out


def _summary(docs: list[Document]) -> str:
    candidates = [
        b for d in docs for b in d.blocks
        if b.section == "what-it-is" and b.kind == "para" and len(b.text) >= 40 and not b.promotion
    ]  # fmt: skip
    # A definition ("X is a treatment that...") makes the best summary.
    candidates.sort(key=lambda b: -classify.text_scores(b.text)["what-it-is"])
    if candidates:
        for block in candidates[:1]:
            text = ""
            for sentence in _sentences(safe_text(block.text)):
                if len(text) + len(sentence) + 1 > 290:
                    break
                text = f"{text} {sentence}".strip()
            if len(text) >= 20:
                return text
    return "TODO: one or two plain sentences that say what this treatment is."


def _call_us(docs: list[Document]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for doc in docs:
        for block in doc.blocks:
            if block.section != "risks":
                continue
            if block.kind == "heading":
                continue
            for sentence in _sentences(block.text):
                if classify.is_call_us(sentence) and re.search(r"\bif\b|\bsigns?\s+of\b", sentence):
                    found.append((safe_text(sentence), _where(doc, block.line)))
    return found or [("TODO: say when a patient should call the clinic", "")]


def render_treatment(title: str, docs: list[Document], conflicts: list[Conflict]) -> str:
    ids = _source_ids(docs)
    today = dt.date.today().isoformat()
    out = [
        "# Draft written by `carepages ingest`: check every value against the sources.",
        f"title: {_yaml(title)}",
        f"summary: {_yaml(_summary(docs))}",
        "status: draft",
        f"reviewed_by: {_yaml(TODO_REVIEWER)}",
        "# TODO: set the date a clinician reviewed this page",
        f"last_reviewed: {today}",
        "sources:",
    ]
    for doc in docs:
        sections = sorted({b.section for b in doc.blocks if b.section in set(Section)})
        if doc.faq:
            sections.append("faq")
        if doc.timeline:
            sections.append("timeline")
        out += [
            f"  - id: {ids[doc.source]}",
            f"    title: {_yaml(safe_text(doc.title)[:200] or doc.source)}",
            f"    origin: {_yaml(doc.source)}",
            f"    sections: {json.dumps(sections or ['what-it-is'])}",
        ]
    disagreements = [c for c in conflicts if len({v.source for v in c.values}) >= 2]
    if disagreements:
        out += ["source_notes:", "  disagreements:"]
        for conflict in disagreements:
            out += [
                f"    - topic: {_yaml(conflict.topic)}",
                f"      published: {_yaml('TODO: the one cautious answer the clinic publishes')}",
                "      sources_say:",
            ]
            for value in conflict.values:
                said = f"{ids.get(value.source, value.source)} line {value.line}: {safe_text(value.text)}"
                out.append(f"        - {_yaml(said[:400])}")
    out.append("call_us_if:")
    for text, where in _call_us(docs):
        if where:
            out.append(f"  # source: {where}")
        out.append(f"  - {_yaml(text)}")
    out.append("timeline:")
    for step in build_steps(docs):
        out += [
            f"  - title: {_yaml(str(step['title']))}",
            f"    start_hours: {step['start_hours']}",
            f"    end_hours: {'null' if step['end_hours'] is None else step['end_hours']}",
        ]
        for key in ("notice", "do", "avoid"):
            entries = step[key]
            if not entries:
                out.append(f"    {key}: []")
                continue
            out.append(f"    {key}:")
            for text, where in entries:  # type: ignore[attr-defined]
                if where:
                    out.append(f"      # source: {where}")
                out.append(f"      - {_yaml(safe_text(text))}")
    restrictions = build_restrictions(docs)
    out.append("restrictions:" if restrictions else "restrictions: []")
    for activity, spans, places in restrictions:
        out.append(f"  - activity: {activity}")
        for place in places:
            out.append(f"    # source: {place}")
        out.append("    spans:")
        out += [f"      - {{start_hours: {a}, end_hours: {b}}}" for a, b in spans]
    return "\n".join(out) + "\n"


def render_faq(slug: str, docs: list[Document]) -> str:
    out = ["questions:"]
    seen_ids: set[str] = set()
    seen_questions: set[str] = set()
    count = 0
    for doc in docs:
        for item in doc.faq:
            question = safe_text(item.question)
            key = re.sub(r"\W+", " ", question.lower()).strip()
            if key in seen_questions or not question.endswith("?"):
                continue
            seen_questions.add(key)
            base = f"{slug}-{_slugify(question)}"
            qid, n = base, 2
            while qid in seen_ids:
                qid, n = f"{base}-{n}", n + 1
            seen_ids.add(qid)
            answer = "\n".join(
                ("- " + safe_text(line[2:])) if line.startswith("- ") else _md_line(line)
                for line in item.answer.split("\n")
            )
            out += [
                f"  # source: {_where(doc, item.line)}",
                f"  - id: {qid}",
                f"    topic: {item.topic}",
                f"    question: {_yaml(question)}",
                f"    answer: {_yaml(answer or 'TODO: answer this question')}",
            ]
            count += 1
    if not count:
        out += [
            f"  - id: {slug}-todo",
            "    topic: general",
            f"    question: {_yaml('TODO: which questions do patients ask?')}",
            f"    answer: {_yaml('TODO: no source has questions and answers; add them here.')}",
        ]
    return "\n".join(out) + "\n"


def render_conflicts(title: str, docs: list[Document], conflicts: list[Conflict]) -> str:
    ids = _source_ids(docs)
    out = [f"# Where the sources disagree: {safe_text(title)}", ""]
    out.append(
        "Each topic lists what every source says, with the file and line. Publish one cautious "
        "answer and record the disagreement under `source_notes` in treatment.yml."
    )
    out.append("")
    if not conflicts:
        out += ["The sources agree on every activity and fact that was found.", ""]
    for conflict in conflicts:
        kind = "Activity" if conflict.kind == "activity" else "Fact"
        out += [f"## {kind}: {conflict.topic}", ""]
        for value in conflict.values:
            when = _when(value.start_hours, value.end_hours)
            sid = ids.get(value.source, "")
            out.append(f"- {sid} `{value.source}:{value.line}` ({when}): {safe_text(value.text)}")
        out.append("")
    return "\n".join(out)


def _when(start: float | None, end: float | None) -> str:
    if start is None and end is None:
        return "no number given"
    if end is None:
        return f"from {start:g} h, open-ended"
    return f"{start:g} to {end:g} h"


RECOVERY = "# Recovery\n\n{{ timeline() }}\n\n{{ activity_table() }}\n"
FAQ_PAGE = "# Questions\n\n{{ faq() }}\n"


def write_draft(
    docs: list[Document], conflicts: list[Conflict], slug: str, drafts: Path, force: bool = False
) -> Path:
    """Write drafts/<slug>/ atomically; returns the folder. Raises DraftError."""
    drafts = drafts.resolve()
    content = (Path.cwd() / "content").resolve()
    if drafts == content or content in drafts.parents:
        raise DraftError("refusing to write a draft into content/")
    target = drafts / slug
    if target.exists() and not force:
        raise DraftError(
            f"{target} already exists: add --force (make ingest FORCE=1) to replace it"
        )
    title = slug.replace("-", " ").capitalize()
    files = {
        "index.md": render_index(title, docs),
        "treatment.yml": render_treatment(title, docs, conflicts),
        "faq.yml": render_faq(slug, docs),
        "recovery.md": RECOVERY,
        "faq.md": FAQ_PAGE,
        "conflicts.md": render_conflicts(title, docs, conflicts),
    }
    try:
        drafts.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{slug}.", dir=drafts))
    except OSError as exc:
        raise DraftError(f"cannot create {drafts}: {exc.strerror}") from exc
    try:
        folder = staging / slug
        folder.mkdir()
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        problems = validate_draft(folder)
        if problems:
            raise DraftError(f"the draft does not validate: {problems[0]}")
        old = None
        if target.exists():
            old = staging / "replaced"
            os.replace(target, old)
        os.replace(folder, target)
    except OSError as exc:
        raise DraftError(f"cannot write {target}: {exc.strerror}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def validate_draft(folder: Path) -> list[str]:
    """Problems (as `file:line: message`) the content loader finds in a draft folder."""
    data, _, problems = load_treatment(folder, Shown(folder))
    if data is not None:
        problems += check_restrictions(data, {a.id: a for a in BUILT_IN})
    return [str(p) for p in problems if p.severity == "error"]
