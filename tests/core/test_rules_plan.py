"""off-plan: plan against actual to date, each expected number computed by hand.

Snapshots (cost, sqls) per channel, judged as of 2026-11-20:

    period   webinar        paid-social
    2026-09  5000, 20       4000, 10
    2026-10  6000, 22       4000, 12
    2026-11  7000, 18       4000, 8

- webinar 2026-Q4 spend 18000: to date 2026-10..11 (2 of 3 months), planned to date
  18000 * 2/3 = 12000, actual 6000 + 7000 = 13000: +8.3%, inside 15%. sqls 60: planned to date
  40, actual 22 + 18 = 40: on plan.
- paid-social 2026-Q4 spend 9000: planned to date 6000, actual 8000: +33.3% over; forecast
  8000 / 2 * 3 = 12000. sqls 45: planned to date 30, actual 20: -33.3% behind; forecast 30.
- webinar 2026-09 spend 4000: actual 5000 (+25%) but the period is closed (data through 2026-11).
- paid-social 2026-12 spend 3000: not started.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.load.project import load_project
from generator.metrics.cube import Cube
from generator.metrics.pacing import PaceState, plan_pacing
from generator.rules.engine import judge
from generator.rules.scope import limit_to_change

from .builders import MKDOCS, csv, pairs

SNAPSHOTS = {
    "data/snapshots/2026-09.csv": csv("""
        channel,cost,sqls
        webinar,5000,20
        paid-social,4000,10"""),
    "data/snapshots/2026-10.csv": csv("""
        channel,cost,sqls
        webinar,6000,22
        paid-social,4000,12"""),
    "data/snapshots/2026-11.csv": csv("""
        channel,cost,sqls
        webinar,7000,18
        paid-social,4000,8"""),
}
BASE_CHANNELS = "- id: webinar\n  name: Webinars\n  owner: ana\n- id: paid-social\n  name: Paid social\n  owner: revops\n"
PLAN = """\
plan:
  - period: 2026-Q4
    channel: webinar
    spend: 18000
    results: {sqls: 60}
  - period: 2026-Q4
    channel: paid-social
    spend: 9000
    results:
      sqls: 45
  - period: 2026-09
    channel: webinar
    spend: 4000
  - period: 2026-12
    channel: paid-social
    spend: 3000
