"""What the next dollar buys, per channel, and where budget would go on marginal numbers.

Numbers come from the judgement (``judgement.ranking.returns`` and ``.advice``, computed by
:mod:`generator.metrics.reallocation`); this module only words them. Every
range is shown with its estimate; a channel whose data cannot tell gets a test, not a number.
"""

from __future__ import annotations

from ..metrics.format import format_value, plural
from ..metrics.marginal import CONFIDENCE, Verdict
from ..metrics.reallocation import RECENT_PERIODS, Advice, ChannelReturn
from . import links
from .blocks import table
from .context import SiteContext
from .escape import text

PER = 1000.0  # shown per 1,000 units of spend


def _money(value: float | None, ctx: SiteContext) -> str:
    unit = ctx.card.spend.unit if ctx.card.spend else "number"
    return format_value(value, unit) if value is not None else "—"


def _per(value: float | None) -> str:
    return "—" if value is None else f"{value * PER:.2f}"


def why_not(row: ChannelReturn, ctx: SiteContext) -> str:
    """Why the data cannot tell yet, in words."""
    e = row.estimate
    if e.verdict is Verdict.TOO_FEW:
        return f"only {e.n} period{'s' if e.n != 1 else ''} with spend and results"
    if e.verdict is Verdict.FLAT_SPEND:
        return f"spend barely varied ({_money(e.spend_min, ctx)} to {_money(e.spend_max, ctx)})"
    return f"the range is too wide: {_per(e.low)} to {_per(e.high)} per {_money(PER, ctx)}"


def returns_table(rows: tuple[ChannelReturn, ...], ctx: SiteContext) -> str:
    noun, per = ctx.card.result.label, _money(PER, ctx)  # type: ignore[union-attr]
    headers = ["Channel", text(f"Average {noun} per {per}"), text(f"Next {per} buys ({CONFIDENCE:.0%} range)"),
               "Periods", "Spend range", "What the data says"]
    out = []
    for row in rows:
        e = row.estimate
        if not e.n:
            continue
        marginal = f"{_per(e.slope)} ({_per(e.low)} to {_per(e.high)})" if e.confident else "—"
        spread = f"{_money(e.spend_min, ctx)} to {_money(e.spend_max, ctx)}" if e.spend_min is not None else "—"
        says = "estimated" if e.confident else f"cannot tell yet: {why_not(row, ctx)}"
        out.append([links.text_link(row.name, links.CHANNELS, links.CHANNELS, links.anchor("channel", row.channel)),
                    text(_per(e.average)), text(marginal), str(e.n), text(spread), text(says)])
    return table(headers, out, "lrrrll")


def advice_text(advice: Advice, ctx: SiteContext) -> str:
    noun = ctx.card.result.label  # type: ignore[union-attr]
    parts = []
    move = advice.move
    if move is not None:
        d, g = move.donor, move.receiver
        parts.append(
            f"The data supports moving about {_money(move.amount, ctx)} a period from {d.name} to {g.name}: at the "
            f"margin {g.name} buys {_per(g.estimate.slope)} {noun} per {_money(PER, ctx)} ({_per(g.estimate.low)} to "
            f"{_per(g.estimate.high)}) and {d.name} {_per(d.estimate.slope)} ({_per(d.estimate.low)} to "
            f"{_per(d.estimate.high)}), ranges that do not overlap. Expected: about {move.gain:.1f} more {noun} a "
            f"period ({move.low:.1f} to {move.high:.1f}). Move it, then check the next periods before moving more."
        )
    elif advice.overlap is not None:
        best, worst = advice.overlap
        parts.append(
            f"No move is supported: even the best channel at the margin, {best.name}, may buy no more per "
            f"{_money(PER, ctx)} than {worst.name} (their ranges overlap)."
        )
    else:
        parts.append("Fewer than two channels have an estimate the data supports, so no move is advised.")
    for row in advice.untold:
        step = advice.test_step(row)
        test = f" Suggested test: change its spend by about {_money(step, ctx)} a period (up or down) for three " \
               "periods, holding the rest steady, then look again." if step else ""
        parts.append(f"The data cannot tell yet what the next dollar buys in {row.name} ({why_not(row, ctx)}).{test}")
    return text(" ".join(parts[:1])) + "".join("\n\n" + text(p) for p in parts[1:])


def marginal_section(ctx: SiteContext) -> list[str]:
    """The table and the advice of the judgement's returns; empty when no channel has spend and results."""
    rows = ctx.judgement.ranking.returns
    if not any(r.estimate.n for r in rows):
        return []
    intro = text(
        f"From each channel's own history (its newest {RECENT_PERIODS} periods with spend and "
        f"{ctx.card.result.label}): how results moved with spend, fitted by least squares, with a "  # type: ignore[union-attr]
        f"{CONFIDENCE:.0%} range, beside the average. When spend barely varied or the range is wide, the data cannot "
        "tell yet. Method and limits: docs/BUDGET.md."
    )
    return [intro, f'<div class="opsmanual-wide" markdown>\n\n{returns_table(rows, ctx)}\n\n</div>',
            advice_text(ctx.judgement.ranking.advice, ctx)]


def channel_line(row: ChannelReturn | None, ctx: SiteContext) -> str | None:
    """One sentence for a channel's own section."""
    if row is None or not row.estimate.n or ctx.card.result is None:
        return None
    e, noun, per = row.estimate, ctx.card.result.label, _money(PER, ctx)
    if e.confident:
        return text(f"At the margin: {_per(e.slope)} {noun} per {per} ({_per(e.low)} to {_per(e.high)}), "
                    f"average {_per(e.average)}, over {plural(e.n, 'period')}.")
    return text(f"At the margin: the data cannot tell yet ({why_not(row, ctx)}); average {_per(e.average)} {noun} "
                f"per {per} over {plural(e.n, 'period')}.")
