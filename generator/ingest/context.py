"""What an ingest needs to know about the project: its measures, its catalog ids, its snapshots folder."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..load.catalogs import load_catalogs
from ..load.files import check_project_files
from ..load.metric_catalog import load_metrics
from ..load.problems import InputError, Problems
from ..load.project import load_site_config
from ..load.schema import slugify
from ..model.entities import CATALOG_OF
from ..model.snapshots import PERIOD
from .values import fold

# The order of dimension columns in a written snapshot; other dimensions follow alphabetically.
DIMENSION_ORDER = ("channel", "content", "persona", "stage", "owner")


@dataclass(frozen=True)
class Catalog:
    """The ids of one catalog and the names (or titles) that identify an entry unambiguously."""

    dimension: str
    ids: tuple[str, ...]
    names: dict[str, str] = field(default_factory=dict)  # folded name -> id

    def resolve(self, value: str) -> str | None:
        """The id ``value`` stands for: the id itself, an entry's name or title, or its slug."""
        if value in self.ids:
            return value
        by_name = self.names.get(fold(value))
        if by_name is not None:
            return by_name
        slug = slugify(value)
        return slug if slug in self.ids else None


@dataclass(frozen=True)
class IngestContext:
    """The parts of a manual project an ingest reads: measures in catalog order, catalogs, folders."""

    root: Path
    data_dir: Path
    measures: tuple[str, ...]
    measure_labels: dict[str, str]  # id -> label
    catalogs: dict[str, Catalog]
    snapshot_dimensions: tuple[str, ...] = ()

    @property
    def snapshots_dir(self) -> Path:
        return self.data_dir / "snapshots"

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def load_context(root: Path) -> IngestContext:
    """Read mkdocs.yml, data/metrics.yaml and the catalogs; raise :class:`InputError` on any problem."""
    problems = Problems()
    config = load_site_config(root, problems)
    data_dir = root / config.settings.data_dir
    unreadable = check_project_files(root, data_dir)  # links out of the project, FIFOs
    if unreadable:
        raise InputError(unreadable)
    metrics = load_metrics(root, data_dir, problems)
    catalogs = load_catalogs(root, data_dir, problems)
    if problems:
        raise InputError(problems.sorted())
    measures = tuple(m.id for m in metrics.values() if m.is_measure)
    if not measures:
        problems.add(f"{config.settings.data_dir}/metrics.yaml", None, "the metric catalog has no measures",
                     "an ingest writes measure columns; add them under measures: in data/metrics.yaml")
        raise InputError(problems.sorted())
    by_dimension: dict[str, Catalog] = {}
    for dimension in sorted(CATALOG_OF):
        entries = catalogs.ids(dimension) or {}
        names: dict[str, list[str]] = {}
        for entry_id, entry in entries.items():
            for name in {getattr(entry, "name", None), getattr(entry, "title", None)} - {None}:
                names.setdefault(fold(str(name)), []).append(entry_id)
        unique = {name: ids[0] for name, ids in names.items() if len(ids) == 1}
        by_dimension[dimension] = Catalog(dimension, tuple(entries), unique)
    labels = {m.id: m.label for m in metrics.values() if m.is_measure}
    return IngestContext(root, data_dir, measures, labels, by_dimension,
                         _snapshot_dimensions(data_dir / "snapshots", set(measures)))


def _snapshot_dimensions(folder: Path, measures: set[str]) -> tuple[str, ...]:
    """Dimension columns of the existing snapshots (from their header lines only)."""
    found: set[str] = set()
    if folder.is_dir():
        for path in folder.glob("*.csv"):
            try:
                with path.open("r", encoding="utf-8-sig", newline="") as handle:
                    header = next(csv.reader(io.StringIO(handle.readline())), [])
            except (OSError, UnicodeDecodeError):
                continue
            found.update(h.strip() for h in header if h.strip() and h.strip() not in measures and h.strip() != PERIOD)
    return tuple(sorted(found))


def dimension_order(dimensions: set[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Catalog dimensions first (channel, content, persona, stage, owner), then the others by name."""
    known = [d for d in DIMENSION_ORDER if d in dimensions]
    return (*known, *sorted(d for d in dimensions if d not in DIMENSION_ORDER))
