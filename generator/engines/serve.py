"""``opsmanual serve``: MkDocs' live-reload server with a builder that never leaves it stuck.

MkDocs' own ``serve`` stalls every request after a failed rebuild until a build succeeds. Here
a failed build still ends in a site: when the manual's input is bad, the site's pages are set
aside (``ErrorSite``) and every page and the 404 page become a plain page of the problems
(``error_page.error_html``) at once, with no engine run; fixed, the pages come back as they were.
When not even the engine can run (``mkdocs.yml`` itself is broken, another plugin fails), every
page of the last site is replaced by that page. Either way the browser shows why, live reload
keeps polling, and saving the fixed file brings the site back. (Plain ``mkdocs serve`` shows the
problems in the site's theme instead: the plugin's serve mode, ``error_page.error_markdown``.)

Rebuilds are incremental: the judged project stays in memory (``live.LiveProject``), and MkDocs
renders only the pages an edit changes (its dirty build, told by the plugin which pages are
modified). The search index of a dirty build holds only the pages it rendered: the index of the
site is kept here and the rendered pages' entries replaced in it after each dirty build.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import logging
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer, _serve_url

from ..load.problems import InputError, Problem
from ..rules.engine import Judgement
from .error_page import error_html
from .live import DIRTY, ERROR, LiveProject
from .mkdocs_plugin import OpsmanualPlugin

log = logging.getLogger("mkdocs.commands.serve")
SEARCH_INDEX = Path("search") / "search_index.json"
POLL_SECONDS = 0.2  # how often the watched folders are looked at (MkDocs' default: 0.5 s)


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
                 on_build: Callable[[], None] | None = None,
                 on_first_judgement: Callable[[Judgement | None, Sequence[Problem]], None] | None = None) -> None:
    """Serve the site of ``config_file`` with live reload until Ctrl+C. ``on_first_judgement`` hears
    the first load's judgement (or its problems) once, so a caller need not load the manual itself."""
    root = config_file.parent
    site_dir = Path(tempfile.mkdtemp(prefix="opsmanual_"))
    state: dict[str, MkDocsConfig | None] = {"config": None}
    started: list[bool] = []
    announced: list[bool] = []
    pinned = os.environ.get("OPSMANUAL_AS_OF")  # set by `opsmanual serve --as-of`
    live = LiveProject(config_file, as_of=datetime.date.fromisoformat(pinned) if pinned else None,
                       on_judged=lambda: request_rebuild(server))
    search = SearchIndex(site_dir / SEARCH_INDEX)
    aside = ErrorSite(site_dir)

    def startup(config: MkDocsConfig) -> None:
        if not started:  # plugins with on_startup persist across rebuilds: tell them once, as MkDocs does
            config.plugins.on_startup(command="serve", dirty=False)
            started.append(True)

    def get_config() -> MkDocsConfig:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), dev_addr=dev_addr)
        _keep_compiled_templates(config)
        return config

    def builder(config: MkDocsConfig | None = None) -> None:
        log.info("Building the manual...")
        try:
            if config is None:
                config = get_config()
                startup(config)
            config.site_url = serve_url
            plugin = config.plugins.get("opsmanual")
            dirty = False
            if isinstance(plugin, OpsmanualPlugin):
                start = time.perf_counter()
                update = live.update()
                log.info(f"Read and judged in {time.perf_counter() - start:.2f} seconds")
                if on_first_judgement is not None and not announced:
                    announced.append(True)
                    on_first_judgement(update.prepared.judgement if update.prepared else None, update.problems)
                if update.kind == ERROR:  # no engine run: every page of the site becomes the problems page
                    log.error("The manual cannot be read; every page shows why until the files are fixed:\n"
                              + "\n".join(f"  {p}" for p in update.problems))
                    aside.show(update.problems)
                    if on_build is not None:
                        on_build()
                    return
                dirty = update.kind == DIRTY
                plugin.prepared = update.prepared
                plugin.rebuild = update.rebuild if dirty else None
                plugin.titles = live.titles
                if dirty:
                    log.info(f"Rendering {len(update.rebuild)} changed page(s)")
            aside.restore()
            with _quiet_dirty_warning():
                build(config, serve_url=serve_url, dirty=dirty)
            state["config"] = config
            if isinstance(plugin, OpsmanualPlugin):
                search.after(plugin.built if dirty else None)
                live.judge_pending()  # the edited pages are written: their judgement may follow
            problems = getattr(plugin, "problems", None)
            if problems:  # built, in error: any other URL shows the problems too
                (site_dir / "404.html").write_text(error_html(problems), encoding="utf-8")
        except Exception as exc:  # noqa: BLE001 - whatever failed, the browser must show it
            live.reset()
            aside.drop()
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
    server: LiveReloadServer = _Server(builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path,
                     polling_interval=POLL_SECONDS)

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
        live.close()
        aside.drop()
        config = state["config"] or first
        if config is not None:
            config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


