"""``LoadCache``: a load under the preview reads again only the files that changed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.load.project import LoadCache, load_project


def _touch(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_unchanged_files_come_back_as_the_same_objects(small: Path) -> None:
    cache = LoadCache()
    first = load_project(small, cache=cache)
    again = load_project(small, cache=cache)
    assert again.catalogs is first.catalogs and again.snapshots is first.snapshots
    assert all(a is b for a, b in zip(again.pages, first.pages, strict=True))
    # Saved unchanged (a newer mtime, the same bytes): still not read again.
    _touch(small / "data" / "people.yaml")
    _touch(sorted((small / "data" / "snapshots").glob("*.csv"))[-1])
    _touch(small / "manual" / "processes" / "nurture.md")
    touched = load_project(small, cache=cache)
    assert touched.catalogs is first.catalogs and touched.snapshots is first.snapshots
    assert touched.pages == first.pages


def test_a_changed_file_is_read_again_and_only_its_part(small: Path) -> None:
    cache = LoadCache()
    first = load_project(small, cache=cache)
    people = small / "data" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("Ana Silva", "Ana Souza"), encoding="utf-8")
    nurture = small / "manual" / "processes" / "nurture.md"
    nurture.write_text(nurture.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    second = load_project(small, cache=cache)
    assert second.catalogs is not first.catalogs and second.catalogs.people["ana"].name == "Ana Souza"
    assert second.snapshots is first.snapshots  # the same ids in the catalogs: the rows are not read again
    changed = [b.path for a, b in zip(first.pages, second.pages, strict=True) if a is not b]
    assert changed == ["processes/nurture.md"]
    assert next(p.body for p in second.pages if p.path == "processes/nurture.md").endswith("More.\n")
    snapshot = sorted((small / "data" / "snapshots").glob("*.csv"))[-1]
    snapshot.write_text(snapshot.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = load_project(small, cache=cache)
    assert third.snapshots is not second.snapshots and third.catalogs is second.catalogs
