"""`carepages build` and `carepages serve`.

A build checks the content, builds into a temporary folder, trims what readers never use,
zips it, and only then swaps the new site/ and dist/ zip into place: a failed build leaves
the last good site and zip exactly as they were.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from carepages.checks import collect, report

ZIP_NAME = "carepages-site.zip"
ZIP_FOLDER = "carepages-site"
SHIM = Path("node_modules/iframe-worker/shim/index.js")
VENDORED_SHIM = Path("overrides/assets/vendor/iframe-worker-shim.js")
ESBUILD = Path("node_modules/.bin/esbuild")
# The components' readable scripts and styles, as the built site holds them.
COMPONENT_ASSETS = Path("assets/components")
# Material's bundle would fetch polyfills from a CDN in browsers that lack them (and for
# diagrams this site never has); point those at an empty script so nothing leaves the device.
CDN_URL = re.compile(rb"https://unpkg\.com/[^\"'`\s)]*")
SOURCE_MAP_COMMENT = re.compile(rb"\n?/[/*][#@] sourceMappingURL=[^\n]*?(\*/)?(?=\n|$)")


class BuildFailed(Exception):
    pass


def step(message: str) -> None:
    print(f"carepages: {message}", flush=True)


def vendor(root: Path) -> None:
    """Copy front-end files from npm packages into the theme folder (never from a CDN)."""
    source = root / SHIM
    if not source.exists():
        raise BuildFailed(
            f"{SHIM} is missing: run `make site` (it installs the npm packages) and try again"
        )
    target = root / VENDORED_SHIM
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


def mkdocs_env(draft: str | None = None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if draft:
        env["CAREPAGES_DRAFT"] = draft
    return env


def run_mkdocs(root: Path, site_dir: Path, config: Path | None = None) -> None:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(config or root / "mkdocs.yml"),
        "-d",
        str(site_dir),
    ]
    result = subprocess.run(
        command,
        cwd=root,
        env=mkdocs_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if result.returncode != 0:
        # MkDocs' own WARNING/ERROR lines say what is wrong (a broken link, a missing file);
        # its INFO chatter and any traceback lines would only bury them.
        shown = [
            line
            for line in result.stdout.splitlines()
            if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))
            or (line.startswith(" ") and not line.lstrip().startswith(("File ", "^", "~")))
        ]
        raise BuildFailed("mkdocs build --strict failed:\n" + "\n".join(shown[-30:]))


def search_languages(site_dir: Path) -> list[list[str]]:
    """The lunr languages of each search index in the site (search/, es/search/, …)."""
    return [
        json.loads(path.read_text(encoding="utf-8"))["config"]["lang"]
        for path in sorted(site_dir.glob("**/search/search_index.json"))
    ]


def prune(site_dir: Path) -> int:
    """Remove what no reader loads (source maps, the search packs of languages no index
    uses, the sitemap's gzip twin) and any CDN address left in vendored scripts. Returns
    bytes saved."""
    saved = 0
    doomed = list(site_dir.rglob("*.map"))
    lunr = site_dir / "assets/javascripts/lunr"
    if lunr.exists():
        indexes = search_languages(site_dir)
        keep = {f"lunr.{lang}.min.js" for langs in indexes for lang in langs if lang != "en"}
        if keep:
            keep.add("lunr.stemmer.support.min.js")
        if any(len(langs) > 1 for langs in indexes):
            keep.add("lunr.multi.min.js")
        doomed += [p for p in lunr.rglob("*.js") if p.name not in keep]
    doomed += list(site_dir.glob("sitemap.xml.gz"))
    for path in doomed:
        saved += path.stat().st_size
        path.unlink()
    for path in [*site_dir.rglob("*.js"), *site_dir.rglob("*.css")]:
        data = path.read_bytes()
        stripped = CDN_URL.sub(b"data:text/javascript,", SOURCE_MAP_COMMENT.sub(b"", data))
        if stripped != data:
            saved += len(data) - len(stripped)
            path.write_bytes(stripped)
    for folder in sorted(site_dir.rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return saved


def minify(root: Path, site_dir: Path) -> int:
    """Minify the components' scripts and style sheets in the built site with esbuild (from
    npm): the sources in overrides/ stay readable, what ships stays small. Returns bytes saved."""
    folder = site_dir / COMPONENT_ASSETS
    files = sorted([*folder.glob("*.js"), *folder.glob("*.css")])
    if not files:
        return 0
    esbuild = root / ESBUILD
    if not esbuild.exists():
        raise BuildFailed(
            f"{ESBUILD} is missing: run `make site` (it installs the npm packages) and try again"
        )
    before = sum(path.stat().st_size for path in files)
    result = subprocess.run(
        [
            str(esbuild),
            *(str(path) for path in files),
            "--minify",
            "--legal-comments=none",
            "--log-level=warning",
            f"--outdir={folder}",
            "--allow-overwrite",
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if result.returncode != 0:
        raise BuildFailed("minifying the components failed:\n" + result.stdout.strip())
    return before - sum(path.stat().st_size for path in files)


def make_zip(site_dir: Path, target: Path) -> None:
    """Zip the site under one folder, files in a stable order with fixed timestamps."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(
                f"{ZIP_FOLDER}/{path.relative_to(site_dir).as_posix()}",
                date_time=(2020, 1, 1, 0, 0, 0),
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def swap(new: Path, current: Path) -> None:
    """Put `new` where `current` is; the old copy is removed only after the move."""
    old = current.with_name(current.name + ".old")
    if old.exists():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    if current.exists():
        current.rename(old)
    new.rename(current)
    if old.exists():
        shutil.rmtree(old) if old.is_dir() else old.unlink()


