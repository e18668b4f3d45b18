"""`carepages build` and `carepages serve`.

A build checks the content, builds into a work folder under build/, trims what readers never
use, audits every HTML and CSS file it is about to publish, zips it into the new site, and
only then swaps the new site/ (zip included) into place in one step: a failed or killed
build leaves the last good site and zip exactly as they were. Every failure is one line
that names a file; no traceback reaches an editor.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import json
import logging
import os
import pickle
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from carepages.checks import collect, load_sites, report, run_checks
from carepages.site import macros as site_macros
from carepages.site import publish
from carepages.site.publish import ZIP_NAME, checkpoint
from carepages.source.content import Site, content_stamp
from carepages.source.problems import Problem

ZIP_FOLDER = "carepages-site"
T = TypeVar("T")
SHIM = Path("node_modules/iframe-worker/shim/index.js")
VENDORED_SHIM = Path("overrides/assets/vendor/iframe-worker-shim.js")
ESBUILD = Path("node_modules/.bin/esbuild")
# The components' readable scripts and styles, as the built site holds them.
COMPONENT_ASSETS = Path("assets/components")
# The shim's frame bootstrap, which upstream writes as an inline script; the fork loads it
# from this file (overrides/assets/theme/), found relative to the shim's own address.
SHIM_BOOT = "../theme/iframe-worker-boot.js"
SHIM_INLINE = (
    '<script>postMessage=${c};importScripts=${d};addEventListener("error",({error})=>'
    '{parent.dispatchEvent(new ErrorEvent("error",{filename:"${e}",error}))})<\\/script>'
)
SHIM_START = '"use strict";(()=>{'
# Material's bundle would fetch polyfills from a CDN in browsers that lack them (and for
# diagrams this site never has); point those at an empty script so nothing leaves the device.
CDN_URL = re.compile(rb"https://unpkg\.com/[^\"'`\s)]*")
SOURCE_MAP_COMMENT = re.compile(rb"\n?/[/*][#@] sourceMappingURL=[^\n]*?(\*/)?(?=\n|$)")


class BuildFailed(Exception):
    pass


def step(message: str) -> None:
    print(f"carepages: {message}", flush=True)


def fork_shim(upstream: str) -> str:
    """The iframe-worker shim with its frame bootstrap loaded from a file instead of written
    inline, so the site's policy (script-src 'self') runs it. Refuses a shim it does not
    recognise rather than publish a search that hangs offline."""
    if upstream.count(SHIM_INLINE) != 1 or not upstream.startswith(SHIM_START):
        raise BuildFailed(
            f"{SHIM} is not the iframe-worker 1.0.4 this build knows how to adapt: "
            "run `npm ci` (package-lock.json pins it) and build again"
        )
    boot = '<script src="${cpBoot}" data-worker="${e}"><\\/script>'
    forked = upstream.replace(SHIM_INLINE, boot).replace(
        SHIM_START,
        SHIM_START + f'const cpBoot=new URL("{SHIM_BOOT}",document.currentScript.src).href;',
        1,
    )
    return (
        "/* iframe-worker 1.0.4 shim (MIT, Martin Donath), adapted by carepages' build: the "
        "frame's bootstrap is the file iframe-worker-boot.js, not an inline script. */\n" + forked
    )


def vendor(root: Path) -> None:
    """Write front-end files from npm packages into the theme folder (never from a CDN)."""
    source = root / SHIM
    try:
        upstream = source.read_text("utf-8")
    except OSError:
        raise BuildFailed(
            f"{SHIM} is missing: run `make site` (it installs the npm packages) and try again"
        ) from None
    target = root / VENDORED_SHIM
    text = fork_shim(upstream)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text("utf-8") != text:
            target.write_text(text, "utf-8")
    except OSError as exc:
        raise BuildFailed(f"{VENDORED_SHIM}: cannot be written ({_why(exc)})") from None


def _why(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def mkdocs_env(draft: str | None = None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if draft:
        env["CAREPAGES_DRAFT"] = draft
    return env


class _Records(logging.Handler):
    """MkDocs' log lines as its command line prints them (without a terminal)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextmanager
