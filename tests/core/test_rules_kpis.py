"""kpi-below-target, kpi-missed-repeatedly, kpi-declining, stale-data and no-data, judged as of 2026-11-20."""

from __future__ import annotations

import pytest

from generator.metrics.evaluate import KpiState

from .builders import MKDOCS, kpi_page


def series(column: str, values: dict[str, str]) -> dict[str, str]:
    """One snapshot file per period with one measure column (``""`` = an empty cell)."""
    return {f"data/snapshots/{period}.csv": f"{column}\n{value}\n" for period, value in values.items()}


def rate_series(values: dict[str, tuple[int, int]]) -> dict[str, str]:
    return {f"data/snapshots/{p}.csv": f"mqls,sqls\n{m},{s}\n" for p, (m, s) in values.items()}


def findings_of(judgement) -> list[tuple[str, dict]]:
    return [(f.rule, {k: f.values[k] for k in ("streak", "change") if k in f.values}) for f in judgement.findings]


# sql_rate per month with target ">= 0.25": 24/100 misses, 26/100 meets, x/0 has no value. The values
# are close enough that no decline (more than 10%) interferes.
MISS, MET, ZERO = (100, 24), (100, 26), (0, 2)


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ({"2026-10": MISS}, [("kpi-below-target", {"streak": 1})]),
        ({"2026-09": MET, "2026-10": MISS}, [("kpi-below-target", {"streak": 1})]),
        ({"2026-08": MET, "2026-09": MISS, "2026-10": MISS}, [("kpi-below-target", {"streak": 2})]),
        # N = 3 misses in a row replaces kpi-below-target
        ({"2026-08": MISS, "2026-09": MISS, "2026-10": MISS}, [("kpi-missed-repeatedly", {"streak": 3})]),
        (
            {"2026-07": MISS, "2026-08": MISS, "2026-09": MISS, "2026-10": MISS},
            [("kpi-missed-repeatedly", {"streak": 4})],
        ),
        # a gap month (no rows) breaks the streak
        ({"2026-07": MISS, "2026-09": MISS, "2026-10": MISS}, [("kpi-below-target", {"streak": 2})]),
        ({"2026-06": MISS, "2026-07": MISS, "2026-08": MISS, "2026-10": MISS}, [("kpi-below-target", {"streak": 1})]),
        # so does a month whose value is missing (x/0)
        ({"2026-08": MISS, "2026-09": ZERO, "2026-10": MISS}, [("kpi-below-target", {"streak": 1})]),
        # the newest period meets the target: nothing, however bad before
        ({"2026-08": MISS, "2026-09": MISS, "2026-10": MET}, []),
        ({"2026-10": MET}, []),
    ],
    ids=[
        "one-miss",
        "met-then-miss",
        "two-misses",
        "three-misses",
        "four-misses",
        "gap-month",
        "gap-before-last",
        "no-value-month",
        "recovered",
        "met",
    ],
)
def test_target_and_streak(check, months, expected):
    judgement = check({"manual/kpi.md": kpi_page("sql_rate", ">= 0.25"), **rate_series(months)})
    assert findings_of(judgement) == expected


def test_missed_repeatedly_message(check):
    months = {"2026-08": MISS, "2026-09": MISS, "2026-10": MISS}
    judgement = check({"manual/kpi.md": kpi_page("sql_rate", ">= 0.25"), **rate_series(months)})
    (finding,) = judgement.findings
    assert finding.message == "MQL to SQL rate (all rows) 24.0% in 2026-10 vs target >= 25.0%, 3rd period in a row."
    assert (finding.file, finding.line, finding.subject, finding.owner, finding.kpi) == (
        "manual/kpi.md",
        5,
        "kpi.md",
        "ana",
        "sql_rate",
    )
    assert finding.values == {
        "metric": "sql_rate",
        "slice": {},
        "period": "2026-10",
        "value": 0.24,
        "target": ">= 0.25",
        "streak": 3,
    }


def test_missed_periods_setting(check):
    mkdocs = MKDOCS + "      missed_periods: 2\n"
    months = {"2026-09": MISS, "2026-10": MISS}
    judgement = check({"mkdocs.yml": mkdocs, "manual/kpi.md": kpi_page("sql_rate", ">= 0.25"), **rate_series(months)})
    assert findings_of(judgement) == [("kpi-missed-repeatedly", {"streak": 2})]
    assert judgement.findings[0].message.endswith(", 2nd period in a row.")


