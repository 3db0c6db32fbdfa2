"""The number a KPI is judged on: ratios recomputed from sums, division by zero, missing vs zero cells."""

from __future__ import annotations

import pytest

from generator.metrics.evaluate import KpiState

from .builders import csv, kpi_page


@pytest.mark.parametrize(
    ("metric", "rows", "expected"),
    [
        # ratio of sums: 1/10 and 9/10 are 10/20 = 0.5, never the mean of ratios 0.55
        ("sql_rate", ["10,1", "10,9"], 0.5),
        ("sql_rate", ["10,1", "30,9"], 0.25),
        # a zero denominator in one row is fine once summed: (1 + 4) / (0 + 10)
        ("sql_rate", ["0,1", "10,4"], 0.5),
        # a missing cell is skipped by the sum, not counted as zero
        ("sql_rate", [",1", "10,4"], 0.5),
        # zero is a value
        ("sql_rate", ["10,0"], 0.0),
        ("sqls", ["10,0"], 0.0),
        ("sqls", ["10,0", "10,3"], 3.0),
        ("mqls", ["10,", "5,"], 15.0),
    ],
    ids=[
        "ratio-of-sums",
        "ratio-of-sums-weighted",
        "zero-denominator-row",
        "missing-cell-skipped",
        "zero-numerator",
        "zero-measure",
        "zero-plus-three",
        "measure-sum",
    ],
)
def test_latest_value(check, metric, rows, expected):
    judgement = check(
        {
            "manual/kpi.md": kpi_page(metric),
            "data/snapshots/2026-10.csv": "mqls,sqls\n" + "\n".join(rows) + "\n",
        }
    )
    (result,) = judgement.results
    assert result.state is KpiState.NO_TARGET
    assert result.latest == pytest.approx(expected, abs=1e-12)
    assert result.values == (pytest.approx(expected, abs=1e-12),)


@pytest.mark.parametrize(
    ("metric", "header", "rows", "note"),
    [
        # x / 0 is no value: never 0, never inf
        ("sql_rate", "mqls,sqls", ["0,5"], "the slice has rows but no value for this metric"),
        ("sql_rate", "mqls,sqls", ["0,0"], "the slice has rows but no value for this metric"),
        ("cost_per_sql", "cost,sqls", ["500,0"], "the slice has rows but no value for this metric"),
        ("roi", "pipeline,cost", ["9000,0"], "the slice has rows but no value for this metric"),
        # the sum of all-missing cells is missing, not 0
        ("sqls", "mqls,sqls", ["10,", "20,"], "the slice has rows but no value for this metric"),
        ("sql_rate", "mqls,sqls", [",5", ",1"], "the slice has rows but no value for this metric"),
        # a measure the snapshots never carry
        ("pipeline", "mqls,sqls", ["10,5"], "the slice has rows but no value for this metric"),
    ],
    ids=[
        "x-over-zero",
        "zero-over-zero",
        "cost-over-zero-sqls",
        "roi-over-zero-cost",
        "all-missing-sum",
        "all-missing-denominator",
        "absent-column",
    ],
)
def test_no_value_is_no_data_never_below_target(check, metric, header, rows, note):
    # Every target here would be missed by 0 or by inf.
    target = {"sql_rate": ">= 0.25", "cost_per_sql": "<= 300", "roi": ">= 1", "sqls": ">= 1", "pipeline": ">= 1"}[
        metric
    ]
    judgement = check(
        {
            "manual/kpi.md": kpi_page(metric, target),
            "data/snapshots/2026-10.csv": f"{header}\n" + "\n".join(rows) + "\n",
        }
    )
    (result,) = judgement.results
    assert result.state is KpiState.NO_DATA
    assert result.latest is None
    assert result.values == (None,)
    assert result.note == note
    assert [(f.rule, f.subject, f.kpi) for f in judgement.findings] == [("no-data", "kpi.md", metric)]


def test_ratio_of_sums_decides_the_target(check):
    # The mean of the row ratios (0.55) would meet ">= 0.52"; the ratio of sums (0.5) does not.
    judgement = check(
        {
            "manual/kpi.md": kpi_page("sql_rate", ">= 0.52"),
            "data/snapshots/2026-10.csv": "mqls,sqls\n10,1\n10,9\n",
        }
    )
    (finding,) = judgement.findings
    assert finding.rule == "kpi-below-target"
    assert finding.message == "MQL to SQL rate (all rows) 50.0% in 2026-10 vs target >= 52.0%."
    assert finding.values["value"] == 0.5


