"""Load a whole manual project, collecting every input problem before deciding."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..model.config import SiteConfig
from ..model.entities import CATALOG_OF
from ..model.project import Project
from ..model.snapshots import Snapshots
from .catalogs import load_catalogs
from .codeowners import with_codeowners
from .config import load_config
from .files import check_project_files
from .metric_catalog import load_metrics
from .pages import load_pages
from .plan import load_plan
from .problems import InputError, Problem, Problems
from .snapshots import assemble_snapshots, read_snapshots
from .warehouse import load_source


def load_project(root: Path | str, config_file: Path | None = None) -> Project:
    """Read the project at ``root``; raise :class:`InputError` listing every problem found."""
    root = Path(root)
    problems = Problems()
    config = load_site_config(root, problems, config_file)
    data_dir = root / config.settings.data_dir
    unreadable = check_project_files(root, data_dir, root / config.docs_dir)
    if unreadable:  # read nothing from a tree that links out of the project or holds a FIFO
        raise InputError(unreadable)
    # Nothing but pages is required: a missing data dir, like any missing catalog, is empty.
    metrics = load_metrics(root, data_dir, problems)
    measures = {m.id for m in metrics.values() if m.is_measure}
    # The metric catalog is unreadable when it yields no measure but problems: which columns are
    # measures is then unknown, and judging the snapshots would only add false problems.
    skip_snapshots = not measures and bool(problems)
    from_database = config.settings.metrics_source is not None
    # Parsing CSV is native and releases the GIL: do it while the YAML is parsed here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = None if skip_snapshots or from_database else pool.submit(read_snapshots, root, data_dir, measures)
        catalogs = load_catalogs(root, data_dir, problems)
        pages = with_codeowners(root, load_pages(root, root / config.docs_dir, problems, config.not_pages), catalogs.people)
        plan = load_plan(root, data_dir, metrics, problems)
        read = reading.result() if reading is not None else None
    known = {dim: set(ids) for dim in CATALOG_OF if (ids := catalogs.ids(dim))}  # declared catalogs only
    if from_database and not skip_snapshots:
        snapshots = load_source(root, config, measures, known, problems)
    elif read is None:
        snapshots = Snapshots.empty()
    else:
        snapshots = assemble_snapshots(read, known, problems)
    if problems:
        raise InputError(problems.sorted())
    return Project(root, config, catalogs, metrics, tuple(pages), snapshots, plan)


def load_site_config(root: Path, problems: Problems, config_file: Path | None = None) -> SiteConfig:
    """Every loader's first step: the project folder and its ``mkdocs.yml`` (or ``config_file``).
    Raises :class:`InputError` when either is missing or unreadable; other problems are collected."""
    if not root.is_dir():
        raise InputError([Problem(str(root), None, None, "the project folder does not exist",
                                  "pass the folder that holds mkdocs.yml")])
    config = load_config(root, problems, config_file)
    if config is None:
        raise InputError(problems.sorted())
    return config