@pytest.mark.parametrize(
    ("metric", "target", "value", "missed"),
    [
        ("sqls", ">= 5", "5", False),
        ("sqls", "> 5", "5", True),
        ("sqls", "<= 5", "5", False),
        ("sqls", "< 5", "5", True),
        ("sqls", "5", "4", True),  # bare number: at least, for better: higher
        ("sqls", "5", "6", False),
        ("cost", "400", "401", True),  # bare number: at most, for a cost (better: lower)
        ("cost", "400", "400", False),
        ("cost_per_sql", "300", "", None),  # no data is never a miss
    ],
)
def test_target_comparisons(check, metric, target, value, missed):
    column = "cost" if metric.startswith("cost") else "sqls"
    judgement = check({"manual/kpi.md": kpi_page(metric, target), **series(column, {"2026-10": value})})
    rules = [f.rule for f in judgement.findings]
    if missed is None:
        assert rules == ["no-data"]
    else:
        assert rules == (["kpi-below-target"] if missed else [])


def test_percent_target_is_a_ratio(check):
    judgement = check({"manual/kpi.md": kpi_page("sql_rate", ">= 30%"), **rate_series({"2026-10": (100, 29)})})
    (result,) = judgement.results
    assert (result.state, result.target.value, result.target.percent) == (KpiState.MISSED, 0.3, True)
    assert judgement.findings[0].message == "MQL to SQL rate (all rows) 29.0% in 2026-10 vs target >= 30.0%."


def test_no_target_is_never_below_target(check):
    judgement = check({"manual/kpi.md": kpi_page("sqls", None), **series("sqls", {"2026-10": "0"})})
    (result,) = judgement.results
    assert result.state is KpiState.NO_TARGET
    assert judgement.findings == ()


# Declining: window of 3 periods, threshold 10%, relative change of last vs first.
@pytest.mark.parametrize(
    ("column", "metric", "values", "change"),
    [
        ("leads", "leads", ["100", "95", "89"], -0.11),
        ("leads", "leads", ["100", "200", "89"], -0.11),  # only first and last count
        ("leads", "leads", ["100", "95", "90"], None),  # exactly 10% is not more than 10%
        ("leads", "leads", ["100", "95", "120"], None),  # rising is good for better: higher
        ("leads", "leads", ["0", "95", "50"], None),  # no relative change from zero
        ("leads", "leads", ["95", "50"], None),  # fewer periods than the window
        ("leads", "leads", ["500", "100", "95", "120"], None),  # window is the newest 3
        # better: lower (a cost): rising is the wrong way
        ("cost", "cost", ["100", "105", "111"], 0.11),
        ("cost", "cost", ["100", "105", "110"], None),
        ("cost", "cost", ["100", "50", "10"], None),
    ],
)
def test_declining(check, column, metric, values, change):
    months = ["2026-07", "2026-08", "2026-09", "2026-10"][-len(values) :]
    judgement = check(
        {"manual/kpi.md": kpi_page(metric, None), **series(column, dict(zip(months, values, strict=True)))}
    )
    declining = [f for f in judgement.findings if f.rule == "kpi-declining"]
    assert [f.values["change"] for f in declining] == ([] if change is None else [pytest.approx(change)])
    assert [f.rule for f in judgement.findings] == ["kpi-declining"] * len(declining)


def test_declining_message_for_better_lower_metric(check):
    files = {
        "data/snapshots/2026-08.csv": "cost,sqls\n6000,30\n",  # 200
        "data/snapshots/2026-09.csv": "cost,sqls\n6000,30\n",  # 200
        "data/snapshots/2026-10.csv": "cost,sqls\n8000,36\n",  # 222.22
    }
    judgement = check({"manual/kpi.md": kpi_page("cost_per_sql", "<= 300"), **files})
    (finding,) = judgement.findings
    assert finding.rule == "kpi-declining"
    assert finding.message == "Cost per SQL (all rows) rose 11% over the last 3 periods (2026-08 to 2026-10)."
    assert finding.values["change"] == pytest.approx(0.111111)


def test_declining_message_for_better_higher_metric(check):
    months = {"2026-08": (50, 20), "2026-09": (50, 15), "2026-10": (40, 10)}  # 0.4, 0.3, 0.25
    judgement = check({"manual/kpi.md": kpi_page("sql_rate", ">= 30%"), **rate_series(months)})
    assert [
        (f.rule, f.values["streak"] if "streak" in f.values else f.values["change"]) for f in judgement.findings
    ] == [("kpi-below-target", 1), ("kpi-declining", -0.375)]
    assert judgement.findings[1].message == (
        "MQL to SQL rate (all rows) fell 38% over the last 3 periods (2026-08 to 2026-10)."
    )


def test_decline_settings(check):
    mkdocs = MKDOCS + "      decline_periods: 2\n      decline_threshold: 5%\n"
    judgement = check(
        {
            "mkdocs.yml": mkdocs,
            "manual/kpi.md": kpi_page("leads", None),
            **series("leads", {"2026-09": "100", "2026-10": "94"}),
        }
    )
    assert [(f.rule, f.values["change"]) for f in judgement.findings] == [("kpi-declining", pytest.approx(-0.06))]


