"""The bench's "stock" site builds the same pages ours does: our macros' output, written out."""

from __future__ import annotations

from pathlib import Path

from lab.bench import stock_project
from lab.project import set_language_build
from lab.runs import mkdocs_build


def test_stock_material_builds_the_components_our_pages_carry(fresh_project: Path) -> None:
    set_language_build(fresh_project, "es", False)
    stock = stock_project(fresh_project, fresh_project.parent / "stock")
    rendered = fresh_project.parent / f"{fresh_project.name}-rendered"
    recovery = (rendered / "microneedling/recovery.md").read_text("utf-8")
    # The timeline and the chart are in the saved Markdown, not the placeholder words the
    # macros leave for the build to fill in after sanitising.
    assert "cpcomponent" not in recovery
    assert "data-step" in recovery
    mkdocs_build(stock, stock / "mkdocs.yml", stock / "site")
    html = (stock / "site/microneedling/recovery.html").read_text("utf-8")
    assert html.count("data-step=") >= 8
