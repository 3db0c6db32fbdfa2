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


@pytest.fixture(params=ENGINES)
def hostile_site(request: pytest.FixtureRequest, hostile_sites: dict[str, Path]) -> Iterator[tuple[str, str, Path]]:
    site = hostile_sites[request.param]
    server, url = serve_folder(site)
    yield request.param, url, site
    server.shutdown()
    server.server_close()


def test_no_script_from_data_runs_in_the_browser(browser, hostile_site: tuple[str, str, Path]) -> None:
    engine, url, site = hostile_site
    context = browser.new_context()
    context.add_init_script(TRAP)
    dialogs: list[str] = []
    tab = context.new_page()
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    ran: dict[str, list[str]] = {}
    try:
        pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
        assert len(pages) >= 14
        for path in pages:
            tab.goto(f"{url}/{'' if path == '.' else path + '/'}")
            tab.wait_for_load_state("load")
            found = tab.evaluate(POKE)
            if found:
                ran[path] = found
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
        found = tab.evaluate(POKE)
        if found:
            ran["search"] = found
    finally:
        context.close()
    assert dialogs == [] and ran == {}
