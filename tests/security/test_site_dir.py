"""``build -d DIR`` replaces only a folder that holds a site opsmanual built, and cleans up after
builds that were killed midway."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import build


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", [".git", "docs", "notes/deep"])
def test_a_folder_that_is_not_a_site_is_never_replaced(small: Path, name: str) -> None:
    folder = small / name
    folder.mkdir(parents=True)
    (folder / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "keep.txt").write_text("precious", encoding="utf-8")
    before = tree(folder)
    code, output = build(small, "-d", str(folder))
    assert code == 2, output
    assert f"Error: {folder} is not empty and holds no site built by opsmanual" in output
    assert tree(folder) == before
    assert [p.name for p in small.iterdir() if p.name.startswith(f".{folder.name}.")] == []


@pytest.mark.parametrize("where", [".", "..", "manual", "data", "manual/sub"])
def test_the_project_and_its_sources_are_refused(small: Path, where: str) -> None:
    before = tree(small)
    code, output = build(small, "-d", str(small / where))
    assert code == 2, output
    assert output.startswith("Error: the site dir")
    assert tree(small) == before


def test_a_file_is_not_a_site_dir(small: Path) -> None:
    (small / "notes.txt").write_text("mine", encoding="utf-8")
    code, output = build(small, "-d", str(small / "notes.txt"))
    assert code == 2 and (small / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_previous_site_and_an_empty_folder_are_replaced(small: Path) -> None:
    (small / "public").mkdir()
    assert build(small, "-d", str(small / "public"))[0] == 0
    assert (small / "public" / "opsmanual-report.json").is_file()
    (small / "public" / "old.html").write_text("an earlier build", encoding="utf-8")
    assert build(small, "-d", str(small / "public"))[0] == 0
    assert not (small / "public" / "old.html").exists()


def test_folders_left_by_killed_builds_are_cleaned_at_the_next_build(small: Path) -> None:
    for name in (".site.building-abc123", ".site.old-def456"):
        (small / name / "assets").mkdir(parents=True)
        (small / name / "assets" / "x.js").write_text("half", encoding="utf-8")
    (small / ".other.building-keep").mkdir()  # another target's: not this build's to remove
    assert build(small)[0] == 0
    assert sorted(p.name for p in small.iterdir() if p.name.startswith(".")) == [".other.building-keep"]


def test_kill_9_during_a_build_leaves_nothing_after_the_next_one(small: Path) -> None:
    command = [str(Path(sys.executable).with_name("opsmanual")), "build", str(small)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(small.glob(".site.building-*/*/*")):
        time.sleep(0.005)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert build(small)[0] == 0
    assert [p.name for p in small.iterdir() if p.name.startswith(".site.")] == []
    assert (small / "site" / "index.html").is_file()
