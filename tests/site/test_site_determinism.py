"""Same inputs, same bytes: no clock, no dict-order or hash-seed surprises, no absolute paths."""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.load.project import load_project
from generator.site.bundle import SiteBundle

from ..projects import FIXTURES

SITE = Path(__file__).resolve().parents[2] / "generator" / "site"

SCRIPT = """
import dataclasses, hashlib, json, sys
from datetime import date
from generator.pipeline import prepare
bundle = prepare(sys.argv[1], as_of=date(2026, 11, 20)).bundle
fields = dataclasses.asdict(dataclasses.replace(bundle, planned=(), _rendered={}))
pages = [dataclasses.asdict(page) for page in bundle.pages]
data = json.dumps({**fields, "pages": pages}, sort_keys=True, ensure_ascii=False)
print(hashlib.sha256(data.encode()).hexdigest())
"""


def dump(bundle: SiteBundle) -> str:
    """Every string of the bundle, the generated pages' bodies included."""
    fields = dataclasses.asdict(dataclasses.replace(bundle, planned=(), _rendered={}))
    pages = [dataclasses.asdict(page) for page in bundle.pages]
    return json.dumps({**fields, "pages": pages}, sort_keys=True, ensure_ascii=False)


def test_rendering_twice_gives_the_same_bundle(small: SiteBundle, render: Callable[..., SiteBundle]) -> None:
    again = render(load_project(FIXTURES / "small"))
    assert again == small
    assert again.pages == small.pages
    assert dump(again) == dump(small)


def test_the_project_location_does_not_matter(
    copy_fixture: Callable[..., Path], small: SiteBundle, render: Callable[..., SiteBundle]
) -> None:
    moved = render(load_project(copy_fixture("small")))
    assert dump(moved) == dump(small)
    assert str(FIXTURES) not in dump(small)


def test_the_hash_seed_does_not_matter() -> None:
    digests = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for name in ("small", "xss"):
            result = subprocess.run(
                [sys.executable, "-c", SCRIPT, str(FIXTURES / name)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            digests.add((name, result.stdout.strip()))
    assert len(digests) == 2


def test_the_renderers_import_no_engine() -> None:
    forbidden = {"mkdocs", "material", "zensical", "click"}
    for path in sorted(SITE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"


def test_modules_stay_small() -> None:
    for path in sorted(SITE.glob("*.py")):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, path.name
