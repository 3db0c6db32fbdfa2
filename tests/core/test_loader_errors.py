"""Input problems in YAML (front matter, catalogs, metrics.yaml, plugin config): file, line, message, hint."""

from __future__ import annotations

import pytest

from .builders import MKDOCS

FRONT_MATTER_CASES = {
    "unknown-key": (
        "---\nowner: ana\nreviewd: 2026-01-01\n---\n",
        ["manual/index.md:3: unknown key 'reviewd' in front matter (did you mean 'reviewed'?)"],
    ),
    "near-miss-separator": (
        "---\nowner: ana\nreview-every: 90d\n---\n",
        ["manual/index.md:3: unknown key 'review-every' in front matter (did you mean 'review_every'?)"],
    ),
    "near-miss-short": (
        "---\nownr: ana\nkpi:\n  - metric: sqls\nwaiver: []\n---\n",
        ["manual/index.md:2: unknown key 'ownr' in front matter (did you mean 'owner'?)",
         "manual/index.md:3: unknown key 'kpi' in front matter (did you mean 'kpis'?)",
         "manual/index.md:5: unknown key 'waiver' in front matter (did you mean 'waive'?)"],
    ),
    "unknown-kpi-key": (
        "---\nowner: ana\nkpis:\n  - metric: sqls\n    tagret: '>= 1'\n---\n",
        ["manual/index.md:5: unknown key 'kpis[0].tagret' in front matter (did you mean 'target'?)"],
    ),
    "unknown-waiver-key": (
        "---\nwaive:\n  - rule: stale-review\n    until: 2026-01-01\n    reason: R\n    metrc: sqls\n---\n",
        ["manual/index.md:6: unknown key 'waive[0].metrc' in front matter (did you mean 'metric'?)"],
    ),
    "no-such-month": (
        "---\nowner: ana\nreviewed: 2026-13-01\n---\n",
        ["manual/index.md:3: 'reviewed' in front matter: '2026-13-01' is not a date; write YYYY-MM-DD"],
    ),
    "no-such-day": (
        "---\nreviewed: 2026-02-30\n---\n",
        ["manual/index.md:2: 'reviewed' in front matter: '2026-02-30' is not a date; write YYYY-MM-DD"],
    ),
    "free-text-date": (
        "---\nowner: ana\nreviewed: last week\n---\n",
        ["manual/index.md:3: 'reviewed' in front matter: 'last week' is not a date; write YYYY-MM-DD"],
    ),
    "bad-duration": (
        "---\nowner: ana\nreview_every: 3 months\n---\n",
        [
            "manual/index.md:3: 'review_every' in front matter: '3 months' is not a duration; "
            "write a whole number and d, w or mo, e.g. 90d, 6w, 3mo"
        ],
    ),
    "bad-target": (
        "---\nowner: ana\nkpis:\n  - metric: sqls\n    target: '=> 1'\n---\n",
        [
            "manual/index.md:5: '=> 1' is not a target; write a comparison and a number, "
            'e.g. ">= 0.25", "<= 400" or ">= 25%"'
        ],
    ),
    "bad-until": (
        "---\nwaive:\n  - rule: stale-review\n    until: soon\n    reason: R\n---\n",
        ["manual/index.md:4: 'waive[0].until' in front matter: 'soon' is not a date; write YYYY-MM-DD"],
    ),
    "waiver-without-reason": (
        "---\nowner: ana\nwaive:\n  - rule: stale-review\n    until: 2026-01-01\n---\n",
        ["manual/index.md:4: missing required key 'waive[0].reason' in front matter (add it)"],
    ),
    "duplicate-key": (
        "---\nowner: ana\ntitle: T\nowner: revops\n---\n",
        ["manual/index.md:4: duplicate key 'owner' (keep one of them)"],
    ),
    "nested-duplicate-key": (
        "---\nkpis:\n  - metric: sqls\n    target: 1\n    target: 2\n---\n",
        ["manual/index.md:5: duplicate key 'target' (keep one of them)"],
    ),
    "yaml-syntax": (
        "---\nowner: ana\n  bad: indent\n---\n",
        ["manual/index.md:3:6: YAML syntax error: mapping values are not allowed in this context"],
    ),
    "not-a-mapping": (
        "---\n- a\n- b\n---\n",
        ["manual/index.md:2: expected a mapping of keys for front matter, found a list"],
    ),
    "unclosed": (
        "---\nowner: ana\n\n# Title\n",
        [
            "manual/index.md:1: the front matter opened by '---' on line 1 is never closed "
            "(add a closing '---' line after the front matter)"
        ],
    ),
}


