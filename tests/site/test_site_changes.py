"""The site report kept with each version, its comparison with the previous one, and changes.md."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.load.project import load_project
from generator.model.project import Project
from generator.report.json_report import report_dict
from generator.rules.engine import judge
from generator.site.bundle import SiteBundle, SiteMeta
from generator.site.history import SiteReport, compare, read_report

from .conftest import AS_OF

Words = Callable[[str], str]


def changes_page(bundle: SiteBundle) -> str:
    return next(p.markdown for p in bundle.pages if p.path == "changes/index.md")


def as_json(report: SiteReport) -> dict:
    """The report as a later version reads it back from opsmanual-report.json."""
    return json.loads(report.to_json())


def test_the_site_report_extends_the_json_report(small: SiteBundle, small_project: Project) -> None:
    text = small.report.to_json()
    report = json.loads(text)
    assert list(report) == sorted(report) and text == json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    judgement = judge(small_project, AS_OF)
    assert {k: report[k] for k in report_dict(judgement)} == json.loads(json.dumps(report_dict(judgement)))
    assert report["as_of"] == "2026-11-20"
    assert report["counts"] == {"error": 2, "info": 0, "warning": 12}
    assert len(report["findings"]) == 14 and len(report["waived"]) == 1
    assert {"rule", "severity", "file", "line", "subject", "owner", "message"} <= set(report["findings"][0])
    webinar = next(k for k in report["kpis"] if k["subject"] == "channel/webinar")
    assert webinar == {
        "label": "Cost per SQL",
        "latest": 222.222222,
        "metric": "cost_per_sql",
        "period": "2026-10",
        "slice": {"channel": ["webinar"]},
        "state": "met",
        "subject": "channel/webinar",
        "target": "<= 300",
    }
    assert len(report["kpis"]) == 5
    nurture = (small_project.root / "manual" / "processes" / "nurture.md").read_bytes()
    assert report["pages"]["processes/nurture.md"] == hashlib.sha256(nurture).hexdigest()
    assert sorted(report["pages"]) == ["index.md", "processes/lead-handoff.md", "processes/nurture.md"]
    assert read_report(report) == small.report  # what a later version reads back is what was written


def test_without_a_previous_report_the_page_says_so(small: SiteBundle) -> None:
    changes = compare(None, small.report)
    assert not changes.has_previous and changes.nothing_changed
    assert "There is no previous published version to compare with" in changes_page(small)


def test_the_same_report_means_nothing_changed(
    small: SiteBundle, small_project: Project, render: Callable[..., SiteBundle], visible: Words
) -> None:
    assert compare(small.report, small.report).nothing_changed
    bundle = render(small_project, meta=SiteMeta(previous_report=small.report, previous_version="2026.10"))
    words = visible(changes_page(bundle))
    assert "Since version 2026.10 (judged as of 2026-11-20), as of 2026-11-20." in words
    assert "Findings: 2 → 2 error, 12 → 12 warning, 0 → 0 info." in words
    assert "Nothing changed" in words


def test_changes_since_the_previous_version(
    copy_fixture: Callable[..., Path], small: SiteBundle, render: Callable[..., SiteBundle], visible: Words
) -> None:
    previous = as_json(small.report)
    # Last version, lead handoff's paid-social KPI was met and a (since fixed) page had no owner.
    for kpi in previous["kpis"]:
        if kpi["subject"] == "channel/webinar":
            kpi["state"] = "missed"
    previous["findings"].append(
        {
            "rule": "missing-owner",
            "severity": "warning",
            "file": "manual/gone.md",
            "line": 1,
            "subject": "gone.md",
            "owner": None,
            "message": "No owner: add 'owner:'.",
        }
    )
    previous["pages"]["gone.md"] = "0" * 64
    previous["pages"]["processes/nurture.md"] = "0" * 64
    del previous["pages"]["processes/lead-handoff.md"]
    removed = previous["findings"].pop(0)  # so this finding is new in this version
    assert removed["rule"] == "kpi-declining" and removed["subject"] == "channel/webinar"

    root = copy_fixture("small")
    bundle = render(load_project(root), meta=SiteMeta(previous_report=read_report(previous), previous_version="2026.10"))
    changes = compare(read_report(previous), bundle.report)
    assert [f.entry for f in changes.new] == [removed]
    assert [f.subject for f in changes.resolved] == ["gone.md"]
    assert [(c.subject, c.before, c.after) for c in changes.crossed] == [("channel/webinar", "missed", "met")]
    assert changes.pages_added == ("processes/lead-handoff.md",)
    assert changes.pages_edited == ("processes/nurture.md",)
    assert changes.pages_removed == ("gone.md",)

    md = changes_page(bundle)
    words = visible(md)
    assert "New findings (1)" in words and "Cost per SQL (channel=webinar) rose 11%" in words
    assert "Resolved findings (1)" in words and "No owner: add 'owner:'." in words
    assert "| Cost per SQL | [Webinars (channel)](../channels/index.md#channel-webinar) |" in md
    assert "now met" in words
    assert "Added: [Lead handoff to sales](../processes/lead-handoff.md)" in md
    assert "Edited: [Email nurture](../processes/nurture.md)" in md
    assert "Removed: gone.md" in words


def test_findings_are_matched_without_volatile_details(small: SiteBundle) -> None:
    """Messages, lines and numbers change from day to day; the same finding is still the same."""
    previous = as_json(small.report)
    for finding in previous["findings"]:
        finding["message"] = "older wording"
        finding["line"] += 3
        finding.get("values", {}).pop("value", None)
    changes = compare(read_report(previous), small.report)
    assert changes.new == () and changes.resolved == ()


def test_two_kpis_on_one_page_are_told_apart_by_their_slice(small: SiteBundle) -> None:
    declining = [f for f in small.report.findings if f.rule == "kpi-declining"]
    assert len(declining) >= 2 and len({f.key for f in declining}) == len(declining)


@pytest.mark.parametrize(
    "previous",
    [
        {},
        {"findings": "nope", "kpis": None, "pages": [], "counts": [1]},
        {"findings": [1, "x", None]},
        {
            "kpis": [
                {
                    "subject": "channel/webinar",
                    "metric": "cost_per_sql",
                    "slice": {"channel": ["webinar"]},
                    "state": "missed",
                    "latest": "NaN?",
                    "target": 5,
                }
            ]
        },
    ],
)
def test_an_odd_previous_report_does_not_break_the_page(
    previous: dict, small_project: Project, render: Callable[..., SiteBundle]
) -> None:
    page = changes_page(render(small_project, meta=SiteMeta(previous_report=read_report(previous))))
    # What cannot be read counts as nothing: every finding is new, no version is named.
    assert page.startswith("# Changes\n\nSince the previous version, as of 2026-11-20.\n")
    assert "Findings&#58; 0 → 2 error, 0 → 12 warning, 0 → 0 info." in page
    assert "## New findings (14)" in page
