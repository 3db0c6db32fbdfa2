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
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..load.problems import InputError
from ..pipeline import Prepared, prepare
from ..site.bundle import REPORT_FILE, STYLESHEET, SiteMeta
from ..vcs import source_commit
from .source import REQUIRED_EXTENSIONS, decorate, generated_source, replaced_by_generated, report_json


class OpsmanualConfig(Config):
    """Declared so MkDocs accepts the keys; opsmanual validates them itself, with file and line."""

    data_dir = c.Type(str, default="data")
    as_of = c.Optional(c.Type((str, datetime.date)))
    review_every = c.Optional(c.Type(str))
    due_soon = c.Optional(c.Type(str))
    stale_after = c.Optional(c.Type(int))
    missed_periods = c.Optional(c.Type(int))
    decline_periods = c.Optional(c.Type(int))
    decline_threshold = c.Optional(c.Type((str, int, float)))
    rules = c.Type(dict, default={})
    metrics_source = c.Optional(c.Type(dict))


class OpsmanualPlugin(BasePlugin[OpsmanualConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.prepared: Prepared | None = None  # set by `opsmanual build` before the build
        self.version_selector = False  # set by `opsmanual publish`
        self.progress: Callable[[int, int], None] | None = None  # (pages done, pages in all), set by `build`
        self._done = 0
        self._total = 0
        self._current: Prepared | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.prepared is not None:
            self._current = self.prepared
        else:
            try:
                pinned = os.environ.get("OPSMANUAL_AS_OF")  # set by `opsmanual serve --as-of`
                as_of = datetime.date.fromisoformat(pinned) if pinned else None
                config_file = Path(config.config_file_path)  # the file MkDocs builds, `-f` included
                root = config_file.parent
                self._current = prepare(root, as_of=as_of, meta=SiteMeta(commit=source_commit(root)),
                                        config_file=config_file)
            except InputError as exc:
                lines = "\n".join(f"  {problem}" for problem in exc.problems)
                raise PluginError(f"opsmanual: the manual cannot be read:\n{lines}") from None
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for name in REQUIRED_EXTENSIONS:  # the status blocks are written for these
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        if self.version_selector:
            config.extra["version"] = {**(config.extra.get("version") or {}), "provider": "mike"}
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        bundle = self._bundle()
        for page in bundle.pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"opsmanual: {replaced_by_generated(config.docs_dir, page.path)}")
            content = generated_source(page, bundle.footer)
            # Per-owner and per-persona pages are reached from their index pages, not from the nav.
            inclusion = InclusionLevel.UNDEFINED if page.path.endswith("index.md") else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=content, inclusion=inclusion))
        self._done, self._total = 0, len(files.documentation_pages())
        files.append(File.generated(config, REPORT_FILE, content=report_json(bundle.report)))
        if bundle.stylesheet and files.get_file_from_path(STYLESHEET) is None:
            files.append(File.generated(config, STYLESHEET, content=bundle.stylesheet))
        return files

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.abs_src_path is None:  # a generated page: its content is already final
            return None
        bundle = self._bundle()
        with open(page.file.abs_src_path, encoding="utf-8-sig", errors="strict") as handle:
            source = handle.read()
        return decorate(source, bundle.decorations.get(page.file.src_uri), bundle.footer)

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        # Generated pages have no edit link: MkDocs gives File.generated no edit_uri.
        if self.progress is not None:
            self._done += 1
            self.progress(self._done, self._total)
        return context

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        data_dir = Path(config.config_file_path).parent / self.config.data_dir
        if data_dir.is_dir():
            server.watch(str(data_dir))
        return server

    def _bundle(self):  # type: ignore[no-untyped-def]
        if self._current is None:
            raise PluginError("opsmanual: the plugin ran before on_config")
        return self._current.bundle
