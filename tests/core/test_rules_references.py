"""unknown-reference: every id used anywhere exists in its catalog, else a finding with "did you mean"."""

from __future__ import annotations

import pytest

from .builders import BASE, MKDOCS, page

FRONT = "owner: ana\nreviewed: 2026-11-01\n"


@pytest.mark.parametrize(
    ("front", "line", "kind", "ref", "message"),
    [
        (
            "owner: revop\nreviewed: 2026-11-01",
            2,
            "owner",
            "revop",
            "Unknown owner 'revop' (did you mean 'revops'?): it is not in data/people.yaml.",
        ),
        (
            "owner: zz-top\nreviewed: 2026-11-01",
            2,
            "owner",
            "zz-top",
            "Unknown owner 'zz-top': it is not in data/people.yaml.",
        ),
        (
            FRONT + "personas: [it-directr]",
            4,
            "persona",
            "it-directr",
            "Unknown persona 'it-directr' (did you mean 'it-director'?): it is not in data/personas.yaml.",
        ),
        (
            FRONT + "stages:\n  - awarenes",
            4,
            "stage",
            "awarenes",
            "Unknown stage 'awarenes' (did you mean 'awareness'?): it is not in data/stages.yaml.",
        ),
        (
            FRONT + "channels: webinr",
            4,
            "channel",
            "webinr",
            "Unknown channel 'webinr' (did you mean 'webinar'?): it is not in data/channels.yaml.",
        ),
        (
            FRONT + "kpis:\n  - metric: sql_rat",
            5,
            "metric",
            "sql_rat",
            "Unknown metric 'sql_rat' (did you mean 'sql_rate'?): it is not in data/metrics.yaml.",
        ),
        (
            FRONT + "kpis:\n  - metric: sqls\n    where: {content: wb-zero-trst}",
            5,
            "content",
            "wb-zero-trst",
            "Unknown content 'wb-zero-trst' (did you mean 'wb-zero-trust'?): it is not in data/content.yaml.",
        ),
        (
            FRONT + "kpis:\n  - metric: sqls\n    where: {channel: [webinar, paid-socal]}",
            5,
            "channel",
            "paid-socal",
            "Unknown channel 'paid-socal' (did you mean 'paid-social'?): it is not in data/channels.yaml.",
        ),
        (
            FRONT + "kpis:\n  - metric: sqls\n    where: {persona: cfo}",
            5,
            "persona",
            "cfo",
            "Unknown persona 'cfo': it is not in data/personas.yaml.",
        ),
        (
            FRONT + "waive:\n  - rule: stale-reviw\n    until: 2026-12-31\n    reason: R",
            5,
            "rule",
            "stale-reviw",
            "Unknown rule 'stale-reviw' (did you mean 'stale-review'?): it is not in docs/RULES.md.",
        ),
        (
            FRONT + "waive:\n  - rule: stale-review\n    until: 2026-12-31\n    reason: R\n    metric: sqlz",
            5,
            "metric",
            "sqlz",
            "Unknown metric 'sqlz' (did you mean 'sqls'?): it is not in data/metrics.yaml.",
        ),
    ],
    ids=[
        "owner",
        "owner-no-hint",
        "persona",
        "stage",
        "channel",
        "metric",
        "kpi-content",
        "kpi-channel-list",
        "kpi-persona",
        "waiver-rule",
        "waiver-metric",
    ],
)
def test_unknown_reference_on_a_page(check, front, line, kind, ref, message):
    judgement = check({"manual/index.md": page(front), "data/snapshots/2026-10.csv": "sqls\n1\n"})
    unknown = [f for f in judgement.findings if f.rule == "unknown-reference"]
    assert [(f.file, f.line, f.subject, f.severity.label, f.values, f.message) for f in unknown] == [
        ("manual/index.md", line, "index.md", "error", {"kind": kind, "id": ref}, message)
    ]


def test_unknown_owner_is_not_reported_as_the_findings_owner(check):
    judgement = check({"manual/index.md": page("owner: revop\nreviewed: 2026-11-01")})
    (finding,) = judgement.findings
    assert finding.owner is None


