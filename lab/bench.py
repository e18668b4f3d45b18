"""`python -m lab bench`: how the build and the pages hold up as a site grows, in one table.

One run builds synthetic projects of 10, 100 and 1000 pages, builds the real site against
stock Material on the same rendered pages (alternately, several rounds), weighs each page
type with every asset it loads, sizes the offline zip, runs Lighthouse, and writes it all
with each target's figure to BENCHMARKS.md. Benchmarks report; they never fail on timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
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
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from lab import lighthouse as bench_lighthouse
from lab.bench_site import generate
from lab.lighthouse import GZIP_LEVEL
from lab.project import ROOT, copy_project

NOTES_HEADING = "## Notes"
DUMP_HOOK = Path(__file__).with_name("bench_dump.py")
KB = 1024


def say(message: str) -> None:
    print(f"bench: {message}", flush=True)


@contextmanager
def ticking(label: str, every: float = 15.0) -> Iterator[None]:
    """Print a line every `every` seconds while a long step runs, so a run never looks stuck."""
    done = threading.Event()
    started = time.perf_counter()

    def tick() -> None:
        while not done.wait(every):
            say(f"  … {label}: {time.perf_counter() - started:.0f} s")

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


@dataclass
class Run:
    """One child process: wall seconds, its peak memory and when each output line appeared."""

    seconds: float
    cpu: float
    peak_mb: float
    returncode: int
    output: str
    marks: dict[str, float] = field(default_factory=dict)

    def mark(self, prefix: str) -> float | None:
        return next((t for line, t in self.marks.items() if line.startswith(prefix)), None)


def run_child(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a fresh child and measure it; wait4 gives this child's own peak RSS
    (grandchildren included), which getrusage(RUSAGE_CHILDREN) cannot separate."""
    env = dict(env or os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    marks: dict[str, float] = {}
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        marks.setdefault(line.strip(), time.perf_counter() - started)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    # ru_maxrss is in kilobytes on Linux.
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, process.returncode, "".join(lines), marks)


def must(run: Run, what: str) -> Run:
    if run.returncode != 0:
        raise SystemExit(f"bench: {what} failed:\n{run.output[-3000:]}")
    return run


def carepages_build(root: Path) -> Run:
    command = [sys.executable, "-m", "carepages", "build", "--root", str(root)]
    command += ["--site-dir", str(root / "site"), "--dist-dir", str(root / "dist")]
    return must(run_child(command, cwd=root), f"carepages build in {root}")


def mkdocs_build(
    root: Path, config: Path, site_dir: Path, env: dict[str, str] | None = None
) -> Run:
    if site_dir.exists():
        shutil.rmtree(site_dir)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["-f", str(config), "-d", str(site_dir)]
    return must(run_child(command, cwd=root, env=env), f"mkdocs build -f {config}")


# --- the projects measured ---------------------------------------------------------------


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if it holds MkDocs' own `!` tags (their values are dropped)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def stock_project(root: Path, target: Path) -> Path:
    """Stock Material on the same pages: our pages rendered once (macros, hooks and all)
    and saved, then a config without the macros plugin, hooks, overrides or our assets."""
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=_AnyTagLoader)  # noqa: S506
    dump_config = dict(config, hooks=[*(config.get("hooks") or []), str(DUMP_HOOK)])
    dump_path = root / "mkdocs.bench-dump.yml"
    dump_path.write_text(yaml.safe_dump(dump_config, sort_keys=False, allow_unicode=True))
    env = dict(os.environ, CAREPAGES_BENCH_DUMP=str(target / "content"))
    mkdocs_build(root, dump_path, target / "dump-site", env=env)
    shutil.rmtree(target / "dump-site")
    dump_path.unlink()
    theme = {k: v for k, v in config["theme"].items() if k not in ("custom_dir", "logo", "favicon")}
    plugins = [
        p
        for p in config.get("plugins", [])
        if (p if isinstance(p, str) else next(iter(p))) != "macros"
    ]
    extra = {k: v for k, v in (config.get("extra") or {}).items() if k != "polyfills"}
    stock = {
        k: v
        for k, v in config.items()
        if k not in ("hooks", "extra_css", "extra_javascript", "theme", "plugins", "extra")
    }
    stock.update(theme=theme, plugins=plugins, extra=extra, docs_dir="content")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(stock, sort_keys=False, allow_unicode=True))
    return target


