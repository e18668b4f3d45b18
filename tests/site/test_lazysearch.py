"""The build's change to Material's bundle: search loads on first use, and a bundle the
build does not know stops it with a message that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from carepages.site.lazysearch import BUNDLES, PATCHES, LazySearchError, lazy_search, patch_bundle


def material_bundle() -> Path:
    import material

    (path,) = (Path(material.__file__).parent / "templates").glob(BUNDLES)
    return path


def test_the_pinned_bundle_is_patched_once_and_only_where_expected() -> None:
    text = material_bundle().read_text("utf-8")
    patched = patch_bundle(text, "bundle.js")
    for old, new in PATCHES:
        assert old not in patched and patched.count(new) == 1
    assert patch_bundle(patched, "bundle.js") == patched  # a second build leaves it alone
    rest = patched
    for old, new in PATCHES:
        rest = rest.replace(new, old)
    assert rest == text


def test_a_bundle_from_another_material_stops_the_build() -> None:
    text = material_bundle().read_text("utf-8").replace("function Ei(e,t){", "function Ei(t,e){")
    with pytest.raises(LazySearchError) as error:
        patch_bundle(text, "assets/javascripts/bundle.123.min.js")
    assert str(error.value) == (
        "assets/javascripts/bundle.123.min.js is not the mkdocs-material 9.8.1 code carepages "
        "knows how to make load search on first use: install the pinned versions (`make venv`, "
        "requirements.lock) and build again"
    )


def test_the_built_site_ships_the_patched_bundle(site_dir: Path) -> None:
    (bundle,) = site_dir.glob(BUNDLES)
    text = bundle.read_text("utf-8")
    assert all(new in text for _, new in PATCHES)
    assert lazy_search(site_dir) == 1
    assert bundle.read_text("utf-8") == text
