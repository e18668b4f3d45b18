"""`carepages ingest`: normalise source documents into JSON or into a draft treatment folder."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NoReturn, TextIO

from carepages.model.activities import Activity
from carepages.model.sections import Section

from .model import Document
from .pipeline import expand_sources, ingest_path
from .readers import ReadError
from .reconcile import Conflict, reconcile
from .vocabulary import BUILT_IN_VOCABULARY, Vocabulary


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"carepages ingest: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="carepages ingest",
        description="Normalise source documents (text, Markdown, HTML) about one treatment.",
    )
    parser.add_argument("sources", nargs="+", metavar="FILE_OR_DIR")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    parser.add_argument("--slug", help="write drafts/SLUG/ (a treatment folder marked draft)")
    parser.add_argument("--force", action="store_true", help="replace an existing draft")
    parser.add_argument("--drafts", default="drafts", help="folder for drafts (default: drafts)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    return parser


# The vocabulary of this process: set once per worker (its patterns are not sent per file).
_VOCABULARY: list[Vocabulary] = [BUILT_IN_VOCABULARY]


def _use(activities: tuple[Activity, ...] | None) -> None:
    _VOCABULARY[0] = Vocabulary.of(activities) if activities else BUILT_IN_VOCABULARY


def _ingest_one(item: tuple[Path, str]) -> tuple[Document | None, str]:
    """Ingest one file; returns (document, "") or (None, the one-line error)."""
    path, given = item
    try:
        return ingest_path(path, given, _VOCABULARY[0]), ""
    except ReadError as exc:
        return None, f"{given}: {exc}"
    except (RecursionError, MemoryError, ValueError, UnicodeError, LookupError) as exc:
        # A last guard so one odd file never stops the others.
        return None, f"{given}: could not be processed ({exc.__class__.__name__})"


# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 64


def ingest_all(
    paths: list[str],
    errors_to: TextIO,
    progress: bool = False,
    activities: tuple[Activity, ...] | None = None,
) -> tuple[list[Document], int]:
    """Ingest every file; returns (documents, number of failures). Errors go to `errors_to`.
    `activities`: the vocabulary's activities when the clinic has its own."""
    files, errors = expand_sources(paths)
    _use(activities)
    for line in errors:
        print(f"carepages ingest: {line}", file=errors_to)
    failures = len(errors)
    docs: list[Document] = []
    show = progress and len(files) >= 5
    workers = min(os.cpu_count() or 1, 8)
    if len(files) >= PARALLEL_FROM and workers > 1:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_use, initargs=(activities,)
        ) as pool:
            results = pool.map(_ingest_one, files, chunksize=16)
            outcomes = _report(results, len(files), errors_to, show)
    else:
        outcomes = _report(map(_ingest_one, files), len(files), errors_to, show)
    for doc, error in outcomes:
        if doc is not None:
            docs.append(doc)
        else:
            failures += 1
            print(f"carepages ingest: {error}", file=errors_to)
    return docs, failures


def _report(
    results: Iterable[tuple[Document | None, str]], total: int, out: TextIO, show: bool
) -> list[tuple[Document | None, str]]:
    collected = []
    for index, result in enumerate(results, start=1):
        collected.append(result)
        if show:
            _progress(index, total, out)
    if show:
        print(file=out)
    return collected


def _progress(done: int, total: int, out: TextIO) -> None:
    width = 30
    filled = int(width * done / total)
    out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} documents")
    out.flush()


def as_json(docs: list[Document], conflicts: list[Conflict]) -> dict[str, object]:
    return {
        "documents": [doc.as_json() for doc in docs],
        "conflicts": [c.as_json() for c in conflicts],
    }


def summary(docs: list[Document], conflicts: list[Conflict]) -> str:
    sections: Counter[str] = Counter()
    for doc in docs:
        sections.update(block.section for block in doc.blocks)
    parts = ", ".join(f"{name} {sections.get(name, 0)}" for name in Section)
    return (
        f"{len(docs)} documents; blocks: {parts}; noise dropped {sections.get('noise', 0)}; "
        f"FAQs {sum(len(d.faq) for d in docs)}; spans {sum(len(d.timeline) for d in docs)}; "
        f"restrictions {sum(len(d.restrictions) for d in docs)}; conflicts {len(conflicts)}"
    )


def main(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.json and not args.slug:
        print("carepages ingest: give --json or --slug NAME", file=sys.stderr)
        return 2
    if args.slug and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.slug):
        print(
            f"carepages ingest: --slug {args.slug!r} must be lower-case words joined by hyphens",
            file=sys.stderr,
        )
        return 2
    progress = not args.json and not args.quiet and sys.stderr.isatty()
    from .draft import project_activities

    activities = project_activities(Path.cwd())
    vocabulary = Vocabulary.of(activities)
    docs, failures = ingest_all(
        args.sources, sys.stderr, progress=progress, activities=tuple(activities)
    )
    conflicts = reconcile(docs)
    if args.json:
        json.dump(as_json(docs, conflicts), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 1 if failures else 0
    if not docs:
        print("carepages ingest: no document could be read; no draft written", file=sys.stderr)
        return 1
    from .draft import DraftError, write_draft

    try:
        folder = write_draft(
            docs,
            conflicts,
            args.slug,
            Path(args.drafts),
            force=args.force,
            vocabulary=vocabulary,
            activities=activities,
        )
    except DraftError as exc:
        print(f"carepages ingest: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(summary(docs, conflicts), file=sys.stderr)
        print(f"wrote {folder}/ (preview: make serve DRAFT={args.slug})", file=sys.stderr)
    return 1 if failures else 0