@pytest.mark.parametrize(("text", "expected"), FRONT_MATTER_CASES.values(), ids=FRONT_MATTER_CASES.keys())
def test_front_matter_problems(problems, text, expected):
    assert [str(p) for p in problems({"manual/index.md": text})] == expected


CATALOG_CASES = {
    "unknown-key": (
        "data/people.yaml",
        "- id: ana\n  name: Ana\n  emial: ana@x.example\n",
        ["data/people.yaml:3: unknown key 'emial' in a people entry (did you mean 'email'?)"],
    ),
    "unknown-kpi-key": (
        "data/channels.yaml",
        "- id: webinar\n  name: W\n  kpis:\n    - metrc: sqls\n",
        [
            "data/channels.yaml:4: missing required key 'kpis[0].metric' in a channels entry (add it)",
            "data/channels.yaml:4: unknown key 'kpis[0].metrc' in a channels entry (did you mean 'metric'?)",
        ],
    ),
    "duplicate-id": (
        "data/people.yaml",
        "- id: ana\n  name: Ana\n- id: ana\n  name: Other\n",
        [
            "data/people.yaml:3: duplicate people id 'ana' (first defined in data/people.yaml:1) "
            "(ids must be unique; rename one)"
        ],
    ),
    "duplicate-key": (
        "data/personas.yaml",
        "- id: it-director\n  name: IT\n  name: IT Director\n",
        ["data/personas.yaml:3: duplicate key 'name' (keep one of them)"],
    ),
    "missing-id": (
        "data/stages.yaml",
        "- id: awareness\n  name: A\n- name: Decision\n",
        ["data/stages.yaml:3: missing required key 'id' in a stages entry (add it)"],
    ),
    "bad-id": (
        "data/stages.yaml",
        "- id: Awareness Stage\n  name: A\n",
        ["data/stages.yaml:1: 'id' in a stages entry: String should match pattern '^[a-z0-9][a-z0-9._-]*$'"],
    ),
    "bad-status": (
        "data/content.yaml",
        "- id: a\n  title: A\n  status: published\n",
        ["data/content.yaml:3: 'status' in a content entry: Input should be 'draft', 'live' or 'retired'"],
    ),
    "bad-date": (
        "data/content.yaml",
        "- id: a\n  title: A\n  published: 2026-01-01\n  refresh_by: 2026-02-30\n",
        ["data/content.yaml:4: 'refresh_by' in a content entry: '2026-02-30' is not a date; write YYYY-MM-DD"],
    ),
    "unsafe-url": (
        "data/content.yaml",
        "- id: a\n  title: A\n  url: javascript:alert(1)\n",
        [
            "data/content.yaml:3: 'url' in a content entry: 'javascript:alert(1)' is not a safe link; "
            "use http(s)://, mailto: or a relative path"
        ],
    ),
    "bad-target": (
        "data/channels.yaml",
        "- id: webinar\n  name: W\n  kpis:\n    - metric: sqls\n      target: lots\n",
        [
            "data/channels.yaml:5: 'lots' is not a target; write a comparison and a number, "
            'e.g. ">= 0.25", "<= 400" or ">= 25%"'
        ],
    ),
    "negative-budget": (
        "data/channels.yaml",
        "- id: webinar\n  name: W\n  budget: -5\n",
        ["data/channels.yaml:3: 'budget' in a channels entry: Input should be greater than or equal to 0"],
    ),
    "not-a-list": (
        "data/people.yaml",
        "id: ana\nname: Ana\n",
        [
            "data/people.yaml:1: people.yaml must be a list of entries, each with an id "
            "(start each entry with '- id: ...')"
        ],
    ),
    "entry-not-a-mapping": (
        "data/stages.yaml",
        "- awareness\n- id: decision\n  name: D\n",
        ["data/stages.yaml:1: expected a mapping of keys for a stages entry, found text"],
    ),
    "yaml-syntax": (
        "data/people.yaml",
        "- id: ana\n  name: 'Ana\n",
        ["data/people.yaml:3:1: YAML syntax error: while scanning a quoted scalar found unexpected end of stream"],
    ),
}


