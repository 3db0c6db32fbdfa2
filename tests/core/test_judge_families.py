"""``judge`` runs the families that read no snapshot sums while the cube's grouped queries run, and
the others after: its findings must be those of every family run in order on the whole context.

The demo manual has a finding of every rule, several waived."""

from __future__ import annotations

import threading
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
        def prepare(self, dimension_sets: Any, ready: Any = None) -> None:
            raise RuntimeError("the engine went away")

    with pytest.raises(RuntimeError, match="the engine went away"):
        engine.judge(demo, AS_OF, Failing(demo.snapshots))


def test_the_grouped_queries_run_in_another_thread_and_announce_each_grouping(demo: Project) -> None:
    announced: list[tuple[tuple[str, ...], int, str]] = []

    class Recording(Cube):
        def prepare(self, dimension_sets: Any, ready: Any = None) -> None:
            def told(dims: tuple[str, ...]) -> None:  # each grouping is there when it is announced
                announced.append((dims, len(self._groups), threading.current_thread().name))
                assert dims in self._groups
                ready(dims)
            super().prepare(dimension_sets, told if ready else None)

    judgement = engine.judge(demo, AS_OF, Recording(demo.snapshots))
    assert judgement == engine.judge(demo, AS_OF)
    wanted = {tuple(sorted(kpi.slice)) for section in demo.sections() for kpi in section.kpis}
    assert sorted(dims for dims, _, _ in announced) == sorted(wanted) == sorted(demo.slice_dimensions())
    assert [count for _, count, _ in announced] == list(range(1, len(wanted) + 1))
    assert {name for _, _, name in announced} != {threading.current_thread().name}


def test_kpis_evaluated_in_any_order_of_their_groupings_give_the_same_results(demo: Project) -> None:
    sections = demo.sections()
    settings = demo.config.settings
    inline = evaluate_all(sections, demo.metrics, Cube(demo.snapshots), settings, AS_OF)
    cube = Cube(demo.snapshots)
    cube.prepare(demo.slice_dimensions())
    backwards = sorted(demo.slice_dimensions(), reverse=True)[:3]
    assert evaluate_all(sections, demo.metrics, cube, settings, AS_OF, backwards) == inline
