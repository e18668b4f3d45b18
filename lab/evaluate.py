"""`python -m lab eval`: score the normaliser on the labelled set in eval/ and on the seed articles.

Labelled documents carry their labels inline as `⟦section⟧`, `⟦faq⟧` and `⟦span START END⟧`
at the end of a line; the labels are stripped (lines keep their numbers) before ingesting.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from carepages.ingest.model import NOISE, Document
from carepages.ingest.pipeline import ingest_data
from carepages.ingest.readers import READ_EXTENSIONS, ReadError
from carepages.model.sections import Section
from lab.draft_eval import Figures, figures_for, own_set_figures
from lab.project import SEEDS_DIR, SOURCES_DIR

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "lab" / "eval" / "docs"
# Written after the rules were tuned and never tuned on: an estimate for unseen documents.
HOLDOUT_DIR = ROOT / "lab" / "eval" / "holdout"
SEED_LABELS = ROOT / "lab" / "eval" / "seeds.yml"
PEEL_DIR = SOURCES_DIR / "chemical-peel"
MARK = re.compile(r"[ \t]*\u27e6([^\u27e7]*)\u27e7")
SECTIONS = (*(s.value for s in Section), NOISE)


@dataclass
class Labels:
    sections: dict[int, str] = field(default_factory=dict)
    faq: set[int] = field(default_factory=set)
    spans: set[tuple[int, float, float | None]] = field(default_factory=set)


@dataclass
class Score:
    name: str
    sections_right: int = 0
    sections_total: int = 0
    faq_found: int = 0
    faq_expected: int = 0
    faq_predicted: int = 0
    spans_right: int = 0
    spans_expected: int = 0
    spans_predicted: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "sections_right", "sections_total", "faq_found", "faq_expected", "faq_predicted",
            "spans_right", "spans_expected", "spans_predicted",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def section_accuracy(self) -> float:
        return _ratio(self.sections_right, self.sections_total)

    @property
    def faq_recall(self) -> float:
        return _ratio(self.faq_found, self.faq_expected)

    @property
    def faq_precision(self) -> float:
        return _ratio(self.faq_found, self.faq_predicted)

    @property
    def timeline_accuracy(self) -> float:
        """Spans found exactly, over every span expected or predicted (a strict Jaccard)."""
        union = self.spans_expected + self.spans_predicted - self.spans_right
        return _ratio(self.spans_right, union)

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "section_accuracy": round(self.section_accuracy, 4),
            "faq_recall": round(self.faq_recall, 4),
            "faq_precision": round(self.faq_precision, 4),
            "timeline_accuracy": round(self.timeline_accuracy, 4),
            "timeline_recall": round(_ratio(self.spans_right, self.spans_expected), 4),
            "timeline_precision": round(_ratio(self.spans_right, self.spans_predicted), 4),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def parse_labelled(text: str) -> tuple[str, Labels]:
    """Strip inline labels; returns the clean text (same line numbers) and the labels."""
    labels = Labels()
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        for mark in MARK.findall(line):
            parts = mark.split()
            if not parts:
                continue
            if parts[0] in SECTIONS:
                labels.sections[number] = parts[0]
            elif parts[0] == "faq":
                labels.faq.add(number)
            elif parts[0] == "span" and len(parts) == 3:
                end = None if parts[2] in ("null", "open") else float(parts[2])
                labels.spans.add((number, float(parts[1]), end))
            else:
                raise ValueError(f"line {number}: unknown label {mark!r}")
        lines[number - 1] = MARK.sub("", line)
    return "\n".join(lines), labels


def score(doc: Document, labels: Labels, name: str) -> Score:
    result = Score(name)
    first_block: dict[int, str] = {}
    for block in doc.blocks:
        first_block.setdefault(block.line, block.section)
    for line, expected in sorted(labels.sections.items()):
        got = first_block.get(line, "(no block)")
        result.sections_total += 1
        if got == expected:
            result.sections_right += 1
        else:
            result.misses.append(f"{name}:{line}: section {got}, expected {expected}")
    predicted_faq = {item.line for item in doc.faq}
    result.faq_expected = len(labels.faq)
    result.faq_predicted = len(predicted_faq)
    result.faq_found = len(labels.faq & predicted_faq)
    for line in sorted(labels.faq - predicted_faq):
        result.misses.append(f"{name}:{line}: FAQ missed")
    for line in sorted(predicted_faq - labels.faq):
        result.misses.append(f"{name}:{line}: not an FAQ")
    predicted = {
        (s.line, float(s.start_hours), None if s.end_hours is None else float(s.end_hours))
        for s in doc.timeline
    }
    result.spans_expected = len(labels.spans)
    result.spans_predicted = len(predicted)
    result.spans_right = len(labels.spans & predicted)
    for span in sorted(labels.spans - predicted, key=str):
        result.misses.append(f"{name}:{span[0]}: span {span[1:]} missed")
    for span in sorted(predicted - labels.spans, key=str):
        result.misses.append(f"{name}:{span[0]}: span {span[1:]} not expected")
    return result


def eval_set(folder: Path = EVAL_DIR) -> list[Score]:
    scores = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in READ_EXTENSIONS:
            continue
        text, labels = parse_labelled(path.read_text(encoding="utf-8"))
        doc = ingest_data(text.encode("utf-8"), path.suffix.lower(), path.name)
        scores.append(score(doc, labels, path.name))
    return scores


def seed_labels(path: Path = SEED_LABELS) -> dict[str, Labels]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, Labels] = {}
    for name, entry in raw.items():
        labels = Labels()
        for section, lines in (entry.get("sections") or {}).items():
            for line in lines:
                labels.sections[int(line)] = section
        labels.faq = {int(line) for line in entry.get("faq") or []}
        labels.spans = {
            (int(a), float(b), None if c is None else float(c))
            for a, b, c in entry.get("spans") or []
        }
        out[name] = labels
    return out


def eval_seeds(seeds: Path = SEEDS_DIR) -> list[Score]:
    scores = []
    for name, labels in seed_labels().items():
        path = seeds / name
        if not path.exists():
            continue
        doc = ingest_data(path.read_bytes(), path.suffix.lower(), name)
        scores.append(score(doc, labels, name))
    return scores


def total(name: str, scores: list[Score]) -> Score:
    out = Score(name)
    for one in scores:
        out.add(one)
    return out


def _row(s: Score) -> str:
    return (
        f"{s.name[:44]:<44} {s.section_accuracy:6.2f} {s.faq_recall:6.2f} {s.faq_precision:6.2f} "
        f"{s.timeline_accuracy:6.2f}   ({s.sections_total} blocks, {s.faq_expected} FAQs, "
        f"{s.spans_expected} spans)"
    )


def draft_groups() -> list[Figures]:
    """The draft figures per source set: the seeds, the chemical-peel sources (each scored
    against lab/eval/labels) and the labelled set, each document drafted on its own."""
    out: list[Figures] = []
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    if seeds:
        out.append(figures_for("seeds", seeds, "microneedling", "seeds"))
    peels = sorted(PEEL_DIR.glob("0*.txt"))
    if peels:
        out.append(figures_for("chemical peels", peels, "chemical-peel", "peel"))
    folders = [EVAL_DIR, *([HOLDOUT_DIR] if HOLDOUT_DIR.is_dir() else [])]
    out.append(own_set_figures(folders, lambda text: parse_labelled(text)[0]))
    return out


def _draft_rows(figures: list[Figures], misses: bool) -> None:
    print("\n== drafts (prose words ÷ source words; facts; claims; restriction values)")
    for f in figures:
        r = f.ratio
        print(
            f"{f.name}: {f.documents} documents, {f.source_words} source words; overview "
            f"{r(f.overview_words, f.source_words):.0%}, whole draft "
            f"{r(f.draft_words, f.source_words):.0%} ({f.draft_words} words); "
            f"{f.merged_facts} items citing 2+ sources; duplicate bullets left "
            f"{f.duplicates_own} (own measure)"
        )
        if f.multi_total or f.keep_total:
            print(
                f"  multi-source facts merged {f.multi_merged}/{f.multi_total} "
                f"({r(f.multi_merged, f.multi_total):.0%}; whole {f.multi_whole}); must-keep "
                f"facts kept {f.keep_kept}/{f.keep_total} ({r(f.keep_kept, f.keep_total):.0%})"
            )
        print(
            f"  claims labelled {f.claims_labelled}: flagged {f.claims_flagged} (kind right "
            f"{f.claims_kind_right}), dropped as noise {f.claims_as_noise}, kept as content "
            f"{f.claims_labelled - f.claims_flagged - f.claims_as_noise}; flagged lines "
            f"{f.flagged_total}, not labelled {f.flagged_unlabelled}"
        )
        if f.restrictions_labelled:
            print(
                f"  restriction values proposed = the cautious truth: {f.restrictions_right}/"
                f"{f.restrictions_labelled}; merge took {f.merge_seconds:.3f} s"
            )
        if misses:
            for miss in f.misses:
                print("    " + miss)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab eval", description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every wrong label")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    try:
        groups = [("labelled set", eval_set()), ("seeds", eval_seeds())]
        if HOLDOUT_DIR.is_dir():
            groups.append(("holdout", eval_set(HOLDOUT_DIR)))
        drafts = draft_groups()
    except (OSError, ValueError, ReadError) as exc:
        print(f"carepages eval: {exc}", file=sys.stderr)
        return 1
    if args.json:
        out: dict[str, object] = {name: total(name, s).as_json() for name, s in groups}
        out["drafts"] = [f.as_json() for f in drafts]
        print(json.dumps(out))
        return 0
    header = f"{'document':<44} {'sect':>6} {'faqR':>6} {'faqP':>6} {'spans':>6}"
    for name, scores in groups:
        print(f"\n== {name} ({len(scores)} documents)")
        print(header)
        for one in scores:
            print(_row(one))
        print(_row(total(f"OVERALL {name}", scores)))
        if args.misses:
            for one in scores:
                for miss in one.misses:
                    print("  " + miss)
    print()
    for name, scores in groups:
        t = total(name, scores)
        print(
            f"{name}: section accuracy {t.section_accuracy:.3f}, FAQ recall {t.faq_recall:.3f}, "
            f"FAQ precision {t.faq_precision:.3f}, timeline accuracy {t.timeline_accuracy:.3f} "
            f"(recall {_ratio(t.spans_right, t.spans_expected):.3f}, "
            f"precision {_ratio(t.spans_right, t.spans_predicted):.3f})"
        )
    _draft_rows(drafts, args.misses)
    return 0
