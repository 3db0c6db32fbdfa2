"""Read the YAML catalogs of ``data/``: each a file holding a list, or a folder of one file per entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol, cast

from pydantic import BaseModel

from ..model.entities import (
    Asset,
    AssetStatus,
    Catalogs,
    Channel,
    Person,
    Persona,
    PersonKind,
    Source,
    Stage,
)
from .problems import Problems
from .schema import CATALOG_SCHEMAS, AssetIn, ChannelIn, PersonaIn, PersonIn, StageIn
from .sections import build_kpis, build_waivers
from .validate import validate
from .yamlio import Positions, read_yaml

Entry = tuple[Any, Positions, str, int]


class _Identified(Protocol):
    id: str  # every schema of CATALOG_SCHEMAS has it


def _entries(root: Path, data_dir: Path, name: str, problems: Problems) -> list[Entry]:
    """(raw entry, its positions, file, line) for a catalog, from ``name.yaml`` or the folder ``name/``."""
    found: list[Entry] = []
    for suffix in (".yaml", ".yml"):
        path = data_dir / f"{name}{suffix}"
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            data, positions = read_yaml(path, rel, problems)
            if data is None:
                continue
            if isinstance(data, dict) and not isinstance(data.get(name), list):
                problems.add(rel, positions.line(), f"{path.name} must be a list of entries, each with an id",
                             "start each entry with '- id: ...'")
                continue
            if isinstance(data, dict):
                data, positions = data[name], positions.under(name)
            if not isinstance(data, list):
                problems.add(rel, 1, f"{path.name} must be a list of entries, each with an id")
                continue
            found.extend((item, positions.under(i), rel, positions.line((i,))) for i, item in enumerate(data))
    folder = data_dir / name
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".yaml", ".yml") or not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            data, positions = read_yaml(path, rel, problems)
            if data is None:
                problems.add(rel, 1, "the file is empty") if path.stat().st_size == 0 else None
                continue
            if isinstance(data, dict) and "id" not in data:
                data["id"] = path.stem
                positions.set(("id",), positions.line())
            found.append((data, positions, rel, positions.line()))
    return found


def _validated(root: Path, data_dir: Path, name: str, problems: Problems) -> list[tuple[BaseModel, Positions, str, int]]:
    schema = CATALOG_SCHEMAS[name]
    out: list[tuple[BaseModel, Positions, str, int]] = []
    seen: dict[str, str] = {}
    for raw, positions, file, line in _entries(root, data_dir, name, problems):
        model = validate(schema, raw, positions, file=file, problems=problems, default_line=line, what=f"a {name} entry")
        if model is None:
            continue
        entry_id = cast(_Identified, model).id
        if entry_id in seen:
            problems.add(file, line, f"duplicate {name} id '{entry_id}' (first defined in {seen[entry_id]})",
                         "ids must be unique; rename one")
            continue
        seen[entry_id] = f"{file}:{line}"
        out.append((model, positions, file, line))
    return out


def load_catalogs(root: Path, data_dir: Path, problems: Problems) -> Catalogs:
    people: dict[str, Person] = {}
    for m, _raw, file, line in _validated(root, data_dir, "people", problems):
        assert isinstance(m, PersonIn)
        people[m.id] = Person(m.id, m.name, Source(file, line), PersonKind(m.kind), m.email, m.git, tuple(m.members))
    personas: dict[str, Persona] = {}
    for m, _raw, file, line in _validated(root, data_dir, "personas", problems):
        assert isinstance(m, PersonaIn)
        personas[m.id] = Persona(m.id, m.name, Source(file, line), m.segment, m.owner, m.summary,
                                 tuple(m.pains), tuple(m.goals), tuple(m.channels))
    stages: dict[str, Stage] = {}
    for m, _raw, file, line in _validated(root, data_dir, "stages", problems):
        assert isinstance(m, StageIn)
        stages[m.id] = Stage(m.id, m.name, Source(file, line), m.description)
    channels: dict[str, Channel] = {}
    for m, positions, file, line in _validated(root, data_dir, "channels", problems):
        assert isinstance(m, ChannelIn)
        channels[m.id] = Channel(
            m.id, m.name, Source(file, line), m.owner, m.budget, m.description,
            build_kpis(m.kpis, positions, ("kpis",), file, 0, line, problems),
            build_waivers(m.waive, positions, ("waive",), file, 0, line),
        )
    content: dict[str, Asset] = {}
    for m, positions, file, line in _validated(root, data_dir, "content", problems):
        assert isinstance(m, AssetIn)
        content[m.id] = Asset(
            m.id, m.title, Source(file, line), AssetStatus(m.status), m.type, tuple(m.personas), m.stage,
            tuple(m.channels), m.owner, m.published, m.refresh_by, m.url,
            build_kpis(m.kpis, positions, ("kpis",), file, 0, line, problems),
            build_waivers(m.waive, positions, ("waive",), file, 0, line),
        )
    return Catalogs(people, personas, stages, channels, content)