def _mkdocs_log() -> Iterator[_Records]:
    """MkDocs' log kept, not printed: shown only if the build fails."""
    from mkdocs.commands import build as commands
    from mkdocs.utils import DuplicateFilter

    logger = logging.getLogger("mkdocs")
    records = _Records()
    duplicates = DuplicateFilter()  # as `mkdocs build` does: a repeated warning once
    saved = (logger.level, logger.propagate)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(records)
    commands.log.addFilter(duplicates)
    try:
        yield records
    finally:
        commands.log.removeFilter(duplicates)
        logger.removeHandler(records)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def run_mkdocs(root: Path, site_dir: Path, config: Path | None = None) -> None:
    """`mkdocs build --strict` in a forked copy of this process: nothing is imported or
    loaded again (the content loaded for the check is handed over:
    carepages.site.macros.share), and all the memory the build takes is given back when
    it ends, before the audit. A warning or error stops the build with MkDocs' own
    WARNING/ERROR lines, which say what is wrong (a broken link, a missing file)."""
    done, failure = _in_fork(lambda: _mkdocs(root, site_dir, config))
    if not done:
        failure = "mkdocs build stopped unexpectedly"
    if failure is not None:
        raise BuildFailed(failure)


def _in_fork(work: Callable[[], T]) -> tuple[bool, T | None]:
    """Run `work` in a forked copy of this process, which ends with this one if it is
    killed; (True, its value), or (False, None) if the copy did not finish. Where there is
    no fork, `work` runs here."""
    if not hasattr(os, "fork"):
        return True, work()
    sys.stdout.flush()
    sys.stderr.flush()
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the copy: work, hand the value back, leave without cleaning up
        os.close(read)
        code = 1
        try:
            _end_with_parent(parent)
            value = work()
            with os.fdopen(write, "wb") as out:
                out.write(pickle.dumps(value))
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        data = answer.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not data:
        return False, None
    return True, pickle.loads(data)  # our own copy's answer


def _end_with_parent(parent: int) -> None:
    """Linux: this (forked) process is killed when `parent`, which started it, dies, so a
    killed build leaves nothing running that holds its lock or writes its work folder."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _mkdocs(root: Path, site_dir: Path, config: Path | None) -> str | None:
    """`mkdocs build --strict` here; what went wrong, if anything, as the editor sees it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    # MkDocs runs in the project folder, as `mkdocs build` run there would.
    config_file, site_dir = str((config or root / "mkdocs.yml").resolve()), site_dir.resolve()
    failure: str | None = None
    with _mkdocs_log() as records, contextlib.chdir(root):
        try:
            cfg = load_config(config_file=config_file, site_dir=str(site_dir), strict=True)
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(cfg)
            finally:
                cfg.plugins.on_shutdown()
        except Abort as exc:
            failure = exc.format_message()
        except MkDocsException as exc:
            failure = f"Error: {exc.format_message()}"
        except Exception as exc:  # a plugin's own failure: its message, never a traceback
            failure = f"Error: {type(exc).__name__}: {exc}"
    if failure is None:
        return None
    # MkDocs' INFO chatter would only bury the lines that say what is wrong.
    output = [*records.lines, *failure.splitlines()]
    shown = [
        line
        for line in "\n".join(output).splitlines()
        if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))
        or (line.startswith(" ") and not line.lstrip().startswith(("File ", "^", "~")))
        or re.match(r"^[\w./-]+\.md:\d+: ", line)
    ]
    return "mkdocs build --strict failed:\n" + "\n".join(shown[-30:])


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


