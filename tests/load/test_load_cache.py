"""``LoadCache``: a load under the preview reads again only the files that changed."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from generator.load.problems import InputError
from generator.load.project import LoadCache, load_project
from generator.report.json_report import render_json
from generator.rules.engine import judge


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


def _report(project) -> str:  # type: ignore[no-untyped-def]
    return render_json(judge(project, datetime.date(2026, 11, 20)))


def test_a_snapshot_edit_parses_again_only_the_file_that_changed(small: Path) -> None:
    cache = LoadCache()
    totals = load_project(small, cache=cache).snapshots.engine.group((), ("leads",)).values[:, 0].tolist()
    files = sorted((small / "data" / "snapshots").glob("*.csv"))
    assert cache.read is not None and cache.read.parsed == tuple(f"data/snapshots/{f.name}" for f in files)
    newest = files[-1]
    text = newest.read_text(encoding="utf-8")
    header, first, *rest = text.split("\n")
    cells = first.split(",")
    cells[header.split(",").index("leads")] = "987654"
    newest.write_text("\n".join([header, ",".join(cells), *rest]), encoding="utf-8")
    edited = load_project(small, cache=cache)
    assert cache.read.parsed == (f"data/snapshots/{newest.name}",)
    cold = load_project(small)
    assert _report(edited) == _report(cold)
    now = edited.snapshots.engine.group((), ("leads",)).values[:, 0].tolist()
    assert now[:-1] == totals[:-1] and now[-1] > totals[-1] + 900_000  # the newest month holds the edit
    # A file added, another removed: the one added is parsed, the rows of the one removed are gone.
    added = small / "data" / "snapshots" / "2026-11.csv"
    added.write_text(files[0].read_text(encoding="utf-8"), encoding="utf-8")
    files[0].unlink()
    again = load_project(small, cache=cache)
    assert cache.read.parsed == ("data/snapshots/2026-11.csv",)
    assert _report(again) == _report(load_project(small))
    assert [f.file for f in again.snapshots.files] == ["data/snapshots/2026-09.csv", f"data/snapshots/{newest.name}",
                                                       "data/snapshots/2026-11.csv"]


def test_a_snapshot_typo_parses_only_that_file_and_its_fix_nothing(small: Path) -> None:
    cache = LoadCache()
    first = load_project(small, cache=cache)
    read = cache.read
    newest = sorted((small / "data" / "snapshots").glob("*.csv"))[-1]
    good = newest.read_text(encoding="utf-8")
    header, first_row, *rest = good.split("\n")
    cells = first_row.split(",")
    cells[header.split(",").index("leads")] = "12O"
    newest.write_text("\n".join([header, ",".join(cells), *rest]), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_project(small, cache=cache)
    assert [str(p).split(" (")[0] for p in error.value.problems] == [
        f"data/snapshots/{newest.name}:2: '12O' in column 'leads' is not a number"]
    assert cache.read is read  # the read that failed is not kept; the last good one stays
    newest.write_text(good, encoding="utf-8")
    fixed = load_project(small, cache=cache)
    assert cache.read is read  # the files hold what that read parsed: nothing is parsed again
    assert _report(fixed) == _report(first)
    cells[header.split(",").index("leads")] = "120"
    newest.write_text("\n".join([header, ",".join(cells), *rest]), encoding="utf-8")
    edited = load_project(small, cache=cache)
    assert cache.read is not read and cache.read.parsed == (f"data/snapshots/{newest.name}",)
    assert _report(edited) == _report(load_project(small))


def test_a_snapshot_edit_that_drops_columns_the_other_files_have(small: Path) -> None:
    cache = LoadCache()
    load_project(small, cache=cache)
    newest = sorted((small / "data" / "snapshots").glob("*.csv"))[-1]
    rows = [line.split(",") for line in newest.read_text(encoding="utf-8").splitlines()]
    dropped = {rows[0].index("content"), rows[0].index("emails_sent")}  # a dimension and a measure
    newest.write_text("".join(",".join(c for i, c in enumerate(row) if i not in dropped) + "\n" for row in rows),
                      encoding="utf-8")
    edited = load_project(small, cache=cache)
    assert cache.read is not None and cache.read.parsed == (f"data/snapshots/{newest.name}",)
    assert _report(edited) == _report(load_project(small))
    assert "content" in edited.snapshots.dimensions and "emails_sent" in edited.snapshots.measures
