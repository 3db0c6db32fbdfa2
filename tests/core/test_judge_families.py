"""``judge`` runs the families that read no snapshot sums while the cube's grouped queries run, and
the others after: its findings must be those of every family run in order on the whole context.

The demo manual has a finding of every rule, several waived."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.load.project import load_project
from generator.metrics.cube import Cube
from generator.metrics.evaluate import evaluate_all
from generator.model.findings import Finding
from generator.model.project import Project
from generator.rules import engine
from generator.rules.content import coverage_cells
from generator.rules.context import Context
from generator.rules.reviews import review_status
from generator.rules.waivers import waiver_for

DEMO = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo() -> Project:
    return load_project(DEMO)


def _context(project: Project) -> Context:
    """The whole context, built in one go as a rule may expect it."""
    cube = Cube(project.snapshots)
    ctx = Context(project, AS_OF, cube=cube)
    ctx.results = evaluate_all(project.sections(), project.metrics, cube, ctx.settings, AS_OF)
    ctx.reviews = {page.subject: review_status(page, ctx.settings, AS_OF) for page in project.pages}
    ctx.cells = coverage_cells(project.catalogs)
    return ctx


class _NoSums:
    """A context whose snapshot sums may not be read: a family that reads them fails."""

    def __init__(self, ctx: Context):
        self._ctx = ctx

    def __getattr__(self, name: str) -> Any:
        if name in ("results", "cube"):
            raise AssertionError(f"read ctx.{name}")
        return getattr(self._ctx, name)


def test_the_families_run_beside_the_grouped_queries_read_no_sums(demo: Project) -> None:
    ctx = _context(demo)
    early = [family for family in engine.RULE_FUNCTIONS if family not in engine.READS_SUMS]
    assert len(early) >= 8
    for family in early:
        assert list(engine.RULE_FUNCTIONS[family](_NoSums(ctx))) == list(engine.RULE_FUNCTIONS[family](ctx))  # type: ignore[arg-type]


def test_the_judgement_is_every_family_run_in_order_on_the_whole_context(demo: Project) -> None:
    ctx = _context(demo)
    waivers = {s.subject: s.waive for s in demo.sections() if s.waive}
    kept: list[Finding] = []
    waived: list[Finding] = []
    for rule_fn in engine.RULE_FUNCTIONS.values():
        for finding in rule_fn(ctx):
            (kept if waiver_for(finding, waivers, ctx) is None else waived).append(finding)
    judgement = engine.judge(demo, AS_OF)
    assert list(judgement.findings) == sorted(kept, key=Finding.sort_key)
    assert list(judgement.waived) == sorted(waived, key=Finding.sort_key)
    assert waived and {f.rule.family for f in kept} == set(engine.RULE_FUNCTIONS)  # every family had its say
    assert judgement.results == tuple(ctx.results)


def test_a_failing_grouped_query_fails_the_judgement(demo: Project) -> None:
    class Failing(Cube):
        def prepare(self, dimension_sets: Any) -> None:
            raise RuntimeError("the engine went away")

    with pytest.raises(RuntimeError, match="the engine went away"):
        engine.judge(demo, AS_OF, Failing(demo.snapshots))
