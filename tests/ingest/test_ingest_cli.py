"""``opsmanual ingest``: refusals, problems with file:line, dry runs against an existing snapshot, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.writer import write_snapshot_file

from ..projects import new_file_mode
from .conftest import EXPORTS

SALESFORCE = EXPORTS / "salesforce-campaigns.csv"
SALESFORCE_MAP = EXPORTS / "salesforce-map.yaml"


def _snapshots(root: Path) -> Path:
    return root / "data" / "snapshots"


def test_unmapped_values_are_reported_with_file_and_line_and_nothing_is_written(small, ingest):
    result = ingest(SALESFORCE, small, "--format", "salesforce", "--period", "2026-11")
    assert result.exit_code == 2
    src = str(SALESFORCE)
    assert result.stderr.splitlines() == [
        f"Error: {src}:8: 'Webinar - Zero Trust' in column 'Campaign Name' maps to no content id "
        f"(add a value map entry to the --map file: dimensions: content: values: \"Webinar - Zero Trust\": "
        f"wb-zero-trust (or ~ for an empty cell))",
        f"Error: {src}:9: 'Webinar - Zero Trust (replay)' in column 'Campaign Name' maps to no content id "
        f"(add a value map entry to the --map file: dimensions: content: values: \"Webinar - Zero Trust (replay)\": "
        f"wb-zero-trust (or ~ for an empty cell))",
        f"Error: {src}:10: 'Advertisement' in column 'Campaign Type' maps to no channel id (2 rows) "
        f"(add a value map entry to the --map file: dimensions: channel: values: \"Advertisement\": <channel id> "
        f"(or ~ for an empty cell))",
        f"Error: {src}:11: 'ROI calculator - retargeting' in column 'Campaign Name' maps to no content id "
        f"(add a value map entry to the --map file: dimensions: content: values: \"ROI calculator - retargeting\": "
        f"roi-calculator (or ~ for an empty cell))",
        "4 problems in the input; nothing was written.",
    ]
    assert result.stdout == ""
    assert not (_snapshots(small) / "2026-11.csv").exists()


def test_an_existing_snapshot_is_not_overwritten_without_replace(small, ingest):
    target = _snapshots(small) / "2026-10.csv"
    before = target.read_bytes()
    result = ingest(SALESFORCE, small, "--format", "salesforce", "--period", "2026-10", "--map", SALESFORCE_MAP)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "Error: data/snapshots/2026-10.csv: the snapshot of 2026-10 already exists "
        "(pass --merge to add this export to it, --replace to overwrite it; --dry-run shows what would change)"
    )
    assert target.read_bytes() == before


def test_replace_overwrites_and_reports_the_changes(small, ingest):
    result = ingest(SALESFORCE, small, "--format", "salesforce", "--period", "2026-10", "--map", SALESFORCE_MAP,
                    "--replace")
    assert result.exit_code == 0, result.output
    assert (_snapshots(small) / "2026-10.csv").read_text(encoding="utf-8") == (
        "period,channel,content,leads,pipeline,cost\n"
        "2026-10,paid-social,roi-calculator,174,73000,5000\n"
        "2026-10,webinar,wb-zero-trust,270,178500,4200\n"
    )
    assert "Changes against the existing data/snapshots/2026-10.csv:" in result.stdout
    assert "Wrote data/snapshots/2026-10.csv (2 rows)." in result.stdout


def test_dry_run_against_an_existing_snapshot_shows_what_changes(small, ingest):
    target = _snapshots(small) / "2026-10.csv"
    before = target.read_bytes()
    result = ingest(SALESFORCE, small, "--format", "salesforce", "--period", "2026-10", "--map", SALESFORCE_MAP,
                    "--dry-run")
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == before
    out = result.stdout
    assert "Totals for 2026-10, compared with data/snapshots/2026-09.csv:\n" in out
    assert "  leads 444 (prev 2026-09: 570, -22.1%)\n" in out
    assert "  pipeline 251500 (prev 2026-09: 290000, -13.3%)\n" in out
    assert "  cost 9200 (prev 2026-09: 11500, -20.0%)\n" in out
    assert (
        "Changes against the existing data/snapshots/2026-10.csv:\n"
        "  2 rows added, 3 removed, 0 changed, 0 unchanged\n"
        "  columns no longer written: persona, stage, mqls, sqls, emails_sent\n"
        "  + channel=paid-social, content=roi-calculator\n"
        "  + channel=webinar, content=wb-zero-trust\n"
        "  - channel=email, persona=cfo, stage=decision\n"
        "  - channel=paid-social, content=roi-calculator, persona=cfo, stage=decision\n"
        "  - channel=webinar, content=wb-zero-trust, persona=it-director, stage=awareness\n"
        "  total leads: 600 -> 444 (-26.0%)\n"
        "  total mqls: 170 -> none\n"
    ) in out
    assert "Dry run: nothing was written (would replace data/snapshots/2026-10.csv)." in out


def test_ingesting_the_same_snapshot_again_changes_nothing(small, ingest):
    args = (SALESFORCE, small, "--format", "salesforce", "--period", "2026-11", "--map", SALESFORCE_MAP)
    assert ingest(*args).exit_code == 0
    result = ingest(*args, "--dry-run")
    assert "Changes against the existing data/snapshots/2026-11.csv:\n  none: the rows and values are the same\n" in result.stdout


def test_dry_run_lists_changed_values(small, ingest, tmp_path):
    args = ("--format", "salesforce", "--period", "2026-11", "--map", SALESFORCE_MAP)
    assert ingest(SALESFORCE, small, *args).exit_code == 0
    changed = tmp_path / "salesforce-corrected.csv"
    changed.write_bytes(SALESFORCE.read_bytes().replace(b'"212","34"', b'"230","34"'))
    result = ingest(changed, small, *args, "--dry-run")
    assert (
        "Changes against the existing data/snapshots/2026-11.csv:\n"
        "  0 rows added, 0 removed, 1 changed, 1 unchanged\n"
        "  ~ channel=webinar, content=wb-zero-trust: leads 270 -> 288\n"
        "  total leads: 444 -> 462 (+4.1%)\n"
    ) in result.stdout


def test_the_write_leaves_no_temporary_file(small, ingest):
    assert ingest(SALESFORCE, small, "--format", "salesforce", "--period", "2026-11", "--map", SALESFORCE_MAP).exit_code == 0
    names = sorted(p.name for p in _snapshots(small).iterdir())
    assert names == ["2026-08.csv", "2026-09.csv", "2026-10.csv", "2026-11.csv"]


def test_a_failed_write_removes_its_temporary_file_and_keeps_the_target(tmp_path):
    target = tmp_path / "snapshots" / "2026-11.csv"
    target.mkdir(parents=True)  # os.replace cannot put a file over a folder
    with pytest.raises(OSError):
        write_snapshot_file(target, "period,leads\n2026-11,1\n", replace=True)
    assert [p.name for p in target.parent.iterdir()] == ["2026-11.csv"]
    assert target.is_dir()


def test_without_replace_a_file_that_appeared_meanwhile_is_not_overwritten(tmp_path):
    target = tmp_path / "2026-11.csv"
    target.write_text("theirs\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_snapshot_file(target, "period,leads\n2026-11,1\n", replace=False)
    assert target.read_text(encoding="utf-8") == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["2026-11.csv"]


def test_the_snapshot_gets_ordinary_permissions(small, ingest):
    assert ingest(SALESFORCE, small, "--format", "salesforce", "--period", "2026-11", "--map", SALESFORCE_MAP).exit_code == 0
    assert (_snapshots(small) / "2026-11.csv").stat().st_mode & 0o777 == new_file_mode()  # not mkstemp's 0600


def test_rows_outside_the_period_are_reported(demo, ingest):
    export = EXPORTS / "ga4-traffic-acquisition.csv"
    result = ingest(export, demo, "--format", "ga4", "--period", "2026-11", "--map", EXPORTS / "ga4-map.yaml")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Warning: {export}:19: 2 rows dated outside 2026-11 (2026-10-30 to 2026-10-31) left out: lines 19, 20\n"
    )
    assert "Dropped 1 totals row (never summed): line 24 (8024 | 5013 | 0.624750124626122)" in result.stdout


def test_dry_run_lists_ignored_columns_and_dropped_lines(small, ingest):
    result = ingest(SALESFORCE, small, "--format", "salesforce", "--period", "2026-11", "--map", SALESFORCE_MAP,
                    "--dry-run")
    out = result.stdout
    assert (
        "Ignored columns: Status, Start Date, Converted Leads in Campaign, "
        "Opportunities in Campaign (measure 'opportunities' is not in data/metrics.yaml)\n"
    ) in out
    assert "Dropped 1 totals row (never summed): line 12 (Grand Totals (4 records) | 444 | 55)\n" in out
    assert "Dropped 5 note lines (never summed): line 15 (Campaign Performance - Last Month); " in out
    assert "line 17 (Confidential Information - Do Not Distribute)" in out


def test_the_previous_period_is_compared_over_the_constant_slice(demo, ingest):
    result = ingest(EXPORTS / "google-ads-campaigns.csv", demo, "--format", "google-ads", "--period", "2026-11",
                    "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Totals for 2026-11, compared with data/snapshots/2026-10.csv where channel = paid-search:\n" in result.stdout
    assert "  cost 13060.53 (prev 2026-10: 18900, -30.9%)\n" in result.stdout


def test_an_export_of_another_month_is_refused(demo, ingest):
    export = EXPORTS / "google-ads-campaigns.csv"
    result = ingest(export, demo, "--format", "google-ads", "--period", "2026-12")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: {export}:2: the export covers 2026-11-01 to 2026-11-30, not 2026-12 "
        "(pass the export's month as --period, or export the right dates)"
    )


def test_a_builtin_constant_the_project_lacks_is_an_error(small, ingest):
    export = EXPORTS / "google-ads-campaigns.csv"
    result = ingest(export, small, "--format", "google-ads", "--period", "2026-11")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: {export}: the built-in google-ads mapping puts every row in channel 'paid-search', which is not "
        "a channel id of this project (set your own in a --map file: constants: {channel: <id>}; "
        "channel ids: webinar, paid-social)"
    )


def test_a_bad_number_is_reported_with_its_line(small, ingest, tmp_path):
    export = tmp_path / "funnel.csv"
    export.write_text("channel,leads,cost\nwebinar,12,100\nwebinar,twelve,5%\n", encoding="utf-8")
    result = ingest(export, small, "--period", "2026-11")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        f"Error: {export}:3: 'twelve' in column 'leads' (measure 'leads') is not a number "
        "(measures take counts and amounts; map another column or fix the cell)",
        f"Error: {export}:3: '5%' in column 'cost' (measure 'cost') is a percentage, not a count or an amount "
        "(measures take counts and amounts; map another column or fix the cell)",
    ]


def test_an_export_without_a_known_column_is_explained(small, ingest, tmp_path):
    export = tmp_path / "other.csv"
    export.write_text("Name,Score\nA,1\n", encoding="utf-8")
    result = ingest(export, small, "--format", "hubspot", "--period", "2026-11")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {export}:1: found no header line naming a column the HubSpot mapping knows (")
    assert "(check --format, or map this export's columns with --map" in result.stderr


def test_a_ragged_row_is_an_error(small, ingest, tmp_path):
    export = tmp_path / "funnel.csv"
    export.write_text("channel,leads,cost\nwebinar,12\n", encoding="utf-8")
    result = ingest(export, small, "--period", "2026-11")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: {export}:2: the row has 2 cells but the header has 3 columns "
        "(the header is line 1; check the export's delimiter and quoting)"
    )


def test_an_export_with_no_row_in_the_period_is_refused(small, ingest, tmp_path):
    export = tmp_path / "daily.csv"
    export.write_text("date,channel,leads\n2026-10-30,webinar,3\n2026-10-31,webinar,4\n", encoding="utf-8")
    result = ingest(export, small, "--period", "2026-11", "--dry-run")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: {export}:2: none of the 2 rows is in 2026-11 (they are dated 2026-10-30 to 2026-10-31) "
        "(pass the month the export covers as --period)"
    )


def test_an_export_of_totals_only_is_refused(small, ingest, tmp_path):
    export = tmp_path / "totals.csv"
    export.write_text("channel,leads\nTotal,5\n", encoding="utf-8")
    result = ingest(export, small, "--period", "2026-11")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: {export}:1: the export has no data rows below its header "
        "(export the report with its rows, not only its totals)"
    )
    assert not (_snapshots(small) / "2026-11.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026-13"], "'2026-13' is not a period; write YYYY-MM, e.g. 2026-11"),
        (["--period", "2026-11", "--format", "excel"], "'excel' is not one of"),
        ([], "Missing option '--period'"),
    ],
)
def test_usage_errors_exit_2(small, ingest, args, message):
    result = ingest(EXPORTS / "generic-funnel.csv", small, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_help_has_an_example(ingest):
    result = ingest("--help")
    assert result.exit_code == 0
    assert "opsmanual ingest exports/linkedin-nov.csv . --format linkedin --period 2026-11" in result.stdout


def test_a_long_ingest_off_a_terminal_prints_plain_progress_lines(small, ingest, tmp_path):
    export = tmp_path / "big.csv"
    rows = "".join(f"webinar,wb-zero-trust,{i % 7}\n" for i in range(60_000))
    export.write_text("channel,content,leads\n" + rows, encoding="utf-8")
    result = ingest(export, small, "--period", "2026-11")
    assert result.exit_code == 0, result.output
    assert result.stderr == "Ingesting big.csv: 50,000 of 60,000 rows\n"
    assert (_snapshots(small) / "2026-11.csv").read_text(encoding="utf-8") == (
        f"period,channel,content,leads\n2026-11,webinar,wb-zero-trust,{sum(i % 7 for i in range(60_000))}\n"
    )


def test_the_readme_example_mapping_works(small, ingest, tmp_path):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Ingesting platform exports"):readme.index("## Writing a manual")]
    example = section[section.index("# data/ingest/salesforce.yaml"):]
    mapping = tmp_path / "salesforce.yaml"
    mapping.write_text(example[:example.index("```")], encoding="utf-8")
    result = ingest(SALESFORCE, small, "--format", "salesforce", "--period", "2026-11", "--map", mapping, "--dry-run")
    assert result.exit_code == 0, result.output
    for line in ("  leads 444 (prev 2026-10: 600, -26.0%)\n", "  sqls 55 (prev 2026-10: 46, +19.6%)\n"):
        assert line in result.stdout and line in section  # README shows what the command prints


def test_a_dimension_without_a_catalog_takes_the_text_as_it_is(small, ingest, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("dimensions:\n  region: Region\n", encoding="utf-8")
    result = ingest(EXPORTS / "generic-funnel.csv", small, "--period", "2026-11", "--map", mapping)
    assert result.exit_code == 0, result.output
    text = (_snapshots(small) / "2026-11.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "period,channel,content,persona,stage,region,leads,mqls,sqls,pipeline,cost"
    assert "2026-11,webinar,wb-zero-trust,it-director,awareness,EMEA,1020,130,41,265000,7500" in text
    assert "2026-11,webinar,wb-zero-trust,it-director,awareness,NA,30,5,1,5000,500" in text


def test_a_date_cell_that_is_no_date_is_an_error_at_its_line(small, ingest, tmp_path):
    export = tmp_path / "daily.csv"
    export.write_text("date,channel,leads\n2026-11-02,webinar,3\nsoon,webinar,4\n", encoding="utf-8")
    result = ingest(export, small, "--period", "2026-11")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: {export}:3: 'soon' in column 'date' is not a date (%Y-%m or %Y-%m-%d) "
        "(fix the cell, or set date: format: in the mapping)"
    )
    assert not (_snapshots(small) / "2026-11.csv").exists()


def test_a_builtin_dimension_is_removed_with_a_tilde(small, ingest, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("dimensions:\n  persona: ~\n", encoding="utf-8")
    result = ingest(EXPORTS / "generic-funnel.csv", small, "--period", "2026-11", "--map", mapping, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "data/snapshots/2026-11.csv: 2 rows by channel, content, stage; 3 export rows summed" in result.stdout
    assert "Persona -> persona" not in result.stdout
