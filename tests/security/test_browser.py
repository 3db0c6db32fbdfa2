"""Pages built from hostile data, loaded in real Chromium: no dialog opens and no payload runs.

``alert``, ``confirm``, ``prompt`` and ``print`` are replaced before any script of the page runs
so a payload that calls them leaves a mark; Playwright also records any dialog. Every element is
then hovered, focused and clicked in place (links do not navigate) so that handlers smuggled
into attributes fire if they exist, and the search box is fed the payload's words so that
search results are rendered from the index too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ..browser.conftest import serve_folder
from .conftest import ENGINES

TRAP = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__ran.push(name + ":" + args.join(",")); };
}
"""
POKE = """
() => {
  document.addEventListener("click", (e) => e.preventDefault(), true);
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);  // Zensical's search lives in a shadow root
    }
  };
  walk(document.body);
  for (const el of all) {
    for (const type of ["mouseover", "mouseenter", "focus", "focusin", "click", "load", "error", "toggle"]) {
      try { el.dispatchEvent(new Event(type, {bubbles: true})); } catch (e) {}
    }
  }
  return window.__ran;
}
"""


class Trapped:
    """A browser tab whose page scripts are trapped (TRAP): what ran and which dialogs opened."""

    def __init__(self, browser, **options: object) -> None:
        self.context = browser.new_context(**options)
        self.context.add_init_script(TRAP)
        self.dialogs: list[str] = []
        self.ran: dict[str, list[str]] = {}
        self.tab = self.context.new_page()
        self.tab.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def poke(self, where: str) -> None:
        """Hover, focus and click every element; note what ran."""
        found = self.tab.evaluate(POKE)
        if found:
            self.ran[where] = found

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=ENGINES)
def hostile_site(request: pytest.FixtureRequest, hostile_sites: dict[str, Path]) -> Iterator[tuple[str, str, Path]]:
    site = hostile_sites[request.param]
    server, url = serve_folder(site)
    yield request.param, url, site
    server.shutdown()
    server.server_close()


def test_no_script_from_data_runs_in_the_browser(browser, hostile_site: tuple[str, str, Path]) -> None:
    engine, url, site = hostile_site
    trapped = Trapped(browser)
    tab = trapped.tab
    try:
        pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
        assert len(pages) >= 14
        for path in pages:
            tab.goto(f"{url}/{'' if path == '.' else path + '/'}")
            tab.wait_for_load_state("load")
            trapped.poke(path)
        # Search results, rendered from the index (Material's, or Zensical's dialog).
        tab.goto(f"{url}/")
        tab.wait_for_load_state("networkidle")
        if engine == "mkdocs":
            search = tab.locator("input.md-search__input")
            search.click()
            search.press_sequentially("persona onload", delay=20)
            tab.locator(".md-search-result__item").first.wait_for(timeout=10000)
        else:
            tab.locator(".md-search__button").first.click()
            tab.keyboard.type("persona onload", delay=20)
            tab.locator("ol[role=listbox] > *").first.wait_for(timeout=10000)
        trapped.poke("search")
    finally:
        trapped.close()
    assert trapped.dialogs == [] and trapped.ran == {}


# Each chart kind on the page that draws it from hostile labels (channel, persona, stage, owner,
# rule and KPI names all hold the payload).
CHART_PAGES = {
    "channels/": "opsmanual-chart-bars",
    "health/": "opsmanual-chart-bars",
    "content-map/": "opsmanual-chart-heatmap",
    "processes/nurture/": "opsmanual-chart-trend",
}
CHART_TEXT = """k => [...document.querySelectorAll('figure.' + k)].map(f => f.textContent + ' '
  + [...f.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label')).join(' ')).join(' ')"""
CHART_LIVE = """k => [...document.querySelectorAll('figure.' + k + ' *')].filter(e => {
    const tag = e.tagName.toLowerCase();
    const href = e.getAttribute('href') || e.getAttribute('xlink:href') || '';
    return ['script', 'foreignobject', 'iframe', 'img', 'use', 'animate', 'set'].includes(tag)
      || /^\\s*javascript:/i.test(href) || [...e.attributes].some(a => a.name.startsWith('on'));
  }).map(e => e.outerHTML.slice(0, 80))"""


def test_a_hostile_label_in_a_chart_is_drawn_as_text(browser, hostile_site: tuple[str, str, Path]) -> None:
    """Bars, heatmaps and trends carry the payload in their labels, captions and numbers tables:
    it must reach the chart as text, add no element or handler, and run nothing when poked."""
    engine, url, _ = hostile_site
    trapped = Trapped(browser, viewport={"width": 1280, "height": 900})
    tab = trapped.tab
    try:
        for path, kind in CHART_PAGES.items():
            tab.goto(f"{url}/{path}")
            tab.wait_for_load_state("load")
            assert tab.locator(f"figure.{kind} svg").count() >= 1, (engine, path)
            assert "onerror=alert('pwned')" in tab.evaluate(CHART_TEXT, kind), (engine, path)  # shown, as text
            assert tab.evaluate(CHART_LIVE, kind) == [], (engine, path)
            tab.evaluate("k => document.querySelectorAll('figure.' + k + ' details').forEach(d => { d.open = true; })",
                         kind)
            box = tab.locator(f"figure.{kind} svg").first.bounding_box()
            assert box and box["width"] > 100, (engine, path)  # noqa: PLR2004 - drawn, not collapsed by the payload
            tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            trapped.poke(path)
    finally:
        trapped.close()
    assert trapped.dialogs == [] and trapped.ran == {}
