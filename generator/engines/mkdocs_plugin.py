"""The MkDocs plugin ``opsmanual``: event handlers only, over the core's pre-rendered bundle.

Registered as an entry point, so plain ``mkdocs build`` / ``mkdocs serve`` on a manual project
work too. ``opsmanual build`` hands it an already prepared bundle (``plugin.prepared``).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..load.problems import InputError, Problem
from ..load.schema import PluginConfigIn
from ..pipeline import Prepared, prepare
from ..site.bundle import REPORT_FILE, STYLESHEET, SiteMeta
from ..site.history import SiteReport
from ..site.links import INDEX_PAGES
from ..vcs import source_commit
from .error_page import error_markdown
from .handover import Header, InPlace, Sources, page_text
from .held import Held
from .source import HEADING_EXTENSIONS, add_tags, merge_meta, replaced_by_generated, title_fallback

log = get_plugin_logger("opsmanual")  # mkdocs.plugins.opsmanual, or properdocs.plugins.opsmanual under ProperDocs


class _AsWritten(c.BaseConfigOption[Any]):
    """Any value, kept as written: opsmanual's loader validates the settings (``PluginConfigIn``),
    with file, line and "did you mean", before or while MkDocs runs."""

    def run_validation(self, value: object) -> Any:
        return value


# Every key of PluginConfigIn and nothing else (no key declared twice), so MkDocs accepts each setting.
OpsmanualConfig: type[Config] = type("OpsmanualConfig", (Config,),
                                     {name: _AsWritten() for name in PluginConfigIn.model_fields})


class OpsmanualPlugin(BasePlugin):
    config_class = OpsmanualConfig  # built at run time from PluginConfigIn, so no type parameter names it
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.prepared: Prepared | None = None  # set by `opsmanual serve` and `publish` before each build
        self.sources: Sources | None = None  # set by `opsmanual build`: the pages from the process preparing them
        self.version_selector = False  # set by `opsmanual publish`
        self.progress: Callable[[int, int], None] | None = None  # (pages done, pages in all), set by `build`
        self._done = 0
        self._total = 0
        self._current: Sources | None = None
        self._tags: dict[str, tuple[str, ...]] = {}  # each page's tags from its status, merged in on_page_markdown
        # Whether each page's blocks and tags come after its conversion, at on_env (see on_files); the
        # pages waiting for them, then those whose blocks go in at on_page_context; Material's tags
        # plugin, when it is given the tags then.
        self._late = False
        self._pending: dict[str, Page] = {}
        self._unfilled: set[str] = set()
        self._retag: Any = None
        self._report_file: File | None = None
        self.command: str | None = None  # "build", "serve" or "gh-deploy", from on_startup
        self.problems: list[Problem] = []  # under serve: why the manual cannot be read right now
        self._generated_paths: list[str] = list(INDEX_PAGES)  # the generated pages of the last good build
        # Set by `opsmanual serve` before each build (engines/serve.py, engines/live.py):
        self.rebuild: frozenset[str] | None = None  # a dirty build: only these pages (docs-relative) are rendered
        self.titles: dict[str, str] = {}  # every page's title as last rendered: the nav of a dirty build shows them
        self.built: list[str] = []  # the URLs of the pages this build rendered
        self._report: tuple[SiteReport, str] | None = None  # the last site report and its JSON
        # The HTML of status blocks and generated tables, put into each page after its Markdown conversion.
        self._held = Held()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.built = []
        if self.sources is not None:
            if self.sources.header.directory_urls != config.use_directory_urls:
                raise PluginError("opsmanual: the manual was prepared for other URLs than MkDocs builds")
            self._current = self.sources
        elif self.prepared is not None:
            report = self.prepared.bundle.report
            if self._report is None or self._report[0] is not report:  # under serve: the same bundle, the same JSON
                self._report = (report, report.to_json())
            self._current = InPlace(self.prepared, config.use_directory_urls, self._report[1])
        else:
            try:
                pinned = os.environ.get("OPSMANUAL_AS_OF")  # set by `opsmanual serve --as-of`
                as_of = datetime.date.fromisoformat(pinned) if pinned else None
                config_file = Path(config.config_file_path)  # the file MkDocs builds, `-f` included
                root = config_file.parent
                prepared = prepare(root, as_of=as_of, today=datetime.date.today(),
                                   meta=SiteMeta(commit=source_commit(root)), config_file=config_file)
                self._current = InPlace(prepared, config.use_directory_urls)
            except InputError as exc:
                lines = _lines(exc.problems)
                if self.command != "serve":
                    raise PluginError(f"opsmanual: the manual cannot be read:\n{lines}") from None
                # The preview never hangs: every page shows the problems until the files are fixed.
                log.error(f"opsmanual: the manual cannot be read; every page shows why:\n{lines}")
                self._current, self.problems = None, list(exc.problems)
                return config
        self.problems = []
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for name in HEADING_EXTENSIONS:  # status blocks and tables reach MkDocs as HTML: only headings need these
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        if self.version_selector:
            config.extra["version"] = {**(config.extra.get("version") or {}), "provider": "mike"}
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._report_file, self._late, self._pending, self._unfilled = None, False, {}, set()
        if self.problems:  # the generated pages' URLs show the problems too, rather than a 404
            content = error_markdown(self.problems)
            for path in self._generated_paths:
                if files.get_file_from_path(path) is None:
                    files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
            return files
        header = self._header()
        self._retag = _retaggable(config)
        self._late = _alone(config, ("page_markdown", "page_content"), {self, self._retag})
        self._generated_paths = [page.path for page in header.generated]
        taken = {f.dest_uri: f.src_uri for f in files}
        for page in header.generated:
            # Per-owner and per-persona pages are reached from their index pages, not from the nav.
            inclusion = InclusionLevel.UNDEFINED if page.path.endswith("index.md") else InclusionLevel.NOT_IN_NAV
            # Its source is read with the other pages (on_page_read_source): it may still be on its way.
            generated = File.generated(config, page.path, content="", inclusion=inclusion)
            own = taken.get(generated.dest_uri) or (page.path if files.get_file_from_path(page.path) else None)
            if own is not None:  # a page of the site's own at that URL: the site keeps it
                docs = os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path or "."))
                log.warning(replaced_by_generated(Path(docs).as_posix(), page.path, own))
                continue
            files.append(generated)
        added = {f.src_uri for f in files if f.generated_by is not None}
        _add_to_nav(config, [page for page in header.generated if page.path in added and page.path in INDEX_PAGES])
        self._done, self._total = 0, len(files.documentation_pages())
        self._report_file = File.generated(config, REPORT_FILE, content="")  # written in on_env: the judgement's
        files.append(self._report_file)
        if header.stylesheet and files.get_file_from_path(STYLESHEET) is None:
            files.append(File.generated(config, STYLESHEET, content=header.stylesheet))
        if self.rebuild is not None:  # MkDocs' dirty build renders the pages whose is_modified() is true
            for file in files.documentation_pages():
                file.is_modified = _Answer(file.src_uri in self.rebuild)  # type: ignore[method-assign]
        return files

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        if self.rebuild is not None:  # pages a dirty build does not read have no title until given one
            for page in nav.pages:
                if page.file.src_uri not in self.rebuild and page.file.src_uri in self.titles:
                    page.title = self.titles[page.file.src_uri]
        return nav

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        path = page.file.src_uri
        if page.file.generated_by is not None:
            if self.problems or path not in self._generated_paths or self._current is None:
                return None  # the problems page, or a file another plugin generated
            handed = self._current.generated(path)
        elif page.file.abs_src_path is None:
            return None
        elif self.problems:
            return error_markdown(self.problems)
        else:
            sources = self._sources_now()
            text = page_text(sources.header, path)
            if self._late:  # filled after the conversion: the manual may still be being judged
                self._tags[path] = ()
                self._pending[path] = page
            else:
                filled = sources.filled(path)
                self._tags[path] = filled.tags
                self._held.put(path, filled.blocks, filled.late)
            return text
        self._held.put(path, handed.blocks, handed.late)
        return handed.text

    # First of every plugin and hook: the tags plugin and the theme see the merged tags and the
    # escaped title (the front matter reaches MkDocs as written: it parses it once).
    @event_priority(100)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        path = page.file.src_uri
        if page.file.abs_src_path is None or self.problems or path not in self._tags:
            return None  # a generated page's front matter is already final
        merge_meta(page.meta, self._tags.pop(path), title_fallback(markdown, path))
        return None

    # First of every plugin and hook: the others see the page whole, and none (a minifier that
    # drops comments) can remove a placeholder before it is filled.
    @event_priority(100)
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self._late:  # no other plugin reads the page now: its blocks go in at on_page_context
            self._unfilled.add(page.file.src_uri)
            return None
        # Before the search plugin reads the page (on_page_context): the status block stays searchable.
        return self._held.fill(page.file.src_uri, html)

    @event_priority(100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        # After the search plugin read the page: the drawn charts are kept out of its index.
        output = self._held.fill_late(page.file.src_uri, output)
        self._held.forget(page.file.src_uri)  # a page is held again when read again
        return output

    # Before Material's tags plugin renders its listings (100): it lists the tags given here.
    @event_priority(110)
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self._report_file is not None and not self.problems:  # copied with the static files, after this
            self._report_file.content_string = self._sources_now().judged.report_json
        for path, page in self._pending.items():  # converted before the manual was judged: tags and blocks now
            filled = self._sources_now().filled(path)
            add_tags(page.meta, filled.tags)
            if filled.tags and self._retag is not None and self._retag.filter(page.file):
                self._retag.mappings.add(page, page.markdown)  # as its on_page_markdown did, with these tags
            self._held.put(path, filled.blocks, filled.late)
        self._pending = {}
        return env

    # First of every plugin and hook: the search plugin reads the page whole, and its tags.
    @event_priority(100)
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        path = page.file.src_uri
        if path in self._unfilled:  # search reads each block's words; the blocks go in at on_post_page
            self._unfilled.discard(path)
            search = page.meta.get("search")
            searched = not (isinstance(search, dict) and search.get("exclude"))
            page.content = self._held.fill_searchable(path, page.content or "", searched)
        # Generated pages have no edit link: MkDocs gives File.generated no edit_uri.
        if page.title is not None:
            self.titles[page.file.src_uri] = page.title
        self.built.append(page.url)
        if self.progress is not None:
            self._done += 1
            self.progress(self._done, self._total)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # The judged project and its pages are only needed while the engine builds: under serve,
        # keeping them would hold one per plugin instance (MkDocs makes one per rebuild) in memory.
        self._current = self.sources = None
        if self.command != "serve":
            self._held = Held()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        data_dir = Path(config.config_file_path).parent / str(self.config.get("data_dir") or PluginConfigIn().data_dir)
        if data_dir.is_dir():
            server.watch(str(data_dir))
        return server

    def _sources_now(self) -> Sources:
        if self._current is None:
            raise PluginError("opsmanual: the plugin ran before on_config")
        return self._current

    def _header(self) -> Header:
        return self._sources_now().header


NAV_SECTION = "Manual health"


class _Answer:
    """``File.is_modified`` of a dirty build under serve: the plugin knows what changed, not the mtimes."""

    def __init__(self, value: bool) -> None:
        self.value = value

    def __call__(self) -> bool:
        return self.value


def _alone(config: MkDocsConfig, events: tuple[str, ...], plugins: set[Any]) -> bool:
    """Whether no plugin or hook but ``plugins`` handles any of ``events``: then none reads a page's
    HTML or tags while it is converted, and the blocks and tags can come after (at on_env, and into
    the HTML at on_page_context, before search), so that MkDocs converts the pages while the manual
    is still being judged."""
    handlers = [handler for event in events for handler in config.plugins.events.get(event, [])]
    return all(any(getattr(handler, "__self__", None) is plugin for plugin in plugins if plugin is not None)
               for handler in handlers)


def _retaggable(config: MkDocsConfig) -> Any:
    """Material's tags plugin when it is on and can be given a page's tags after its conversion: it
    reads them in on_page_markdown into ``mappings`` (9.6 and later), and renders its listings in
    on_env. None otherwise: then the pages wait for their tags before they are converted."""
    for name in ("material/tags", "tags"):
        plugin = config.plugins.get(name)
        if plugin is None or type(plugin).__module__ != "material.plugins.tags.plugin":
            continue
        mappings = getattr(plugin, "mappings", None)
        if callable(getattr(mappings, "add", None)) and callable(getattr(plugin, "filter", None)):
            return plugin
    return None


def _lines(problems: list[Problem]) -> str:
    return "\n".join(f"  {problem}" for problem in problems)


def _nav_paths(nav: Any) -> set[str]:
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(_nav_paths(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_nav_paths(value) for value in nav.values())) if nav else set()
    return set()


def _add_to_nav(config: MkDocsConfig, pages: list[Any]) -> None:
    """A site whose mkdocs.yml lists its pages (``nav:``) gets the generated index pages as one
    section at the end, unless it already lists any of them itself (as the demo does)."""
    nav = config.nav
    if not nav or not pages or _nav_paths(nav) & set(INDEX_PAGES):
        return
    config.nav = [*nav, {NAV_SECTION: [{page.title: page.path} for page in pages]}]

