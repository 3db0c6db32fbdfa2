"""Files are read only from inside the project: links out, loops, dangling links and special files
are input errors naming the file, never followed, never hung on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .cli import assert_input_error, run


@pytest.mark.parametrize(
    ("link", "target", "words"),
    [
        ("manual/leak.md", "/etc/passwd", "outside the project"),
        ("manual/assets/logo.png", "/etc/hostname", "outside the project"),
        ("data/snapshots/2026-07.csv", "/etc/passwd", "outside the project"),
        ("data/personas.yaml", "/etc/passwd", "outside the project"),
        ("manual/gone.md", "/nonexistent/page.md", "to nothing"),
        ("manual/up", "..", "a folder that holds it"),
        ("manual/outside", "/etc", "outside the project"),
    ],
)
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_link_that_leaves_the_project_or_goes_nowhere_is_an_input_error(
    small: Path, link: str, target: str, words: str, command: str
) -> None:
    path = small / link
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    os.symlink(target, path)
    result = run(command, small)
    assert_input_error(result, link, words)
    assert "root:" not in result.stdout + result.stderr  # nothing of /etc/passwd is shown
    assert not (small / "site").exists()


def test_a_link_loop_is_an_input_error(small: Path) -> None:
    os.symlink("loop-b.md", small / "manual" / "loop-a.md")
    os.symlink("loop-a.md", small / "manual" / "loop-b.md")
    assert_input_error(run("build", small), "manual/loop-a.md", "loops")


def test_a_link_out_behind_a_linked_folder_is_found(small: Path) -> None:
    (small / "shared").mkdir()
    os.symlink("/etc/passwd", small / "shared" / "leak.md")
    os.symlink("../shared", small / "manual" / "shared")
    assert_input_error(run("check", small), "manual/shared/leak.md")


def test_links_inside_the_project_are_fine(small: Path) -> None:
    (small / "shared").mkdir()
    (small / "shared" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    os.symlink("../shared/notes.md", small / "manual" / "notes.md")
    result = run("build", small)
    assert result.returncode == 0, result.stderr
    assert (small / "site" / "notes" / "index.html").is_file()


@pytest.mark.parametrize("where", ["data/snapshots/2026-07.csv", "manual/pipe.md", "data/stages.yaml"])
def test_a_fifo_is_an_input_error_not_a_hang(small: Path, where: str) -> None:
    path = small / where
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    assert_input_error(run("check", small, timeout=30), where, "not a regular file")


@pytest.mark.parametrize("name", ["<img src=x onerror=alert(1)>", 'x" onmouseover="alert(1)', "a`b", "tab\there"])
@pytest.mark.parametrize("kind", ["folder", "page"])
def test_a_name_that_would_be_html_in_the_navigation_is_an_input_error(small: Path, name: str, kind: str) -> None:
    if kind == "folder":
        (small / "manual" / name).mkdir()
        (small / "manual" / name / "inner.md").write_text("# Inner\n", encoding="utf-8")
    else:
        (small / "manual" / f"{name}.md").write_text("# Page\n", encoding="utf-8")
    result = run("build", small)
    assert_input_error(result, "rename it")
    assert not (small / "site").exists()


def test_a_fifo_as_an_ingest_map_is_an_input_error(small: Path) -> None:
    export = small / "export.csv"
    export.write_text("Channel,Leads\nwebinar,5\n", encoding="utf-8")
    os.mkfifo(small / "map.yaml")
    result = run("ingest", export, small, "--period", "2026-11", "--format", "generic", "--map", small / "map.yaml",
                 timeout=30)
    assert_input_error(result, "map.yaml", "not a regular file")
