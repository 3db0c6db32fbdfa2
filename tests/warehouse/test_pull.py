"""``opsmanual pull``: a period of metrics_source written as a snapshot, grouped in the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import cli
from generator.load.project import load_project
from generator.report.json_report import render_json
from generator.rules.engine import judge

from .conftest import ROOT, demo_copy, source_block

# The demo's `- opsmanual:` line in mkdocs.yml, where settings errors point.
PLUGIN_LINE = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("  - opsmanual:") + 1

AS_OF = date(2026, 11, 20)


def pull(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["pull", str(root), *args])


def without_source(root: Path) -> None:
    text = (root / "mkdocs.yml").read_text()
    start = text.index("      metrics_source:\n")
    end = text.index("      data_dir:")
    (root / "mkdocs.yml").write_text(text[:start] + text[end:])


def test_every_period_pulled_gives_the_judgement_of_the_source(tmp_path: Path, demo_duckdb: Path) -> None:
    root = demo_copy(tmp_path / "p", source_block(f"duckdb://{demo_duckdb}"))
    from_source = render_json(judge(load_project(root), AS_OF))
    periods = load_project(ROOT).snapshots.periods
    for period in periods:
        result = pull(root, "--period", period)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[-1].startswith(f"Wrote data/snapshots/{period}.csv (")
    without_source(root)
    assert sorted(p.stem for p in (root / "data" / "snapshots").glob("*.csv")) == periods
    assert render_json(judge(load_project(root), AS_OF)) == from_source
    header = (root / "data" / "snapshots" / "2026-10.csv").read_text().splitlines()[0]
    assert header.startswith("period,channel,content,persona,stage,leads,")  # region: no KPI slices by it


def test_dry_run_compares_with_the_previous_period_and_writes_nothing(tmp_path: Path, demo_duckdb: Path) -> None:
    root = demo_copy(tmp_path / "p", source_block(f"duckdb://{demo_duckdb}"))
    assert pull(root, "--period", "2026-09").exit_code == 0
    result = pull(root, "--period", "2026-10", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("Read 2026-10 from marketing_snapshots on duckdb: 176 rows by channel, content, persona, "
                        "stage, grouped in the database")
    assert lines[1] == "Totals for 2026-10, compared with data/snapshots/2026-09.csv:"
    assert "  leads 2590 (prev 2026-09: 2243, +15.5%)" in lines
    assert lines[-1] == "Dry run: nothing was written (would create data/snapshots/2026-10.csv)."
    assert not (root / "data" / "snapshots" / "2026-10.csv").exists()


def test_an_existing_snapshot_is_replaced_only_when_asked(tmp_path: Path, demo_duckdb: Path) -> None:
    root = demo_copy(tmp_path / "p", source_block(f"duckdb://{demo_duckdb}"))
    target = root / "data" / "snapshots" / "2026-10.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("period,channel,leads\n2026-10,webinar,1\n")
    refused = pull(root, "--period", "2026-10")
    assert refused.exit_code == 2
    assert "Error: data/snapshots/2026-10.csv: the snapshot of 2026-10 already exists (pass --replace" in refused.output
    assert target.read_text() == "period,channel,leads\n2026-10,webinar,1\n"
    shown = pull(root, "--period", "2026-10", "--dry-run")
    assert "Changes against the existing data/snapshots/2026-10.csv:" in shown.output
    assert "would replace data/snapshots/2026-10.csv" in shown.output
    replaced = pull(root, "--period", "2026-10", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert len(target.read_text().splitlines()) == 177


def test_pull_needs_a_source_and_a_period_it_has(tmp_path: Path, demo_duckdb: Path) -> None:
    result = pull(demo_copy(tmp_path / "files", None), "--period", "2026-10")
    assert result.exit_code == 2
    assert f"Error: mkdocs.yml:{PLUGIN_LINE}: pull reads metrics_source, and this project has none" in result.output
    root = demo_copy(tmp_path / "db", source_block(f"duckdb://{demo_duckdb}"))
    result = pull(root, "--period", "2030-01")
    assert result.exit_code == 2
    assert (f"Error: mkdocs.yml:{PLUGIN_LINE + 1}: marketing_snapshots on duckdb has no rows of 2030-01 "
            "(its periods are 2025-05 to 2026-10)") in result.output
    assert pull(root, "--period", "2026-13").exit_code == 2


def test_pull_from_postgres(tmp_path: Path, postgres_url: str) -> None:
    root = demo_copy(tmp_path / "p", source_block(postgres_url))
    result = pull(root, "--period", "2026-10")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Read 2026-10 from marketing_snapshots on postgres: 176 rows by ")
    assert "127.0.0.1" not in result.output
    assert len((root / "data" / "snapshots" / "2026-10.csv").read_text().splitlines()) == 177
