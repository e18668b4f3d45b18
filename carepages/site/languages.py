"""The one place that knows mkdocs-static-i18n: which language is being built, which
language a page's text is in, and where each language's pages live.

The plugin (suffix layout) runs one whole MkDocs build per language on the same config
object: the default language into site/, then each other language into site/<lang>/ (it
calls mkdocs' build() again from its on_post_build). The macros and the hooks read the
plugin's state only through these functions, so replacing the plugin changes this file;
without the plugin, or with one language, everything here describes a one-language site.
"""

from __future__ import annotations

from typing import Any

from carepages.source.languages import DEFAULT, english_name


def plugin(config: Any) -> Any | None:
    plugins = getattr(config, "plugins", None) or {}
    return plugins.get("i18n")


def build_language(config: Any) -> str:
    """The language being built now. theme.language is still the previous build's inside
    define_env (the plugin's on_config runs last); the plugin's current_language is set
    before each nested build starts, and is None during the first build's on_config."""
    found = plugin(config)
    if found is None:
        try:
            return str(config["theme"]["language"] or DEFAULT)
        except (KeyError, TypeError):
            return DEFAULT
    return str(found.current_language or found.default_language)


def default_language(config: Any) -> str:
    found = plugin(config)
    return str(found.default_language) if found is not None else DEFAULT


def build_languages(config: Any) -> list[str]:
    found = plugin(config)
    return list(found.build_languages) if found is not None else [build_language(config)]


def language_name(config: Any, lang: str) -> str:
    found = plugin(config)
    return str(found.get_language_config(lang).name) if found is not None else lang


def is_last_build(config: Any) -> bool:
    """True in the outermost build's on_post_build, once every language is built."""
    found = plugin(config)
    return found is None or not found.building


def prefix(lang: str, config: Any) -> str:
    """Where a language's pages live below site/: '' for the default, 'es/' for Spanish."""
    return "" if lang == default_language(config) else f"{lang}/"


def source_name(file: Any) -> str:
    """A page's source path without its language: `microneedling/recovery.es.md` →
    `microneedling/recovery.md` (the plugin keeps it as norm_src_uri)."""
    if file is None:
        return ""
    return str(getattr(file, "norm_src_uri", None) or english_name(file.src_uri))


def page_language(page: Any, config: Any) -> str:
    """The language the page's text is written in: the build language, or the default
    language for an untranslated page that another language's site shows instead."""
    file = getattr(page, "file", None)
    return str(getattr(file, "locale", None) or build_language(config))


def is_fallback(page: Any, config: Any) -> bool:
    return page_language(page, config) != build_language(config)


def alternate_url(page: Any, lang: str) -> str | None:
    """The address of the page in another language, from the site root."""
    file = getattr(getattr(page, "file", None), "alternates", {}).get(lang)
    return str(file.url) if file is not None else None
