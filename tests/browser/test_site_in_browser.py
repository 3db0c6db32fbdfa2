"""What a reader sees in a real browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..projects import FIXTURES, git_env
from .conftest import serve_folder


def test_search_finds_a_page_by_a_word_in_its_body(page, small_site: str) -> None:
    page.goto(f"{small_site}/")
    page.wait_for_load_state("networkidle")  # the search worker has its index
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("rejects", delay=30)  # Material searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    links = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
    assert any("processes/lead-handoff/" in (href or "") for href in links), links


def test_a_stale_page_shows_its_status_block(page, small_site: str) -> None:
    page.goto(f"{small_site}/processes/nurture/")
    status = page.locator(".opsmanual-status").first
    assert status.is_visible()
    text = status.inner_text()
    assert "2025-01-10" in text
    assert "stale" in text.lower()
    assert status.locator("svg").count() >= 1  # the KPI trend is drawn


def test_the_health_page_lists_findings_and_its_links_work(page, small_site: str) -> None:
    page.goto(f"{small_site}/health/")
    body = page.locator("article").inner_text()
    assert "stale-review" in body and "unknown-reference" in body
    links = page.locator("article table a")
    assert links.count() >= 5
    hrefs = sorted({links.nth(i).get_attribute("href") for i in range(links.count())})
    for href in hrefs:
        if href and not href.startswith(("http:", "https:", "mailto:")):
            response = page.request.get(page.evaluate("h => new URL(h, location.href).href", href))
            assert response.ok, href
    page.locator("article table a", has_text="nurture").first.click()
    page.wait_for_load_state()
    assert "/processes/nurture/" in page.url


def test_the_content_map_renders_the_matrix(page, small_site: str) -> None:
    page.goto(f"{small_site}/content-map/")
    assert page.locator("figure.opsmanual-chart-heatmap svg").first.is_visible()  # drawn above the table
    table = page.locator("article table:not([class])").first
    assert table.is_visible()
    text = table.inner_text()
    assert "IT Director" in text and "CFO" in text
    assert "Awareness" in text and "Decision" in text
    assert "ROI calculator" in text
    assert "gap" in page.locator("article").inner_text().lower()


def test_the_version_selector_lists_published_versions(page, small: Path, tmp_path: Path) -> None:
    project = small
    env = {**os.environ, **git_env(tmp_path)}
    exe = str(Path(sys.executable).with_name("opsmanual"))
    commands = [
        ["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-qm", "manual"],
        [exe, "publish", ".", "--as-of", "2026-11-20", "--version", "2026.10"],
        [exe, "publish", ".", "--as-of", "2026-11-20", "--version", "2026.11", "--alias", "latest"],
    ]
    for command in commands:
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    served = tmp_path / "pages"
    served.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=project, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(served)], input=archive, check=True)
    server, url = serve_folder(served)
    try:
        page.goto(f"{url}/2026.11/")
        page.wait_for_load_state("networkidle")  # Material fetches ../versions.json
        current = page.locator(".md-version__current")
        current.wait_for(state="attached", timeout=10000)
        assert current.text_content().strip() == "2026.11"
        links = page.locator(".md-version__list .md-version__link")
        labels = [links.nth(i).text_content().strip() for i in range(links.count())]
        assert labels == ["2026.11", "2026.10"], labels
        assert links.nth(1).get_attribute("href").endswith("/2026.10/")
    finally:
        server.shutdown()
        server.server_close()


def test_hostile_data_stays_text_in_pages_nav_and_search(page, tmp_path: Path) -> None:
    """Names and titles such as <script>alert(1)</script> show as characters and never run."""
    from click.testing import CliRunner

    from generator.cli.main import cli

    project = tmp_path / "xss"
    shutil.copytree(FIXTURES / "xss", project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "docs_dir: manual", "docs_dir: manual\ntheme:\n  name: material\n  font: false"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(project), "--as-of", "2026-11-20"])
    assert result.exit_code == 0, result.output
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    server, url = serve_folder(project / "site")
    try:
        for path in ("", "health/", "personas/", "content-map/", "channels/", "owners/"):
            page.goto(f"{url}/{path}")
            page.wait_for_load_state("networkidle")
        page.goto(f"{url}/")
        page.wait_for_load_state("networkidle")
        assert "<script>" in page.locator(".md-nav").first.inner_text()  # shown as characters
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("Evil", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=10000)
        assert page.evaluate("document.querySelectorAll('.md-search-result script, article script').length") == 0
    finally:
        server.shutdown()
        server.server_close()
    assert dialogs == []
