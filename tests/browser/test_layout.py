"""The site at a phone's width and a laptop's, light and dark, built with MkDocs and with Zensical: what fits
and what is drawn."""

from __future__ import annotations

import pytest

PAGES = ["", "processes/lead-handoff/", "processes/nurture/", "health/", "channels/", "content-map/", "metrics/"]
WIDTHS = {"phone": 390, "laptop": 1280}

WIDER_THAN_ARTICLE = """() => {
  const article = document.querySelector('article');
  const right = article.getBoundingClientRect().right + 1;
  return [...article.querySelectorAll('table')]
    .filter(t => t.offsetParent !== null && !t.closest('details:not([open])'))
    .filter(t => t.getBoundingClientRect().right > right || t.scrollWidth > t.clientWidth + 1)
    .map(t => t.innerText.slice(0, 80));
}"""

KPI_CELLS_OFF_SCREEN = """() => [...document.querySelectorAll('.opsmanual-kpis td')]
  .filter(td => td.getBoundingClientRect().right > window.innerWidth + 1 || td.getBoundingClientRect().width === 0)
  .map(td => td.innerText.slice(0, 40))"""

CHARTS_WITHOUT_TARGET = """() => [...document.querySelectorAll('figure.opsmanual-chart-trend')]
  .filter(f => {
    const line = f.querySelector('line.opsmanual-target');
    if (!line || !f.querySelector('figcaption').innerText.includes('target')) return !!line === false && f.innerText.includes('target');
    const box = line.getBoundingClientRect();
    return box.width < 20 || getComputedStyle(line).stroke === 'none';
  }).length"""


def _open(browser: object, base: str, path: str, width: int, scheme: str) -> object:
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(f"{base}/{path}")
    if scheme == "slate":
        tab.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    return tab


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_no_generated_table_is_wider_than_the_page(browser: object, engine_site: str, width: int, scheme: str) -> None:
    for path in PAGES:
        tab = _open(browser, engine_site, path, width, scheme)
        try:
            if width >= 1280:
                assert tab.evaluate(WIDER_THAN_ARTICLE) == [], path
            assert tab.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), path
        finally:
            tab.context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_status_block_fits_a_phone(browser: object, engine_site: str, scheme: str) -> None:
    tab = _open(browser, engine_site, "processes/lead-handoff/", 390, scheme)
    try:
        status = tab.locator(".opsmanual-status").first
        assert tab.evaluate("() => { const s = document.querySelector('.opsmanual-status');"
                            " return s.scrollWidth <= s.clientWidth + 1 }")
        assert tab.evaluate(KPI_CELLS_OFF_SCREEN) == []
        for column, label in ((3, "Latest: "), (4, "Target: "), (5, "Status: ")):  # each stacked value says what it is
            shown = tab.evaluate(f"() => getComputedStyle(document.querySelector('.opsmanual-kpis td:nth-child({column})'),"
                                 " '::before').content")
            assert shown == f'"{label}"'
        assert status.locator("figure.opsmanual-chart-trend svg").first.bounding_box()["width"] <= 390
        assert tab.locator(".opsmanual-kpis thead").first.is_hidden()
    finally:
        tab.context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_each_chart_is_drawn_with_its_target(browser: object, engine_site: str, width: int, scheme: str) -> None:
    tab = _open(browser, engine_site, "processes/lead-handoff/", width, scheme)
    try:
        figures = tab.locator("figure.opsmanual-chart-trend")
        assert figures.count() >= 1
        for i in range(figures.count()):
            figure = figures.nth(i)
            assert figure.locator("svg").first.bounding_box()["width"] > 200  # noqa: PLR2004 - drawn, not a sparkline
            target = figure.locator("line.opsmanual-target")
            assert target.count() == 1
            box = target.bounding_box()
            assert box and box["width"] > 100  # noqa: PLR2004 - the target spans the periods
            assert tab.evaluate("e => getComputedStyle(e).stroke", target.element_handle()) not in ("none", "")
            assert figure.locator("svg").first.bounding_box()["x"] + box["width"] <= width
        channel = _open(browser, engine_site, "channels/", width, scheme)
        try:
            bars = channel.locator("figure.opsmanual-chart-bars")
            assert bars.count() >= 1
            assert channel.locator("figure.opsmanual-chart-bars line.opsmanual-target").count() >= 1
        finally:
            channel.context.close()
    finally:
        tab.context.close()


def test_severity_colours_differ_and_follow_the_scheme(browser: object, engine_site: str) -> None:
    colours = {}
    for scheme in ("default", "slate"):
        tab = _open(browser, engine_site, "health/", 1280, scheme)
        try:
            found = {}
            for severity in ("error", "warning"):
                chip = tab.locator(f".opsmanual-chip.opsmanual-sev-{severity}").first
                found[severity] = tab.evaluate("e => getComputedStyle(e).color", chip.element_handle())
            tag = tab.locator(".md-typeset .opsmanual-actions").first
            assert tag.is_visible()  # the first screen says what to act on
            colours[scheme] = found
        finally:
            tab.context.close()
    assert colours["default"]["error"] != colours["default"]["warning"]
    assert colours["default"]["error"] != colours["slate"]["error"]
