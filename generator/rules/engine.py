"""Judge a project: evaluate every KPI once, run every rule that is on, apply waivers, sort."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from queue import SimpleQueue

from ..metrics.cube import Cube
from ..metrics.evaluate import KpiResult, evaluate_all
from ..metrics.scorecard import scorecard
from ..model.findings import Finding, Severity, count_by_severity
from ..model.kpis import Waiver
from ..model.project import Project
from ..model.rules import Family
from ..model.subject import Subject
from .content import coverage_cells, coverage_rules, expiry_rules, judged_cells
from .content_use import unused_rules
from .context import Context
from .experiments import experiment_rules
from .kpis import activity_rules, kpi_rules
from .outcomes import CoverageCell, ReviewStatus, Waived
from .plan import off_plan_rules
from .ranking import NO_RANKING, Ranking, rank_channels
from .references import reference_rules
from .registry import FAMILIES
from .reviews import owner_rules, review_rules, review_status
from .waivers import expired_waivers, waiver_for

RuleFn = Callable[[Context], Iterator[Finding]]
RULE_FUNCTIONS: dict[Family, RuleFn] = {
    Family.REVIEWS: review_rules, Family.OWNERS: owner_rules, Family.KPIS: kpi_rules,
    Family.ACTIVITY: activity_rules, Family.COVERAGE: coverage_rules, Family.EXPIRY: expiry_rules,
    Family.REFERENCES: reference_rules, Family.WAIVERS: expired_waivers, Family.PLAN: off_plan_rules,
    Family.EXPERIMENTS: experiment_rules, Family.CONTENT_USE: unused_rules,
}
# The families that read the snapshots' sums (``ctx.results``, ``ctx.cube``): run once the cube's
# grouped queries are done. Every other family runs while they are.
READS_SUMS = frozenset({Family.KPIS, Family.PLAN, Family.CONTENT_USE})


@dataclass(frozen=True)
class Judgement:
    """Everything the reports and the site need: findings, what was waived, every KPI's result,
    and what the rules decided on the way (``rules/outcomes.py``), so that nothing recomputes it:
    each page's review status, each waived finding's waiver, the content map's cells, and the
    channel ranking with the budget advice (``rules/ranking.py``).

    ``changed_files`` is set when the findings were limited to a change (``rules.scope``): the
    manual's files it touched, relative to the project root.
    """

    as_of: date
    findings: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    results: tuple[KpiResult, ...]
    changed_files: tuple[str, ...] | None = None
    reviews: Mapping[Subject, ReviewStatus] = field(default_factory=dict)
    silenced: tuple[Waived, ...] = ()  # each waived finding with its waiver
    cells: tuple[CoverageCell, ...] = ()
    ranking: Ranking = NO_RANKING

    def waiver_of(self, finding: Finding) -> Waiver | None:
        """The waiver that silences ``finding`` (one of ``waived``)."""
        return next((w.waiver for w in self.silenced if w.finding == finding), None)

    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    def at_least(self, severity: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity.at_least(severity)]


def judge(project: Project, as_of: date, cube: Cube | None = None) -> Judgement:
    """Run every rule on ``project`` as of ``as_of``. Pure: the same input gives the same output.

    The cube's grouped queries (the engine's work, outside the GIL) run in a worker thread while
    this one builds the sections and runs the families that read no snapshot sums; then it
    evaluates the KPIs of each grouping as it comes, and runs the other families. Each family's
    findings keep their place in ``RULE_FUNCTIONS``' order."""
    cube = cube or Cube(project.snapshots)
    ctx = Context(project, as_of, cube=cube)
    found: dict[Family, list[Finding]] = {}
    ready: SimpleQueue[tuple[str, ...] | None] = SimpleQueue()
    prepared: Future[None] = Future()

    def prepare() -> None:
        try:
            cube.prepare(project.slice_dimensions(), ready.put)
        finally:
            ready.put(None)

    def announced() -> Iterator[tuple[str, ...]]:
        """Each set of dimensions whose grouping is ready, until the worker is done (or failed)."""
        while (dimensions := ready.get()) is not None:
            yield dimensions
        prepared.result()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="opsmanual-cube") as worker:
        if cube.prepares_in_any_thread:
            prepared = worker.submit(prepare)
        else:  # a database whose connection is bound to this thread: its queries first, here
            prepare()
            prepared.set_result(None)
        sections = project.sections()
        ctx.reviews = {page.subject: review_status(page, ctx.settings, as_of) for page in project.pages}
        ctx.cells = coverage_cells(project.catalogs)
        found |= {family: _findings(family, ctx) for family in RULE_FUNCTIONS if family not in READS_SUMS}
        ctx.results = evaluate_all(sections, project.metrics, cube, ctx.settings, as_of, announced())
    found |= {family: _findings(family, ctx) for family in RULE_FUNCTIONS if family in READS_SUMS}
    waivers = {s.subject: s.waive for s in sections if s.waive}
    kept: list[Finding] = []
    silenced: list[Waived] = []
    for family in RULE_FUNCTIONS:
        for finding in found[family]:
            waiver = waiver_for(finding, waivers, ctx)
            if waiver is None:
                kept.append(finding)
            else:
                silenced.append(Waived(finding, waiver))
    kept.sort(key=Finding.sort_key)
    silenced.sort(key=lambda w: w.finding.sort_key())
    waived = [w.finding for w in silenced]
    by_subject: dict[Subject, list[KpiResult]] = {}
    for result in ctx.results:
        by_subject.setdefault(result.section.subject, []).append(result)
    ranking = rank_channels(project, scorecard(project), cube, by_subject, as_of)
    return Judgement(as_of, tuple(kept), tuple(waived), tuple(ctx.results), reviews=ctx.reviews,
                     silenced=tuple(silenced), cells=judged_cells(ctx.cells, kept, waived), ranking=ranking)


def _findings(family: Family, ctx: Context) -> list[Finding]:
    """The findings of ``family`` whose rule is on; none built when every rule of it is off."""
    if all(ctx.severity(rule) is None for rule in FAMILIES[family]):
        return []
    return [finding for finding in RULE_FUNCTIONS[family](ctx) if ctx.severity(finding.rule) is not None]
