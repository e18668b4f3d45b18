"""Score drafts against the independent labels in lab/eval/labels: how much of the sources a
draft keeps, how many facts it merges, which claims it flags and which restriction values it
proposes.

Each figure is defined here once:
- words: prose of the draft (overview bullets; summary, timeline, warning signs and
  restriction wording; questions and answers), comments, source lists and review notes
  (source_notes) left out, divided by the words of the source documents.
- a multi-source fact is merged when one item of the draft cites lines of two or more of the
  files the labeller lists for it; it is kept whole when that item cites every one of those
  files that the draft cites at all.
- a must-keep fact is kept when an item of the draft cites one of its lines and shares a
  content word with the labeller's wording of the fact.
- items are the overview bullets, the timeline bullets, the warning signs, the questions,
  the restrictions and the disagreements.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from carepages.ingest.draft import Draft, build_draft
from carepages.ingest.merge import Merged, Where, merge
from carepages.ingest.model import NOISE, Document
from carepages.ingest.pipeline import ingest_path
from carepages.ingest.reconcile import reconcile
from carepages.ingest.similar import SAME_FACT, Keys, similarity
from carepages.ingest.vocabulary import BUILT_IN_VOCABULARY
from carepages.model.activities import BUILT_IN
from carepages.model.sections import Section

LABELS = Path(__file__).resolve().parent / "eval" / "labels"
ACTIVITIES = {a.id: a for a in BUILT_IN}
TODAY = dt.date(2026, 12, 1)


@dataclass
class Item:
    kind: str  # overview, timeline, call-us, question, restriction, disagreement
    text: str
    where: list[Where]
    group: str = ""  # items compared for duplicates share a group


@dataclass
class Figures:
    name: str
    documents: int = 0
    source_words: int = 0
    overview_words: int = 0
    draft_words: int = 0
    merged_facts: int = 0  # items that cite two or more sources
    duplicates_own: int = 0
    multi_total: int = 0
    multi_merged: int = 0
    multi_whole: int = 0
    keep_total: int = 0
    keep_kept: int = 0
    claims_labelled: int = 0
    claims_flagged: int = 0
    claims_as_noise: int = 0
    claims_kind_right: int = 0
    flagged_total: int = 0
    flagged_unlabelled: int = 0
    restrictions_labelled: int = 0
    restrictions_right: int = 0
    merge_seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def ratio(self, a: int, b: int) -> float:
        return a / b if b else 1.0

    def as_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "misses"}
        out["overview_share"] = round(self.ratio(self.overview_words, self.source_words), 3)
        out["draft_share"] = round(self.ratio(self.draft_words, self.source_words), 3)
        out["multi_merged_share"] = round(self.ratio(self.multi_merged, self.multi_total), 3)
        out["keep_share"] = round(self.ratio(self.keep_kept, self.keep_total), 3)
        return out


def _count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+(?:['\u2019][a-z]+)?", text))


def _words(text: str) -> int:
    """Words of prose; a TODO placeholder is a note to the editor, not prose."""
    return 0 if text.startswith("TODO") else _count(text)


def prose_words(draft: Draft) -> tuple[int, int]:
    """(overview words, whole draft words), prose only."""
    overview = 0
    body = draft.pages["index.md"].split("\n---\n", 1)[-1]
    for line in body.splitlines():
        if line.startswith(("[//]:", "{{", "#", "TODO")) or not line.strip():
            continue
        overview += _words(line)
    t = draft.treatment
    rest = _words(t.summary)
    for step in t.timeline:
        rest += _words(step.title) + sum(_words(x) for x in [*step.notice, *step.do, *step.avoid])
    rest += sum(_words(s.text) for s in t.call_us_if)
    rest += sum(_words(r.what) + _words(r.why) for r in t.restrictions)
    rest += sum(_words(q.question) + _words(q.answer) for q in draft.faq.questions)
    return overview, overview + rest


def items(merged: Merged) -> list[Item]:
    out: list[Item] = []
    for fact in merged.facts:
        if fact.place == "overview":
            out.append(Item("overview", fact.text, fact.where, f"overview:{fact.section}"))
        elif fact.place == "summary":
            out.append(Item("summary", fact.text, fact.where, "summary"))
        elif fact.place == "call-us":
            out.append(Item("call-us", fact.text, fact.where, "call-us"))
    for step in merged.steps:
        for kind in ("notice", "do"):
            for fact in getattr(step, kind):
                out.append(Item("timeline", fact.text, fact.where, f"step:{step.id}:{kind}"))
    for question in merged.questions:
        text = question.question + " " + (question.answers[0].text if question.answers else "")
        out.append(Item("question", text, question.where, "questions"))
    for restriction in merged.restrictions:
        label = ACTIVITIES.get(restriction.activity)
        text = " ".join([label.label if label else restriction.activity, *restriction.what])
        out.append(Item("restriction", text, [v.where for v in restriction.values]))
    for disagreement in merged.disagreements:
        text = disagreement.topic + " " + " ".join(t for _, t in disagreement.sources_say)
        out.append(Item("disagreement", text, [w for w, _ in disagreement.sources_say]))
    return out


def _place(names: list[str], where: Where) -> str:
    return f"{names[where.doc - 1]}:{where.line}"


def score_facts(figures: Figures, merged: Merged, names: list[str], labels: dict) -> None:
    found = items(merged)
    cited = [({_place(names, w) for w in item.where}, item) for item in found]
    keys = Keys(BUILT_IN_VOCABULARY, merged.title)
    for fact in labels.get("multi_source") or []:
        where = set(fact["where"])
        files = {w.split(":")[0] for w in where}
        if len(files) < 2:
            continue
        figures.multi_total += 1
        best = max(
            (len({p.split(":")[0] for p in places & where}) for places, _ in cited), default=0
        )
        anywhere = {p.split(":")[0] for places, _ in cited for p in places & where}
        if best >= 2:
            figures.multi_merged += 1
            if best >= len(anywhere):
                figures.multi_whole += 1
        else:
            figures.misses.append(f"multi-source fact not merged: {fact['id']}")
    by_id = {f["id"]: f for f in labels.get("multi_source") or []}
    for entry in labels.get("must_keep") or []:
        fact = by_id.get(entry.get("same_as", ""), entry)
        where = set(fact["where"])
        words = set(keys.key(fact["fact"]).split())
        figures.keep_total += 1
        if any(places & where and words & set(keys.key(i.text).split()) for places, i in cited):
            figures.keep_kept += 1
        else:
            figures.misses.append(f"must-keep fact lost: {entry['id']}")
    figures.merged_facts = sum(1 for item in found if len({w.doc for w in item.where}) >= 2)
    groups: dict[str, list[Item]] = {}
    for item in found:
        if item.group:
            groups.setdefault(item.group, []).append(item)
    for group in groups.values():
        group_keys = [keys.key(i.text) for i in group]
        for a in range(len(group)):
            for b in range(a + 1, len(group)):
                if similarity(group_keys[a], group_keys[b]) >= SAME_FACT:
                    figures.duplicates_own += 1


def score_claims(
    figures: Figures, merged: Merged, docs: list[Document], names: list[str], labels: dict
) -> None:
    flagged: dict[str, set[str]] = {}
    for item in merged.flagged:
        flagged.setdefault(_place(names, item.where), set()).update(c.kind for c in item.claims)
    noise = {
        f"{names[n]}:{b.line}" for n, d in enumerate(docs) for b in d.blocks if b.section == NOISE
    }
    filler = {
        f"{names[n]}:{b.line}"
        for n, d in enumerate(docs)
        for b in d.blocks
        if b.clauses and all(c.filler for c in b.clauses)
    }
    labelled_lines: set[str] = set()
    for claim in labels.get("claims") or []:
        where = claim["where"]
        labelled_lines.add(where)
        figures.claims_labelled += 1
        if where in flagged:
            figures.claims_flagged += 1
            if claim["kind"] in flagged[where]:
                figures.claims_kind_right += 1
        elif where in noise or where in filler:
            figures.claims_as_noise += 1
        else:
            figures.misses.append(f"claim kept as content: {where} ({claim['kind']})")
    figures.flagged_total += len(flagged)
    figures.flagged_unlabelled += len(set(flagged) - labelled_lines)
    for place in sorted(set(flagged) - labelled_lines):
        figures.misses.append(
            f"flagged, not labelled: {place} ({', '.join(sorted(flagged[place]))})"
        )


def score_restrictions(figures: Figures, merged: Merged, labels: dict) -> None:
    proposed = {r.activity: r for r in merged.restrictions}
    for activity, entry in labels.items():
        if not isinstance(entry, dict) or activity == "other":
            continue
        after = entry.get("cautious") or entry.get("cautious_medium")
        before = entry.get("cautious_before") or entry.get("cautious_medium_before")
        ours = proposed.get(activity)
        if activity == "medication":
            figures.restrictions_labelled += 1
            if ours is None:
                figures.restrictions_right += 1
            else:
                figures.misses.append("restriction proposed for medicines")
            continue
        expected_after = after.get("end_hours") if isinstance(after, dict) else None
        starts = []
        if isinstance(before, dict):
            # One before-rule, or several named ones (injections, hair removal): the earliest.
            nested = [v for v in before.values() if isinstance(v, dict)]
            starts = [before.get("start_hours")] + [v.get("start_hours") for v in nested]
        expected_before = min((s for s in starts if s is not None), default=None)
        got_after = ours.after if ours else None
        got_before = ours.before if ours else None
        figures.restrictions_labelled += 1
        if got_after == expected_after:
            figures.restrictions_right += 1
        else:
            figures.misses.append(
                f"restriction {activity} after: proposed {got_after}, labelled {expected_after}"
            )
        if expected_before is not None or got_before is not None:
            figures.restrictions_labelled += 1
            if got_before == expected_before:
                figures.restrictions_right += 1
            else:
                figures.misses.append(
                    f"restriction {activity} before: proposed {got_before}, labelled {expected_before}"
                )


def draft_of(paths: list[Path], slug: str) -> tuple[list[Document], Merged, Draft, float]:
    docs = [ingest_path(p, p.name) for p in paths]
    started = time.perf_counter()
    merged = merge(docs, reconcile(docs), BUILT_IN_VOCABULARY, BUILT_IN)
    seconds = time.perf_counter() - started
    return docs, merged, build_draft(merged, slug, ACTIVITIES, TODAY), seconds


def figures_for(name: str, paths: list[Path], slug: str, prefix: str | None) -> Figures:
    docs, merged, draft, seconds = draft_of(paths, slug)
    names = [p.name for p in paths]
    figures = Figures(name, documents=len(docs), merge_seconds=round(seconds, 3))
    figures.source_words = sum(_count(p.read_text(encoding="utf-8")) for p in paths)
    figures.overview_words, figures.draft_words = prose_words(draft)
    if prefix:
        facts = yaml.safe_load((LABELS / f"{prefix}_facts.yml").read_text())
        score_facts(figures, merged, names, facts)
        claims = yaml.safe_load((LABELS / f"{prefix}_claims.yml").read_text())
        score_claims(figures, merged, docs, names, claims)
        restrictions = yaml.safe_load((LABELS / f"{prefix}_restrictions.yml").read_text())
        score_restrictions(figures, merged, restrictions)
    else:
        keys = Keys(BUILT_IN_VOCABULARY, merged.title)
        figures.merged_facts = sum(1 for i in items(merged) if len({w.doc for w in i.where}) >= 2)
        del keys
    return figures


def own_set_figures(folders: list[Path], strip: Any) -> Figures:
    """The labelled evaluation documents, each drafted on its own (they are about different
    treatments), with the claims labelled in evalset_claims.yml."""
    figures = Figures("own set")
    labels = yaml.safe_load((LABELS / "evalset_claims.yml").read_text())
    by_file: dict[str, list[dict]] = {}
    for claim in labels.get("claims") or []:
        by_file.setdefault(claim["where"].split(":")[0], []).append(claim)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            for path in sorted(folder.iterdir()):
                if path.suffix not in (".txt", ".md", ".html"):
                    continue
                clean = Path(tmp) / path.name
                clean.write_text(strip(path.read_text(encoding="utf-8")), encoding="utf-8")
                one = figures_for(path.name, [clean], "x", None)
                figures.documents += 1
                figures.source_words += one.source_words
                figures.overview_words += one.overview_words
                figures.draft_words += one.draft_words
                figures.merged_facts += one.merged_facts
                docs, merged, _, _ = draft_of([clean], "x")
                score_claims(
                    figures, merged, docs, [path.name], {"claims": by_file.get(path.name, [])}
                )
    return figures


def section_order() -> list[str]:
    return [s.value for s in Section]