"""


def off_plan(judgement):
    return [(f.subject, f.kpi, f.line, f.values["actual"], f.values["planned_to_date"], f.values["deviation"],
             f.values["forecast"]) for f in judgement.findings if f.rule == "off-plan"]


def test_off_plan_hand_computed(check):
    judgement = check({**SNAPSHOTS, "data/plan.yaml": PLAN})
    assert off_plan(judgement) == [
        ("channel/paid-social", "cost", 8, 8000.0, 6000.0, 0.333333, 12000.0),
        ("channel/paid-social", "sqls", 10, 20.0, 30.0, -0.333333, 30.0),
    ]
    assert pairs(judgement) == {("off-plan", "channel/paid-social")}
    spend = next(f for f in judgement.findings if f.kpi == "cost")
    assert spend.file == "data/plan.yaml" and spend.owner == "revops" and spend.severity.label == "warning"
    assert spend.message == (
        "Paid social spend for 2026-Q4 to date (2026-10 to 2026-11): $8,000 vs $6,000 planned to date, 33% over "
        "plan (tolerance 15%). At this rate $12,000 for 2026-Q4 against $9,000 planned."
    )
    sqls = next(f for f in judgement.findings if f.kpi == "sqls")
    assert "20 vs 30 planned to date, 33% behind plan" in sqls.message


def test_pacing_states_and_numbers(load):
    project = load({**SNAPSHOTS, "data/plan.yaml": PLAN})
    paced = plan_pacing(project.plan, project.metrics, Cube(project.snapshots), date(2026, 11, 20), 2)
    shown = [(p.entry.channel, str(p.entry.period), p.metric.id, p.state, p.actual, p.planned_to_date, p.remaining)
             for p in paced]
    assert shown == [
        ("webinar", "2026-Q4", "cost", PaceState.CURRENT, 13000.0, 12000.0, 5000.0),
        ("webinar", "2026-Q4", "sqls", PaceState.CURRENT, 40.0, 40.0, 20.0),
        ("paid-social", "2026-Q4", "cost", PaceState.CURRENT, 8000.0, 6000.0, 1000.0),
        ("paid-social", "2026-Q4", "sqls", PaceState.CURRENT, 20.0, 30.0, 25.0),
        ("webinar", "2026-09", "cost", PaceState.CLOSED, 5000.0, 4000.0, -1000.0),
        ("paid-social", "2026-12", "cost", PaceState.NOT_STARTED, None, None, None),
    ]
    webinar = paced[0]
    assert round(webinar.deviation, 4) == 0.0833 and webinar.forecast == 19500.0  # 13000 / 2 * 3


@pytest.mark.parametrize(("tolerance", "fires"), [("40%", 0), ("0.33", 2), ("34%", 0), ("15%", 2)])
def test_tolerance_is_configured(check, tolerance, fires):
    config = MKDOCS + f"      plan_tolerance: {tolerance}\n"
    judgement = check({**SNAPSHOTS, "data/plan.yaml": PLAN, "mkdocs.yml": config})
    assert len(off_plan(judgement)) == fires


def test_stale_data_is_never_judged(check):
    # As of 2027-03-01 the newest month (2026-11) is 4 months old, more than stale_after (2).
    judgement = check({**SNAPSHOTS, "data/plan.yaml": PLAN}, as_of=date(2027, 3, 1))
    assert off_plan(judgement) == []


def test_a_year_plan_counts_missing_months_as_nothing(check):
    # 2026: 11 of 12 months to date, planned to date 60000 * 11/12 = 55000; actual 18000: -67.3%.
    plan = "- period: 2026\n  channel: webinar\n  spend: 60000\n"
    judgement = check({**SNAPSHOTS, "data/plan.yaml": plan})
    assert off_plan(judgement) == [("channel/webinar", "cost", 3, 18000.0, 55000.0, -0.672727, 19636.363636)]
    assert "18,000 vs $55,000 planned to date, 67% under plan" in judgement.findings[0].message


def test_months_after_the_as_of_date_are_ignored(check):
    # As of 2026-10-15 the November file is the future: to date is 2026-10 only (1 of 3 months),
    # planned 3000, actual 4000: +33%.
    plan = "- period: 2026-Q4\n  channel: paid-social\n  spend: 9000\n"
    judgement = check({**SNAPSHOTS, "data/plan.yaml": plan}, as_of=date(2026, 10, 15))
    assert off_plan(judgement) == [("channel/paid-social", "cost", 3, 4000.0, 3000.0, 0.333333, 12000.0)]


def test_off_plan_is_waivable_on_the_channel(check):
    channels = """\
- id: webinar
  name: Webinars
  owner: ana
- id: paid-social
  name: Paid social
  owner: revops
  waive:
    - rule: off-plan
      until: 2026-12-31
      reason: Q4 front-loaded by design
      metric: cost
