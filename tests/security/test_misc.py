"""Silent data loss and unchecked names: CR-only pages, publish version names."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli import assert_input_error, run


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_page_with_cr_only_line_endings_is_an_input_error(small: Path, bom: bytes) -> None:
    (small / "manual" / "cr.md").write_bytes(bom + b"---\rowner: ana\rreviewed: 2026-11-01\r---\r# CR page\r")
    assert_input_error(run("check", small), "manual/cr.md:1", "CR")


def test_a_page_with_crlf_line_endings_is_read(small: Path) -> None:
    (small / "manual" / "crlf.md").write_bytes(b"---\r\nowner: ana\r\nreviewed: 2026-11-01\r\n---\r\n# CRLF page\r\n")
    result = run("check", small, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert '"file": "manual/crlf.md"' not in result.stdout  # owned and reviewed: no finding


@pytest.mark.parametrize("version", [".git", "", ".", "..", "../x", "a/b", ".hidden", "x y", "v1\n", "-rf",
                                     "versions.json.lock"])
def test_publish_refuses_a_version_that_is_no_folder_name(small: Path, version: str) -> None:
    result = run("publish", small, "--version", version)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "is not a version name" in result.stderr


def test_publish_refuses_a_bad_alias_too(small: Path) -> None:
    result = run("publish", small, "--version", "1.0", "--alias", ".git")
    assert result.returncode == 2 and "is not a version name" in result.stderr
