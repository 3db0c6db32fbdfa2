"""The whole core in one call: load -> judge -> render. Every adapter starts here."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .load.project import load_project
from .metrics.cube import Cube
from .model.config import resolve_as_of
from .model.project import Project
from .rules.engine import Judgement, judge
from .site.bundle import SiteBundle, SiteMeta
from .site.render import render_site


@dataclass(frozen=True)
class Prepared:
    project: Project
    judgement: Judgement
    bundle: SiteBundle
    cube: Cube | None = None  # the grouped sums the judgement read
    meta: SiteMeta | None = None  # what the bundle was rendered with (edit link, version, commit)


def prepare(root: Path | str, *, as_of: date | None = None, today: date | None = None,
            meta: SiteMeta | None = None, config_file: Path | None = None, decorated: bool = True) -> Prepared:
    """Load and judge the project at ``root`` (its ``mkdocs.yml``, or ``config_file``) and render
    its site bundle. Raises ``InputError``.

    The as-of date is ``as_of``, else the config's ``as_of``, else ``today``: the adapter that
    calls this (the CLI, the MkDocs plugin) reads the clock and passes it; nothing here does.
    ``decorated=False`` renders no status block and no generated page's body up front (see
    :func:`generator.site.render.render_site`).
    """
    project = load_project(Path(root), config_file)
    return prepare_loaded(project, as_of=as_of, today=today, meta=meta, decorated=decorated)


def prepare_loaded(project: Project, *, as_of: date | None = None, today: date | None = None,
                   meta: SiteMeta | None = None, cube: Cube | None = None, decorated: bool = True) -> Prepared:
    """Judge an already loaded ``project`` and render its site bundle; ``cube`` when the caller
    keeps one over the same snapshots (the preview does, between edits)."""
    day = resolve_as_of(as_of, project.config.settings, today)
    cube = cube if cube is not None and cube.snapshots is project.snapshots else Cube(project.snapshots)
    judgement = judge(project, day, cube)
    meta = meta or SiteMeta()
    if meta.edit_url is None:
        meta = dataclasses.replace(meta, edit_url=project.config.edit_url)
    return Prepared(project, judgement, render_site(project, judgement, cube, meta, decorated=decorated), cube, meta)
