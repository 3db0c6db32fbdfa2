"""A catalog may be a folder of one file per entity; the id defaults to the file name."""

from __future__ import annotations

from datetime import date

from generator.load.project import load_project
from generator.model.entities import AssetStatus, PersonKind, Source
from generator.rules.engine import judge

from .builders import FIXTURES


def test_folder_fixture_loads_every_entity():
    catalogs = load_project(FIXTURES / "folders").catalogs
    assert {k: (v.name, v.source, v.kind, v.members) for k, v in catalogs.people.items()} == {
        "ana": ("Ana Silva", Source("data/people/ana.yaml", 1), PersonKind.PERSON, ()),
        "revops": ("Revenue Operations", Source("data/people/revops.yaml", 1), PersonKind.TEAM, ("ana",)),
    }
    # id from the file name, unless the file gives one
    assert {k: (v.name, v.source, v.owner) for k, v in catalogs.personas.items()} == {
        "cfo": ("CFO", Source("data/personas/chief-financial-officer.yaml", 1), "revops"),
        "it-director": ("IT Director", Source("data/personas/it-director.yaml", 2), "ana"),
    }
    # nested folders are read too
    assert {k: (v.source, v.status, v.personas) for k, v in catalogs.content.items()} == {
        "roi-calculator": (Source("data/content/roi-calculator.yaml", 1), AssetStatus.LIVE, ("cfo",)),
        "wb-zero-trust": (
            Source("data/content/webinars/wb-zero-trust.yaml", 1),
            AssetStatus.LIVE,
            ("it-director", "cfo"),
        ),
    }
    assert list(catalogs.stages) == ["awareness", "decision"]
    assert catalogs.channels == {}


def test_folder_fixture_findings():
    judgement = judge(load_project(FIXTURES / "folders"), date(2026, 11, 20))
    assert [(f.rule, f.file, f.line, f.subject, f.owner) for f in judgement.findings] == [
        ("kpi-below-target", "data/content/webinars/wb-zero-trust.yaml", 6, "content/wb-zero-trust", "ana"),
        ("coverage-gap", "data/personas/it-director.yaml", 2, "persona/it-director", "ana"),
    ]


def test_file_and_folder_are_merged(load):
    project = load({"data/personas/cfo.yaml": "name: CFO\n", "data/personas/nested/vp-sales.yml": "name: VP Sales\n"})
    assert list(project.catalogs.personas) == ["it-director", "cfo", "vp-sales"]


def test_duplicate_id_across_file_and_folder(problems):
    found = problems({"data/personas/it-director.yaml": "name: Another IT Director\n"})
    assert [str(p) for p in found] == [
        "data/personas/it-director.yaml:1: duplicate personas id 'it-director' (first defined in data/personas.yaml:1) "
        "(ids must be unique; rename one)"
    ]


def test_folder_entry_problems(problems):
    found = problems(
        {
            "data/people/ana.yaml": "name: Ana\nemial: ana@x.example\n",
            "data/people/Bad Name.yaml": "name: Bad\n",
            "data/people/empty.yaml": "",
            "data/people/list.yaml": "- id: x\n  name: X\n",
            "data/people/notes.txt": "ignored",
        }
    )
    assert [str(p) for p in found] == [
        "data/people/Bad Name.yaml:1: 'id' in a people entry: String should match pattern '^[a-z0-9][a-z0-9._-]*$'",
        "data/people/ana.yaml:2: unknown key 'emial' in a people entry (did you mean 'email'?)",
        "data/people/empty.yaml:1: the file is empty",
        "data/people/list.yaml:1: expected a mapping of keys for a people entry, found a list",
    ]
