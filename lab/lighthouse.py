"""`python -m lab lighthouse`: Lighthouse mobile scores of a built site served with gzip.

The site is served on 127.0.0.1 by a small static server that gzips text files (as any
real host would), Lighthouse 12 from node_modules audits the home page and one treatment's
overview, recovery and FAQ pages in Debian's Chromium, and the scores come back as a table
with every audit that cost a point.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = Path("node_modules/.bin/lighthouse")
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GZIP_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
GZIP_LEVEL = 6


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text files gzipped when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or path.suffix not in GZIP_TYPES:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 (a free port) for as long as the block runs."""
    handler = functools.partial(GzipHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def audited_pages(site_dir: Path) -> dict[str, str]:
    """Page type → path: the home page and the first treatment's three pages."""
    pages = {"home": "index.html"}
    for folder in sorted(p for p in site_dir.iterdir() if p.is_dir()):
        if all((folder / n).exists() for n in ("index.html", "recovery.html", "faq.html")):
            pages["overview"] = f"{folder.name}/index.html"
            pages["recovery"] = f"{folder.name}/recovery.html"
            pages["faq"] = f"{folder.name}/faq.html"
            break
    return pages


@dataclass
class Report:
    """One page's Lighthouse result: category scores and the audits that lost points."""

    page: str
    path: str
    scores: dict[str, int | None] = field(default_factory=dict)
    failing: dict[str, list[str]] = field(default_factory=dict)
    error: str = ""
    transfer_bytes: int | None = None


def _elements(audit: dict, limit: int = 4) -> str:
    """The first few page elements an audit names, as `selector` snippets."""
    items = (audit.get("details") or {}).get("items") or []
    found = []
    for item in items:
        node = item.get("node") if isinstance(item, dict) else None
        if node and node.get("selector"):
            found.append(f"`{node['selector']}`")
    more = f" and {len(found) - limit} more" if len(found) > limit else ""
    return ", ".join(found[:limit]) + more


def run_one(url: str, page: str, path: str, out_dir: Path) -> Report:
    report = Report(page, path)
    output = out_dir / f"{page}.json"
    command = [
        str(ROOT / LIGHTHOUSE),
        url,
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
        "--form-factor=mobile",
        "--output=json",
        f"--output-path={output}",
    ]
    env = dict(os.environ, CHROME_PATH=CHROME)
    try:
        result = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240
        )
    except subprocess.TimeoutExpired:
        report.error = "Lighthouse did not finish in 240 s"
        return report
    if result.returncode != 0 or not output.exists():
        tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        report.error = "Lighthouse failed: " + " / ".join(tail)
        return report
    data = json.loads(output.read_text())
    audits = data["audits"]
    for name in CATEGORIES:
        category = data["categories"].get(name)
        if category is None:
            continue
        score = category.get("score")
        report.scores[name] = None if score is None else round(score * 100)
        lost = []
        for ref in category["auditRefs"]:
            audit = audits.get(ref["id"], {})
            audit_score = audit.get("score")
            if (
                audit_score is None
                or audit_score >= 1
                or audit.get("scoreDisplayMode")
                in (
                    "notApplicable",
                    "informative",
                    "manual",
                )
            ):
                continue
            if name == "performance" and not ref.get("weight"):
                continue  # opportunities and diagnostics: hints, not points
            shown = audit.get("displayValue") or ""
            where = _elements(audit)
            lost.append(
                f"{ref['id']} ({audit.get('title', '')}{': ' + shown if shown else ''})"
                + (f" at {where}" if where else "")
            )
        if lost:
            report.failing[name] = lost
    weight = audits.get("total-byte-weight", {}).get("numericValue")
    report.transfer_bytes = int(weight) if weight is not None else None
    return report


def run(
    site_dir: Path, progress: Callable[[str], None] = print, keep: Path | None = None
) -> list[Report]:
    """Audit the home page and one treatment's pages of `site_dir`, one after another;
    `keep` is a folder to keep Lighthouse's full JSON reports in."""
    if not (ROOT / LIGHTHOUSE).exists():
        return [Report("all", "", error=f"{LIGHTHOUSE} is missing: run `make test-deps`")]
    if not Path(CHROME).exists():
        return [Report("all", "", error=f"{CHROME} is missing: run `make chromium`")]
    reports = []
    with (
        tempfile.TemporaryDirectory(prefix="carepages-lighthouse-") as tmp,
        serve(site_dir) as base,
    ):
        pages = audited_pages(site_dir)
        for number, (page, path) in enumerate(pages.items(), 1):
            progress(f"Lighthouse {number}/{len(pages)}: {page} ({path})")
            reports.append(run_one(base + path, page, path, keep or Path(tmp)))
    return reports


def table(reports: list[Report]) -> list[str]:
    """Markdown lines: the scores per page, then the audits that lost points."""
    lines = [
        "| page | path | performance | accessibility | best practices | SEO | transfer (KB) |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in reports:
        if r.error:
            lines.append(f"| {r.page} | {r.path} | {r.error} | | | | |")
            continue
        cells = [str(r.scores.get(c, "–")) for c in CATEGORIES]
        weight = f"{r.transfer_bytes / 1024:.1f}" if r.transfer_bytes is not None else "–"
        lines.append(f"| {r.page} | {r.path} | " + " | ".join(cells) + f" | {weight} |")
    failing = [(r, c, a) for r in reports for c, audits in r.failing.items() for a in audits]
    lines.append("")
    if failing:
        lines.append("Audits that lost points:")
        lines.append("")
        lines += [f"- {r.page} · {c}: {a}" for r, c, a in failing]
    elif not any(r.error for r in reports):
        lines.append("No audit lost a point on any page.")
    return lines


def main(argv: list[str]) -> int:
    import argparse

    from carepages.site.build import build

    parser = argparse.ArgumentParser(
        prog="python -m lab lighthouse",
        description="Lighthouse mobile scores of the built site, served with gzip on 127.0.0.1.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument("--site-dir", type=Path, help="built site to audit (default: site/)")
    parser.add_argument("--keep", type=Path, help="folder to keep the full JSON reports in")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    site_dir = (args.site_dir or root / "site").resolve()
    if not (site_dir / "index.html").exists():
        print(f"carepages: {site_dir} has no built site yet: building it first", flush=True)
        if build(root) != 0:
            return 1
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    reports = run(
        site_dir,
        progress=lambda m: print(f"carepages: {m}", flush=True),
        keep=args.keep and args.keep.resolve(),
    )
    print("\n".join(table(reports)))
    return 1 if any(r.error for r in reports) else 0
