"""Which languages a site is written in, and which file holds a page or data file in each.

A translation sits beside its English file with the language before the extension
(`recovery.es.md`, `treatment.es.yml`): the suffix layout of mkdocs-static-i18n, which
builds the pages; this module picks the data files the same way. The languages are the
ones the i18n block of mkdocs.yml builds (`build: true`), the default language first.
"""

from __future__ import annotations

import re
from pathlib import Path

from carepages.source.yamlfile import Located

DEFAULT = "en"
_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})$")


def configured(config: Located | None) -> list[str]:
    """The languages mkdocs.yml builds, the default first; ['en'] without an i18n block."""
    data = config.data if config is not None and isinstance(config.data, dict) else {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            entries = [
                entry
                for entry in plugin["i18n"].get("languages") or []
                if isinstance(entry, dict) and entry.get("locale") and entry.get("build", True)
            ]
            entries.sort(key=lambda entry: not entry.get("default", False))
            return [str(entry["locale"]) for entry in entries] or [DEFAULT]
    return [DEFAULT]


def other_languages(project: Path) -> list[str]:
    """The languages a project's mkdocs.yml builds besides the default one."""
    from carepages.source.yamlfile import load_yaml_file

    path = project / "mkdocs.yml"
    if not path.exists():
        return []
    config, _ = load_yaml_file(path, "mkdocs.yml", mkdocs_tags=True)
    return configured(config)[1:]


def translation_path(path: Path, lang: str) -> Path:
    """`recovery.md` → `recovery.es.md` (whether it exists or not)."""
    return path if lang == DEFAULT else path.with_name(f"{path.stem}.{lang}{path.suffix}")


def localized(path: Path, lang: str) -> Path:
    """The file that holds `path` in `lang`: its translation if it exists, else itself."""
    translated = translation_path(path, lang)
    return translated if translated.exists() else path


def language_of(path: Path | str) -> str:
    """`faq.es.yml` → 'es', `faq.yml` → 'en'."""
    name = Path(path).name
    match = _SUFFIX.match(name.rsplit(".", 1)[0]) if name.count(".") >= 2 else None
    return match["lang"] if match else DEFAULT


def english_name(path: Path | str) -> str:
    """`microneedling/recovery.es.md` → `microneedling/recovery.md`."""
    text = str(path)
    folder, _, name = text.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    match = _SUFFIX.match(stem) if dot else None
    plain = f"{match['stem']}.{ext}" if match else name
    return f"{folder}/{plain}" if folder else plain


def language_name(lang: str) -> str:
    """The language's name in English, for messages to editors (`es` → 'Spanish')."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang).get_display_name("en"))
    except (ValueError, UnknownLocaleError):
        return lang
