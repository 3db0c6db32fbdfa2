"""What the rules decide besides findings, in the judgement: review status, waivers, coverage cells."""

from __future__ import annotations

from datetime import date

from generator.model.rules import Rule
from generator.rules.outcomes import GapState, ReviewState

from .builders import MKDOCS, page


def test_review_status_of_every_page(check):
    files = {
        "manual/index.md": page("owner: ana\nreviewed: 2026-08-01"),  # due 2026-10-30: overdue
        "manual/soon.md": page("owner: ana\nreviewed: 2026-08-23"),  # due 2026-11-21: in 1 day
        "manual/today.md": page("owner: ana\nreviewed: 2026-08-22"),  # due 2026-11-20: today
        "manual/never.md": page("owner: ana"),
    }
    judgement = check(files, as_of=date(2026, 11, 20))
    by_page = {subject.id: status for subject, status in judgement.reviews.items()}
    assert (by_page["index.md"].state, by_page["index.md"].when) == (ReviewState.OVERDUE, "overdue by 21 days")
    assert (by_page["soon.md"].state, by_page["soon.md"].when) == (ReviewState.DUE_SOON, "in 1 day")
    assert by_page["today.md"].when == "due today"
    assert (by_page["never.md"].state, by_page["never.md"].due, by_page["never.md"].when) == (
        ReviewState.NEVER, None, "as soon as possible")
    assert by_page["index.md"].due == date(2026, 10, 30)


def test_review_status_is_kept_when_the_review_rules_are_off(check):
    off = "      rules:\n        stale-review: off\n        review-due: off\n        missing-review: off\n"
    judgement = check({"manual/index.md": page("owner: ana\nreviewed: 2026-08-01"), "mkdocs.yml": MKDOCS + off})
    assert [s.state for s in judgement.reviews.values()] == [ReviewState.OVERDUE]
    assert not [f for f in judgement.findings if f.rule is Rule.STALE_REVIEW]


def test_a_waived_finding_carries_its_waiver(check):
    text = page("owner: ana\nreviewed: 2025-01-01\nwaive:\n  - rule: stale-review\n    until: 2026-12-31\n    reason: R")
    judgement = check({"manual/index.md": text})
    (finding,) = judgement.waived
    waiver = judgement.waiver_of(finding)
    assert waiver is not None and (waiver.rule, waiver.until, waiver.reason) == ("stale-review", date(2026, 12, 31), "R")
    assert [w.finding for w in judgement.silenced] == [finding]


def test_coverage_cells_flagged_or_off(check):
    files = {
        "data/personas.yaml": "- id: cfo\n  name: CFO\n",
        "data/stages.yaml": "- id: aware\n  name: Aware\n- id: decide\n  name: Decide\n",
        "data/content.yaml": "- id: calc\n  title: Calc\n  personas: [cfo]\n  stage: decide\n",
    }
    cells = {(c.persona, c.stage): (c.live, c.gap) for c in check(files).cells}
    assert cells == {("cfo", "aware"): ((), GapState.FLAGGED), ("cfo", "decide"): (("calc",), None)}
    off = {**files, "mkdocs.yml": MKDOCS + "      rules:\n        coverage-gap: off\n"}
    assert [c.gap for c in check(off).cells] == [GapState.OFF, None]
