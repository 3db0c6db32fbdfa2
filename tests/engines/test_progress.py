"""Build progress: plain lines at each quarter of a long build off a terminal, nothing for short ones."""

from __future__ import annotations

import pytest

from generator.cli.site import LONG_BUILD, build_progress


def test_long_builds_print_a_line_per_quarter(capsys: pytest.CaptureFixture[str]) -> None:
    with build_progress("mkdocs") as progress:
        assert progress is not None
        for done in range(1, 401):
            progress(done, 400)
    assert capsys.readouterr().err.splitlines() == [
        "Built 100 of 400 pages", "Built 200 of 400 pages", "Built 300 of 400 pages", "Built 400 of 400 pages",
    ]


def test_short_builds_stay_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    with build_progress("mkdocs") as progress:
        assert progress is not None
        for done in range(1, LONG_BUILD):
            progress(done, LONG_BUILD - 1)
    assert capsys.readouterr().err == ""


def test_zensical_says_what_it_is_doing(capsys: pytest.CaptureFixture[str]) -> None:
    with build_progress("zensical") as progress:
        assert progress is None
    assert capsys.readouterr().err == "Building with zensical...\n"