def test_gap_month_breaks_the_decline_window(check):
    months = {"2026-07": "100", "2026-09": "80", "2026-10": "60"}
    judgement = check({"manual/kpi.md": kpi_page("leads", None), **series("leads", months)})
    assert judgement.findings == ()


# stale-data: the newest period is more than stale_after (2) months before the as-of month (2026-11).
@pytest.mark.parametrize(
    ("newest", "stale"),
    [("2026-11", False), ("2026-10", False), ("2026-09", False), ("2026-08", True), ("2025-11", True)],
)
def test_stale_data_boundary(check, newest, stale):
    judgement = check({"manual/kpi.md": kpi_page("sql_rate", ">= 0.25"), **rate_series({newest: MISS})})
    assert [f.rule for f in judgement.findings] == (["stale-data"] if stale else ["kpi-below-target"])


def test_stale_kpi_is_never_judged_as_underperforming(check):
    # Missed three times in a row and falling hard, but the newest data is from 2026-08.
    months = {"2026-06": (10, 2), "2026-07": (10, 1), "2026-08": (100, 1)}
    judgement = check({"manual/kpi.md": kpi_page("sql_rate", ">= 0.25"), **rate_series(months)})
    (finding,) = judgement.findings
    assert finding.rule == "stale-data"
    assert finding.message == (
        "MQL to SQL rate (all rows): newest data is 2026-08, 3 months before 2026-11 (at most 2 allowed); "
        "not judged until fresh data arrives."
    )
    (result,) = judgement.results
    assert (result.state, result.missed_streak, result.declining) == (KpiState.STALE, 0, False)


def test_stale_after_setting(check):
    mkdocs = MKDOCS + "      stale_after: 0\n"
    judgement = check(
        {"mkdocs.yml": mkdocs, "manual/kpi.md": kpi_page("sqls", ">= 1"), **series("sqls", {"2026-10": "5"})}
    )
    (finding,) = judgement.findings
    assert finding.rule == "stale-data"
    assert "newest data is 2026-10, 1 month before 2026-11 (at most 0 allowed)" in finding.message


def test_no_data_is_never_underperforming(check):
    judgement = check(
        {
            "manual/kpi.md": kpi_page("sql_rate", ">= 0.25"),
            **rate_series({"2026-08": ZERO, "2026-09": ZERO, "2026-10": ZERO}),
        }
    )
    assert [f.rule for f in judgement.findings] == ["no-data"]


def test_channel_and_asset_kpis_use_their_own_id_as_slice(check):
    channels = """\
- id: webinar
  name: Webinars
  owner: ana
  kpis:
    - metric: sqls
      target: ">= 10"
- id: paid-social
  name: Paid social
  owner: revops
  kpis:
    - metric: sqls
      where: {region: emea}
      target: ">= 10"
"""
    content = """\
- id: wb-zero-trust
  title: Zero trust in 45 minutes
  personas: [it-director]
  stage: awareness
  owner: ana
  kpis:
    - metric: sqls
      target: ">= 10"
"""
    snapshot = "channel,content,region,sqls\nwebinar,wb-zero-trust,emea,4\nwebinar,,emea,20\npaid-social,,emea,8\npaid-social,,amer,50\n"
    judgement = check(
        {"data/channels.yaml": channels, "data/content.yaml": content, "data/snapshots/2026-10.csv": snapshot}
    )
    assert [(f.rule, f.subject, f.line, f.values["value"]) for f in judgement.findings] == [
        ("kpi-below-target", "channel/paid-social", 11, 8.0),
        ("kpi-below-target", "content/wb-zero-trust", 7, 4.0),
    ]
    assert judgement.findings[0].message == "SQLs (channel=paid-social, region=emea) 8 in 2026-10 vs target >= 10."


def test_declining_names_the_months_it_compared_even_after_a_month_without_value(check) -> None:
    """The decline window is the newest run of months with a value, and the message names it."""
    rows = {"2026-07": (100, 50), "2026-08": (100, 40), "2026-09": (100, 30), "2026-10": (0, 0)}
    files = {
        f"data/snapshots/{period}.csv": f"channel,mqls,sqls\nwebinar,{mqls},{sqls}\n" for period, (mqls, sqls) in rows.items()
    }
    files["manual/decline.md"] = (
        "---\nowner: revops\nreviewed: 2026-11-01\nkpis:\n  - metric: sql_rate\n    where: {channel: webinar}\n---\n# D\n"
    )
    findings = [f for f in check(files).findings if f.rule == "kpi-declining"]
    assert len(findings) == 1
    assert "(2026-07 to 2026-09)" in findings[0].message
