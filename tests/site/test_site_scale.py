"""What keeps the generated pages of a large manual small: they summarise and link instead of listing,
and listings stay out of the search index. Pinned by behaviour (the limits are lowered), never by time."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from generator.model.project import Project
from generator.site import content_map, health
from generator.site.bundle import NOT_IN_SEARCH, SiteBundle

Pages = Callable[[SiteBundle], dict[str, str]]
# A finding's row opens with its severity chip.
ROW = re.compile(r'^\| <span class="opsmanual-chip opsmanual-sev-(error|warning|info)">', re.M)


def test_health_lists_every_finding_below_the_limit(small: SiteBundle, pages: Pages) -> None:
    md = pages(small)["health/index.md"]
    assert "## All findings" in md and "## Most urgent findings" not in md
    assert len(ROW.findall(md[md.index("## All findings") : md.index("## Waived")])) == 14


def test_health_links_to_owners_past_the_limit(
    small_project: Project, render: Callable[..., SiteBundle], pages: Pages, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "LIST_LIMIT", 3)
    md = pages(render(small_project))["health/index.md"]
    assert "## All findings" not in md
    listed = md[md.index("## Most urgent findings") : md.index("## Waived")]
    rows = ROW.findall(listed)
    assert rows == ["error", "error", "warning"]  # the most urgent three
    assert "The 3 most urgent of 14 findings." in listed
    assert "[By owner](#by-owner)" in listed and "## By owner {#by-owner}" in md
    # the owner table still counts every finding and links each owner's page, which lists them all
    assert "| [Ana Silva](../owners/ana.md) | 1 | 7 | 0 | 8 |" in md


def test_content_map_cells_count_and_link_past_the_limit(
    small_project: Project, render: Callable[..., SiteBundle], pages: Pages, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(content_map, "CELL_LIMIT", 0)
    md = pages(render(small_project))["content-map/index.md"]
    matrix = md[md.index("## Persona × stage") : md.index("## Every asset")]
    assert (
        '| [CFO](../personas/cfo.md) | <span class="opsmanual-gap">gap: no live content</span> | '
        '<span class="opsmanual-cell-metric">10 SQLs (2026-10)</span>[1 live asset](../personas/cfo.md) |'
    ) in matrix
    assert "• " not in matrix  # no asset named in the matrix
    assert '<span id="content-wb-zero-trust"></span>' in md  # every asset keeps its row below


def test_listings_are_left_out_of_search(small: SiteBundle) -> None:
    by_path = {p.path: p for p in small.pages}
    excluded = {path for path, p in by_path.items() if p.meta.get("search") == NOT_IN_SEARCH["search"]}
    assert excluded == {
        "changes/index.md",
        "channels/index.md",
        "content-map/index.md",
        "health/index.md",
        "owners/ana.md",
        "owners/revops.md",
    }
