"""`python -m lab bench`: how fast carepages builds against stock Material, and what its
pages cost a reader, in one table.

One run builds the sample site and synthetic sites of 100 and 1000 pages side by side with
stock Material (alternating rounds, CPU seconds), our build alone at 1000 and 3000 pages
(CPU per page, peak memory), measures in Chromium what a treatment page of a 300-page site
transfers before search is used, runs Lighthouse three times, and writes every figure with
the command that measured it to BENCHMARKS.md. Benchmarks report; they never fail on timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lab import i18n, transfer
from lab import lighthouse as bench_lighthouse
from lab.bench_site import generate
from lab.project import ROOT, copy_project, set_language_build
from lab.runs import Run, carepages_build, gz, mkdocs_build, run_child, say, ticking
from lab.transfer import Transfer

NOTES_HEADING = "## Notes"
DUMP_HOOK = Path(__file__).with_name("bench_dump.py")
KB = 1024


# --- the projects measured ---------------------------------------------------------------


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it holds MkDocs' own `!` tags (their values are dropped)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def stock_project(root: Path, target: Path, prune: bool = False) -> Path:
    """ "Stock": Material with only the search plugin and the same Markdown extensions,
    building the same pages after our macros rendered them, no caches. Our pages are
    rendered once (macros, hooks and all) and saved; `prune` adds Material's
    `navigation.prune`, what a user would pick for a big site."""
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=_AnyTagLoader)  # noqa: S506
    content = target.parent / f"{root.name}-rendered"
    if not content.exists():
        dump_config = dict(config, hooks=[*(config.get("hooks") or []), str(DUMP_HOOK)])
        dump_path = root / "mkdocs.bench-dump.yml"
        dump_path.write_text(yaml.safe_dump(dump_config, sort_keys=False, allow_unicode=True))
        env = dict(os.environ, CAREPAGES_BENCH_DUMP=str(content))
        mkdocs_build(root, dump_path, target.parent / "dump-site", env=env)
        shutil.rmtree(target.parent / "dump-site")
        dump_path.unlink()
    theme = {"name": "material", "language": config["theme"].get("language", "en"), "font": False}
    if prune:
        theme["features"] = ["navigation.prune"]
    stock = {
        "site_name": config.get("site_name", "Clinic"),
        "docs_dir": str(content),
        "use_directory_urls": False,
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
    }
    target.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(yaml.safe_dump(stock, sort_keys=False, allow_unicode=True))
    return target


# --- the run ---------------------------------------------------------------------------


def cpu(runs: list[Run]) -> float:
    return statistics.median(r.cpu for r in runs)


def wall(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


@dataclass
class Comparison:
    """Side-by-side builds of one project, alternating round by round (the order reversed
    every other round) so that drift in the machine hits every contender alike."""

    label: str
    pages: int
    runs: dict[str, list[Run]]

    def ratio(self, ours: str, stock: str) -> float:
        return cpu(self.runs[ours]) / cpu(self.runs[stock])

    def describe(self, ours: str, stock: str) -> str:
        return (
            f"{self.ratio(ours, stock):.2f}× ({cpu(self.runs[ours]):.2f} vs "
            f"{cpu(self.runs[stock]):.2f} CPU s, {self.label}, {self.pages} pages, median of "
            f"{len(self.runs[ours])})"
        )


OURS_FULL = "ours: carepages build"
OURS_MKDOCS = "ours: mkdocs build"
STOCK = "stock"
STOCK_PRUNE = "stock + navigation.prune"


def compare(root: Path, label: str, rounds: int, contenders: tuple[str, ...]) -> Comparison:
    from carepages.site.build import vendor

    vendor(root)
    jobs: dict[str, Callable[[], Run]] = {}
    if STOCK in contenders:
        stock = stock_project(root, root.parent / f"{root.name}-stock")
        jobs[STOCK] = lambda: mkdocs_build(stock, stock / "mkdocs.yml", stock / "site")
    if STOCK_PRUNE in contenders:
        pruned = stock_project(root, root.parent / f"{root.name}-stock-prune", prune=True)
        jobs[STOCK_PRUNE] = lambda: mkdocs_build(pruned, pruned / "mkdocs.yml", pruned / "site")
    if OURS_MKDOCS in contenders:
        jobs[OURS_MKDOCS] = lambda: mkdocs_build(root, root / "mkdocs.yml", root / "mkdocs-site")
    if OURS_FULL in contenders:
        jobs[OURS_FULL] = lambda: carepages_build(root)
    runs: dict[str, list[Run]] = {name: [] for name in jobs}
    order = list(jobs)
    for number in range(rounds):
        for name in order if number % 2 == 0 else list(reversed(order)):
            with ticking(f"{label} {name} round {number + 1}/{rounds}"):
                runs[name].append(jobs[name]())
        say(
            f"  {label} round {number + 1}/{rounds}: "
            + ", ".join(f"{name} {runs[name][-1].cpu:.2f} CPU s" for name in order)
        )
    pages = sum(1 for p in (root / "site").rglob("*.html") if p.name != "404.html")
    return Comparison(label, pages, runs)


@dataclass
class Growth:
    """Our whole build at one size: CPU per page and the peak memory of the process."""

    target: int
    pages: int
    runs: list[Run]
    index_gz: int

    @property
    def ms_per_page(self) -> float:
        return cpu(self.runs) / self.pages * 1000

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


def grow(work: Path, n: int, rounds: int) -> Growth:
    root = work / f"growth-{n}"
    generate(root, n)
    runs = []
    for number in range(rounds):
        with ticking(f"N={n} build {number + 1}/{rounds}"):
            runs.append(carepages_build(root))
        say(f"  N={n} build {number + 1}/{rounds}: {runs[-1].cpu:.1f} CPU s")
    site = root / "site"
    pages = sum(1 for p in site.rglob("*.html") if p.name != "404.html")
    index = site / "search" / "search_index.json"
    growth = Growth(n, pages, runs, gz(index.read_bytes()) if index.exists() else 0)
    shutil.rmtree(root)
    return growth


def ingest_throughput(root: Path) -> str:
    run = run_child([sys.executable, "-m", "lab", "bench-ingest"], cwd=root)
    lines = [line for line in run.output.strip().splitlines() if line.strip()]
    if run.returncode != 0:
        return "bench-ingest failed: " + " / ".join(lines[-3:])
    return " / ".join(lines[-3:])


# --- the report ------------------------------------------------------------------------


def kb(value: float) -> str:
    return f"{value / KB:,.1f}"


def machine() -> str:
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        match = re.search(r"MemTotal:\s+(\d+) kB", meminfo.read_text())
        memory = f"{int(match[1]) / 1024 / 1024:.1f} GiB" if match else "?"
    cpu_name = platform.processor() or "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu_name = match[1].strip() if match else cpu_name
    versions = []
    for package in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} ?")
    lighthouse = ROOT / "node_modules/lighthouse/package.json"
    if lighthouse.exists():
        versions.append(f"lighthouse {json.loads(lighthouse.read_text())['version']}")
    node = shutil.which("node")
    if node:
        result = subprocess.run([node, "--version"], capture_output=True, text=True)
        versions.append(f"node {result.stdout.strip()}")
    return (
        f"{os.cpu_count()} cores ({cpu_name}), {memory} RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, " + ", ".join(versions)
    )


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


@dataclass
class Results:
    started: dt.datetime
    command: str
    seconds: float = 0.0
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    growth: list[Growth] = field(default_factory=list)
    transfer: list[Transfer] = field(default_factory=list)
    transfer_pages: int = 0
    lighthouse: list[list[bench_lighthouse.Report]] = field(default_factory=list)
    languages: str = ""
    ingest: str = ""
    load: tuple[float, float] = (0.0, 0.0)


Row = tuple[str, str, str, bool | None]  # figure, command, measured, met?


def rows(r: Results) -> list[Row]:
    """The figures BENCHMARKS.md tracks, each with the command that measures it."""
    out: list[Row] = []
    bench = "`make bench`"
    sample, hundred, thousand = (r.comparisons.get(k) for k in ("sample", "100", "1000"))
    if sample:
        out.append(
            (
                "`carepages build` (check + build + audit + zip) vs stock, sample site ≤ 1.3×",
                bench,
                sample.describe(OURS_FULL, STOCK),
                sample.ratio(OURS_FULL, STOCK) <= 1.3,
            )
        )
        out.append(
            (
                "our `mkdocs build` alone vs stock, sample site ≤ 1.1×",
                bench,
                sample.describe(OURS_MKDOCS, STOCK),
                sample.ratio(OURS_MKDOCS, STOCK) <= 1.1,
            )
        )
    if hundred:
        out.append(
            (
                "`carepages build` vs stock, 100 pages ≤ 1.0×",
                bench,
                hundred.describe(OURS_FULL, STOCK),
                hundred.ratio(OURS_FULL, STOCK) <= 1.0,
            )
        )
    if thousand:
        extra = ""
        if OURS_MKDOCS in thousand.runs:
            extra += f"; mkdocs alone {thousand.ratio(OURS_MKDOCS, STOCK_PRUNE):.2f}×"
        if STOCK in thousand.runs:
            extra += (
                f"; plain stock is {cpu(thousand.runs[STOCK]) / cpu(thousand.runs[STOCK_PRUNE]):.2f}×"
                " slower than with prune"
            )
        out.append(
            (
                "`carepages build` vs stock with `navigation.prune`, 1000 pages ≤ 0.6×",
                bench,
                thousand.describe(OURS_FULL, STOCK_PRUNE) + extra,
                thousand.ratio(OURS_FULL, STOCK_PRUNE) <= 0.6,
            )
        )
    by_n = {g.target: g for g in r.growth}
    if 1000 in by_n and 3000 in by_n:
        small, big = by_n[1000], by_n[3000]
        ratio = big.ms_per_page / small.ms_per_page
        out.append(
            (
                "CPU ms/page at 3000 pages ÷ at 1000 ≤ 1.1×",
                bench,
                f"{ratio:.2f}× ({big.ms_per_page:.1f} vs {small.ms_per_page:.1f} ms/page)",
                ratio <= 1.1,
            )
        )
        out.append(
            (
                "peak memory at 3000 pages ≤ 300 MiB",
                bench,
                f"{big.peak_mb:.0f} MiB (1000 pages: {small.peak_mb:.0f} MiB)",
                big.peak_mb <= 300,
            )
        )
    if r.transfer:
        worst = max(r.transfer, key=lambda t: t.total)
        out.append(
            (
                f"a treatment page's gzip transfer before first search use ≤ 100 KB, "
                f"{r.transfer_pages} pages",
                bench,
                "; ".join(f"{t.page} {kb(t.total)} KB" for t in r.transfer)
                + f" (worst: {worst.page}: "
                + ", ".join(f"{k} {kb(v)}" for k, v in sorted(worst.by_kind.items()))
                + ")",
                worst.total <= 100 * KB,
            )
        )
    if r.lighthouse:
        medians = lighthouse_medians(r.lighthouse)
        out.append(
            (
                "Lighthouse mobile performance 100 on home / overview / recovery / FAQ "
                f"(median of {len(r.lighthouse)})",
                "`make bench` (one run: `make lighthouse`)",
                " / ".join(f"{page} {score}" for page, score in medians.items()),
                bool(medians) and all(score == 100 for score in medians.values()),
            )
        )
    return out


def lighthouse_medians(runs: list[list[bench_lighthouse.Report]]) -> dict[str, int | None]:
    medians: dict[str, int | None] = {}
    for index, report in enumerate(runs[0]):
        scores = [
            run[index].scores.get("performance")
            for run in runs
            if index < len(run) and not run[index].error
        ]
        known = [s for s in scores if s is not None]
        medians[report.page] = round(statistics.median(known)) if known else None
    return medians


def markdown_report(r: Results, notes: str) -> str:
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m lab bench`); the numbers below are from one run. "
        "Benchmarks report; they never fail a build.",
        "",
        f"- Date: {r.started:%Y-%m-%d %H:%M} (the run took {r.seconds / 60:.1f} min)",
        f"- Machine: {machine()}",
        f"- Load average (1 min) at the start and end of the run: {r.load[0]:.1f} and "
        f"{r.load[1]:.1f}; other work shared the machine when it is well above 0",
        f"- Command: `{r.command}`",
        "- CPU seconds are user + system of the build and its children (`wait4`), medians of "
        'alternating runs. "Stock" is Material with only the search plugin and the same '
        "Markdown extensions, building the same pages after our macros rendered them, no "
        "caches; our figure includes everything `make site` does (check, build, safety audit, "
        "trim, zip, publish).",
        "",
        "## Targets",
        "",
        "| figure | command | measured | verdict |",
        "|---|---|---|---|",
    ]
    out += [f"| {f} | {c} | {m} | {verdict(ok)} |" for f, c, m, ok in rows(r)]
    if r.comparisons:
        out += ["", "## Side by side", ""]
        out += ["| project | pages | contender | runs | CPU s (median) | wall s | peak MiB |"]
        out += ["|---|---:|---|---:|---:|---:|---:|"]
        for c in r.comparisons.values():
            for name, runs in c.runs.items():
                out.append(
                    f"| {c.label} | {c.pages} | {name} | {len(runs)} | {cpu(runs):.2f} "
                    f"| {wall(runs):.2f} | {max(x.peak_mb for x in runs):.0f} |"
                )
    if r.growth:
        out += ["", "## Our build as the site grows", ""]
        out += ["| N | pages | runs | CPU s | ms/page | peak MiB | search index gz KB |"]
        out += ["|---:|---:|---:|---:|---:|---:|---:|"]
        for g in r.growth:
            out.append(
                f"| {g.target} | {g.pages} | {len(g.runs)} | {cpu(g.runs):.1f} "
                f"| {g.ms_per_page:.1f} | {g.peak_mb:.0f} | {kb(g.index_gz)} |"
            )
    if r.transfer:
        out += [
            "",
            f"## Page transfer at {r.transfer_pages} pages (Chromium, gzip, no search used)",
            "",
        ]
        out += ["| page | KB on the wire | by kind (KB) |", "|---|---:|---|"]
        for t in r.transfer:
            kinds = ", ".join(f"{k} {kb(v)}" for k, v in sorted(t.by_kind.items()))
            out.append(f"| {t.page} | {kb(t.total)} | {kinds} |")
    if r.lighthouse:
        out += ["", "## Lighthouse (mobile, served with gzip on 127.0.0.1), last run", ""]
        out += bench_lighthouse.table(r.lighthouse[-1])
    if r.languages:
        out += ["", r.languages.strip()]
    out += ["", "## Ingest throughput", "", r.ingest or "not measured"]
    out += ["", NOTES_HEADING, "", notes.strip() or "(none yet)", ""]
    return "\n".join(out)


def kept_notes(path: Path) -> str:
    """The hand-written notes at the end of BENCHMARKS.md survive a new run."""
    if not path.exists():
        return ""
    text = path.read_text()
    return text.split("\n" + NOTES_HEADING + "\n", 1)[1] if NOTES_HEADING in text else ""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab bench", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per comparison")
    parser.add_argument("--growth-rounds", type=int, default=3, help="builds at 1000 and 3000")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--no-growth", action="store_true", help="skip the 1000/3000 builds")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    results = Results(dt.datetime.now(), ("python -m lab bench " + " ".join(argv)).strip())
    started = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    everything = (OURS_FULL, OURS_MKDOCS, STOCK)
    with tempfile.TemporaryDirectory(prefix="carepages-bench-") as tmp:
        work = Path(tmp)
        say("1/6 the sample site (English only): carepages build, mkdocs alone and stock")
        sample = copy_project(work / "sample")
        set_language_build(sample, "es", False)
        results.comparisons["sample"] = compare(sample, "sample site", args.rounds, everything)
        say("2/6 100 pages: carepages build and stock")
        root = work / "compare-100"
        generate(root, 100)
        results.comparisons["100"] = compare(root, "synthetic", args.rounds, (OURS_FULL, STOCK))
        say("3/6 1000 pages: carepages build, mkdocs alone and stock with navigation.prune")
        root = work / "compare-1000"
        generate(root, 1000)
        results.comparisons["1000"] = compare(
            root, "synthetic", args.rounds, (OURS_FULL, OURS_MKDOCS, STOCK_PRUNE)
        )
        shutil.rmtree(root)
        if not args.no_growth:
            say("4/6 growth: 1000 and 3000 pages")
            results.growth = [grow(work, n, args.growth_rounds) for n in (1000, 3000)]
        say("5/6 page transfer at 300 pages, in Chromium")
        root = work / "transfer-300"
        generate(root, 300)
        carepages_build(root)
        site = root / "site"
        results.transfer_pages = sum(1 for p in site.rglob("*.html") if p.name != "404.html")
        pages = bench_lighthouse.audited_pages(site)
        results.transfer = transfer.measure(
            site, [pages[k] for k in ("overview", "recovery", "faq")]
        )
        if not args.no_lighthouse:
            say("6/6 Lighthouse on the sample site, three times (about half a minute per page)")
            for number in range(3):
                say(f"  Lighthouse run {number + 1}/3")
                results.lighthouse.append(
                    bench_lighthouse.run(sample / "site", progress=lambda m: say("    " + m))
                )
        say("the second language: build time, zip and page transfer with Spanish on and off")
        results.languages = i18n.report(i18n.measure(args.rounds), args.rounds)
        say("ingest throughput")
        results.ingest = ingest_throughput(ROOT)
    results.seconds = time.perf_counter() - started
    results.load = (load_at_start, os.getloadavg()[0])
    report = markdown_report(results, kept_notes(args.output))
    args.output.write_text(report)
    print()
    print(report)
    say(f"written to {args.output} in {results.seconds / 60:.1f} min")
    return 0
