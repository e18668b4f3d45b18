"""`python -m lab i18n`: what the second language costs. The real project is built with
Spanish on and off (alternately, several rounds): build time (wall and CPU of
`carepages build`, children included), pages, site and zip size, and the transfer of a
Spanish page against its English twin (everything Chromium receives while the page loads,
gzipped, plus the Spanish search packs the search worker fetches on the first search).
Benchmarks report; they never fail on timing."""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from lab import transfer
from lab.project import copy_project, set_language_build
from lab.runs import carepages_build, gz, say

PAGE = "microneedling/recovery.html"
PACKS = ("lunr.stemmer.support.min.js", "lunr.es.min.js")


def measure(rounds: int) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="carepages-i18n-") as tmp:
        projects = {}
        for variant, on in (("Spanish off", False), ("Spanish on", True)):
            root = copy_project(Path(tmp) / variant.replace(" ", "-"))
            set_language_build(root, "es", on)
            projects[variant] = root
        for number in range(rounds + 1):  # round 0 warms the caches and is not counted
            for variant, root in projects.items():
                run = carepages_build(root)
                if number == 0:
                    continue
                site = root / "site"
                pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
                spanish = [p for p in pages if p.relative_to(site).parts[0] == "es"]
                row = results.setdefault(variant, {})
                for key, value in (
                    ("wall s", run.seconds),
                    ("cpu s", run.cpu),
                    ("pages", len(pages)),
                    ("Spanish pages", len(spanish)),
                    ("zip KB", (root / "dist/carepages-site.zip").stat().st_size / 1024),
                    (
                        "site KB",
                        sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1024,
                    ),
                ):
                    row.setdefault(key, []).append(value)
            say(f"round {number} done" if number else "warm-up build done")
        site = projects["Spanish on"] / "site"
        english_page, spanish_page = transfer.measure(site, [PAGE, f"es/{PAGE}"])
        packs = site / "assets/javascripts/lunr/min"
        search_packs = sum(gz((packs / name).read_bytes()) for name in PACKS)
    out = {v: {k: statistics.median(x) for k, x in row.items()} for v, row in results.items()}
    for name, measured in (("English page", english_page), ("Spanish page", spanish_page)):
        out[name] = {kind: size / 1024 for kind, size in sorted(measured.by_kind.items())}
        out[name]["total"] = measured.total / 1024
    out["Spanish page"]["search packs (first search)"] = search_packs / 1024
    return out


def report(out: dict[str, dict[str, float]], rounds: int) -> str:
    off, on = out["Spanish off"], out["Spanish on"]
    english_pages = off["pages"]
    spanish_pages = on["Spanish pages"]
    lines = [
        f"## The second language (python -m lab i18n, {rounds} rounds, medians)",
        "",
        "| variant | pages | wall s | CPU s | site KB | zip KB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in (("Spanish off", off), ("Spanish on", on)):
        lines.append(
            f"| {name} | {row['pages']:.0f} | {row['wall s']:.2f} | {row['cpu s']:.2f} | "
            f"{row['site KB']:.0f} | {row['zip KB']:.0f} |"
        )
    per_en = off["cpu s"] / english_pages * 1000
    per_es = (on["cpu s"] - off["cpu s"]) / spanish_pages * 1000
    zip_en = off["zip KB"] / english_pages
    zip_es = (on["zip KB"] - off["zip KB"]) / spanish_pages
    lines += [
        "",
        f"- CPU per page: English {per_en:.0f} ms (whole build / pages), each Spanish page "
        f"{per_es:.0f} ms more ({'within' if per_es <= per_en else 'above'} the English cost).",
        f"- Zip per page: English {zip_en:.1f} KB, each Spanish page {zip_es:.1f} KB more "
        f"({'within' if zip_es <= zip_en else 'above'} the English cost).",
        "",
        "| first visit, gzipped KB | " + " | ".join(out["Spanish page"]) + " |",
        "|---|" + "---:|" * len(out["Spanish page"]),
    ]
    for name in ("English page", "Spanish page"):
        row = out[name]
        cells = [f"{row.get(kind, 0):.1f}" for kind in out["Spanish page"]]
        lines.append(
            f"| {name} ({'es/' if name.startswith('Spanish') else ''}{PAGE}) | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab i18n", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    print(report(measure(args.rounds), args.rounds))
    return 0
