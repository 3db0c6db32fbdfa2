"""Reading snapshots: problems with file:line, periods from the file name, BOM/CRLF, missing cells."""

from __future__ import annotations

import math

import pytest

from generator.metrics.cube import Cube

CASES = {
    "non-numeric-cells": (
        "2026-10.csv",
        "channel,sqls,cost\nwebinar,1,$500\nwebinar,n/a,1\nwebinar,2,3\n",
        [
            "data/snapshots/2026-10.csv:2: '$500' in column 'cost' is not a number (write plain numbers "
            "(no currency signs or thousands separators); leave missing cells empty)",
            "data/snapshots/2026-10.csv:3: 'n/a' in column 'sqls' is not a number (write plain numbers "
            "(no currency signs or thousands separators); leave missing cells empty)",
        ],
    ),
    "thousands-separator": (
        "2026-10.csv",
        'sqls,cost\n1,2\n2,"1,500"\n',
        [
            "data/snapshots/2026-10.csv:3: '1,500' in column 'cost' is not a number (write plain "
            "numbers (no currency signs or thousands separators); leave missing cells empty)"
        ],
    ),
    "bad-period": (
        "2026-10.csv",
        "period,sqls\n2026-10,1\n2026-13,2\n",
        ["data/snapshots/2026-10.csv:3: period '2026-13' is not a month (write periods as YYYY-MM, e.g. 2026-10)"],
    ),
    "day-period": (
        "q4.csv",
        "period,sqls\n2026-10-01,1\n",
        ["data/snapshots/q4.csv:2: period '2026-10-01' is not a month (write periods as YYYY-MM, e.g. 2026-10)"],
    ),
    "empty-period": (
        "2026-10.csv",
        "period,sqls\n2026-10,1\n2026-10,1\n,2\n",
        ["data/snapshots/2026-10.csv:4: period '' is not a month (write periods as YYYY-MM, e.g. 2026-10)"],
    ),
    "no-period-anywhere": (
        "october.csv",
        "sqls\n1\n",
        [
            "data/snapshots/october.csv:1: no 'period' column and the file name is not a period "
            "(name the file YYYY-MM.csv or add a period column)"
        ],
    ),
    "no-measure-column": (
        "2026-10.csv",
        "channel,region\nwebinar,emea\n",
        [
            "data/snapshots/2026-10.csv:1: no column of the snapshot is a measure of data/metrics.yaml "
            "(columns are channel, region; measures are cost, dials, emails_sent, leads, mqls, pipeline, sqls)"
        ],
    ),
    "duplicate-column": (
        "2026-10.csv",
        "sqls,sqls\n1,2\n",
        ["data/snapshots/2026-10.csv:1: the column 'sqls' appears twice (keep one of them)"],
    ),
    "unnamed-column": (
        "2026-10.csv",
        "sqls,\n1,2\n",
        ["data/snapshots/2026-10.csv:1: a column has no name (give every column a header)"],
    ),
    "empty-file": (
        "2026-10.csv",
        "",
        ["data/snapshots/2026-10.csv:1: the snapshot is empty (add a header line and rows, or delete the file)"],
    ),
    "ragged-row": (
        "2026-10.csv",
        "channel,sqls\nwebinar,1\nwebinar,1,2\n",
        [
            "data/snapshots/2026-10.csv:3: the row has 3 cells but the header has 2 columns "
            "(give every row one cell per column; quote cells that contain commas)"
        ],
    ),
}


@pytest.mark.parametrize(("name", "text", "expected"), CASES.values(), ids=CASES.keys())
def test_snapshot_problems(problems, name, text, expected):
    assert [str(p) for p in problems({f"data/snapshots/{name}": text})] == expected


def test_lines_count_physical_lines_with_crlf_and_bom(problems):
    text = "\ufeffchannel,sqls\r\nwebinar,1\r\nwebinar,x\r\n".encode()
    assert [str(p).split(" (")[0] for p in problems({"data/snapshots/2026-10.csv": text})] == [
        "data/snapshots/2026-10.csv:3: 'x' in column 'sqls' is not a number"
    ]


def grouped(snapshots, dims: tuple[str, ...], measures: tuple[str, ...]) -> list[tuple]:
    """The loaded rows grouped by ``dims`` and the period: (keys..., period, sums...) per group."""
    found = snapshots.engine.group(dims, measures)
    sums = [[None if math.isnan(v) else v for v in row] for row in found.values.tolist()]
    return [(*keys, period, *values) for *keys, period, values in zip(*found.keys, found.periods, sums, strict=True)]


def test_missing_cells_stay_missing(load):
    project = load({"data/snapshots/2026-10.csv": "channel,sqls,mqls\nwebinar,,3\n,0,\n"})
    snapshots = project.snapshots
    assert grouped(snapshots, ("channel",), ("sqls", "mqls")) == [
        ("webinar", "2026-10", None, 3.0),
        (None, "2026-10", 0.0, None),
    ]
    engine = snapshots.engine
    types = dict(engine.con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {engine.table})").fetchall())
    assert (types["sqls"], types["channel"], types["period"]) == ("DECIMAL(38,6)", "VARCHAR", "VARCHAR")  # exact sums


