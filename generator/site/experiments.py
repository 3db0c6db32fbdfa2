"""``experiments/index.md``: every experiment (a page with ``experiment:``), running, due and decided,
each with its KPI over the experiment window against the window before it; and the line each
experiment page shows in its status block."""

from __future__ import annotations

from ..metrics.experiment import ExperimentResult, evaluate_experiment
from ..metrics.format import format_change, format_target, format_value, plural
from ..metrics.scorecard import values
from ..model.experiments import Decision, ExperimentState
from ..model.page import Page
from . import links
from .blocks import heading, page, table
from .bundle import GeneratedPage
from .context import SiteContext
from .escape import text
from .sparkline import sparkline

PATH = links.EXPERIMENTS
TITLE = "Experiments"
_DECIDED = {Decision.KEEP: "kept", Decision.KILL: "killed", Decision.EXTEND: "extended"}
_STATE_WORDS = {ExperimentState.RUNNING: "running", ExperimentState.DUE: "due for a decision",
                ExperimentState.DECIDED: "decided"}
_SECTIONS = (
    (ExperimentState.DUE, "Due for a decision", "decide_by has passed and no decision is recorded"),
    (ExperimentState.RUNNING, "Running", "measured until their decide-by date"),
    (ExperimentState.DECIDED, "Decided", "kept, killed or extended, with the result they were decided on"),
)


def experiment_pages(ctx: SiteContext) -> list[Page]:
    return [p for p in sorted(ctx.project.pages, key=lambda p: p.path) if p.experiment is not None]


def result_of(page_: Page, ctx: SiteContext) -> ExperimentResult:
    experiment = page_.experiment
    assert experiment is not None
    return evaluate_experiment(experiment, ctx.project.metrics.get(experiment.kpi.metric), ctx.cube, ctx.as_of)


def _span(months: tuple[str, ...]) -> str:
    if not months:
        return "—"
    return months[0] if len(months) == 1 else f"{months[0]} to {months[-1]}"


def _value(value: float | None, result: ExperimentResult) -> str:
    unit = result.metric.unit if result.metric else "number"
    return format_value(value, unit) if value is not None else "no value"


def label_of(result: ExperimentResult) -> str:
    name = result.metric.label if result.metric else result.experiment.kpi.metric
    return f"{name} ({result.experiment.kpi.slice_text()})"


def verdict(result: ExperimentResult) -> str:
    """``success >= 28.0%: met`` or ``no success target``."""
    if result.target is None:
        return "no success target"
    unit = result.metric.unit if result.metric else "number"
    met = result.success
    word = "not measurable yet" if met is None else ("met" if met else "missed")
    return f"success {format_target(result.target, unit)}: {word}"


def decision_words(result: ExperimentResult, ctx: SiteContext) -> str:
    e = result.experiment
    if result.state is ExperimentState.DUE:
        days = (ctx.as_of - e.decide_by).days
        return f"due {e.decide_by.isoformat()} ({plural(days, 'day')} overdue)"
    if e.decision is None:
        return f"decide by {e.decide_by.isoformat()}"
    when = f" on {e.decided.isoformat()}" if e.decided else ""
    extra = f", runs until {e.decide_by.isoformat()}" if result.state is ExperimentState.RUNNING else ""
    return f"{_DECIDED[e.decision]}{when}{extra}"


def comparison(result: ExperimentResult) -> str:
    """``30.0% over 2026-09 to 2026-10 vs 22.5% over the 2 months before (+33%)``."""
    if not result.window:
        return "not started yet"
    during = f"{_value(result.during, result)} over {_span(result.window)}"
    before = f"{_value(result.prior, result)} over the {plural(len(result.before), 'month')} before"
    change = result.change
    moved = "" if change is None else f" ({'+' if change > 0 else '−' if change < 0 else '±'}{format_change(change)})"
    return f"{during} vs {before}{moved}"


def trend(result: ExperimentResult, ctx: SiteContext) -> str:
    """The KPI month by month over the window before and the experiment window, with the success target."""
    months = result.before + result.window
    if result.metric is None or not result.window:
        return ""
    series = ctx.cube.series(result.experiment.kpi.slice)
    if series.missing_dimension:
        return ""
    known = dict(zip(series.periods, values(result.metric, series), strict=True))
    label = f"{label_of(result)}, {_span(months)}; the experiment from {result.window[0]}"
    return sparkline([known.get(m) for m in months], label=label,
                     target=result.target.value if result.target else None)


def status_line(page_: Page, ctx: SiteContext) -> str:
    """The experiment's summary in the page's status block."""
    result = result_of(page_, ctx)
    e = result.experiment
    return (
        f"**Experiment ({text(_STATE_WORDS[result.state])}):** {text(e.hypothesis)} · **KPI:** {text(label_of(result))}: "
        f"{text(comparison(result))} {trend(result, ctx)} · {text(verdict(result))} · **Decision:** "
        f"{text(decision_words(result, ctx))}"
    )


def render(ctx: SiteContext) -> GeneratedPage:
    found = [(p, result_of(p, ctx)) for p in experiment_pages(ctx)]
    counts = {state: sum(1 for _, r in found if r.state is state) for state, _, _ in _SECTIONS}
    parts = [
        "# Experiments",
        text(
            f"Minimum viable campaigns: launch small, measure one KPI, then keep, kill or extend. "
            f"{counts[ExperimentState.RUNNING]} running, {counts[ExperimentState.DUE]} due for a decision, "
            f"{counts[ExperimentState.DECIDED]} decided (as of {ctx.as_of.isoformat()}). Each KPI is recomputed "
            "from the measures summed over the experiment window (start to decision, or to the decide-by date) "
            "and over as many months just before it."
        ),
    ]
    if not found:
        parts.append("No experiments yet: add `experiment:` to a page's front matter (see docs/FORMATS.md).")
    headers = ["Experiment", "Owner", "Hypothesis", "KPI", "Result", "Success", "Decision"]
    for state, title, meaning in _SECTIONS:
        rows = [
            [
                links.text_link(p.title, PATH, p.path),
                ctx.owner_link(p.owner, PATH),
                text(r.experiment.hypothesis),
                text(label_of(r)),
                text(comparison(r)),
                text(verdict(r)),
                text(decision_words(r, ctx)),
            ]
            for p, r in found
            if r.state is state
        ]
        if rows:
            parts += [heading(2, text(title)), text(f"{plural(len(rows), 'experiment')}: {meaning}."),
                      f'<div class="opsmanual-wide" markdown>\n\n{table(headers, rows)}\n\n</div>']
    return GeneratedPage(PATH, TITLE, page(*parts), meta={"hide": ["toc"]})