# --- what the built site weighs --------------------------------------------------------------


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


@dataclass
class SiteStats:
    pages: int
    html_median: float
    html_mean: float
    treatment_median: float
    largest: tuple[str, int]
    site_bytes: int
    index_bytes: int
    index_gz: int


def site_stats(site_dir: Path) -> SiteStats:
    html = {
        p.relative_to(site_dir).as_posix(): p.stat().st_size
        for p in site_dir.rglob("*.html")
        if p.name != "404.html"
    }
    treatment = [size for path, size in html.items() if "/" in path]
    index = site_dir / "search" / "search_index.json"
    data = index.read_bytes() if index.exists() else b""
    largest = max(html.items(), key=lambda item: item[1])
    return SiteStats(
        pages=len(html),
        html_median=statistics.median(html.values()),
        html_mean=statistics.fmean(html.values()),
        treatment_median=statistics.median(treatment) if treatment else 0,
        largest=largest,
        site_bytes=sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file()),
        index_bytes=len(data),
        index_gz=gz(data),
    )


KINDS = ("html", "css", "js", "other", "search index")


def page_weight(site_dir: Path, page: str) -> dict[str, tuple[int, int]]:
    """Kind → (raw, gzipped) bytes of everything a first visit to `page` downloads:
    the HTML, its stylesheets, scripts, icons and images, Material's search worker and the
    search index (Material fetches both as the page loads). Third-party URLs are counted
    under 'external' by address, since carepages must have none."""
    path = site_dir / page
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    wanted: dict[str, str] = {}
    for tag in soup.select("link[rel~=stylesheet][href]"):
        wanted[str(tag["href"])] = "css"
    for tag in soup.select("script[src]"):
        wanted[str(tag["src"])] = "js"
    for tag in soup.select("link[rel~=icon][href], img[src]"):
        wanted[str(tag.get("href") or tag.get("src"))] = "other"
    config = soup.select_one("script#__config")
    if config is not None:
        worker = json.loads(config.get_text()).get("search")
        if worker:
            wanted[worker] = "js"
        if soup.select_one("form[name=search]") is not None:
            base = json.loads(config.get_text()).get("base", ".")
            wanted[f"{base}/search/search_index.json"] = "search index"
    data = path.read_bytes()
    totals = {kind: [0, 0] for kind in KINDS}
    totals["html"] = [len(data), gz(data)]
    for href, kind in wanted.items():
        if re.match(r"^[a-z]+:", href) and not href.startswith("data:"):
            totals.setdefault("external", [0, 0])
            totals["external"][0] += 1
            continue
        asset = (path.parent / href.split("#")[0].split("?")[0]).resolve()
        if asset.is_file():
            body = asset.read_bytes()
            totals[kind][0] += len(body)
            totals[kind][1] += gz(body)
    return {kind: (raw, zipped) for kind, (raw, zipped) in totals.items()}


def page_types(site_dir: Path) -> dict[str, str]:
    pages = bench_lighthouse.audited_pages(site_dir)
    pages["site FAQ"] = "faq.html"
    pages["about"] = "about.html"
    return {k: v for k, v in pages.items() if (site_dir / v).exists()}


# --- the run ---------------------------------------------------------------------------