def build(root: Path, site: Path | None = None, dist: Path | None = None) -> int:
    started = time.perf_counter()
    site = site or root / "site"
    dist = dist or root / "dist"
    step("checking content")
    _, problems = collect(root)
    if report(problems, strict=False):
        step("build stopped: fix the errors above; the last good site is unchanged")
        return 1
    (root / "build").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root / "build", prefix="site-") as tmp:
        tmp_site = Path(tmp) / "site"
        tmp_zip = Path(tmp) / ZIP_NAME
        try:
            vendor(root)
            step("building pages (mkdocs build --strict)")
            run_mkdocs(root, tmp_site)
            saved = prune(tmp_site)
            step(
                f"trimmed {saved / 1024:.0f} KB readers never load (source maps, unused search languages)"
            )
            step(
                f"minified the components' scripts and styles ({minify(root, tmp_site) / 1024:.0f} KB less)"
            )
            step("writing the offline zip")
            make_zip(tmp_site, tmp_zip)
        except BuildFailed as exc:
            print(f"carepages: {exc}", file=sys.stderr)
            step("build stopped; the last good site and zip are unchanged")
            return 1
        dist.mkdir(exist_ok=True)
        swap(tmp_site, site)
        swap(tmp_zip, dist / ZIP_NAME)
    pages = sum(1 for _ in site.rglob("*.html"))
    zip_path = dist / ZIP_NAME
    size = zip_path.stat().st_size
    step(
        f"built {pages} pages into {_shown(site, root)}/ and the offline copy "
        f"{_shown(zip_path, root)} ({size / 1024:.0f} KB) in {time.perf_counter() - started:.1f} s"
    )
    return 0


def _shown(path: Path, root: Path) -> str:
    """A path as the person who ran the build finds it: relative to the project if inside it."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def main_build(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m carepages build", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--site-dir", type=Path, help="where to put the site (default: site/)")
    parser.add_argument("--dist-dir", type=Path, help="where to put the zip (default: dist/)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    return build(
        root, args.site_dir and args.site_dir.resolve(), args.dist_dir and args.dist_dir.resolve()
    )


def main_serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m carepages serve")
    parser.add_argument("--draft", help="preview drafts/NAME as a treatment")
    parser.add_argument("--addr", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    root = Path.cwd()
    if args.draft and not (root / "drafts" / args.draft).is_dir():
        print(f"carepages: there is no draft drafts/{args.draft}/ (make ingest creates drafts)")
        return 2
    try:
        vendor(root)
    except BuildFailed as exc:
        print(f"carepages: {exc}", file=sys.stderr)
        return 1
    _, problems = collect(root, draft=args.draft)
    report(problems, strict=False)
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", args.addr, "--livereload"]
    if args.draft:
        command += ["-w", f"drafts/{args.draft}"]
    step(f"preview on http://{args.addr}/ (Ctrl+C stops it); pages rebuild when you save")
    return subprocess.call(command, cwd=root, env=mkdocs_env(args.draft))


main = main_build
