"""What keeps a large build and a long preview lean, checked on real MkDocs builds (no timing)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

import generator.engines.preparer as preparer
from generator.cli.main import cli


def test_listings_are_not_in_the_search_index(small: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(small), "--as-of", "2026-11-20"])
    assert result.exit_code == 0, result.output
    index = json.loads((small / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "processes/nurture/" in locations  # manual pages are searchable
    assert {"owners/", "personas/cfo/", "metrics/"} <= locations  # so are the index, persona and metric pages
    for listing in ("health/", "content-map/", "channels/", "changes/", "owners/ana/"):
        assert listing not in locations


def test_the_plugin_lets_go_of_the_judged_project_after_a_build(small: Path) -> None:
    """Under serve MkDocs makes a plugin per rebuild and keeps the last: it must not hold a project."""
    config = load_config(config_file=str(small / "mkdocs.yml"), site_dir=str(small / "out"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    plugin = config.plugins["opsmanual"]
    assert (small / "out" / "health" / "index.html").is_file()
    assert plugin._current is None


def test_prepared_in_process_the_snapshot_table_is_closed_before_the_engine_runs(small: Path, monkeypatch) -> None:
    """The rows are judged and rendered by then; their table is most of a large manual's memory."""
    import duckdb

    import generator.engines.build as engines_build

    seen: list[bool] = []
    build_site = engines_build.build_site

    def recording(prepared, **kwargs):
        try:
            prepared.project.snapshots.engine.con.execute("select 1")
            seen.append(False)
        except duckdb.ConnectionException:
            seen.append(True)
        return build_site(prepared, **kwargs)

    monkeypatch.setattr(engines_build, "build_site", recording)
    monkeypatch.setattr(preparer, "can_prepare_beside", lambda: False)  # no fork, or other threads running
    result = CliRunner().invoke(cli, ["build", str(small), "--as-of", "2026-11-20"])
    assert result.exit_code == 0, result.output
    assert seen == [True]
    assert "opsmanual-status" in (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")


def test_the_manual_is_loaded_in_a_child_process_while_mkdocs_builds(small: Path, tmp_path: Path, monkeypatch) -> None:
    """``opsmanual build`` forks: the child loads, judges and renders; the engine's process never
    holds the loaded manual, and reads each page from the child as it needs it."""
    import generator.engines.build as engines_build
    from generator.load.project import Loading

    pids = tmp_path / "pids"
    start_loading = Loading.__init__

    def recording_load(self, *args, **kwargs):
        with pids.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        start_loading(self, *args, **kwargs)

    handed: list[object] = []
    build_site = engines_build.build_site

    def recording_build(source, **kwargs):
        handed.append(source)
        return build_site(source, **kwargs)

    monkeypatch.setattr(Loading, "__init__", recording_load)
    monkeypatch.setattr(engines_build, "build_site", recording_build)
    monkeypatch.setattr(preparer, "can_prepare_beside", lambda: True)  # whatever threads earlier tests left
    result = CliRunner().invoke(cli, ["build", str(small), "--as-of", "2026-11-20"])
    assert result.exit_code == 0, result.output
    loaded_in = [int(line) for line in pids.read_text(encoding="utf-8").split()]
    assert loaded_in and os.getpid() not in loaded_in  # loaded in the child only
    assert len(handed) == 1 and not hasattr(handed[0], "project")  # the engine got the stream, not the manual
    page = (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-status" in page and "opsmanual-held" not in page