def test_zero_over_value_is_a_value_and_is_judged(check):
    judgement = check(
        {
            "manual/kpi.md": kpi_page("sql_rate", ">= 0.25"),
            "data/snapshots/2026-10.csv": "mqls,sqls\n10,0\n",
        }
    )
    (finding,) = judgement.findings
    assert (finding.rule, finding.values["value"]) == ("kpi-below-target", 0.0)
    assert finding.message == "MQL to SQL rate (all rows) 0.0% in 2026-10 vs target >= 25.0%."


def test_newest_period_without_value_is_not_a_miss(check):
    # 2026-10 has rows but x/0; the KPI is judged on 2026-09 (met), and nothing is reported.
    judgement = check(
        {
            "manual/kpi.md": kpi_page("cost_per_sql", "<= 300"),
            "data/snapshots/2026-09.csv": "cost,sqls\n500,5\n",
            "data/snapshots/2026-10.csv": "cost,sqls\n500,0\n",
        }
    )
    (result,) = judgement.results
    assert result.values == (100.0, None)
    assert (result.state, result.newest_period, result.latest) == (KpiState.MET, "2026-09", 100.0)
    assert judgement.findings == ()


def test_slice_selects_rows_and_sums_them(check):
    judgement = check(
        {
            "manual/kpi.md": kpi_page("sql_rate", where="{channel: [webinar, paid-social], region: emea}"),
            "data/snapshots/2026-10.csv": csv("""
            channel,region,mqls,sqls
            webinar,emea,10,1
            webinar,amer,100,100
            paid-social,emea,30,9
            paid-social,,50,50
        """),
        }
    )
    (result,) = judgement.results
    assert result.latest == 0.25  # (1 + 9) / (10 + 30)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("", ""), None),  # several slice keys, every cell missing: missing, not 0
        (("", "3"), 3.0),
        (("0", ""), 0.0),
        (("2", "3"), 5.0),
    ],
)
def test_sum_over_several_slice_keys(check, cells, expected):
    judgement = check(
        {
            "manual/kpi.md": kpi_page("sqls", ">= 1", "{channel: [webinar, paid-social]}"),
            "data/snapshots/2026-10.csv": f"channel,mqls,sqls\nwebinar,1,{cells[0]}\npaid-social,1,{cells[1]}\n",
        }
    )
    (result,) = judgement.results
    assert result.values == (expected,)
    assert [f.rule for f in judgement.findings] == (
        ["no-data"] if expected is None else ["kpi-below-target"] if expected < 1 else []
    )


def test_slice_with_no_rows_and_unknown_dimension(check):
    judgement = check(
        {
            "manual/a.md": kpi_page("sqls", ">= 1", "{channel: paid-social}"),
            "manual/b.md": kpi_page("sqls", ">= 1", "{region: emea}"),
            "data/snapshots/2026-10.csv": "channel,sqls\nwebinar,4\n",
        }
    )
    notes = {r.section.subject: (r.state, r.note) for r in judgement.results}
    assert notes == {
        "a.md": (KpiState.NO_DATA, "no rows match the slice"),
        "b.md": (KpiState.NO_DATA, "no snapshot has a 'region' column"),
    }
    assert [(f.rule, f.subject) for f in judgement.findings] == [("no-data", "a.md"), ("no-data", "b.md")]
    assert judgement.findings[0].message == "SQLs (channel=paid-social): no rows match the slice; nothing to judge yet."


def test_no_snapshots_at_all_is_no_data(check):
    judgement = check({"manual/kpi.md": kpi_page("sql_rate", ">= 0.25")})
    assert [(f.rule, f.subject) for f in judgement.findings] == [("no-data", "kpi.md")]


def test_periods_span_files_and_a_period_column(check):
    # Periods come from a file's name or its period column; each period from one file.
    judgement = check(
        {
            "manual/kpi.md": kpi_page("sql_rate"),
            "data/snapshots/2026-10.csv": "mqls,sqls\n10,1\n",
            "data/snapshots/extra.csv": "period,mqls,sqls\n2026-09,4,1\n2026-08,10,5\n",
        }
    )
    (result,) = judgement.results
    assert result.periods == ("2026-08", "2026-09", "2026-10")
    assert result.values == (0.5, 0.25, 0.1)
