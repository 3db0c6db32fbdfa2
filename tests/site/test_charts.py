"""The static SVG charts: what each draws, its words, its numbers, and escaping."""

from __future__ import annotations

import re

from generator.metrics.format import budget_status, format_target, format_value, of_total
from generator.model.kpis import Target
from generator.site.charts import Bar, bar_chart, heatmap, trend_chart

PERIODS = ["2026-07", "2026-08", "2026-09", "2026-10"]


def pct(v: float) -> str:
    return f"{v * 100:.1f}%"


def test_a_trend_draws_its_target_marks_missed_periods_and_labels_the_newest() -> None:
    # >= 0.25: 0.20 misses, 0.30 meets, 2026-09 has no value (a gap), 0.24 misses.
    chart = trend_chart(PERIODS, [0.20, 0.30, None, 0.24], title="SQL rate", fmt=pct,
                        target=Target.parse(">= 0.25"), target_words="≥ 25.0%")
    assert chart.count('class="opsmanual-target"') == 1
    assert chart.count('class="opsmanual-missed"') == 2 and chart.count('class="opsmanual-point"') == 1
    assert '<text x="' in chart and ">24.0%</text>" in chart  # the newest value, labelled
    assert "target 25.0%" in chart
    assert "newest 24.0% in 2026-10, target ≥ 25.0%; missed in 2 of 3 periods" in chart
    assert chart.count("<polyline") == 1  # 07-08 joined; 10 stands alone after the gap
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", chart)
    assert rows == [("2026-07", "20.0%", "missed"), ("2026-08", "30.0%", "met"),
                    ("2026-09", "no value", ""), ("2026-10", "24.0%", "missed")]


def test_the_target_line_sits_at_the_target() -> None:
    chart = trend_chart(["a", "b"], [0.0, 10.0], title="t", fmt=str, target=Target.parse(">= 5"), target_words="≥ 5")
    line = re.search(r'class="opsmanual-target" x1="[\d.]+" y1="([\d.]+)" x2="[\d.]+" y2="([\d.]+)"', chart)
    top, bottom = 14, 150 - 24
    assert line and line.group(1) == line.group(2)
    assert abs(float(line.group(1)) - (top + bottom) / 2) < 0.2  # halfway between 0 and 10  # noqa: PLR2004


def test_an_unjudged_trend_marks_nothing_missed_and_nothing_at_all_draws_nothing() -> None:
    chart = trend_chart(PERIODS, [1.0, 2.0, 3.0, 4.0], title="x", fmt=str, target=Target.parse(">= 9"),
                        target_words="≥ 9", judged=False)
    assert "opsmanual-missed" not in chart and "missed" not in chart and 'class="opsmanual-target"' in chart
    assert trend_chart(PERIODS, [None] * 4, title="x", fmt=str) == ""


def test_values_from_data_are_escaped_in_every_chart() -> None:
    hostile = "<script>alert(1)</script>\" onload=\"x"
    chart = trend_chart(["<p>"], [1.0], title=hostile, fmt=lambda v: hostile)
    bars = bar_chart([Bar(hostile, ((2.0, "opsmanual-bar", hostile),), 1.0, hostile)], title=hostile, fmt=str,
                     headers=[hostile, hostile], caption=hostile)
    heat = heatmap([hostile], [hostile], [[0]], title=hostile, unit="assets")
    for drawn in (chart, bars, heat):
        assert "<script" not in drawn and '" onload' not in drawn and "<p>" not in drawn


def test_bars_stack_segments_and_mark_targets() -> None:
    chart = bar_chart(
        [Bar("Webinar", ((3.0, "opsmanual-bar-error", "3"), (1.0, "opsmanual-bar-warning", "1")), 5.0)],
        title="t", fmt=lambda v: f"{v:.0f}", headers=["Rule", "Errors", "Warnings"],
    )
    widths = [float(w) for w in re.findall(r'<rect class="[^"]+" x="[\d.]+" y="\d+" width="([\d.]+)"', chart)]
    assert len(widths) == 2 and abs(widths[0] / widths[1] - 3) < 0.01  # noqa: PLR2004
    assert chart.count('class="opsmanual-target"') == 1 and ">4</text>" in chart
    assert bar_chart([], title="t", fmt=str, headers=[]) == ""


def test_a_heatmap_counts_its_gaps_in_words() -> None:
    one = heatmap(["CFO", "CTO"], ["Awareness", "Decision"], [[1, 0], [2, 3]], title="Map", unit="live assets")
    assert "Map&#58; 1 of 4 cells has no live assets." in one and one.count('class="opsmanual-heat-gap"') == 1
    two = heatmap(["CFO"], ["A", "B"], [[0, 0]], title="Map", unit="live assets")
    assert "Map&#58; 2 of 2 cells have no live assets." in two


def test_a_results_heatmap_draws_zero_and_marks_cells_without_data() -> None:
    chart = heatmap(["CFO", "CTO"], ["Awareness", "Decision"], [[0.0, None], [12.0, 3.0]], title="SQLs", unit="SQLs",
                    fmt=lambda v: f"{v:.0f}", results=True)
    assert "SQLs&#58; highest CTO at Awareness, 12 SQLs; 1 of 4 cells has no data." in chart
    assert chart.count('class="opsmanual-heat-none"') == 1 and 'class="opsmanual-heat-gap"' not in chart
    assert ">0</text>" in chart  # zero is a result, drawn lightest
    assert "<td>SQLs</td>" not in chart and "<th>SQLs</th>" in chart
    assert heatmap(["CFO"], ["A"], [[None]], title="t", unit="SQLs", results=True) == ""


def test_numbers_as_people_write_them() -> None:
    assert of_total(1, 20, "cell") == "1 of 20 cells has"
    assert of_total(2, 20, "cell") == "2 of 20 cells have"
    assert of_total(1, 1, "cell") == "1 of 1 cell has"
    assert format_target(Target.parse(">= 0.25"), "ratio", signs=True) == "≥ 25.0%"
    assert format_target(Target.parse("<= 300"), "USD", signs=True) == "≤ $300"
    assert format_target(Target.parse("<= 300"), "USD") == "<= $300"  # terminals and findings keep ASCII
    assert budget_status(11_200, 10_000, "USD") == "over budget by $1,200 (12%)"
    assert budget_status(9_500, 10_000, "USD") == "under budget by $500 (5%)"
    assert budget_status(5_916, 6_000, "USD") == "under budget by $84 (1%)"  # no cents on a budget gap
    assert budget_status(10_000, 10_000, "USD") == "on budget"
    assert budget_status(31_610, 20_000, "USD", short=True) == "$11,610 over (58%)"  # fits a bar's end
    assert format_value(84, "USD") == "$84.00"  # a cost per lead keeps its cents
    assert format_value(82.4213, "multiple") == "82.4×"
    assert format_value(12, "multiple") == "12×"
    assert format_value(1.054, "multiple") == "1.05×"
    assert format_value(-0.5, "multiple") == "-0.5×"
    assert format_value(1234.5, "multiple") == "1,234×"
