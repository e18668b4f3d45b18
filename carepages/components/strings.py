"""Interface text per language: every word a component, the theme or a script shows that
does not come from the content. One YAML file per language in `strings/`; the English
labels of sections, FAQ topics and the built-in activities come from the model, so they
are written once.

Templates call `t("key", n=3, date=...)`; `t.html(...)` keeps Markup values (a link inside
a sentence) while escaping the rest. Scripts get the strings they need as data attributes,
never as text of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from carepages.model.activities import BUILT_IN, BUILT_IN_IDS, Activity
from carepages.model.sections import SOURCE_PARTS, FaqTopic

STRINGS_DIR = Path(__file__).parent / "strings"
Entry = str | Mapping[str, str] | list[str]


@dataclass(frozen=True)
class Strings:
    lang: str
    table: Mapping[str, Entry]

    def _entry(self, key: str, n: int | None) -> str:
        entry = self.table[key]
        if isinstance(entry, Mapping):
            # English and Spanish have two plural forms: one, and everything else.
            return entry["one" if n == 1 else "other"]
        if isinstance(entry, list):
            raise TypeError(f"'{key}' is a list of strings, not a string")
        return entry

    def __call__(self, key: str, /, n: int | None = None, **values: object) -> str:
        text = self._entry(key, n)
        return text.format(n=n, **values) if values or n is not None else text

    def html(self, key: str, /, n: int | None = None, **values: object) -> Markup:
        """The string as Markup: its own text and plain values escaped, Markup values kept."""
        return Markup(escape(self._entry(key, n))).format(n=n, **values)

    def forms(self, key: str) -> dict[str, str]:
        """Both plural forms of a key (for scripts that count)."""
        return {form: self._entry(key, n) for form, n in (("one", 1), ("other", 2))}

    def names(self, key: str) -> list[str]:
        """A list of strings (month names, short weekday names)."""
        entry = self.table[key]
        if not isinstance(entry, list):
            raise TypeError(f"'{key}' is a string, not a list of strings")
        return entry

    def month(self, number: int) -> str:
        """The name of month 1–12."""
        return self.names("months")[number - 1]

    @property
    def locale(self) -> str:
        """The locale dates are written in (`en-GB`: day before month)."""
        return self("date_locale")


def localized(activity: Activity, t: Strings) -> Activity:
    """An activity with its words in the page's language: a built-in one's from the catalog,
    a clinic's own as its content files give them (loaded in the page's language)."""
    if activity.id not in BUILT_IN_IDS:
        return activity
    key = f"activity_{activity.id}"
    words = {"label": t(key), "description": t(f"{key}_description"), "resume": t(f"{key}_resume")}
    return activity.model_copy(update=words)


def languages() -> list[str]:
    return sorted(p.stem for p in STRINGS_DIR.glob("*.yml"))


@functools.cache
def strings(lang: str) -> Strings:
    table: dict[str, Entry] = yaml.safe_load((STRINGS_DIR / f"{lang}.yml").read_text("utf-8"))
    if lang == "en":
        table |= {f"section_{part}": label for part, label in SOURCE_PARTS.items()}
        table |= {f"topic_{t.value}": t.label for t in FaqTopic}
        for activity in BUILT_IN:
            key = f"activity_{activity.id}"
            table |= {key: activity.label, f"{key}_description": activity.description}
            table[f"{key}_resume"] = activity.resume
    return Strings(lang, table)
