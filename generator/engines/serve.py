"""``opsmanual serve``: MkDocs' live-reload server with a builder that never leaves it stuck.

MkDocs' own ``serve`` stalls every request after a failed rebuild until a build succeeds. Here
a failed build still ends in a site: when the manual's input is bad, the plugin renders every
page as the list of problems (``error_page.error_markdown``, in the site's theme); when not even
the engine can run (``mkdocs.yml`` itself is broken, another plugin fails), every page of the
last site and the 404 page are replaced by a plain page of the problems. Either way the
browser shows why, live reload keeps polling, and saving the fixed file brings the site back.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url

from ..load.problems import InputError, Problem
from .error_page import error_html

log = logging.getLogger("mkdocs.commands.serve")


def input_problems(root: Path, config_file: Path) -> list[Problem | str]:
    """Why the project cannot be read (file:line), if that is why the engine failed."""
    from ..load.project import load_project

    try:
        load_project(root, config_file)
    except InputError as exc:
        return list(exc.problems)
    except Exception as exc:  # noqa: BLE001 - shown to the user, never raised
        return [f"{type(exc).__name__}: {exc}"]
    return []


def write_error_site(site_dir: Path, problems: Sequence[Problem | str]) -> None:
    """Every HTML page under ``site_dir`` (and ``index.html``, ``404.html``) becomes the problems page."""
    page = error_html(problems).encode("utf-8")
    site_dir.mkdir(parents=True, exist_ok=True)
    targets = {p for p in site_dir.rglob("*.html") if p.is_file()} | {site_dir / "index.html", site_dir / "404.html"}
    for target in targets:
        target.write_bytes(page)


def serve_manual(config_file: Path, *, dev_addr: str, open_browser: bool = False, watch: Sequence[Path] = (),
                 on_build: Callable[[], None] | None = None) -> None:
    """Serve the site of ``config_file`` with live reload until Ctrl+C."""
    root = config_file.parent
    site_dir = Path(tempfile.mkdtemp(prefix="opsmanual_"))
    state: dict[str, MkDocsConfig | None] = {"config": None}
    started: list[bool] = []

    def startup(config: MkDocsConfig) -> None:
        if not started:  # plugins with on_startup persist across rebuilds: tell them once, as MkDocs does
            config.plugins.on_startup(command="serve", dirty=False)
            started.append(True)

    def get_config() -> MkDocsConfig:
        return load_config(config_file=str(config_file), site_dir=str(site_dir), dev_addr=dev_addr)

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building the manual...")
        try:
            if config is None:
                config = get_config()
                startup(config)
            config.site_url = serve_url
            build(config, serve_url=serve_url)
            state["config"] = config
            plugin = config.plugins.get("opsmanual")
            problems = getattr(plugin, "problems", None)
            if problems:  # built, in error: any other URL shows the problems too
                (site_dir / "404.html").write_text(error_html(problems), encoding="utf-8")
        except Exception as exc:  # noqa: BLE001 - whatever failed, the browser must show it
            problems = input_problems(root, config_file) or [_describe(exc)]
            lines = "\n".join(f"  {p}" for p in problems)
            log.error(f"The site cannot be built; every page shows why until the files are fixed:\n{lines}")
            write_error_site(site_dir, problems)
        if on_build is not None:
            on_build()

    first: MkDocsConfig | None = None
    startup_error: BaseException | None = None
    try:
        loaded = get_config()
    except Exception as exc:  # noqa: BLE001 - a broken mkdocs.yml at start: serve the problems anyway
        startup_error = exc
    else:
        first = loaded
        startup(loaded)
    host, port = (first.dev_addr if first is not None else _split_addr(dev_addr))
    mount_path = urlsplit((first.site_url if first is not None else None) or "/").path
    serve_url = _serve_url(host, port, mount_path)
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path)

    def error_handler(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_handler
    try:
        if startup_error is not None:
            builder(None)
        else:
            builder(first)
        server.watch(str(config_file))
        server.watch(first.docs_dir if first is not None else str(root))
        for item in watch:
            if item.exists():  # a manual without data/ has none to watch
                server.watch(str(item))
        if first is not None:
            server = first.plugins.on_serve(server, config=first, builder=builder)
        try:
            server.serve(open_in_browser=open_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config = state["config"] or first
        if config is not None:
            config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if not isinstance(exc, (OSError, ValueError)) and "Error" not in text:
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text


def _split_addr(addr: str) -> tuple[str, int]:
    host, _, port = addr.rpartition(":")
    return host or "127.0.0.1", int(port)