def test_free_dimensions_are_not_references(check):
    judgement = check(
        {
            "manual/index.md": page(FRONT + "kpis:\n  - metric: sqls\n    where: {region: nowhere}"),
            "data/snapshots/2026-10.csv": "region,sqls\nemea,1\n",
        }
    )
    assert [f.rule for f in judgement.findings] == ["no-data"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {
                "data/people.yaml": "- id: revops\n  name: RevOps\n  kind: team\n  members: [anna]\n- id: ana\n  name: Ana\n"
            },
            [("data/people.yaml", 1, "person/revops", "owner", "anna", "did you mean 'ana'?")],
        ),
        (
            {"data/personas.yaml": "- id: it-director\n  name: IT Director\n  owner: anna\n  channels: [seo]\n"},
            [
                ("data/personas.yaml", 1, "persona/it-director", "owner", "anna", "did you mean 'ana'?"),
                ("data/personas.yaml", 1, "persona/it-director", "channel", "seo", None),
            ],
        ),
        (
            {
                "data/channels.yaml": "- id: webinar\n  name: Webinars\n  owner: revopps\n  kpis:\n    - metric: cost_per_sqll\n"
            },
            [
                ("data/channels.yaml", 1, "channel/webinar", "owner", "revopps", "did you mean 'revops'?"),
                ("data/channels.yaml", 5, "channel/webinar", "metric", "cost_per_sqll", "did you mean 'cost_per_sql'?"),
            ],
        ),
        (
            {
                "data/content.yaml": "- id: wb-zero-trust\n  title: T\n  owner: ana\n  personas: [it-director, cfo]\n"
                "  stage: awareness\n- id: guide\n  title: G\n  owner: ana\n  personas: [it-director]\n"
                "  stage: awarness\n  channels: [webinar, webinars]\n"
            },
            [
                ("data/content.yaml", 1, "content/wb-zero-trust", "persona", "cfo", None),
                ("data/content.yaml", 6, "content/guide", "stage", "awarness", "did you mean 'awareness'?"),
                ("data/content.yaml", 6, "content/guide", "channel", "webinars", "did you mean 'webinar'?"),
            ],
        ),
    ],
    ids=["people-members", "personas", "channels", "content"],
)
def test_unknown_reference_in_catalogs(check, files, expected):
    judgement = check(files)
    unknown = [f for f in judgement.findings if f.rule == "unknown-reference"]
    got = [
        (
            f.file,
            f.line,
            f.subject,
            f.values["kind"],
            f.values["id"],
            f.message.split("(")[1].split(")")[0] if "(did you mean" in f.message else None,
        )
        for f in unknown
    ]
    assert sorted(got, key=str) == sorted(expected, key=str)


def test_unknown_snapshot_dimension_values(check):
    snapshot = (
        "channel,content,persona,stage,owner,region,sqls\n"
        "webinar,wb-zero-trust,it-director,awareness,ana,emea,1\n"
        "webinr,,it-directr,,,mars,1\n"
        "webinr,guide,,decision,bob,,1\n"
    )
    judgement = check(
        {"data/snapshots/2026-10.csv": snapshot, "data/snapshots/2026-09.csv": "channel,sqls\nwebinr,1\n"}
    )
    assert [(f.file, f.line, f.subject, f.owner, f.message) for f in judgement.findings] == [
        (
            "data/snapshots/2026-09.csv",
            2,
            "data/snapshots/2026-09.csv",
            None,
            "Unknown channel 'webinr' (did you mean 'webinar'?): it is not in data/channels.yaml.",
        ),
        (
            "data/snapshots/2026-10.csv",
            3,
            "data/snapshots/2026-10.csv",
            None,
            "Unknown persona 'it-directr' (did you mean 'it-director'?): it is not in data/personas.yaml.",
        ),
        (
            "data/snapshots/2026-10.csv",
            4,
            "data/snapshots/2026-10.csv",
            None,
            "Unknown content 'guide': it is not in data/content.yaml.",
        ),
        (
            "data/snapshots/2026-10.csv",
            4,
            "data/snapshots/2026-10.csv",
            None,
            "Unknown owner 'bob': it is not in data/people.yaml.",
        ),
        (
            "data/snapshots/2026-10.csv",
            4,
            "data/snapshots/2026-10.csv",
            None,
            "Unknown stage 'decision': it is not in data/stages.yaml.",
        ),
    ]


def test_the_message_names_the_configured_data_dir(check):
    files = {path.replace("data/", "kb/", 1): text for path, text in BASE.items() if path.startswith("data/")}
    files["mkdocs.yml"] = MKDOCS.replace("      review_every: 90d\n", "      data_dir: kb\n      review_every: 90d\n")
    files["manual/index.md"] = page("owner: nobody\nreviewed: 2026-11-01")
    unknown = [f.message for f in check(files, base=False).findings if f.rule == "unknown-reference"]
    assert unknown == ["Unknown owner 'nobody': it is not in kb/people.yaml."]
