"""Ids and slugs: the one rule for names that appear in URLs, anchors and data keys, and
`worded`, for text fields whose shape is checked with a pattern."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

# The error type of a `worded` field; carepages.source.wording shows its `say` to editors.
WORDED = "carepages_worded"


def worded(pattern: str, say: str) -> AfterValidator:
    """A validator that accepts text matching `pattern` and otherwise tells the editor, in
    words, what the value must look like (`say`, e.g. "must be a colour like #1f5f8b")."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise PydanticCustomError(WORDED, "{say}", {"say": say})
        return value

    return AfterValidator(check)


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SlugStr = Annotated[
    str, worded(SLUG_PATTERN, "must be lowercase words joined by hyphens, like 'does-it-hurt'")
]


def slugify(name: str, limit: int | None = None) -> str:
    """`Chemical peel` → `chemical-peel`; accents dropped, anything else becomes a hyphen."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if limit is not None:
        slug = slug[:limit].rstrip("-")
    return slug