def _folder_problem(path: Path, root: Path, what: str) -> str | None:
    """Why `path` cannot be used as a folder, or None (the folder named as one: `build/`)."""
    shown = f"{_shown(path, root)}/"
    if path.is_symlink() and not path.exists():
        return f"{shown} is a link to nothing: delete it and build again"
    if path.exists() and not path.is_dir():
        return f"{shown} is a file, not a folder: carepages writes {what} there; move or delete the file"
    return None


@contextmanager
def _lock(work: Path) -> Iterator[None]:
    """One build at a time in a project: a second one would sweep the first one's folder."""
    with open(work / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BuildFailed(
                "another build of this project is running (build/.lock): wait for it to end"
            ) from None
        yield


def _checked(root: Path) -> tuple[dict[str, Site], list[Problem]]:
    """The site in each language, loaded here for the build, and what the checks found.
    The checks run in a forked copy of this process, so what they build (every page's
    rendered text) never adds to the memory the build needs; where there is no fork, or
    the copy fails, they run here."""
    sites = load_sites(root)
    done, found = _in_fork(lambda: run_checks(root, sites))
    return sites, found if done and found is not None else run_checks(root, sites)


def build(root: Path, site: Path | None = None, dist: Path | None = None) -> int:
    started = time.perf_counter()
    site = site or root / "site"
    dist = dist or root / "dist"
    work = root / "build"
    for path, what in ((work, "its work files"), (site, "the site"), (dist, "the offline zip")):
        problem = _folder_problem(path, root, what)
        if problem:
            print(f"carepages: {problem}", file=sys.stderr)
            step("build stopped; the last good site and zip are unchanged")
            return 1
    step("checking content")
    content, config = root / "content", root / "mkdocs.yml"
    stamp = content_stamp(content, config, [])
    sites, problems = _checked(root)
    if report(problems, strict=False):
        step("build stopped: fix the errors above; the last good site is unchanged")
        return 1
    # The build below takes the site as it was loaded for the check.
    site_macros.share(sites, content, config, [], stamp)
    del sites
    try:
        work.mkdir(exist_ok=True)
        with _lock(work):
            publish.recover(site, dist, work)
            staging = Path(tempfile.mkdtemp(dir=work, prefix=publish.STAGING_PREFIX))
            try:
                _stage(root, staging)
                checkpoint("zipped")
                step("publishing site/ and the offline zip together")
                publish.publish(staging / "site", site, dist, work)
            finally:
                site_macros.unshare()
                if staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)
    except BuildFailed as exc:
        print(f"carepages: {exc}", file=sys.stderr)
        step("build stopped; the last good site and zip are unchanged")
        return 1
    except OSError as exc:
        where = exc.filename or work
        shown = os.path.relpath(where, root) if os.path.isabs(where) else where
        print(f"carepages: {shown}: {_why(exc)}", file=sys.stderr)
        step("build stopped; the last good site and zip are unchanged")
        return 1
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


def _stage(root: Path, staging: Path) -> None:
    """Build, trim, audit and zip the new site in `staging`/site (the zip inside it)."""
    from carepages.site.audit import audit_site

    staged = staging / "site"
    vendor(root)
    step("building pages (mkdocs build --strict)")
    run_mkdocs(root, staged)
    checkpoint("built")
    saved = prune(staged)
    step(f"trimmed {saved / 1024:.0f} KB readers never load (source maps, unused search languages)")
    step(f"minified the components' scripts and styles ({minify(root, staged) / 1024:.0f} KB less)")
    step("auditing every page and stylesheet before publishing")
    found = audit_site(staged, root / "content")
    if found:
        listing = "\n".join(str(problem) for problem in found[:50])
        more = f"\n… and {len(found) - 50} more" if len(found) > 50 else ""
        raise BuildFailed(
            f"the built site holds {len(found)} thing(s) it must not publish:\n{listing}{more}"
        )
    checkpoint("audited")
    step("writing the offline zip")
    make_zip(staged, staging / ZIP_NAME)
    os.rename(staging / ZIP_NAME, staged / ZIP_NAME)


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