@dataclass
class Scale:
    target: int
    treatments: int
    builds: list[Run]
    stats: SiteStats
    zip_bytes: int

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.builds)

    def stage(self, start: str, end: str | None) -> float:
        values = []
        for r in self.builds:
            begin = r.mark(start) if start else 0.0
            finish = r.mark(end) if end else r.seconds
            if begin is not None and finish is not None:
                values.append(finish - begin)
        return statistics.median(values) if values else float("nan")

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.builds)

    @property
    def per_page(self) -> float:
        return self.seconds / self.stats.pages

    @property
    def cpu_per_page(self) -> float:
        return self.cpu / self.stats.pages

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.builds)


def measure_scale(work: Path, sizes: list[int], rounds: int) -> list[Scale]:
    results = []
    for n in sizes:
        root = work / f"synthetic-{n}"
        written = generate(root, n)
        say(f"N={n}: generated {written} pages; building {rounds}× with `carepages build`")
        builds = []
        for number in range(rounds):
            with ticking(f"N={n} build {number + 1}/{rounds}"):
                builds.append(carepages_build(root))
            say(f"  N={n} build {number + 1}/{rounds}: {builds[-1].seconds:.1f} s")
        stats = site_stats(root / "site")
        zip_bytes = (root / "dist" / "carepages-site.zip").stat().st_size
        results.append(Scale(n, (written - 3) // 3, builds, stats, zip_bytes))
        if n >= 1000:
            # The big projects are only needed for their numbers; keep /tmp small.
            shutil.rmtree(root)
    return results


@dataclass
class Comparison:
    label: str
    pages: int
    ours_mkdocs: list[Run]
    ours_full: list[Run]
    stock: list[Run]

    @staticmethod
    def median(runs: list[Run]) -> float:
        return statistics.median(r.seconds for r in runs)

    @staticmethod
    def cpu(runs: list[Run]) -> float:
        return statistics.median(r.cpu for r in runs)

    @property
    def ratio(self) -> float:
        return self.cpu(self.ours_mkdocs) / self.cpu(self.stock)

    @property
    def wall_ratio(self) -> float:
        return self.median(self.ours_mkdocs) / self.median(self.stock)

    @property
    def full_ratio(self) -> float:
        return self.cpu(self.ours_full) / self.cpu(self.stock)


def compare(root: Path, label: str, rounds: int) -> Comparison:
    """Our mkdocs build, our full `carepages build` and stock Material on the same rendered
    pages, interleaved round by round (order flipped every round) so drift hits all three."""
    from carepages.site.build import vendor

    vendor(root)
    stock = stock_project(root, root.parent / f"{root.name}-stock")
    ours_mkdocs: list[Run] = []
    ours_full: list[Run] = []
    stock_runs: list[Run] = []
    jobs = [
        ("stock", lambda: stock_runs.append(
            mkdocs_build(stock, stock / "mkdocs.yml", stock / "site"))),
        ("ours (mkdocs)", lambda: ours_mkdocs.append(
            mkdocs_build(root, root / "mkdocs.yml", root / "mkdocs-site"))),
        ("ours (carepages build)", lambda: ours_full.append(carepages_build(root))),
    ]  # fmt: skip
    for number in range(rounds):
        order = jobs if number % 2 == 0 else list(reversed(jobs))
        for name, job in order:
            with ticking(f"{label} {name} round {number + 1}/{rounds}"):
                job()
        say(
            f"  {label} round {number + 1}/{rounds}: stock {stock_runs[-1].seconds:.2f} s, "
            f"ours {ours_mkdocs[-1].seconds:.2f} s (mkdocs), "
            f"{ours_full[-1].seconds:.2f} s (carepages build)"
        )
    pages = site_stats(root / "site").pages
    return Comparison(label, pages, ours_mkdocs, ours_full, stock_runs)


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
    cpu = platform.processor() or "?"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match[1].strip() if match else cpu
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
        f"{os.cpu_count()} cores ({cpu}), {memory} RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, " + ", ".join(versions)
    )


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


@dataclass
class Results:
    started: dt.datetime
    command: str
    seconds: float = 0.0
    scale: list[Scale] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    # page type → (path, kind → (raw, gzipped) bytes)
    weights: dict[str, tuple[str, dict[str, tuple[int, int]]]] = field(default_factory=dict)
    zip_bytes: int = 0
    lighthouse: list[bench_lighthouse.Report] = field(default_factory=list)
    ingest: str = ""
    load: tuple[float, float] = (0.0, 0.0)


def targets(r: Results) -> list[tuple[str, str, bool | None]]:
    """(target, measured figure, met?) for each target of the issue."""
    rows: list[tuple[str, str, bool | None]] = []
    by_n = {s.target: s for s in r.scale}
    if 100 in by_n and 1000 in by_n:
        small, big = by_n[100], by_n[1000]
        ratio = big.cpu_per_page / small.cpu_per_page
        wall = big.per_page / small.per_page
        rows.append(
            (
                "Seconds per page at 1000 ≤ 1.3× those at 100 (stock: 2.3×)",
                f"CPU {big.cpu_per_page * 1000:.1f} ms vs {small.cpu_per_page * 1000:.1f} ms "
                f"per page: {ratio:.2f}× (wall clock {wall:.2f}×)",
                ratio <= 1.3,
            )
        )
        median = big.stats.html_median / small.stats.html_median
        mean = big.stats.html_mean / small.stats.html_mean
        rows.append(
            (
                "HTML bytes per page at 1000 ≤ 1.3× those at 100 (stock: 6.8×)",
                f"median {median:.2f}×, mean {mean:.2f}×",
                median <= 1.3 and mean <= 1.3,
            )
        )
    for c in r.comparisons:
        rows.append(
            (
                f"Our build ≤ 1.15× stock Material on the same content ({c.label})",
                f"mkdocs build {c.ratio:.2f}× CPU ({c.cpu(c.ours_mkdocs):.2f} s vs "
                f"{c.cpu(c.stock):.2f} s; wall clock {c.wall_ratio:.2f}×); whole "
                f"`carepages build` {c.full_ratio:.2f}×",
                c.ratio <= 1.15,
            )
        )
    treatment_pages = [k for k in ("overview", "recovery", "faq") if k in r.weights]
    if treatment_pages:
        totals = {
            k: sum(z for kind, (_, z) in r.weights[k][1].items() if kind in KINDS)
            for k in treatment_pages
        }
        worst = max(totals, key=lambda k: totals[k])
        index_now = r.weights[worst][1]["search index"][1]
        grown = [
            f"; with the search index of N={s.target} ({kb(s.stats.index_gz)} KB) it would be "
            f"{kb(totals[worst] - index_now + s.stats.index_gz)} KB"
            for s in r.scale
            if s.target >= 100
        ]
        rows.append(
            (
                "A treatment page's transfer ≤ 100 KB gzipped, all assets included (sample site)",
                f"largest: {worst} {kb(totals[worst])} KB ("
                + ", ".join(f"{k} {kb(v)}" for k, v in totals.items())
                + ")"
                + "".join(grown),
                totals[worst] <= 100 * KB,
            )
        )
    if r.zip_bytes:
        rows.append(
            (
                "Offline zip of the sample site ≤ 1 MB",
                f"{kb(r.zip_bytes)} KB",
                r.zip_bytes <= 1024 * KB,
            )
        )
    scored = [rep for rep in r.lighthouse if not rep.error]
    if r.lighthouse:
        below = [f"{rep.page} {c} {s}" for rep in scored for c, s in rep.scores.items() if s != 100]
        rows.append(
            (
                "Lighthouse mobile 100 in all four categories on home, overview, recovery, FAQ",
                "all 100"
                if scored and not below
                else ("below 100: " + ", ".join(below))
                if scored
                else "not run: " + r.lighthouse[0].error,
                bool(scored) and not below and len(scored) == len(r.lighthouse),
            )
        )
    return rows


def markdown_report(r: Results, notes: str) -> str:
    out = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m carepages bench`); the numbers below are from one "
        "run. Benchmarks report, they never fail a build.",
        "",
        f"- Date: {r.started:%Y-%m-%d %H:%M} (the run took {r.seconds / 60:.1f} min)",
        f"- Machine: {machine()}",
        f"- Load average (1 min) at the start and end of the run: {r.load[0]:.1f} and "
        f"{r.load[1]:.1f}; other work shared the machine when it is well above 0",
        f"- Command: `{r.command}`",
        "",
        "## Targets",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
    ]
    out += [f"| {t} | {m} | {verdict(ok)} |" for t, m, ok in targets(r)]
    out += ["", "## Build time and size as the site grows", ""]
    out += [
        "Synthetic projects from `python -m carepages bench-site --pages N` built with "
        "`python -m carepages build` (check, mkdocs build, trim, zip); median of "
        f"{len(r.scale[0].builds) if r.scale else 0} builds, peak memory is the largest "
        "resident size of the build process and its children. HTML per page leaves out "
        "404.html; the site-wide FAQ and About pages list every treatment, so they grow "
        "with the site and pull the mean up.",
        "",
        "| N | pages | treatments | build s (wall) | CPU s | check s | mkdocs s | trim+zip s "
        "| CPU ms/page | HTML/page median KB | mean KB | treatment page median KB "
        "| largest page | site MB | zip MB | search index KB (gz) | peak MB |",
        "|" + "---:|" * 17,
    ]
    for s in r.scale:
        check = s.stage("", "carepages: building pages")
        mkdocs = s.stage("carepages: building pages", "carepages: trimmed")
        rest = s.stage("carepages: trimmed", None)
        out.append(
            f"| {s.target} | {s.stats.pages} | {s.treatments} | {s.seconds:.2f} | {s.cpu:.2f} "
            f"| {check:.2f} | {mkdocs:.2f} | {rest:.2f} | {s.cpu_per_page * 1000:.1f} "
            f"| {kb(s.stats.html_median)} "
            f"| {kb(s.stats.html_mean)} | {kb(s.stats.treatment_median)} "
            f"| {s.stats.largest[0]} {kb(s.stats.largest[1])} KB "
            f"| {s.stats.site_bytes / KB / KB:.1f} | {s.zip_bytes / KB / KB:.2f} "
            f"| {kb(s.stats.index_bytes)} ({kb(s.stats.index_gz)}) | {s.peak_mb:.0f} |"
        )
    if r.comparisons:
        out += ["", "## Our build against stock Material on the same pages", ""]
        out += [
            "Our pages are rendered once (macros run, then each page's Markdown is saved); "
            "stock Material then builds those pages with the same theme features and Markdown "
            "extensions but no macros plugin, hooks, overrides or carepages assets. Builds "
            "alternate round by round; medians. Ratios use CPU seconds (user + system of the "
            "build and its children), which other work on a shared machine disturbs far less "
            "than wall-clock seconds; both are shown.",
            "",
            "| content | pages | rounds | stock mkdocs CPU s (wall) | ours mkdocs CPU s (wall) "
            "| ratio | ours `carepages build` CPU s (wall) | ratio | stock peak MB "
            "| ours peak MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for c in r.comparisons:
            out.append(
                f"| {c.label} | {c.pages} | {len(c.stock)} "
                f"| {c.cpu(c.stock):.2f} ({c.median(c.stock):.2f}) "
                f"| {c.cpu(c.ours_mkdocs):.2f} ({c.median(c.ours_mkdocs):.2f}) | {c.ratio:.2f}× "
                f"| {c.cpu(c.ours_full):.2f} ({c.median(c.ours_full):.2f}) | {c.full_ratio:.2f}× "
                f"| {max(x.peak_mb for x in c.stock):.0f} "
                f"| {max(x.peak_mb for x in c.ours_mkdocs):.0f} |"
            )
    if r.weights:
        out += ["", "## Page weight of the sample site (first visit, nothing cached)", ""]
        out += [
            f"KB raw / gzipped (level {GZIP_LEVEL}). JS includes Material's search worker; "
            "the search index is fetched by every page as it loads and grows with the site "
            "(see the table above).",
            "",
            "| page | path | HTML | CSS | JS | other | search index | total | total gz "
            "| total gz without index |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for page, (path, weights) in r.weights.items():
            cells = [f"{kb(weights[k][0])} / {kb(weights[k][1])}" for k in KINDS]
            raw = sum(v[0] for k, v in weights.items() if k in KINDS)
            zipped = sum(v[1] for k, v in weights.items() if k in KINDS)
            external = weights.get("external", (0, 0))[0]
            note = f" ({external} third-party URLs!)" if external else ""
            out.append(
                f"| {page}{note} | {path} | "
                + " | ".join(cells)
                + f" | {kb(raw)} | {kb(zipped)} | {kb(zipped - weights['search index'][1])} |"
            )
        out += ["", f"Offline zip of the sample site: {kb(r.zip_bytes)} KB."]
    if r.lighthouse:
        out += ["", "## Lighthouse (mobile, served with gzip on 127.0.0.1)", ""]
        out += bench_lighthouse.table(r.lighthouse)
    out += ["", "## Ingest throughput", "", r.ingest or "not measured"]
    out += ["", NOTES_HEADING, "", notes.strip() or "(none yet)", ""]
    return "\n".join(out)


def kept_notes(path: Path) -> str:
    """The hand-written notes at the end of BENCHMARKS.md survive a new run."""
    if not path.exists():
        return ""
    text = path.read_text()
    return text.split("\n" + NOTES_HEADING + "\n", 1)[1] if NOTES_HEADING in text else ""


def sizes_arg(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab bench", description=__doc__)
    parser.add_argument("--sizes", type=sizes_arg, default=[10, 100, 1000], help="e.g. 10,100")
    parser.add_argument("--rounds", type=int, default=3, help="builds per measurement")
    parser.add_argument(
        "--compare", type=sizes_arg, default=[100, 1000], help="synthetic sizes to compare "
        "with stock Material as well as the sample site (empty: the sample site only); "
        "1000 pages and more get one round",
    )  # fmt: skip
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    results = Results(dt.datetime.now(), "python -m carepages bench " + " ".join(argv))
    results.command = results.command.strip()
    started = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="carepages-bench-") as tmp:
        work = Path(tmp)
        say(f"1/5 build time and size at N = {', '.join(map(str, args.sizes))}")
        results.scale = measure_scale(work, args.sizes, args.rounds)
        say("2/5 our build against stock Material: the sample site")
        sample = copy_project(work / "sample")
        results.comparisons.append(compare(sample, "sample site", args.rounds))
        for n in args.compare:
            say(f"2/5 our build against stock Material: N={n}")
            root = work / f"compare-{n}"
            generate(root, n)
            rounds = 1 if n >= 1000 else args.rounds
            results.comparisons.append(compare(root, f"synthetic N={n}", rounds))
            if n >= 1000:
                shutil.rmtree(root)
                shutil.rmtree(root.parent / f"{root.name}-stock")
        say("3/5 page weight and the offline zip of the sample site")
        site = sample / "site"
        for page, path in page_types(site).items():
            results.weights[page] = (path, page_weight(site, path))
        results.zip_bytes = (sample / "dist" / "carepages-site.zip").stat().st_size
        if not args.no_lighthouse:
            say("4/5 Lighthouse (about half a minute per page)")
            results.lighthouse = bench_lighthouse.run(site, progress=lambda m: say("  " + m))
        say("5/5 ingest throughput")
        results.ingest = ingest_throughput(ROOT)
    results.seconds = time.perf_counter() - started
    results.load = (load_at_start, os.getloadavg()[0])
    report = markdown_report(results, kept_notes(args.output))
    args.output.write_text(report)
    print()
    print(report)
    say(f"written to {args.output} in {results.seconds / 60:.1f} min")
    return 0
