"""The plan, the next dollar, experiments and unused content as the demo's site shows them
(docs/DEMO.md, "The plan, experiments and budget")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.load.project import load_project
from generator.site.bundle import SiteBundle

from .conftest import pages_of, render_project

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo() -> dict[str, str]:
    return pages_of(render_project(load_project(ROOT)))


@pytest.fixture(scope="module")
def demo_bundle() -> SiteBundle:
    return render_project(load_project(ROOT))


def section(md: str, start: str, end: str) -> str:
    return md[md.index(start): md.index(end, md.index(start))]


def test_plan_against_actual(demo: dict[str, str], visible: Callable[[str], str]) -> None:
    plan = visible(section(demo["channels/index.md"], "## Plan against actual", "## Where budget"))
    # events: $26,000 planned for 2026-10, $31,610 spent: +22%, over plan; its SQLs +12% are inside 15%
    assert "Events & field marketing 2026-10 Spend $26,000 2026-10 $26,000 $31,610 +22% -$5,610 — over plan" in plan
    assert "Events & field marketing 2026-10 SQLs 26 2026-10 26 29 +12% -3 — on plan" in plan
    # paid search Q4: 1 of 3 months, planned to date 54,000 / 3 = 18,000; forecast 18,900 * 3 = 56,700
    assert "Paid search 2026-Q4 Spend $54,000 2026-10 $18,000 $18,900 +5% $35,100 $56,700 on plan" in plan
    # SEO's year: 10 of 12 months, 480 * 10/12 = 400 planned, 398 actual; forecast 398 / 10 * 12 = 477.6
    assert "Organic search & blog 2026 SQLs 480 2026-01 to 2026-10 400 398 −1% 82 478 on plan" in plan
    assert "Paid social (LinkedIn) 2026-11 Spend $9,000 — — — — — — not started" in plan


def test_each_channel_section_shows_its_plan_and_margin(demo: dict[str, str], visible: Callable[[str], str]) -> None:
    events = visible(section(demo["channels/index.md"], "{#channel-events}", "### "))
    assert "Plan: One regional summit booth; Tideline 2026 is budgeted separately." in events
    assert "At the margin: 0.89 SQLs per $1,000 (0.86 to 0.92), average 0.87, over 12 periods." in events
    social = visible(section(demo["channels/index.md"], "{#channel-paid-social}", "### "))
    assert "At the margin: the data cannot tell yet (the range is too wide: -0.42 to 1.59 per $1,000)" in social


def test_where_the_next_dollar_goes(demo: dict[str, str], visible: Callable[[str], str]) -> None:
    advice = visible(section(demo["channels/index.md"], "## Where budget", "## Channel details"))
    assert "Review sites 1.79 1.75 (1.40 to 2.09) 12 $3,769 to $4,948 estimated" in advice
    assert ("Paid social (LinkedIn) 0.79 — 12 $12,547 to $16,000 cannot tell yet: the range is too wide: -0.42 to "
            "1.59 per $1,000") in advice
    assert ("The data supports moving about $1,000 a period from Events & field marketing to Review sites") in advice
    assert "Expected: about 0.9 more SQLs a period (0.5 to 1.2)." in advice
    assert ("The data cannot tell yet what the next dollar buys in Paid social (LinkedIn) (the range is too wide: "
            "-0.42 to 1.59 per $1,000). Suggested test: change its spend by about $2,200 a period") in advice


def test_experiments_page(demo: dict[str, str], visible: Callable[[str], str]) -> None:
    words = visible(demo["experiments/index.md"])
    assert "1 running, 1 due for a decision, 1 decided (as of 2026-11-20)" in words
    due = section(words, "Due for a decision", "Running")
    assert "Experiment 26-08: gated incident runbook template" in due
    assert "due 2026-10-31 (20 days overdue)" in due
    running = section(words, "Running 1 experiment", "Decided")
    assert "30.6% over 2026-09 to 2026-10 vs 32.3% over the 2 months before (−5%)" in running
    decided = words[words.index("Decided 1 experiment"):]
    assert ("$1,104 over 2026-08 to 2026-09 vs $1,256 over the 2 months before (−12%) success <= $1,100: missed "
            "killed on 2026-09-10") in decided


def test_experiment_page_status_block(demo_bundle: SiteBundle, visible: Callable[[str], str]) -> None:
    status = visible(demo_bundle.decorations["optimisation/experiments/linkedin-finance-documents.md"].status)
    assert "Experiment (decided): Document ads with the downtime cost report" in status
    assert "Decision: killed on 2026-09-10" in status
    due = demo_bundle.decorations["optimisation/experiments/gated-runbook-template.md"]
    assert "decision-due" in due.tags
    assert "Experiment (due for a decision): Gating the incident runbook template" in visible(due.status)
    assert "Decision: due 2026-10-31 (20 days overdue)" in visible(due.status)


def test_content_map_shows_unused(demo: dict[str, str], visible: Callable[[str], str]) -> None:
    words = visible(demo["content-map/index.md"])
    assert ("1 live asset produced no result in the last 3 periods with content data (unused), 1 more waived; "
            "0 have no rows at all (no data, not judged).") in words
    assert "Compliance hub (SOC 2, ISO 27001, Cyber Essentials) ⚠ no result since 2026-08" in words


def test_values_from_the_plan_and_experiments_are_escaped(
    copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle]
) -> None:
    evil = "<script>alert(1)</script> | *x*"
    root = copy_fixture("small", {
        "data/plan.yaml": f"- period: 2026-Q4\n  channel: webinar\n  spend: 12000\n  note: \"{evil}\"\n",
        "manual/mvc.md": (
            "---\nowner: ana\nreviewed: 2026-11-01\nexperiment:\n"
            f"  hypothesis: \"{evil}\"\n  metric: sqls\n  where: {{channel: webinar}}\n"
            "  start: 2026-09-01\n  decide_by: 2026-10-15\n---\n# MVC\n"
        ),
    })
    bundle = render(load_project(root))
    shown = pages_of(bundle)
    for text in (shown["channels/index.md"], shown["experiments/index.md"], bundle.decorations["mvc.md"].status):
        assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &#124; &#42;x&#42;" in text
