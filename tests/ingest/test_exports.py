"""Each platform's export (tests/fixtures/exports) through ``opsmanual ingest``: the exact snapshot written.

The totals of the written snapshot must equal the sums of the export's data rows, listed here by
hand, so a totals row summed with the data (or twice) fails the test.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from generator.load.project import load_project

from .conftest import EXPORTS

CASES = {
    "generic": dict(
        project="small", export="generic-funnel.csv", map=None,
        csv=(
            "period,channel,content,persona,stage,leads,mqls,sqls,pipeline,cost\n"
            "2026-11,paid-social,roi-calculator,cfo,decision,230,45,12,70000,6100\n"
            "2026-11,webinar,wb-zero-trust,it-director,awareness,1050,135,42,270000,8000\n"
        ),
        rows={"leads": [1020, 230, 30], "cost": [7500, 6100, 500]},
    ),
    "ga4": dict(
        project="demo", export="ga4-traffic-acquisition.csv", map="ga4-map.yaml",
        csv=(
            "period,channel,leads,sessions\n"
            "2026-11,,3,1365\n"
            "2026-11,email-nurture,3,122\n"
            "2026-11,paid-search,11,790\n"
            "2026-11,paid-social,4,260\n"
            "2026-11,seo,28,3623\n"
        ),
        # November's rows only: the two October days and the totals row are left out.
        rows={"sessions": [1204, 388, 650, 122, 1318, 402, 260, 701, 14, 1101], "leads": [9, 6, 2, 3, 11, 5, 4, 1, 0, 8]},
    ),
    "google-ads": dict(
        project="demo", export="google-ads-campaigns.csv", map=None,
        csv="period,channel,leads,cost\n2026-11,paid-search,122.5,13060.53\n",
        rows={"cost": ["1179.92", "8947.47", "2933.14", "0.00"], "leads": ["41.00", "63.50", "18.00", "0.00"]},
    ),
    "google-ads-by-campaign": dict(
        project="demo", export="google-ads-campaigns.csv", map="google-ads-map.yaml", format="google-ads",
        csv=(
            "period,channel,content,leads,cost\n"
            "2026-11,paid-search,,41,1179.92\n"
            "2026-11,paid-search,chk-zero-trust-basics,18,2933.14\n"
            "2026-11,paid-search,cmp-vs-wsus,0,0\n"
            "2026-11,paid-search,gd-patch-mgmt-buyers-guide,63.5,8947.47\n"
        ),
        rows={"cost": ["1179.92", "8947.47", "2933.14", "0.00"]},
    ),
    "linkedin": dict(
        project="demo", export="linkedin-campaign-performance.csv", map="linkedin-map.yaml",
        csv=(
            "period,channel,content,leads,cost\n"
            "2026-11,paid-social,eb-hybrid-work-access,21,2310\n"
            "2026-11,paid-social,eb-ransomware-readiness,35,3156.1\n"
            "2026-11,paid-social,rpt-patch-gap-2026,13,1785.1\n"
        ),
        rows={"cost": ["1045.20", "880.00", "1120.35", "905.10", "2310.00", "990.55"], "leads": [12, 7, 14, 6, 21, 9]},
    ),
    "hubspot": dict(
        project="demo", export="hubspot-leads-by-source.csv", map="hubspot-map.yaml",
        csv=(
            "period,channel,persona,leads,mqls,sqls,opportunities\n"
            "2026-11,,,33,4,1,0\n"
            "2026-11,email-nurture,,12,2,0,0\n"
            "2026-11,email-nurture,it-director,64,29,11,4\n"
            "2026-11,events,msp-owner,40,18,6,2\n"
            "2026-11,paid-search,it-director,75,22,7,3\n"
            "2026-11,paid-social,finance-leader,96,30,8,3\n"
            "2026-11,seo,it-director,182,51,14,5\n"
            "2026-11,seo,sysadmin,240,38,9,2\n"
        ),
        rows={"leads": [182, 240, 96, 75, 64, 12, 40, 33]},
    ),
    "salesforce": dict(
        project="small", export="salesforce-campaigns.csv", map="salesforce-map.yaml",
        csv=(
            "period,channel,content,leads,pipeline,cost\n"
            "2026-11,paid-social,roi-calculator,174,73000,5000\n"
            "2026-11,webinar,wb-zero-trust,270,178500,4200\n"
        ),
        rows={"leads": [212, 58, 133, 41], "pipeline": [140000, 38500, 61000, 12000], "cost": ["4200", "0", "3950.25", "1049.75"]},
    ),
}


def _args(case: dict, root: Path, *extra: str) -> list[str | Path]:
    args: list[str | Path] = [EXPORTS / case["export"], root, "--format", case.get("format", _format(case)),
                              "--period", "2026-11", *extra]
    if case["map"]:
        args += ["--map", EXPORTS / case["map"]]
    return args


def _format(case: dict) -> str:
    return next(name for name, c in CASES.items() if c is case)


def _column_totals(text: str, measures: list[str]) -> dict[str, Decimal]:
    rows = list(csv.DictReader(io.StringIO(text)))
    return {m: sum((Decimal(r[m]) for r in rows if r[m]), Decimal(0)) for m in measures}


@pytest.fixture
def project(request: pytest.FixtureRequest):
    return lambda name: request.getfixturevalue(name)


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_becomes_the_expected_snapshot(name, project, ingest):
    case = CASES[name]
    root = project(case["project"])
    result = ingest(*_args(case, root))
    assert result.exit_code == 0, result.output
    written = (root / "data" / "snapshots" / "2026-11.csv").read_text(encoding="utf-8")
    assert written == case["csv"]
    assert "Wrote data/snapshots/2026-11.csv" in result.stdout


@pytest.mark.parametrize("name", sorted(CASES))
def test_totals_are_the_sums_of_the_data_rows_only(name, project, ingest):
    case = CASES[name]
    root = project(case["project"])
    assert ingest(*_args(case, root)).exit_code == 0
    text = (root / "data" / "snapshots" / "2026-11.csv").read_text(encoding="utf-8")
    totals = _column_totals(text, list(case["rows"]))
    for measure, values in case["rows"].items():
        assert totals[measure] == sum((Decimal(str(v)) for v in values), Decimal(0)), measure


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_project_loads_after_ingest(name, project, ingest):
    case = CASES[name]
    root = project(case["project"])
    assert ingest(*_args(case, root)).exit_code == 0
    loaded = load_project(root)  # raises InputError on any input problem
    files = {f.file: f for f in loaded.snapshots.files}
    assert files["data/snapshots/2026-11.csv"].periods == ("2026-11",)
    assert files["data/snapshots/2026-11.csv"].rows == case["csv"].count("\n") - 1
    assert not any(f == "data/snapshots/2026-11.csv" for f, _ in loaded.snapshots.unknown_ids.values())


@pytest.mark.parametrize("name", sorted(CASES))
def test_dry_run_writes_nothing_and_compares_with_the_previous_period(name, project, ingest):
    case = CASES[name]
    root = project(case["project"])
    before = sorted(p.name for p in (root / "data" / "snapshots").iterdir())
    result = ingest(*_args(case, root, "--dry-run"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "data" / "snapshots").iterdir()) == before
    assert "Dry run: nothing was written (would create data/snapshots/2026-11.csv)." in result.stdout
    assert "(prev 2026-10: " in result.stdout
    for line in case["csv"].splitlines():
        assert f"  {line}\n" in result.stdout  # the rows it would write