# What a save does to a file; not a read (watchdog 7 reports opens and closes too).
_SAVES = ("FileCreatedEvent", "FileModifiedEvent", "FileDeletedEvent", "FileMovedEvent", "FileClosedEvent")


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, with the folders (pages, data) watched through the system's file
    events where it has them (inotify on Linux): a save is seen at once rather than at the next
    poll. Single files (mkdocs.yml) and systems without such events keep MkDocs' polling."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._native = _native_observer()
        self._native_paths: set[str] = set()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if self._native is None or not os.path.isdir(path):
            super().watch(path, func, recursive=recursive)
            return
        if path in self._native_paths:
            return
        from watchdog import events

        handler = events.FileSystemEventHandler()
        handler.on_any_event = lambda event: None if event.is_directory else request_rebuild(self)  # type: ignore[method-assign]
        try:
            self._native.schedule(handler, path, recursive=recursive,
                                  event_filter=[getattr(events, name) for name in _SAVES])
        except (OSError, TypeError):  # no inotify watch left, an older watchdog: poll this folder
            super().watch(path, func, recursive=recursive)
            return
        self._native_paths.add(path)
        log.debug(f"Watching '{path}' for file events")

    def serve(self, *, open_in_browser: bool = False) -> None:
        if self._native is not None and self._native_paths:
            self._native.start()
        super().serve(open_in_browser=open_in_browser)

    def shutdown(self, wait: bool = False) -> None:
        super().shutdown(wait=wait)
        if self._native is not None and self._native.is_alive():
            self._native.stop()


def _native_observer() -> Any:
    try:
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        observer = Observer()
    except Exception:  # noqa: BLE001 - no system file events: MkDocs' polling does it all
        return None
    return None if isinstance(observer, PollingObserver) else observer


class ErrorSite:
    """While the manual cannot be read, every page of the site is the problems page (in a moment,
    with no engine run); the site's own pages wait beside it and come back as they were once the
    files are fixed, so that the rebuild then renders only what changed meanwhile."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.folder: Path | None = None  # the site's pages, set aside

    def show(self, problems: Sequence[Problem | str]) -> None:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix=f".{self.site_dir.name}.aside-", dir=self.site_dir.parent))
            for page in sorted(self.site_dir.rglob("*.html")):
                target = self.folder / page.relative_to(self.site_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(page, target)
        html = error_html(problems).encode("utf-8")
        for page in [*self.folder.rglob("*.html"), self.folder / "index.html", self.folder / "404.html"]:
            target = self.site_dir / page.relative_to(self.folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)

    def restore(self) -> None:
        if self.folder is None:
            return
        for page in self.folder.rglob("*.html"):
            os.replace(page, self.site_dir / page.relative_to(self.folder))
        self.drop()

    def drop(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def request_rebuild(server: LiveReloadServer) -> None:
    """Ask the server's build loop for a rebuild, as a watched file's change does (MkDocs 1.6's
    ``LiveReloadServer`` has no public call for it: this is what its watcher's callback does)."""
    condition = getattr(server, "_rebuild_cond", None)
    if condition is None:
        return
    with condition:
        server._want_rebuild = True
        condition.notify_all()


class SearchIndex:
    """The site's search index across dirty builds: a dirty build's index holds only the pages it
    rendered; their entries replace theirs in the index of the whole site."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.whole: dict | None = None

    def after(self, built: list[str] | None) -> None:
        """After a build: a full one (``built`` None) gives the index; a dirty one is merged into it."""
        try:
            index = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.whole = None  # no search plugin (or an index of another form): nothing to keep
            return
        if not isinstance(index, dict) or not isinstance(index.get("docs"), list):
            self.whole = None
            return
        if built is None or self.whole is None:
            self.whole = index
            return
        rendered = set(built)
        kept = [doc for doc in self.whole["docs"] if str(doc.get("location", "")).split("#")[0] not in rendered]
        self.whole = {**index, "docs": kept + index["docs"]}
        self.path.write_text(json.dumps(self.whole, separators=(",", ":"), default=str), encoding="utf-8")


class _Compiled(jinja2.BytecodeCache):
    """The theme's templates compiled once per process: MkDocs makes a new Jinja environment for
    every build, which would parse and compile every template again (a third of a dirty build)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _Compiled()  # keyed by template name and source checksum: an edited override compiles again


def _keep_compiled_templates(config: MkDocsConfig) -> None:
    theme = config.theme
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        env.bytecode_cache = _COMPILED
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


@contextlib.contextmanager
def _quiet_dirty_warning() -> Iterator[None]:
    """MkDocs warns that a dirty build's navigation is inaccurate; the plugin gives it the titles."""
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _DirtyWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    if not isinstance(exc, (OSError, ValueError)) and "Error" not in text:
        text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text


def _split_addr(addr: str) -> tuple[str, int]:
    host, _, port = addr.rpartition(":")
    return host or "127.0.0.1", int(port)
