"""`carepages new "Chemical peel"`: a new treatment folder from a template that validates.

The template's TODO markers are warnings, so the new treatment builds and shows on the
home page at once; `make check` lists what is left to write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

from carepages.model.ids import slugify
from carepages.source.content import RESERVED_FOLDERS
from carepages.source.skeleton import write_translations

TEMPLATE = Path(__file__).parent / "scaffold_template"
# Besides letters and digits: what a treatment's name needs, and nothing that Markdown,
# HTML or a template would read as syntax in the page heading it becomes.
NAME_PUNCTUATION = " -'’&(),.+/"


def render(text: str, title: str, slug: str, today: dt.date) -> str:
    return (
        text.replace("__TITLE_YAML__", json.dumps(title, ensure_ascii=False))
        .replace("__TITLE__", title)
        .replace("__SLUG__", slug)
        .replace("__TODAY__", today.isoformat())
    )


def scaffold(content_dir: Path, title: str, today: dt.date, force: bool = False) -> Path:
    """Write content/<slug>/ from the template and return it, with the files a translation
    starts from for every other language the site is built in.

    The files are written into a hidden folder first and renamed into place, so a
    half-written treatment never appears; an existing folder is replaced only with force."""
    slug = slugify(title)
    target = content_dir / slug
    staging = Path(tempfile.mkdtemp(prefix=f".new-{slug}-", dir=content_dir))
    try:
        for source in sorted(TEMPLATE.iterdir()):
            if source.is_file():
                text = render(source.read_text("utf-8"), title, slug, today)
                (staging / source.name).write_text(text, "utf-8")
        write_translations(staging, content_dir.parent, today)
        staging.chmod(0o755)
        if target.exists() and force:
            old = content_dir / f".old-{slug}"
            if old.exists():
                shutil.rmtree(old)
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m carepages new",
        description="Create content/<name>/ for a new treatment, ready to fill in.",
    )
    parser.add_argument("name", nargs="+", help='the treatment\'s name, e.g. "Chemical peel"')
    parser.add_argument("--force", action="store_true", help="replace an existing folder")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    title = " ".join(" ".join(args.name).split())
    slug = slugify(title)
    content_dir = args.root / "content"
    if not content_dir.is_dir():
        print(f"carepages: no content/ folder in {args.root}: run this from the project folder")
        return 2
    if not slug:
        print(f"carepages: '{title}' has no letters or digits to name a folder with")
        return 2
    odd = sorted({c for c in title if not (c.isalnum() or c in NAME_PUNCTUATION)})
    if odd:
        print(
            f"carepages: a treatment's name may use letters, digits, spaces and "
            f"{' '.join(NAME_PUNCTUATION.strip())} only: {title!r} has {' '.join(odd)}"
        )
        return 2
    if slug in RESERVED_FOLDERS:
        print(f"carepages: content/{slug}/ is kept for the site's own files: pick another name")
        return 2
    if (content_dir / slug).exists() and not args.force:
        print(
            f"carepages: content/{slug}/ already exists, so nothing was changed. Pick another "
            "name, or add --force to replace that folder with an empty template."
        )
        return 1
    target = scaffold(content_dir, title, args.today or dt.date.today(), force=args.force)
    print(f"carepages: created content/{slug}/ for {title}:")
    for path in sorted(target.iterdir()):
        print(f"  content/{slug}/{path.name}")
    print(
        "Next: replace every TODO (`make check` lists them), preview with `make serve`, "
        "and ask a clinician to review before you publish."
    )
    return 0
