"""Rules about ownership and review: ``review-due``, ``stale-review``, ``missing-owner``, ``missing-review``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..metrics.format import plural
from ..model.config import Settings
from ..model.findings import Finding
from ..model.page import Page
from ..model.rules import Rule
from ..model.sections import SectionKind
from .context import Context
from .outcomes import ReviewState, ReviewStatus


def review_status(page: Page, settings: Settings, as_of: date) -> ReviewStatus:
    """The page's review as of ``as_of``: when it is due and whether that is overdue or soon."""
    cadence = page.review_every or settings.review_every
    if page.reviewed is None:
        return ReviewStatus(None, cadence, None, None, ReviewState.NEVER)
    due = cadence.after(page.reviewed)
    days = (due - as_of).days
    if due < as_of:
        state = ReviewState.OVERDUE
    elif days <= (settings.due_soon.after(as_of) - as_of).days:
        state = ReviewState.DUE_SOON
    else:
        state = ReviewState.CURRENT
    return ReviewStatus(page.reviewed, cadence, due, days, state)


def review_rules(ctx: Context) -> Iterator[Finding]:
    for page in ctx.project.pages:
        status = ctx.reviews[page.subject]
        if status.reviewed is None or status.due is None or status.days_left is None:
            yield ctx.finding(Rule.MISSING_REVIEW, page.file, page.front_matter_line, page.subject, page.owner,
                              "No review recorded: add 'reviewed: YYYY-MM-DD' once someone has reviewed this page.")
            continue
        cadence, due, days = status.cadence, status.due, status.days_left
        line = page.line_of("reviewed")
        values = {"reviewed": status.reviewed.isoformat(), "next_review": due.isoformat(), "review_every": str(cadence)}
        if status.state is ReviewState.OVERDUE:
            yield ctx.finding(
                Rule.STALE_REVIEW, page.file, line, page.subject, page.owner,
                f"Last reviewed {status.reviewed.isoformat()}; the review was due {due.isoformat()} "
                f"({plural(-days, 'day')} ago, every {cadence}).",
                **values,
            )
        elif status.state is ReviewState.DUE_SOON:
            when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
            yield ctx.finding(Rule.REVIEW_DUE, page.file, line, page.subject, page.owner,
                              f"Review due {due.isoformat()} ({when}).", **values)


def owner_rules(ctx: Context) -> Iterator[Finding]:
    for section in ctx.project.sections():
        if section.owner is None:
            where = "front matter" if section.kind is SectionKind.PAGE else "entry"
            yield ctx.finding(Rule.MISSING_OWNER, section.file, section.line, section.subject, None,
                              f"No owner: add 'owner:' to the {where} with an id from people.yaml.")
