"""The benchmark project generator (benchmarks/generate.py): valid input for the product, findings of
every kind the benchmark relies on, the same bytes for the same seed, and a writer and a verify
step that refuse what the product would refuse."""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "benchmarks" / "generate.py"
SMALL = ["--pages", "40", "--assets", "200", "--channels", "10", "--periods", "6", "--rows", "1500"]

sys.path.insert(0, str(ROOT / "benchmarks"))
from projectgen import writer  # noqa: E402


def generate(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(GENERATE), str(out), *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "small"
    result = generate(out, *SMALL, "--verify")
    assert result.returncode == 0, result.stderr
    assert "verify: ok" in result.stderr
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    assert (stats["pages"], stats["snapshot_files"], stats["snapshot_rows"]) == (40, 6, 9000)
    return out


def test_the_product_reads_it_without_input_errors_and_finds_what_the_data_provokes(project: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(project), "--format", "json", "--fail-on", "never"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output  # 2 would mean unreadable input
    rules = collections.Counter(f["rule"] for f in json.loads(result.output)["findings"])
    assert "unknown-reference" not in rules
    for rule in ("stale-review", "kpi-below-target", "kpi-missed-repeatedly", "kpi-declining", "content-expired",
                 "coverage-gap", "activity-only"):
        assert rules[rule] > 0, rule
    assert rules["coverage-gap"] == 1  # the one persona x stage cell left without content


def test_shape_of_the_project(project: Path) -> None:
    pages = sorted((project / "manual").rglob("*.md"))
    assert len(pages) == 40 and (project / "manual" / "index.md") in pages
    header = (project / "data" / "snapshots" / "2026-10.csv").read_text().splitlines()[0]
    assert header == "period,channel,content,persona,stage,region,leads,mqls,sqls,opportunities,pipeline,cost,emails_sent"
    assert sorted(p.stem for p in (project / "data" / "snapshots").glob("*.csv"))[0] == "2026-05"
    assert "as_of: 2026-11-05" in (project / "mkdocs.yml").read_text()


def test_same_seed_same_bytes(project: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert generate(again, *SMALL).returncode == 0
    files = sorted(p.relative_to(project) for p in project.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((project / f).read_bytes() == (again / f).read_bytes() for f in files)


def test_refuses_a_non_empty_folder_without_force(project: Path) -> None:
    result = generate(project, *SMALL)
    assert result.returncode == 2 and "use --force" in result.stderr


def test_verify_reports_a_key_the_schema_does_not_know(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    subprocess.run(["cp", "-r", str(project), str(broken)], check=True)
    page = broken / "manual" / "index.md"
    page.write_text(page.read_text().replace("---\n", "---\nreviewd: 2026-01-01\n", 1))
    result = generate(broken, "--verify-only")
    assert result.returncode == 1
    assert "manual/index.md: reviewd: Extra inputs are not permitted" in result.stderr


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "webinar", "name": "Webinars", "kpis": [{"metric": "sqls", "target": "about 40"}]}, "not a target"),
        ({"id": "webinar", "name": "Webinars", "budgett": 100}, "budgett"),
        ({"id": "Webinar", "name": "Webinars"}, "id"),
    ],
)
def test_the_writer_refuses_what_the_product_would_refuse(entry: dict, message: str) -> None:
    with pytest.raises(writer.InvalidOutput, match=message):
        writer.catalog_text("channels", [entry])


def test_the_writer_drops_empty_keys_and_writes_flow_lists() -> None:
    text = writer.catalog_text("content", [{"id": "eb-1", "title": "Guide", "type": None, "personas": ["cfo", "cio"],
                                            "status": "live", "kpis": [{"metric": "leads", "target": ">= 5"}]}])
    assert text == ("# The content map.\n\n- id: eb-1\n  title: Guide\n  personas: [cfo, cio]\n  status: live\n"
                    "  kpis:\n  - {metric: leads, target: '>= 5'}\n")