@pytest.mark.parametrize(("path", "text", "expected"), CATALOG_CASES.values(), ids=CATALOG_CASES.keys())
def test_catalog_problems(problems, path, text, expected):
    assert [str(p) for p in problems({path: text})] == expected


METRICS_CASES = {
    "unknown-measure-key": (
        "measures:\n  sqls: {label: SQLs, knd: result}\n",
        ["data/metrics.yaml:2: unknown key 'measures.sqls.knd' in the metric catalog (did you mean 'kind'?)"],
    ),
    "unknown-metric-key": (
        "measures:\n  sqls: {}\nmetrics:\n  r:\n    formula: sqls / sqls\n    bettr: higher\n",
        ["data/metrics.yaml:6: unknown key 'metrics.r.bettr' in the metric catalog (did you mean 'better'?)"],
    ),
    "unknown-top-key": (
        "measures:\n  sqls: {}\nmetric:\n  r: {formula: sqls / sqls}\n",
        ["data/metrics.yaml:3: unknown key 'metric' in the metric catalog (did you mean 'metrics'?)"],
    ),
    "duplicate-measure": (
        "measures:\n  sqls: {label: SQLs}\n  mqls: {}\n  sqls: {label: SQLs again}\n",
        ["data/metrics.yaml:4: duplicate key 'sqls' (keep one of them)"],
    ),
    "bad-kind": (
        "measures:\n  sqls: {kind: outcome}\n",
        [
            "data/metrics.yaml:2: 'measures.sqls.kind' in the metric catalog: "
            "Input should be 'result', 'activity' or 'cost'"
        ],
    ),
    "unsafe-call": (
        "measures:\n  sqls: {}\nmetrics:\n  evil:\n    label: Evil\n    formula: __import__('os')\n",
        [
            "data/metrics.yaml:6: metric 'evil': only measure names, numbers, + - * / and parentheses are "
            "allowed in a formula (a formula uses the names under 'measures:')"
        ],
    ),
    "power": (
        "measures:\n  a: {}\n  b: {}\nmetrics:\n  p: {formula: a ** b}\n",
        [
            "data/metrics.yaml:5: metric 'p': only measure names, numbers, + - * / and parentheses are "
            "allowed in a formula (a formula uses the names under 'measures:')"
        ],
    ),
    "unknown-measure": (
        "measures:\n  sqls: {}\nmetrics:\n  r:\n    formula: sqls / mqls\n",
        [
            "data/metrics.yaml:5: metric 'r': 'mqls' is not a measure of the catalog "
            "(a formula uses the names under 'measures:')"
        ],
    ),
    "metric-over-metric": (
        "measures:\n  sqls: {}\n  mqls: {}\nmetrics:\n  r: {formula: sqls / mqls}\n  s: {formula: r * 2}\n",
        [
            "data/metrics.yaml:6: metric 's': 'r' is not a measure of the catalog "
            "(a formula uses the names under 'measures:')"
        ],
    ),
    "both": (
        "measures:\n  sqls: {}\nmetrics:\n  sqls: {formula: sqls / sqls}\n",
        ["data/metrics.yaml:4: 'sqls' is both a measure and a metric (rename one of them)"],
    ),
}