"""
    judgement = check({**SNAPSHOTS, "data/plan.yaml": PLAN, "data/channels.yaml": channels})
    assert [f.kpi for f in judgement.findings if f.rule == "off-plan"] == ["sqls"]
    assert [(f.rule, f.kpi) for f in judgement.waived] == [("off-plan", "cost")]


def test_unknown_channel_is_an_unknown_reference(check):
    plan = "- period: 2026-Q4\n  channel: webinr\n  spend: 100\n"
    judgement = check({**SNAPSHOTS, "data/plan.yaml": plan})
    found = [(f.rule, f.file, f.line, f.message) for f in judgement.findings]
    assert found == [("unknown-reference", "data/plan.yaml", 1,
                      "Unknown channel 'webinr' (did you mean 'webinar'?): it is not in data/channels.yaml.")]


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        ("- period: 2026-Q5\n  channel: webinar\n  spend: 1\n",
         ("data/plan.yaml", 1, "'plan[0].period' in the plan: '2026-Q5' is not a plan period; write a month "
                               "(2026-10), a quarter (2026-Q4) or a year (2026)")),
        ("plan:\n  - period: 2026-10\n    channel: webinar\n    results: {sql: 3}\n",
         ("data/plan.yaml", 4, "'sql' is not a result measure of metrics.yaml")),
        ("- period: 2026-10\n  channel: webinar\n  results:\n    emails_sent: 3\n",
         ("data/plan.yaml", 4, "'emails_sent' is not a result measure of metrics.yaml (its kind is activity)")),
        ("- period: 2026-10\n  channel: webinar\n  spend: 1\n- period: 2026-10\n  channel: webinar\n  spend: 2\n",
         ("data/plan.yaml", 4, "channel 'webinar' is planned twice for 2026-10 (first on line 1)")),
        ("- period: 2026-10\n  channel: webinar\n", ("data/plan.yaml", 1,
                                                    "the plan of 'webinar' for 2026-10 has neither spend nor results")),
        ("- period: 2026-10\n  channel: webinar\n  spend: -5\n", ("data/plan.yaml", 3,
                                                                  "'plan[0].spend' in the plan: Input should be greater "
                                                                  "than or equal to 0")),
    ],
)
def test_plan_input_errors_have_file_and_line(problems, plan, expected):
    found = problems({**SNAPSHOTS, "data/plan.yaml": plan})
    assert [(p.file, p.line, p.message) for p in found] == [expected]


def test_a_misspelt_key_is_named_with_its_line(problems):
    found = problems({"data/plan.yaml": "- period: 2026-10\n  chanel: webinar\n  spend: 1\n"})
    assert [(p.line, p.message, p.hint) for p in found] == [
        (1, "missing required key 'plan[0].channel' in the plan", "add it"),
        (2, "unknown key 'plan[0].chanel' in the plan", "did you mean 'channel'?"),
    ]


def test_result_typo_gets_a_hint(problems):
    found = problems({"data/plan.yaml": "- period: 2026-10\n  channel: webinar\n  results: {sql: 3}\n"})
    assert found[0].hint == "did you mean 'sqls'?"


def test_no_plan_file_no_plan(load):
    assert load(SNAPSHOTS).plan.entries == ()


@pytest.mark.parametrize(
    ("changed", "kept"),
    [
        (["data/plan.yaml"], [("off-plan", "cost"), ("off-plan", "sqls"), ("kpi-below-target", "cost_per_sql"),
          ("kpi-declining", "cost_per_sql")]),
        (["data/snapshots/2026-11.csv"], [("off-plan", "cost"), ("off-plan", "sqls"), ("kpi-below-target", "cost_per_sql"),
          ("kpi-declining", "cost_per_sql")]),
        (["data/snapshots/2026-09.csv"], [("kpi-below-target", "cost_per_sql"),
          ("kpi-declining", "cost_per_sql")]),  # not in 2026-Q4
        (["data/metrics.yaml"], [("off-plan", "cost"), ("off-plan", "sqls"), ("kpi-below-target", "cost_per_sql"),
          ("kpi-declining", "cost_per_sql")]),
        (["manual/index.md"], []),
    ],
)
def test_changed_since_scopes_off_plan(make_project, changed, kept):
    # paid-social also has a KPI: cost per SQL 4000/10 = 400, 4000/12 = 333, 4000/8 = 500 misses "<= 400" in
    # 2026-11 and rose 25%. A change to plan.yaml concerns the channels it names: those findings are in scope too.
    channels = BASE_CHANNELS + "  kpis:\n    - metric: cost_per_sql\n      target: \"<= 400\"\n"
    project = load_project(make_project({**SNAPSHOTS, "data/plan.yaml": PLAN, "data/channels.yaml": channels}))
    limited = limit_to_change(judge(project, date(2026, 11, 20)), project, changed)
    assert sorted((f.rule, f.kpi) for f in limited.findings) == sorted(kept)


def test_measures_may_be_written_beside_spend(load):
    plan = "- period: 2026-Q4\n  channel: paid-social\n  cost: 9000\n  sqls: 45\n  pipeline: 1000\n"
    entry = load({**SNAPSHOTS, "data/plan.yaml": plan}).plan.entries[0]
    assert [(a.measure, a.amount, a.line, a.is_spend) for a in entry.amounts] == [
        ("spend", 9000.0, 3, True), ("sqls", 45.0, 4, False), ("pipeline", 1000.0, 5, False)]


def test_an_activity_measure_beside_spend_is_still_an_error(problems):
    found = problems({"data/plan.yaml": "- period: 2026-10\n  channel: webinar\n  spend: 1\n  emails_sent: 5\n"})
    assert [(p.line, p.message) for p in found] == [(4, "unknown key 'plan[0].emails_sent' in the plan")]


def test_edge_cases_zero_plan_no_rows_and_a_gap(check, load):
    # podcast has no rows: no data, no finding. A zero plan is never judged (no ratio to compare).
    channels = BASE_CHANNELS + "- id: podcast\n  name: Podcast\n  owner: ana\n"
    plan = ("- period: 2026-Q4\n  channel: podcast\n  spend: 3000\n"
            "- period: 2026-Q4\n  channel: webinar\n  spend: 0\n")
    files = {**SNAPSHOTS, "data/plan.yaml": plan, "data/channels.yaml": channels}
    assert off_plan(check(files)) == []
    project = load(files)
    paced = plan_pacing(project.plan, project.metrics, Cube(project.snapshots), date(2026, 11, 20), 2)
    assert [(p.entry.channel, p.state, p.deviation) for p in paced] == [
        ("podcast", PaceState.NO_DATA, None), ("webinar", PaceState.CURRENT, None)]


def test_a_month_without_rows_adds_nothing_but_counts_as_elapsed(check):
    # paid-social has no November row: to date is 2026-10..12 (3 of 3 months, the whole period),
    # actual 4000 + 5000 = 9000 against 12000 planned: -25%, judged as of 2027-01-10.
    files = {
        "data/snapshots/2026-10.csv": csv("channel,cost\npaid-social,4000"),
        "data/snapshots/2026-11.csv": csv("channel,cost\nwebinar,100"),
        "data/snapshots/2026-12.csv": csv("channel,cost\npaid-social,5000"),
        "data/plan.yaml": "- period: 2026-Q4\n  channel: paid-social\n  spend: 12000\n",
    }
    judgement = check(files, as_of=date(2027, 1, 10))
    assert off_plan(judgement) == [("channel/paid-social", "cost", 3, 9000.0, 12000.0, -0.25, 9000.0)]
    assert judgement.findings[0].message == (
        "Paid social spend for 2026-Q4: $9,000 vs $12,000 planned, 25% under plan (tolerance 15%).")


GROUPED = {
    "by period": (
        "2026-Q4:\n  webinar: {spend: 18000, sqls: 60}\n  paid-social:\n    spend: 9000\n    results: {sqls: 45}\n"
        "2026-12:\n  paid-social: {spend: 3000}\n"
    ),
    "channels per entry": (
        "plan:\n  - period: 2026-Q4\n    channels:\n      webinar: {spend: 18000, sqls: 60}\n"
        "      paid-social:\n        spend: 9000\n        results: {sqls: 45}\n"
        "  - period: 2026-12\n    channel: paid-social\n    spend: 3000\n"
    ),
}


@pytest.mark.parametrize("form", sorted(GROUPED))
def test_grouped_forms_read_as_the_same_plan(check, load, form):
    project = load({**SNAPSHOTS, "data/plan.yaml": GROUPED[form]})
    shown = [(str(e.period), e.channel, [(a.measure, a.amount) for a in e.amounts]) for e in project.plan.entries]
    assert shown == [
        ("2026-Q4", "webinar", [("spend", 18000.0), ("sqls", 60.0)]),
        ("2026-Q4", "paid-social", [("spend", 9000.0), ("sqls", 45.0)]),
        ("2026-12", "paid-social", [("spend", 3000.0)]),
    ]
    # the same findings as the list form (paid-social over on spend, behind on SQLs), at their own lines
    found = [(f.kpi, f.line, f.values["deviation"]) for f in check({**SNAPSHOTS, "data/plan.yaml": GROUPED[form]}).findings]
    lines = {"by period": (4, 5), "channels per entry": (6, 7)}[form]
    assert found == [("cost", lines[0], 0.333333), ("sqls", lines[1], -0.333333)]


def test_a_grouped_form_reports_problems_at_their_lines(problems):
    found = problems({"data/plan.yaml": "2026-Q4:\n  webinar: {spend: 100, sqlz: 3}\n"})
    assert [(p.line, p.message) for p in found] == [(2, "unknown key 'plan[0].sqlz' in the plan")]
