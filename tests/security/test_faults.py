"""Faults while writing: a full disk or a read-only folder is ``Error: ...`` and exit 2, never a
traceback, and the file that was there stays whole (every output is written atomically)."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
from pathlib import Path

import pytest

from .cli import OPSMANUAL, assert_input_error


def full_disk() -> None:
    """In the child: any file write past 0 bytes fails (EFBIG), as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def run_full(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([OPSMANUAL, *map(str, args)], capture_output=True, text=True, timeout=60,
                          preexec_fn=full_disk, cwd=cwd, check=False)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "site" not in p.parts}


@pytest.mark.parametrize(
    "args",
    [
        ("new", "page", "processes/new-one", "{root}", "--owner", "ana"),
        ("new", "persona", "cmo", "{root}", "--name", "CMO", "--owner", "ana"),
        ("new", "person", "dana", "{root}", "--name", "Dana"),
        ("review", "{root}/manual/processes/nurture.md", "--as-of", "2026-11-20"),
        ("codeowners", "{root}", "--force"),
        ("check", "{root}", "-o", "{root}/report.txt"),
        ("check", "{root}", "--format", "json", "-o", "{root}/report.json"),
    ],
)
def test_a_full_disk_is_an_error_and_leaves_every_file_whole(small: Path, args: tuple[str, ...]) -> None:
    (small / ".github").mkdir()
    (small / ".github" / "CODEOWNERS").write_text("* @old\n", encoding="utf-8")
    (small / "report.txt").write_text("the previous report\n", encoding="utf-8")
    (small / "report.json").write_text("{}\n", encoding="utf-8")
    before = tree(small)
    result = run_full(*(a.format(root=small) for a in args))
    assert_input_error(result)
    assert tree(small) == before
    assert [p.name for p in small.rglob(".*.tmp")] == []


def test_ingest_on_a_full_disk_is_an_error(small: Path) -> None:
    export = small / "export.csv"
    export.write_text("Channel,Leads\nwebinar,5\n", encoding="utf-8")
    before = tree(small)
    result = run_full("ingest", export, small, "--period", "2026-11", "--format", "generic")
    assert_input_error(result)
    assert tree(small) == before


def test_a_build_on_a_full_disk_is_an_error_and_keeps_the_previous_site(small: Path) -> None:
    result = subprocess.run([OPSMANUAL, "build", str(small)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    site = {p.relative_to(small / "site").as_posix(): p.read_bytes() for p in (small / "site").rglob("*") if p.is_file()}
    result = run_full("build", small)
    assert result.returncode in (1, 2) and "Traceback" not in result.stdout + result.stderr, result.stderr
    assert {p.relative_to(small / "site").as_posix(): p.read_bytes()
            for p in (small / "site").rglob("*") if p.is_file()} == site


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_manual_is_an_error(small: Path) -> None:
    manual = small / "manual"
    for folder in [manual, *[p for p in manual.rglob("*") if p.is_dir()]]:
        folder.chmod(0o555)
    try:
        result = subprocess.run([OPSMANUAL, "new", "page", "x", str(small), "--owner", "ana"], capture_output=True,
                                text=True, timeout=60, check=False)
        assert_input_error(result, "Permission denied")
    finally:
        for folder in [manual, *[p for p in manual.rglob("*") if p.is_dir()]]:
            folder.chmod(0o755)


def test_an_unexpected_error_is_one_line_not_a_traceback(small: Path) -> None:
    # A snapshot dir that is a file: an OS error deep in the loader (not a traceback).
    (small / "data" / "snapshots").rename(small / "data" / "old-snapshots")
    (small / "data" / "snapshots").write_text("not a folder", encoding="utf-8")
    result = subprocess.run([OPSMANUAL, "check", str(small)], capture_output=True, text=True, timeout=60, check=False)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1, 2)
