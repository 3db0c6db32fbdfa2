"""Browser tests: real headless Chromium (Debian's package) driven by Playwright's Python API.

The sites are built from fixture projects and served from 127.0.0.1 on a free port, because
Material's search runs in a web worker that file:// URLs cannot start.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ..projects import FIXTURES

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def serve_folder(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    yield tab
    context.close()


ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="session")
def small_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The small fixture project, built once with each engine and served; yields {engine: base URL}."""
    from click.testing import CliRunner

    from generator.cli.main import cli

    project = tmp_path_factory.mktemp("browser") / "small"
    shutil.copytree(FIXTURES / "small", project)
    servers, urls = [], {}
    for engine in ENGINES:
        out = project.parent / f"site-{engine}"
        result = CliRunner().invoke(cli, ["build", str(project), "--as-of", "2026-11-20", "--engine", engine,
                                          "-d", str(out)])
        assert result.exit_code == 0, result.output
        server, urls[engine] = serve_folder(out)
        servers.append(server)
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def small_site(small_sites: dict[str, str]) -> str:
    """The small fixture project built with MkDocs, served; its base URL."""
    return small_sites["mkdocs"]


@pytest.fixture(params=ENGINES)
def engine_site(request: pytest.FixtureRequest, small_sites: dict[str, str]) -> str:
    """The small fixture project's site, once per engine (MkDocs + Material, Zensical)."""
    return small_sites[request.param]
