"""The parts of a project the editing commands need: config, catalogs and, when asked, pages.

Lighter than :func:`generator.load.project.load_project` (no metric catalog, no snapshots), so a
scaffold or a CODEOWNERS file does not wait for, or fail on, a large snapshot folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..load.catalogs import load_catalogs
from ..load.codeowners import with_codeowners
from ..load.files import check_project_files
from ..load.pages import load_pages
from ..load.problems import InputError, Problems
from ..load.project import load_site_config
from ..model.config import SiteConfig
from ..model.entities import Catalogs
from ..model.page import Page


@dataclass(frozen=True)
class Sources:
    root: Path
    config: SiteConfig
    catalogs: Catalogs
    pages: tuple[Page, ...] = ()

    @property
    def data_dir(self) -> Path:
        return self.root / self.config.settings.data_dir


def load_sources(root: Path | str, *, pages: bool = False) -> Sources:
    """Read the config and the catalogs (and the pages) of the project at ``root``.

    Raises :class:`InputError` listing every problem, as the full loader does.
    """
    root = Path(root)
    problems = Problems()
    config = load_site_config(root, problems)
    unreadable = check_project_files(root, root / config.settings.data_dir, root / config.docs_dir)
    if unreadable:  # links out of the project, loops, FIFOs: read nothing
        raise InputError(unreadable)
    catalogs = load_catalogs(root, root / config.settings.data_dir, problems)
    read_pages = tuple(with_codeowners(root, load_pages(root, root / config.docs_dir, problems, config.not_pages), catalogs.people)
                       if pages else ())
    if problems:
        raise InputError(problems.sorted())
    return Sources(root, config, catalogs, read_pages)