def test_period_from_the_file_name_or_the_column(load):
    project = load(
        {
            "data/snapshots/2026-09.csv": "\ufeffsqls\r\n1\r\n",
            "data/snapshots/any-name.csv": "period,channel,sqls\n2026-10,webinar,2\n2026-11,webinar,3\n",
        }
    )
    snapshots = project.snapshots
    assert snapshots.periods == ["2026-09", "2026-10", "2026-11"]
    assert grouped(snapshots, (), ("sqls",)) == [("2026-09", 1.0), ("2026-10", 2.0), ("2026-11", 3.0)]
    assert [(f.file, f.periods, f.rows) for f in snapshots.files] == [
        ("data/snapshots/2026-09.csv", ("2026-09",), 1),
        ("data/snapshots/any-name.csv", ("2026-10", "2026-11"), 2),
    ]
    assert (snapshots.dimensions, snapshots.measures) == (("channel",), ("sqls",))


def test_header_only_snapshot_is_fine(load):
    project = load({"data/snapshots/2026-10.csv": "channel,sqls\n"})
    assert project.snapshots.periods == []


def test_dimension_values_are_text(load):
    project = load({"data/snapshots/2026-10.csv": "region,sqls\n007,1\n1.5,2\n"})
    assert grouped(project.snapshots, ("region",), ()) == [("007", "2026-10"), ("1.5", "2026-10")]


def test_unknown_ids_are_found_with_their_first_file_and_line(load):
    project = load({
        "data/snapshots/2026-08.csv": "channel,sqls\nwebinar,1\n",
        "data/snapshots/2026-09.csv": "period,channel,region,sqls\n2026-09,webinar,emea,1\n2026-09,tiktok,emea,2\n"
                                      "2026-09,tiktok,amer,3\n2026-09,fax,emea,4\n",
        "data/snapshots/2026-10.csv": "channel,sqls\nfax,1\nwebinar,2\n",
    })
    assert project.snapshots.unknown_ids == {
        ("channel", "fax"): ("data/snapshots/2026-09.csv", 5),
        ("channel", "tiktok"): ("data/snapshots/2026-09.csv", 3),
    }
    assert [(f.file, f.periods, f.rows) for f in project.snapshots.files] == [
        ("data/snapshots/2026-08.csv", ("2026-08",), 1),
        ("data/snapshots/2026-09.csv", ("2026-09",), 4),
        ("data/snapshots/2026-10.csv", ("2026-10",), 2),
    ]


def test_duckdb_draws_no_progress_bar_into_standard_output(load):
    """DuckDB draws a progress bar on standard output for queries over 2 s: into a JSON report."""
    con = load({"data/snapshots/2026-10.csv": "channel,sqls\nwebinar,1\n"}).snapshots.engine.con
    assert con.execute("SELECT current_setting('enable_progress_bar')").fetchone() == (False,)


def test_values_too_large_to_sum_exactly_are_input_errors(problems):
    found = problems({"data/snapshots/2026-10.csv": "channel,sqls,cost\nwebinar,1,9.99e21\nwebinar,2,-1e22\n"
                                                    "ads,1e300,3\n"})
    assert [str(p) for p in found] == [
        "data/snapshots/2026-10.csv:3: '-1e22' in column 'cost' is too large to sum: snapshot values must be "
        "less than 1e22 in magnitude (check the column's unit (cents, micros ...))",
        "data/snapshots/2026-10.csv:4: '1e300' in column 'sqls' is too large to sum: snapshot values must be "
        "less than 1e22 in magnitude (check the column's unit (cents, micros ...))",
    ]


def test_inf_and_nan_are_not_numbers(problems):
    found = problems({"data/snapshots/2026-10.csv": "channel,sqls,cost\nwebinar,1,2\nwebinar,inf,3\nads,2,NaN\n"})
    assert [str(p).split(" (")[0] for p in found] == [
        "data/snapshots/2026-10.csv:3: 'inf' in column 'sqls' is not a finite number",
        "data/snapshots/2026-10.csv:4: 'nan' in column 'cost' is not a finite number",
    ]



def test_periods_with_a_dimension(load):
    snapshots = load({
        "data/snapshots/2026-08.csv": "channel,sqls\nwebinar,1\n",
        "data/snapshots/2026-09.csv": "channel,content,sqls\nwebinar,,1\n",
        "data/snapshots/2026-10.csv": "channel,content,sqls\nwebinar,wb-zero-trust,1\n,wb-zero-trust,2\n",
    }).snapshots
    assert snapshots.periods_with("content") == ["2026-10"]
    assert snapshots.periods_with("channel") == ["2026-08", "2026-09", "2026-10"]
    assert snapshots.periods_with("region") == []


def test_a_snapshot_of_many_dimensions(load):
    """More dimension columns than DuckDB's GROUPING() takes (64): each set is told by its number."""
    names = [f"d{i:02d}" for i in range(70)]
    rows = [["a"] * 70 + ["1"], ["b"] * 70 + ["2"], ["a"] * 35 + ["b"] * 35 + ["4"]]
    text = ",".join([*names, "sqls"]) + "\n" + "".join(",".join(row) + "\n" for row in rows)
    snapshots = load({"data/snapshots/2026-10.csv": text}).snapshots
    assert snapshots.dimensions == tuple(names) and snapshots.rows == 3
    cube = Cube(snapshots)
    cube.prepare([tuple(names), ("d00",), ("d00", "d69")])
    assert cube.series({"d00": ("a",)}).measure("sqls").tolist() == [5.0]
    assert cube.series({"d00": ("a",), "d69": ("b",)}).measure("sqls").tolist() == [4.0]
    assert cube.series({d: ("b",) for d in names}).measure("sqls").tolist() == [2.0]
