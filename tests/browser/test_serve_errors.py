"""The preview never hangs: under `opsmanual serve` a page edited into an error shows the problems
in the browser, live reload keeps running, and fixing the file brings the page back by itself."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ..engines.test_serve import free_port, wait_for
from ..projects import FIXTURES


def test_an_error_under_serve_shows_in_the_browser_and_the_fix_brings_the_site_back(page, tmp_path: Path) -> None:
    project = tmp_path / "small"
    shutil.copytree(FIXTURES / "small", project)
    port = free_port()
    exe = str(Path(sys.executable).with_name("opsmanual"))
    server = subprocess.Popen([exe, "serve", str(project), "--as-of", "2026-11-20", "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/processes/nurture/"
    nurture = project / "manual" / "processes" / "nurture.md"
    good = nurture.read_text(encoding="utf-8")
    try:
        wait_for(url, "Ana Silva")
        page.goto(url)
        page.locator(".opsmanual-status").first.wait_for(timeout=15000)
        # An editor's typo: the page (and the site) cannot be read any more.
        nurture.write_text(good.replace("\nowner:", "\nownr:", 1), encoding="utf-8")
        errors = page.locator(".opsmanual-errors")
        errors.wait_for(timeout=30000)  # live reload brought the error page, nobody reloaded by hand
        text = errors.inner_text()
        assert "manual/processes/nurture.md:2" in text
        assert "unknown key 'ownr' in front matter" in text and "did you mean 'owner'?" in text
        assert "cannot be built" in page.locator("h1").first.inner_text()
        # Another URL shows the same problems instead of spinning.
        other = page.context.new_page()
        other.goto(f"http://127.0.0.1:{port}/health/", timeout=15000)
        assert "manual/processes/nurture.md:2" in other.locator("body").inner_text()
        other.close()
        # The fix: the site comes back on its own.
        nurture.write_text(good, encoding="utf-8")
        page.locator(".opsmanual-status").first.wait_for(timeout=30000)
        assert page.locator(".opsmanual-errors").count() == 0
        assert "Ana Silva" in page.locator(".opsmanual-status").first.inner_text()
        # A broken mkdocs.yml: the engine cannot even start a build, and still the browser says why.
        config = project / "mkdocs.yml"
        config_text = config.read_text(encoding="utf-8")
        config.write_text(config_text + "nav: [unclosed\n", encoding="utf-8")
        page.locator(".opsmanual-errors").wait_for(timeout=30000)
        assert "mkdocs.yml:" in page.locator(".opsmanual-errors").inner_text()
        config.write_text(config_text, encoding="utf-8")
        page.locator(".opsmanual-status").first.wait_for(timeout=30000)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "unknown key 'ownr'" in output
