"""experiment-undecided, and an experiment's KPI over its window against the window before it.

Snapshots (webinar: mqls, sqls), judged as of 2026-11-20:

    2026-06  100, 20      2026-09  100, 30
    2026-07  100, 20      2026-10  110, 33
    2026-08  100, 25      2026-11  120, 36

An experiment started 2026-09-10, decide_by 2026-10-31: window 2026-09..2026-10 (2 months), the
window before it 2026-07..2026-08. sql_rate over the window (30 + 33) / (100 + 110) = 0.30, before
(20 + 25) / (100 + 100) = 0.225: +33.3%. Never the mean of monthly ratios.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.metrics.cube import Cube
from generator.metrics.experiment import evaluate_experiment
from generator.model.experiments import ExperimentState

from .builders import csv, page, pairs

SNAPSHOTS = {
    f"data/snapshots/{period}.csv": csv(f"channel,mqls,sqls\nwebinar,{mqls},{sqls}")
    for period, mqls, sqls in [("2026-06", 100, 20), ("2026-07", 100, 20), ("2026-08", 100, 25),
                               ("2026-09", 100, 30), ("2026-10", 110, 33), ("2026-11", 120, 36)]
}


def experiment_page(extra: str = "", decide_by: str = "2026-10-31") -> str:
    return page(
        "owner: ana\nreviewed: 2026-11-01\nexperiment:\n"
        "  hypothesis: A shorter form raises the webinar MQL to SQL rate\n"
        "  metric: sql_rate\n  where: {channel: webinar}\n  start: 2026-09-10\n"
        f"  decide_by: {decide_by}\n  success: \">= 0.28\"\n{extra}"
    )


def test_overdue_experiment_is_flagged_at_its_line(check):
    judgement = check({**SNAPSHOTS, "manual/mvc.md": experiment_page()})
    assert pairs(judgement) == {("experiment-undecided", "mvc.md")}
    finding = judgement.findings[0]
    assert (finding.file, finding.line, finding.owner, finding.kpi) == ("manual/mvc.md", 4, "ana", "sql_rate")
    # 2026-11-20 - 2026-10-31 = 20 days
    assert finding.message.startswith("The experiment was due for a decision on 2026-10-31 (20 days ago)")


@pytest.mark.parametrize(
    ("extra", "decide_by", "state"),
    [
        ("", "2026-11-20", ExperimentState.RUNNING),  # decide_by is today: still running
        ("", "2026-11-19", ExperimentState.DUE),
        ("  decision: keep\n  decided: 2026-11-02", "2026-10-31", ExperimentState.DECIDED),
        ("  decision: kill\n  decided: 2026-10-20", "2026-10-31", ExperimentState.DECIDED),
        ("  decision: Kill\n  decided: 2026-10-20", "2026-10-31", ExperimentState.DECIDED),
        ("  decision: extend\n  decided: 2026-11-01", "2026-12-31", ExperimentState.RUNNING),
        ("  decision: extend\n  decided: 2026-11-01", "2026-11-10", ExperimentState.DECIDED),  # a decision is recorded
    ],
)
def test_states(check, load, extra, decide_by, state):
    files = {**SNAPSHOTS, "manual/mvc.md": experiment_page(extra, decide_by)}
    experiment = next(p for p in load(files).pages if p.path == "mvc.md").experiment
    assert experiment.state(date(2026, 11, 20)) is state
    assert bool(pairs(check(files))) is (state is ExperimentState.DUE)


def test_undecided_is_waivable(check):
    waiver = "waive:\n  - rule: experiment-undecided\n    until: 2026-11-30\n    reason: Waiting for the November data"
    judgement = check({**SNAPSHOTS, "manual/mvc.md": experiment_page(waiver)})
    assert judgement.findings == ()
    assert [f.rule for f in judgement.waived] == ["experiment-undecided"]


def test_window_against_the_window_before(load):
    project = load({**SNAPSHOTS, "manual/mvc.md": experiment_page()})
    experiment = next(p for p in project.pages if p.path == "mvc.md").experiment
    result = evaluate_experiment(experiment, project.metrics["sql_rate"], Cube(project.snapshots), date(2026, 11, 20))
    assert (result.window, result.before) == (("2026-09", "2026-10"), ("2026-07", "2026-08"))
    assert (result.during, result.prior) == (0.3, 0.225)
    assert round(result.change, 4) == 0.3333
    assert result.success is True  # 0.30 >= 0.28


def test_a_kill_ends_the_window_at_its_date(load):
    # Killed 2026-09-25: window 2026-09 only (30/100 = 0.30), before 2026-08 (25/100 = 0.25).
    files = {**SNAPSHOTS, "manual/mvc.md": experiment_page("  decision: kill\n  decided: 2026-09-25")}
    project = load(files)
    experiment = next(p for p in project.pages if p.path == "mvc.md").experiment
    result = evaluate_experiment(experiment, project.metrics["sql_rate"], Cube(project.snapshots), date(2026, 11, 20))
    assert (result.window, result.before, result.during, result.prior) == (("2026-09",), ("2026-08",), 0.3, 0.25)


@pytest.mark.parametrize(
    ("extra", "decide_by", "line", "message"),
    [
        ("", "2026-09-01", 9, "'experiment.decide_by' in front matter: decide_by 2026-09-01 is before start 2026-09-10"),
        ("  decision: maybe", "2026-10-31", 11, "'experiment.decision' in front matter: Input should be 'keep', "
                                                "'kill' or 'extend'"),
        ("  decison: keep", "2026-10-31", 11, "unknown key 'experiment.decison' in front matter"),
    ],
)
def test_experiment_input_errors(problems, extra, decide_by, line, message):
    found = problems({"manual/mvc.md": experiment_page(extra, decide_by)})
    assert [(p.file, p.line, p.message) for p in found] == [("manual/mvc.md", line, message)]


def test_a_bad_success_target_is_an_input_error(problems):
    text = experiment_page().replace('success: ">= 0.28"', "success: lots")
    found = problems({"manual/mvc.md": text})
    assert [(p.line, p.message.split(";")[0]) for p in found] == [(10, "'lots' is not a target")]


def test_unknown_metric_in_an_experiment_is_a_reference_finding(check):
    text = experiment_page("  decision: keep\n  decided: 2026-11-01").replace("metric: sql_rate", "metric: sql_rat")
    judgement = check({**SNAPSHOTS, "manual/mvc.md": text})
    assert [(f.rule, f.line) for f in judgement.findings] == [("unknown-reference", 4)]


def test_the_window_stops_at_the_newest_data(load):
    # As of 2026-12-20 with decide_by 2026-12-31, the window would run to 2026-12; the data ends
    # 2026-11, so it is 2026-09..11 ((30 + 33 + 36) / (100 + 110 + 120) = 0.30) against 2026-06..08
    # ((20 + 20 + 25) / 300 = 0.2167).
    project = load({**SNAPSHOTS, "manual/mvc.md": experiment_page(decide_by="2026-12-31")})
    experiment = next(p for p in project.pages if p.path == "mvc.md").experiment
    result = evaluate_experiment(experiment, project.metrics["sql_rate"], Cube(project.snapshots), date(2026, 12, 20))
    assert result.window == ("2026-09", "2026-10", "2026-11") and result.before == ("2026-06", "2026-07", "2026-08")
    assert (result.during, round(result.prior, 4)) == (0.3, 0.2167)
    assert result.state is ExperimentState.RUNNING