@pytest.mark.parametrize(("text", "expected"), METRICS_CASES.values(), ids=METRICS_CASES.keys())
def test_metric_catalog_problems(problems, text, expected):
    # Snapshots are read only when the measures are known; none here, so none are reported.
    assert [str(p) for p in problems({"data/metrics.yaml": text})] == expected


def test_broken_metric_catalog_does_not_blame_every_snapshot(problems):
    found = problems(
        {
            "data/metrics.yaml": "measures:\n  sqls: {lable: SQLs}\n",
            "data/snapshots/2026-10.csv": "sqls\n1\n",
            "data/snapshots/2026-09.csv": "sqls\n1\n",
        }
    )
    assert [str(p) for p in found] == [
        "data/metrics.yaml:2: unknown key 'measures.sqls.lable' in the metric catalog (did you mean 'label'?)"
    ]


PLUGIN_CASES = {
    "unknown-key": (
        "      review_evry: 30d\n",
        ["mkdocs.yml:8: unknown key 'review_evry' in opsmanual settings (did you mean 'review_every'?)"],
    ),
    "unknown-rule": (
        "      rules:\n        stale-reviw: info\n",
        ["mkdocs.yml:9: unknown rule 'stale-reviw' in opsmanual settings (did you mean 'stale-review'?)"],
    ),
    "bad-severity": (
        "      rules:\n        stale-review: loud\n",
        [
            "mkdocs.yml:9: 'rules.stale-review' in opsmanual settings: "
            "Input should be 'error', 'warning', 'info' or 'off'"
        ],
    ),
    "bad-as-of": (
        "      as_of: 2026-02-30\n",
        ["mkdocs.yml:8: 'as_of' in opsmanual settings: '2026-02-30' is not a date; write YYYY-MM-DD"],
    ),
    "bad-threshold": (
        "      decline_threshold: lots\n",
        ["mkdocs.yml:8: 'decline_threshold' in opsmanual settings: 'lots' is not a number or a percentage such as 10%"],
    ),
    "bad-periods": (
        "      decline_periods: 1\n",
        ["mkdocs.yml:8: 'decline_periods' in opsmanual settings: Input should be greater than or equal to 2"],
    ),
    "duplicate-key": (
        "      stale_after: 1\n      stale_after: 2\n",
        ["mkdocs.yml:9: duplicate key 'stale_after' (keep one of them)"],
    ),
}


@pytest.mark.parametrize(("extra", "expected"), PLUGIN_CASES.values(), ids=PLUGIN_CASES.keys())
def test_plugin_config_problems(problems, extra, expected):
    assert [str(p) for p in problems({"mkdocs.yml": MKDOCS + extra})] == expected


def test_bad_duration_in_plugin_config(problems):
    found = problems({"mkdocs.yml": MKDOCS.replace("due_soon: 14d", "due_soon: 2 weeks")})
    assert [str(p) for p in found] == [
        "mkdocs.yml:7: 'due_soon' in opsmanual settings: '2 weeks' is not a duration; "
        "write a whole number and d, w or mo, e.g. 90d, 6w, 3mo"
    ]


def test_yaml_syntax_error_in_mkdocs_yml(problems):
    found = problems({"mkdocs.yml": "site_name: x\nplugins:\n  - opsmanual:\n    as_of: [\n"})
    assert [str(p) for p in found] == [
        "mkdocs.yml:5:1: YAML syntax error: while parsing a flow node did not find expected node content"
    ]


def test_missing_mkdocs_yml(problems):
    found = problems({"mkdocs.yml": None})
    assert len(found) == 1
    assert found[0].file.endswith("mkdocs.yml")
    assert (found[0].line, found[0].message, found[0].hint) == (
        None,
        "no mkdocs.yml found",
        "run opsmanual in the folder that holds mkdocs.yml, or pass that folder as DIR",
    )


def test_missing_docs_dir_is_a_problem_but_a_missing_data_dir_is_not(problems):
    found = problems({"manual": None, "data": None})
    assert [str(p) for p in found] == [
        "manual: the docs dir does not exist (create it or set docs_dir in mkdocs.yml)",
    ]
