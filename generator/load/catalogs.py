"""Read the YAML catalogs of ``data/``: each a file holding a list, or a folder of one file per entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
from .yamlfile import read_yaml
from .yamlio import LDict


def _entries(root: Path, data_dir: Path, name: str, problems: Problems) -> list[tuple[Any, str, int]]:
    """(raw entry, file, line) for a catalog, from ``name.yaml`` or the folder ``name/``."""
    found: list[tuple[Any, str, int]] = []
    for suffix in (".yaml", ".yml"):
        path = data_dir / f"{name}{suffix}"
        if path.is_file():
            rel = path.relative_to(root).as_posix()
            data = read_yaml(path, rel, problems)
            if data is None:
                continue
            if isinstance(data, dict) and not isinstance(data.get(name), list):
                problems.add(rel, getattr(data, "line", 1), f"{path.name} must be a list of entries, each with an id",
                             "start each entry with '- id: ...'")
                continue
            items = data[name] if isinstance(data, dict) else data
            if not isinstance(items, list):
                problems.add(rel, 1, f"{path.name} must be a list of entries, each with an id")
                continue
            lines = getattr(items, "lines", [1] * len(items))
            found.extend((item, rel, lines[i]) for i, item in enumerate(items))
    folder = data_dir / name
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".yaml", ".yml") or not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            data = read_yaml(path, rel, problems)
            if data is None:
                problems.add(rel, 1, "the file is empty") if path.stat().st_size == 0 else None
                continue
            if isinstance(data, LDict) and "id" not in data:
                data["id"] = path.stem
                data.lines["id"] = data.line
            found.append((data, rel, getattr(data, "line", 1)))
    return found


def _validated(root: Path, data_dir: Path, name: str, problems: Problems) -> list[tuple[BaseModel, Any, str, int]]:
    schema = CATALOG_SCHEMAS[name]
    out: list[tuple[BaseModel, Any, str, int]] = []
    seen: dict[str, str] = {}
    for raw, file, line in _entries(root, data_dir, name, problems):
        model = validate(schema, raw, file=file, problems=problems, default_line=line, what=f"a {name} entry")
        if model is None:
            continue
        entry_id = model.id
        if entry_id in seen:
            problems.add(file, line, f"duplicate {name} id '{entry_id}' (first defined in {seen[entry_id]})",
                         "ids must be unique; rename one")
            continue
        seen[entry_id] = f"{file}:{line}"
        out.append((model, raw, file, line))
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
    for m, raw, file, line in _validated(root, data_dir, "channels", problems):
        assert isinstance(m, ChannelIn)
        channels[m.id] = Channel(
            m.id, m.name, Source(file, line), m.owner, m.budget, m.description,
            build_kpis(m.kpis, raw, ("kpis",), file, 0, line, problems),
            build_waivers(m.waive, raw, ("waive",), file, 0, line),
        )
    content: dict[str, Asset] = {}
    for m, raw, file, line in _validated(root, data_dir, "content", problems):
        assert isinstance(m, AssetIn)
        content[m.id] = Asset(
            m.id, m.title, Source(file, line), AssetStatus(m.status), m.type, tuple(m.personas), m.stage,
            tuple(m.channels), m.owner, m.published, m.refresh_by, m.url,
            build_kpis(m.kpis, raw, ("kpis",), file, 0, line, problems),
            build_waivers(m.waive, raw, ("waive",), file, 0, line),
        )
    return Catalogs(people, personas, stages, channels, content)


