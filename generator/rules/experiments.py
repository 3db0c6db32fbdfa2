"""``experiment-undecided``: an experiment's decide-by date has passed and no decision is recorded."""

from __future__ import annotations

from collections.abc import Iterator

from ..metrics.format import plural
from ..model.findings import Finding
from ..model.rules import Rule
from .context import Context


def experiment_rules(ctx: Context) -> Iterator[Finding]:
    for page in ctx.project.pages:
        experiment = page.experiment
        if experiment is None or not experiment.state(ctx.as_of).needs_decision():
            continue
        days = (ctx.as_of - experiment.decide_by).days
        yield ctx.finding(
            Rule.EXPERIMENT_UNDECIDED, page.file, experiment.line, page.subject, page.owner,
            f"The experiment was due for a decision on {experiment.decide_by.isoformat()} ({plural(days, 'day')} ago): "
            "record decision: keep, kill or extend (with a new decide_by) and the date it was decided.",
            experiment.kpi.metric, decide_by=experiment.decide_by.isoformat(), start=experiment.start.isoformat(),
        )
