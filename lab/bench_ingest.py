"""`python -m lab bench-ingest`: ingest 1000 synthetic ~1000-word documents and report throughput."""

from __future__ import annotations

import argparse
import io
import json
import random
import tempfile
import time
from pathlib import Path

from carepages.ingest.cli import as_json, ingest_all
from carepages.ingest.draft import build_draft
from carepages.ingest.merge import merge
from carepages.ingest.reconcile import reconcile
from carepages.ingest.vocabulary import BUILT_IN_VOCABULARY
from carepages.model.activities import BUILT_IN

_TREATMENTS = (
    "microneedling", "a chemical peel", "laser resurfacing", "dermaplaning", "PRP therapy",
    "an IPL photofacial", "a HydraFacial", "skin booster injections", "LED therapy",
)  # fmt: skip
_ACTIVITIES = (
    "makeup", "the gym", "saunas", "swimming pools", "direct sun", "retinol", "exfoliating scrubs",
    "hot showers", "touching the area", "anti-inflammatory tablets",
)  # fmt: skip
_NUMBERS = ("12", "24", "48", "72", "two", "three", "five", "seven", "ten")
_UNITS = ("hours", "days", "weeks")
_HEADINGS = {
    "what-it-is": ("What is {t}?", "About {t}", "How {t} works"),
    "preparation": ("Before your appointment", "Getting ready", "Preparing for {t}"),
    "during": ("On the day", "During the treatment", "Does it hurt?"),
    "after": ("Aftercare", "Recovery timeline", "After {t}"),
    "risks": ("Risks and side effects", "When to call us", "Who should not have {t}?"),
}
_SENTENCES = {
    "what-it-is": (
        "{T} is a clinic treatment that aims to refresh tired or uneven skin.",
        "It can soften fine lines, shallow scars and large pores over a course of sessions.",
        "Most people need between three and six visits, spaced about a month apart.",
        "Results build slowly as the skin renews itself from the inside.",
    ),
    "preparation": (
        "Stop using {a} for {n} {u} before the visit.",
        "Arrive with clean skin and no makeup on the day.",
        "Tell us about any medicines you take and any history of cold sores.",
        "Avoid {a} in the week before so the skin is calm.",
    ),
    "during": (
        "A numbing cream is applied first and left on for a short while.",
        "You may feel warmth, light prickling or a snapping sensation.",
        "The practitioner works across the area in small sections.",
        "The whole visit usually takes under an hour.",
    ),
    "after": (
        "Redness like mild sunburn can last for {n} to {m} {u}.",
        "Avoid {a} for at least {n} {u} after treatment.",
        "Day 1: the skin feels warm and tight.",
        "Days 2 to 4: light flaking is normal, so keep moisturising.",
        "You can go back to {a} after {n} {u} if the skin feels settled.",
        "Wear a broad-spectrum sunscreen every morning for several weeks.",
    ),
    "risks": (
        "Bruising, swelling and short-lived breakouts are the most common side effects.",
        "Rarely, infection or changes in skin colour can happen.",
        "Call the clinic if the redness spreads, the area becomes hot or you feel unwell.",
        "It is not suitable during pregnancy or if you have an active skin infection.",
    ),
}
_NOISE = (
    "By the clinic team | 4 min read",
    "Leave a Reply",
    "Book your consultation today!",
    "Results may vary.",
    "We use cookies to improve your browsing experience.",
)


def _paragraph(rng: random.Random, section: str, treatment: str) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        template = rng.choice(_SENTENCES[section])
        sentences.append(
            template.format(
                T=treatment[0].upper() + treatment[1:],
                a=rng.choice(_ACTIVITIES),
                n=rng.choice(_NUMBERS),
                m=rng.choice(("48", "72", "ten")),
                u=rng.choice(_UNITS),
            )
        )
    return " ".join(sentences)


def make_document(rng: random.Random, words: int = 1000) -> tuple[str, str]:
    """A synthetic document of about `words` words: (suffix, text)."""
    treatment = rng.choice(_TREATMENTS)
    fmt = rng.choice((".txt", ".txt", ".md", ".html"))
    parts: list[tuple[str, str]] = [("h1", f"All about {treatment}"), ("p", rng.choice(_NOISE))]
    count = 0
    while count < words:
        section = rng.choice(tuple(_HEADINGS))
        parts.append(("h2", rng.choice(_HEADINGS[section]).format(t=treatment)))
        for _ in range(rng.randint(1, 3)):
            text = _paragraph(rng, section, treatment)
            parts.append(("li" if rng.random() < 0.3 else "p", text))
            count += len(text.split())
        if rng.random() < 0.2:
            parts.append(("p", rng.choice(_NOISE)))
    if fmt == ".html":
        body = "\n".join(f"<{tag}>{text}</{tag}>" for tag, text in parts)
        return fmt, f"<html><head><title>{treatment}</title></head><body>\n{body}\n</body></html>\n"
    lines = []
    for tag, text in parts:
        if fmt == ".md" and tag in ("h1", "h2"):
            lines.append(("# " if tag == "h1" else "## ") + text)
        elif tag == "li":
            lines.append(f"- {text}")
        else:
            lines.append(text)
        lines.append("")
    return fmt, "\n".join(lines)


def merge_time(docs: list, count: int = 50) -> float:
    """Seconds to merge `count` documents into one draft (facts, timeline, restrictions,
    questions, claims) and build its models: what `carepages ingest --slug` adds per
    treatment."""
    chosen = docs[:count]
    started = time.perf_counter()
    merged = merge(chosen, reconcile(chosen), BUILT_IN_VOCABULARY)
    build_draft(merged, "bench", {a.id: a for a in BUILT_IN})
    return time.perf_counter() - started


def run(count: int, words: int, seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="carepages-bench-") as tmp:
        folder = Path(tmp)
        for index in range(count):
            suffix, text = make_document(rng, words)
            (folder / f"doc{index:04d}{suffix}").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        docs, failures = ingest_all([str(folder)], io.StringIO())
        json.dumps(as_json(docs, reconcile(docs)))
        seconds = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"{failures} synthetic documents failed to ingest")
    merge_seconds = merge_time(docs)
    return {"documents": len(docs), "seconds": round(seconds, 3),
            "docs_per_second": round(len(docs) / seconds, 1),
            "merge_50_seconds": round(merge_seconds, 3)}  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab bench-ingest", description=__doc__)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args(argv)
    result = run(args.documents, args.words)
    print(
        f"ingested {result['documents']} documents of ~{args.words} words in "
        f"{result['seconds']:.2f} s ({result['docs_per_second']:.0f} documents/s); "
        f"merged 50 of them into one draft in {result['merge_50_seconds']:.2f} s"
    )
    print(json.dumps({"bench_ingest": result}))
    return 0
