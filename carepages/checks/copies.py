"""Nobody publishes someone else's sentences by accident: a treatment's text is compared with
the source documents it cites (`sources:` entries whose `file` is present),
and a run of 9 or more words in common is an error. In a draft that is the normal state, so
it is only counted."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from carepages.checks.project import Project
from carepages.source.content import TreatmentData
from carepages.source.problems import Problem

RUN = 9
# Words as the project's own copy check counts them: lower case, letters and digits.
_WORD = re.compile(r"[a-z0-9]+")
_FILES = ("treatment.yml", "faq.yml", "index.md", "recovery.md", "faq.md")


# A web address names where something was published; its words are not sentences.
_ADDRESS = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+")


def words_with_lines(text: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for number, line in enumerate(text.lower().replace("\u2019", "'").split("\n"), start=1):
        out += [(word, number) for word in _WORD.findall(_ADDRESS.sub(" ", line))]
    return out


@functools.lru_cache(maxsize=64)
def _runs_of(path: Path, stamp: float) -> dict[tuple[str, ...], int]:
    """Every run of RUN words in a source, with the line it starts on (first one kept)."""
    words = words_with_lines(path.read_text(encoding="utf-8", errors="replace"))
    runs: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - RUN + 1):
        runs.setdefault(tuple(w for w, _ in words[i : i + RUN]), words[i][1])
    return runs


def origin_path(name: str, project_root: Path, folder: Path) -> Path | None:
    """The file a source's `file` (or, in older drafts, its `origin`) names, if it is
    present: an absolute path, or a path from the project folder or from the treatment's
    folder. Addresses are not files."""
    if not name or re.match(r"^[a-z]+://", name):
        return None
    given = Path(name)
    for candidate in (given,) if given.is_absolute() else (project_root / given, folder / given):
        if candidate.is_file():
            return candidate
    return None


def copied_runs(
    text: str, sources: list[tuple[str, dict[tuple[str, ...], int]]]
) -> list[tuple[int, int, str, int]]:
    """Each run of RUN or more words that `text` shares with a source, longest first at each
    place: (line in the text, number of words, source id, line in the source)."""
    words = words_with_lines(text)
    found: list[tuple[int, int, str, int]] = []
    i = 0
    while i <= len(words) - RUN:
        gram = tuple(w for w, _ in words[i : i + RUN])
        hit = next(((sid, runs[gram], runs) for sid, runs in sources if gram in runs), None)
        if hit is None:
            i += 1
            continue
        sid, source_line, runs = hit
        j = i + RUN
        while j < len(words) and tuple(w for w, _ in words[j - RUN + 1 : j + 1]) in runs:
            j += 1
        found.append((words[i][1], j - i, sid, source_line))
        i = j
    return found


def check(project: Project) -> Iterator[Problem]:
    for data in project.site.treatments:
        yield from _check_treatment(project, data)


def _check_treatment(project: Project, data: TreatmentData) -> Iterator[Problem]:
    sources: list[tuple[str, dict[tuple[str, ...], int]]] = []
    names: dict[str, str] = {}
    for source in data.treatment.sources:
        path = origin_path(source.file or source.origin, project.root, data.folder)
        if path is not None:
            sources.append((source.id, _runs_of(path, path.stat().st_mtime)))
            names[source.id] = path.name
    if not sources:
        return
    counted = 0
    for name in _FILES:
        path = data.folder / name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        for line, count, sid, source_line in copied_runs(text, sources):
            counted += 1
            if data.published:
                yield Problem(
                    project.shown(path),
                    line,
                    f"{count} words in a row are the same as source '{sid}' ({names[sid]}) "
                    f"line {source_line}: write the facts in your own words",
                )
    if counted and not data.published:
        located = data.located
        yield Problem(
            located.path,
            located.line_of(("status",)),
            f"'{data.slug}' shares {counted} run{'s' if counted != 1 else ''} of {RUN} or more "
            "words with its sources: normal for a draft, but each one is an error once "
            "it is published",
            "warning",
        )
