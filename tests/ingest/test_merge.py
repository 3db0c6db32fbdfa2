"""``opsmanual ingest --merge``: a month's snapshot built from several platform exports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import cli
from generator.ingest.compare import ReadBack
from generator.ingest.merge import merge
from generator.ingest.writer import Snapshot, render_csv

from .conftest import EXPORTS

GOOGLE = (EXPORTS / "google-ads-campaigns.csv", "--format", "google-ads", "--map", EXPORTS / "google-ads-map.yaml")
LINKEDIN = (EXPORTS / "linkedin-campaign-performance.csv", "--format", "linkedin",
            "--map", EXPORTS / "linkedin-map.yaml")
HUBSPOT = (EXPORTS / "hubspot-leads-by-source.csv", "--format", "hubspot", "--map", EXPORTS / "hubspot-map.yaml")

MERGED = (
    "period,channel,content,persona,leads,mqls,sqls,opportunities,cost\n"
    "2026-11,,,,33,4,1,0,\n"
    "2026-11,email-nurture,,,12,2,0,0,\n"
    "2026-11,email-nurture,,it-director,64,29,11,4,\n"
    "2026-11,events,,msp-owner,40,18,6,2,\n"
    "2026-11,paid-search,,,41,,,,1179.92\n"
    "2026-11,paid-search,,it-director,75,22,7,3,\n"
    "2026-11,paid-search,chk-zero-trust-basics,,18,,,,2933.14\n"
    "2026-11,paid-search,cmp-vs-wsus,,0,,,,0\n"
    "2026-11,paid-search,gd-patch-mgmt-buyers-guide,,63.5,,,,8947.47\n"
    "2026-11,paid-social,,finance-leader,96,30,8,3,\n"
    "2026-11,paid-social,eb-hybrid-work-access,,21,,,,2310\n"
    "2026-11,paid-social,eb-ransomware-readiness,,35,,,,3156.1\n"
    "2026-11,paid-social,rpt-patch-gap-2026,,13,,,,1785.1\n"
    "2026-11,seo,,it-director,182,51,14,5,\n"
    "2026-11,seo,,sysadmin,240,38,9,2,\n"
)


def ingest(export: tuple, root: Path, *extra: str):
    args = [str(export[0]), str(root), "--period", "2026-11", *(str(a) for a in export[1:]), *extra]
    return CliRunner().invoke(cli, ["ingest", *args], catch_exceptions=False)


def snapshot(root: Path) -> Path:
    return root / "data" / "snapshots" / "2026-11.csv"


def test_three_platforms_make_one_month(demo: Path) -> None:
    assert ingest(GOOGLE, demo).exit_code == 0
    linkedin = ingest(LINKEDIN, demo, "--merge")
    assert linkedin.exit_code == 0, linkedin.output
    assert "data/snapshots/2026-11.csv: merged with its 4 rows, now 7 rows by channel, content" in linkedin.stdout
    hubspot = ingest(HUBSPOT, demo, "--merge")
    assert hubspot.exit_code == 0, hubspot.output
    assert snapshot(demo).read_text(encoding="utf-8") == MERGED
    check = CliRunner().invoke(cli, ["check", str(demo), "--format", "json", "--fail-on", "never"])
    assert check.exit_code == 0, check.output  # the merged snapshot loads


def test_merging_the_same_export_again_changes_nothing(demo: Path) -> None:
    assert ingest(GOOGLE, demo).exit_code == 0
    assert ingest(LINKEDIN, demo, "--merge").exit_code == 0
    before = snapshot(demo).read_bytes()
    again = ingest(LINKEDIN, demo, "--merge")
    assert again.exit_code == 0, again.output
    assert "none: the rows and values are the same" in again.stdout
    assert snapshot(demo).read_bytes() == before


def test_a_slice_reported_twice_is_a_conflict_at_the_snapshot_line(demo: Path, tmp_path: Path) -> None:
    assert ingest(GOOGLE, demo).exit_code == 0
    before = snapshot(demo).read_bytes()
    corrected = tmp_path / "corrected.csv"
    corrected.write_text("channel,content,cost\npaid-search,cmp-vs-wsus,250\npaid-search,,1179.92\n", encoding="utf-8")
    result = ingest((corrected,), demo, "--merge")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: data/snapshots/2026-11.csv:4: channel=paid-search, content=cmp-vs-wsus: cost is 0 here and 250 "
        f"in {corrected} (the same slice is reported twice; keep one source per measure and slice, or pass "
        "--replace to let the export's numbers win)"
    )
    assert snapshot(demo).read_bytes() == before  # nothing written
    replaced = ingest((corrected,), demo, "--merge", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert "~ channel=paid-search, content=cmp-vs-wsus: cost 0 -> 250" in replaced.stdout
    text = snapshot(demo).read_text(encoding="utf-8")
    assert "2026-11,paid-search,cmp-vs-wsus,0,250\n" in text  # leads kept, cost from the export
    assert "2026-11,paid-search,gd-patch-mgmt-buyers-guide,63.5,8947.47\n" in text  # other rows kept


def test_merge_without_a_snapshot_creates_it_and_dry_run_writes_nothing(demo: Path) -> None:
    dry = ingest(GOOGLE, demo, "--merge", "--dry-run")
    assert dry.exit_code == 0 and "would create data/snapshots/2026-11.csv" in dry.stdout
    assert not snapshot(demo).exists()
    assert ingest(GOOGLE, demo, "--merge").exit_code == 0
    dry = ingest(LINKEDIN, demo, "--merge", "--dry-run")
    assert dry.exit_code == 0 and "would merge into data/snapshots/2026-11.csv" in dry.stdout
    assert "paid-social" not in snapshot(demo).read_text(encoding="utf-8")


def test_a_snapshot_holding_other_periods_is_not_rewritten(demo: Path) -> None:
    target = snapshot(demo)
    target.write_text("period,channel,cost\n2026-11,paid-search,10\n2026-10,paid-search,20\n", encoding="utf-8")
    result = ingest(LINKEDIN, demo, "--merge")
    assert result.exit_code == 2
    assert "the snapshot also has rows of 2026-10" in result.stderr
    assert target.read_text(encoding="utf-8").endswith("2026-10,paid-search,20\n")


def test_merge_adds_up_repeated_rows_and_keeps_missing_cells_missing() -> None:
    existing = ReadBack(
        ("channel",), ("leads", "cost"),
        (({"channel": "seo"}, {"leads": Decimal(2), "cost": None}),
         ({"channel": "seo"}, {"leads": Decimal(3), "cost": None}),
         ({"channel": "events"}, {"leads": None, "cost": Decimal(7)})),
        (2, 3, 4),
    )
    new = Snapshot("2026-11", ("channel", "persona"), ("sqls",),
                   ((("events", "cfo"), (Decimal(1),)), (("seo", ""), (Decimal(4),))))
    merged, conflicts = merge(existing, new, ("leads", "sqls", "cost"), export_wins=False)
    assert conflicts == []
    assert render_csv(merged) == (
        "period,channel,persona,leads,sqls,cost\n"
        "2026-11,events,,,,7\n"
        "2026-11,events,cfo,,1,\n"
        "2026-11,seo,,5,4,\n"
    )


def test_merge_reads_the_existing_snapshot_once(demo: Path, monkeypatch) -> None:
    from generator.ingest import run

    assert ingest(GOOGLE, demo).exit_code == 0
    reads: list[str] = []
    real = run.read_back

    def counting(path, period, measures):
        reads.append(Path(path).name)
        return real(path, period, measures)

    monkeypatch.setattr(run, "read_back", counting)
    assert ingest(LINKEDIN, demo, "--merge").exit_code == 0
    assert reads == ["2026-11.csv"]  # merged from and compared with the same reading

