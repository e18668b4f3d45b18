"""`carepages check`: every problem in content/ and the clinic settings, one line each.

The loader (`carepages.source.content`) reports what the schema rejects; each module here is
one family of rules beyond it, run over the whole project. Errors stop the build; warnings
never do, unless `--strict`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from carepages.checks import (
    config,
    copies,
    faq,
    freshness,
    ids,
    jargon,
    links,
    macros,
    markup,
    names,
    proposed,
    readability,
    restrictions,
    sections,
    sources,
    timeline,
    translations,
    wording,
)
from carepages.checks.project import Project, load_project
from carepages.source import languages
from carepages.source.content import Site, load_site
from carepages.source.languages import DEFAULT
from carepages.source.problems import Problem

CHECKS: tuple[Callable[[Project], Iterable[Problem]], ...] = (
    sections.check,
    timeline.check,
    ids.check,
    restrictions.check,
    wording.check,
    sources.check,
    faq.check,
    macros.check,
    markup.check,
    names.check,
    links.check,
    readability.check,
    jargon.check,
    copies.check,
    proposed.check,
    freshness.check,
    config.check,
    translations.check,
)


def collect(
    root: Path, today: dt.date | None = None, draft: str | None = None
) -> tuple[Site, list[Problem]]:
    """Load the project at `root` and run every check; problems sorted by file and line.

    `today` defaults to CAREPAGES_TODAY (YYYY-MM-DD, so tests and `build` can pin the
    date) and then to the real date."""
    sites, problems = check_sites(root, today, draft)
    return sites[DEFAULT], problems


def check_sites(
    root: Path, today: dt.date | None = None, draft: str | None = None
) -> tuple[dict[str, Site], list[Problem]]:
    """`collect`, with the site loaded in each language it is built in (the default
    language first), as the checks read it."""
    sites = load_sites(root, draft)
    return sites, run_checks(root, sites, today)


def load_sites(root: Path, draft: str | None = None) -> dict[str, Site]:
    """The site in each language it is built in, the default language first."""
    extra = [root / "drafts" / draft] if draft else []
    site = load_site(root / "content", root / "mkdocs.yml", base=root, extra_treatments=extra)
    # Each other language the site is built in: its pages, and its text over the English.
    others = {
        lang: load_site(
            root / "content", root / "mkdocs.yml", base=root, extra_treatments=extra, lang=lang
        )
        for lang in languages.configured(site.config)[1:]
    }
    return {DEFAULT: site, **others}


def run_checks(root: Path, sites: dict[str, Site], today: dt.date | None = None) -> list[Problem]:
    """Every check over the sites `load_sites` loaded; problems sorted by file and line."""
    site = sites[DEFAULT]
    others = {lang: other for lang, other in sites.items() if lang != DEFAULT}
    project = load_project(root, site, today or _env_today() or dt.date.today(), others)
    problems = set(site.problems)
    for other in others.values():
        problems.update(other.problems)
    for check in CHECKS:
        problems.update(check(project))
    return sorted(problems)


def _env_today() -> dt.date | None:
    value = os.environ.get("CAREPAGES_TODAY", "")
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def report(problems: list[Problem], strict: bool) -> int:
    for problem in problems:
        print(problem)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )
    return 1 if errors or (strict and warnings) else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m carepages check", description=__doc__)
    parser.add_argument("--strict", action="store_true", help="warnings fail too")
    parser.add_argument(
        "--root", type=Path, default=Path.cwd(), help="project folder (default: here)"
    )
    parser.add_argument("--draft", help="also check drafts/NAME as a treatment")
    parser.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.root / "mkdocs.yml").exists():
        print(f"carepages: no mkdocs.yml in {args.root}: run this from the project folder")
        return 2
    _, problems = collect(args.root, args.today, args.draft)
    return report(problems, args.strict)
