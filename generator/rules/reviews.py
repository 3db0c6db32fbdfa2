"""Rules about ownership and review: ``review-due``, ``stale-review``, ``missing-owner``, ``missing-review``."""

from __future__ import annotations

from collections.abc import Iterator

from ..metrics.format import plural
from ..model.findings import Finding
from ..model.rules import Rule
from ..model.sections import SectionKind
from .context import Context


def review_rules(ctx: Context) -> Iterator[Finding]:
    default = ctx.settings.review_every
    for page in ctx.project.pages:
        if page.reviewed is None:
            yield ctx.finding(Rule.MISSING_REVIEW, page.file, page.front_matter_line, page.subject, page.owner,
                              "No review recorded: add 'reviewed: YYYY-MM-DD' once someone has reviewed this page.")
            continue
        cadence = page.review_every or default
        due = cadence.after(page.reviewed)
        line = page.line_of("reviewed")
        days = (due - ctx.as_of).days
        values = {"reviewed": page.reviewed.isoformat(), "next_review": due.isoformat(), "review_every": str(cadence)}
        if due < ctx.as_of:
            yield ctx.finding(
                Rule.STALE_REVIEW, page.file, line, page.subject, page.owner,
                f"Last reviewed {page.reviewed.isoformat()}; the review was due {due.isoformat()} "
                f"({plural(-days, 'day')} ago, every {cadence}).",
                **values,
            )
        elif days <= (ctx.settings.due_soon.after(ctx.as_of) - ctx.as_of).days:
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            yield ctx.finding(Rule.REVIEW_DUE, page.file, line, page.subject, page.owner,
                              f"Review due {due.isoformat()} ({when}).", **values)


def owner_rules(ctx: Context) -> Iterator[Finding]:
    for section in ctx.project.sections():
        if section.owner is None:
            where = "front matter" if section.kind is SectionKind.PAGE else "entry"
            yield ctx.finding(Rule.MISSING_OWNER, section.file, section.line, section.subject, None,
                              f"No owner: add 'owner:' to the {where} with an id from people.yaml.")
