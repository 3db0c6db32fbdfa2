"""The status block and tags of manual pages."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.load.project import load_project
from generator.site.bundle import SiteBundle

Words = Callable[[str], str]


def test_every_manual_page_gets_a_status_block(small: SiteBundle) -> None:
    assert sorted(small.decorations) == ["index.md", "processes/lead-handoff.md", "processes/nurture.md"]
    for decoration in small.decorations.values():
        assert decoration.status.startswith('<div class="admonition ')
        assert "opsmanual-status" in decoration.status
        assert decoration.status.rstrip().endswith("</div>")


def test_the_status_of_a_stale_page(small: SiteBundle, visible: Words) -> None:
    decoration = small.decorations["processes/nurture.md"]
    status = decoration.status
    assert "stale" in decoration.tags
    assert decoration.tags == ("stale", "underperforming", "activity-only", "broken-reference", "waiver-expired")
    assert 'class="admonition danger opsmanual-status opsmanual-flagged"' in status  # an error is the worst finding
    assert "[Ana Silva](../owners/ana.md)" in status
    words = visible(status)
    assert (
        "Status: stale, underperforming, activity only, broken reference, waiver expired (1 error, 4 warnings)" in words
    )
    assert "Reviewed: 2025-01-10" in words
    assert "Next review: 2025-04-10 (overdue by 589 days, every 90d)" in words
    assert "warning Review overdue: Last reviewed 2025-01-10; the review was due 2025-04-10" in words
    assert "error Unknown reference: Unknown channel 'email'" in words
    # errors are listed before warnings
    assert words.index("error Unknown reference") < words.index("warning Review overdue")
    # the KPI table: label, slice, latest, target, state, trend
    assert '| Emails sent | channel&#58; email | 9,000 <span class="opsmanual-nobreak">(2026-10)</span> | no target | no target, falling 25% | <svg' in status


def test_kpis_with_targets_waivers_and_percentages(small: SiteBundle, visible: Words) -> None:
    decoration = small.decorations["processes/lead-handoff.md"]
    words = visible(decoration.status)
    assert decoration.tags == ("underperforming",)
    assert "[Revenue Operations](../owners/revops.md)" in decoration.status
    assert "Next review: 2026-12-13 (in 23 days, every 90d)" in words
    assert "MQL to SQL rate channel: webinar 30.0% (2026-10) ≥ 25.0% met" in words
    assert "MQL to SQL rate channel: paid-social 25.0% (2026-10) ≥ 30.0% missed, falling 38%" in words
    assert "Waived until 2026-12-31 Below target:" in words
    assert "Reason: New nurture track launched 2026-11-01" in words
    assert decoration.status.count("<svg") == 4  # a sparkline in the table and a larger chart per KPI
    assert decoration.status.count("opsmanual-target\"") == 2  # each chart draws its target
    labels = [html.unescape(label) for label in re.findall(r'aria-label="([^"]*)"', decoration.status)]
    assert "Trend of MQL to SQL rate (channel: webinar), 2025-11 to 2026-10: latest 30.0% (2026-10), target ≥ 25.0%" in labels


def test_a_page_without_front_matter_needs_an_owner_and_a_review(small: SiteBundle, visible: Words) -> None:
    decoration = small.decorations["index.md"]
    assert decoration.tags == ("needs-owner", "needs-review")
    words = visible(decoration.status)
    assert "Owner: no owner · Reviewed: never" in words
    assert "No KPIs" in words
    # the home page opens with what to act on; the rest are a link away, to the list itself
    assert "[9 more findings](health/index.md#all-findings) on the health page." in decoration.status


def test_the_status_block_renders_as_an_admonition_with_a_table(small: SiteBundle, html: Words) -> None:
    rendered = html(small.decorations["processes/lead-handoff.md"].status)
    assert rendered.startswith('<div class="admonition warning opsmanual-status opsmanual-flagged">')
    assert '<p class="admonition-title">Status&#58; underperforming (1 warning)</p>' in rendered
    assert "<table>" in rendered and rendered.split("</table>")[0].count("<tr>") == 3
    assert '<a href="../owners/revops.md">Revenue Operations</a>' in rendered


def test_a_healthy_page(copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], visible: Words) -> None:
    root = copy_fixture(
        "small",
        {
            "manual/processes/healthy.md": (
                "---\nowner: ana\nreviewed: 2026-11-01\nkpis:\n  - metric: sqls\n    where: {channel: webinar}\n"
                '    target: ">= 30"\n---\n# Healthy\n'
            ),
        },
    )
    bundle = render(load_project(root))
    decoration = bundle.decorations["processes/healthy.md"]
    assert decoration.tags == ("healthy",)
    assert 'class="admonition success opsmanual-status"' in decoration.status
    words = visible(decoration.status)
    assert "Status: healthy, no findings" in words
    assert "SQLs channel: webinar 36 (2026-10) ≥ 30 met" in words


@pytest.mark.parametrize(
    ("front_matter", "tag", "word"),
    [
        (
            "owner: ana\nreviewed: 2026-11-01\nkpis:\n  - metric: sqls\n    where: {channel: webinar}\n    target: '>= 100'\n",
            "underperforming",
            "missed",
        ),
        (
            "owner: ana\nreviewed: 2026-11-01\nkpis:\n  - metric: sqls\n    where: {channel: nowhere}\n",
            "no-data",
            "no data",
        ),
        ("owner: ana\nreviewed: 2026-08-25\nreview_every: 90d\n", "needs-review", "Review due soon"),
        ("reviewed: 2026-11-01\n", "needs-owner", "No owner"),
    ],
)
def test_tags_and_words_follow_the_findings(
    copy_fixture: Callable[..., Path],
    front_matter: str,
    tag: str,
    word: str,
    render: Callable[..., SiteBundle],
    visible: Words,
) -> None:
    root = copy_fixture("small", {"manual/x.md": f"---\n{front_matter}---\n# X\n"})
    decoration = render(load_project(root)).decorations["x.md"]
    assert tag in decoration.tags
    assert word in visible(decoration.status)


def test_a_stale_kpi_is_not_judged(
    copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], visible: Words
) -> None:
    root = copy_fixture(
        "small",
        {
            "manual/x.md": "---\nowner: ana\nreviewed: 2026-11-01\nkpis:\n  - metric: sqls\n    where: {channel: webinar}\n"
            "    target: '>= 100'\n---\n# X\n",
        },
    )
    decoration = render(load_project(root), as_of=date(2027, 3, 1)).decorations["x.md"]
    assert decoration.tags == ("stale",)
    words = visible(decoration.status)
    assert "stale (newest 2026-10)" in words
    assert "missed" not in words


def test_a_page_whose_only_finding_is_waived_reads_as_waived_not_healthy(
    copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], visible: Words
) -> None:
    # webinar SQLs are 30, 30, 36 (2026-08..10): a target of >= 100 misses every period, waived.
    root = copy_fixture(
        "small",
        {
            "manual/processes/waived.md": (
                "---\nowner: ana\nreviewed: 2026-11-01\nkpis:\n  - metric: sqls\n    where: {channel: webinar}\n"
                '    target: ">= 100"\nwaive:\n  - rule: kpi-below-target\n    until: 2026-12-31\n'
                "    reason: Launch month\n  - rule: kpi-missed-repeatedly\n    until: 2026-12-31\n"
                "    reason: Launch month\n---\n# Waived\n"
            ),
        },
    )
    decoration = render(load_project(root)).decorations["processes/waived.md"]
    words = visible(decoration.status)
    assert "healthy" not in words.lower() and decoration.tags == ("waived",)
    assert words.startswith("Status: waived (1 finding waived, nothing else)")
    assert "Waived until 2026-12-31 Target missed repeatedly:" in words and "Reason: Launch month" in words
    assert 'class="admonition note opsmanual-status' in decoration.status
    assert "opsmanual-sev-waived" in decoration.status
    assert "missed in 3 of 3 periods" in words  # the chart still shows what was missed
