"""Take screenshots of a built site in headless Chromium (Debian's package, driven by Playwright).

    python tools/screenshots.py SITE_DIR OUT_DIR [--dark]

Serves SITE_DIR on 127.0.0.1 and writes home.png, flagged-page.png, health.png,
content-map.png and channels.png into OUT_DIR (README shows them).
"""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "",
    "flagged-page": "operating-manual/sales-enablement/",
    "health": "health/",
    "content-map": "content-map/",
    "channels": "channels/",
}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dark", action="store_true", help="use the dark colour scheme")
    parser.add_argument("--full", action="store_true", help="capture the full page height")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            context = browser.new_context(viewport={"width": 1360, "height": 1000},
                                          color_scheme="dark" if args.dark else "light")
            page = context.new_page()
            if args.dark:  # Material remembers the palette toggle in local storage
                page.goto(base)
                page.evaluate("""() => { const toggle = document.querySelector('[data-md-color-scheme] ~ * label, .md-header__option label');
                                          const inputs = [...document.querySelectorAll('input[name=__palette]')];
                                          const dark = inputs.find(i => i.getAttribute('data-md-color-scheme') === 'slate');
                                          if (dark) dark.click(); }""")
            for name, path in PAGES.items():
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                suffix = "-dark" if args.dark else ""
                page.screenshot(path=str(args.out / f"{name}{suffix}.png"), full_page=args.full)
                print(args.out / f"{name}{suffix}.png")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
