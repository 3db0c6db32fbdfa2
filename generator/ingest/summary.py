"""What an ingest tells its user: what was read, what was left out, the totals and what changes."""

from __future__ import annotations

from decimal import Decimal

from ..metrics.format import plural
from .compare import Diff, Previous
from .run import IngestPlan
from .values import format_number

MAX_LISTED = 20
_DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon"}


def change(new: Decimal | None, old: Decimal | None) -> str:
    """``+5.7%``; ``new`` when there was nothing before, ``n/a`` from zero."""
    if old is None:
        return "new"
    if new is None:
        return "no value now"
    if old == 0:
        return "n/a" if new != 0 else "+0.0%"
    return f"{(new - old) / abs(old) * 100:+.1f}%"


def total_line(measure: str, value: Decimal | None, prev: Previous | None) -> str:
    """``  leads 444 (prev 2026-10: 600, -26.0%)``: a period's total beside the previous period's."""
    line = f"  {measure} {format_number(value) if value is not None else 'no value'}"
    if prev is not None:
        before = prev.totals.get(measure)
        shown = format_number(before) if before is not None else "no value"
        line += f" (prev {prev.period}: {shown}" + (f", {change(value, before)})" if before is not None else ")")
    return line


def _slice(values: dict[str, str]) -> str:
    return ", ".join(f"{d}={v}" for d, v in values.items()) or "(no dimensions)"


def summary(plan: IngestPlan, *, dry_run: bool) -> list[str]:
    """The lines printed after an ingest (or a dry run)."""
    table, agg, snap = plan.table, plan.aggregated, plan.snapshot
    out: list[str] = []
    first = table.rows[0][0] if table.rows else table.header_line
    last = table.rows[-1][0] if table.rows else table.header_line
    out.append(f"{plan.request.source} ({plan.format.label}, {table.encoding}, "
               f"{_DELIMITERS.get(table.delimiter, repr(table.delimiter))}-separated): header on line "
               f"{table.header_line}, {plural(agg.rows_read, 'data row')} (lines {first}-{last})")
    for kind, label in (("totals", "totals row"), ("note", "note line")):
        dropped = [d for d in table.dropped if d.kind == kind]
        if dropped:
            out.append(f"Dropped {plural(len(dropped), label)} (never summed): "
                       + "; ".join(f"line {d.line} ({d.text})" for d in dropped[:5])
                       + (f"; and {len(dropped) - 5} more" if len(dropped) > 5 else ""))
    mapped = [f"{label} -> {measure}" for measure, _, label in plan.plan.measures]
    mapped += [f"{d.label} -> {d.name}" for d in plan.plan.dimensions]
    mapped += [f"{name} = {value}" for name, value in plan.plan.constants.items()]
    if plan.plan.date is not None:
        mapped.append(f"{plan.plan.date.label} -> date ({' or '.join(plan.plan.date.formats)})")
    out.append("Mapped: " + ", ".join(mapped))
    if plan.plan.ignored:
        out.append("Ignored columns: " + ", ".join(
            f"{label} ({why})" if why else label for label, why in plan.plan.ignored))
    dims = ", ".join(snap.dimensions) or "no dimensions"
    if plan.merged_rows is None:
        out.append(f"{plan.target_rel}: {plural(len(snap.rows), 'row')} by {dims}; "
                   f"{plural(agg.rows_used, 'export row')} summed")
    else:
        out.append(f"Export: {plural(len(agg.rows), 'row')} by {', '.join(agg.dimensions) or 'no dimensions'}; "
                   f"{plural(agg.rows_used, 'export row')} summed")
        out.append(f"{plan.target_rel}: merged with its {plural(plan.merged_rows, 'row')}, now "
                   f"{plural(len(snap.rows), 'row')} by {dims}")
    out.extend(_totals(plan))
    if plan.diff is not None:
        out.extend(diff_lines(plan.diff))
    if dry_run:
        out.append("Rows:")
        out.append("  " + ",".join(snap.columns))
        rows = plan.text.splitlines()[1:]
        out.extend("  " + row for row in rows[:MAX_LISTED * 2])
        if len(rows) > MAX_LISTED * 2:
            out.append(f"  ... and {len(rows) - MAX_LISTED * 2} more rows")
        action = "would merge into" if plan.merged_rows is not None else "would replace" if plan.diff else "would create"
        out.append(f"Dry run: nothing was written ({action} {plan.target_rel}).")
    return out


def _totals(plan: IngestPlan) -> list[str]:
    totals = plan.aggregated.totals()
    prev = plan.previous
    heading = f"Totals {'of the export ' if plan.merged_rows is not None else ''}for {plan.snapshot.period}"
    if prev is not None:
        heading += f", compared with {prev.file}"
        if prev.where:
            heading += " where " + " and ".join(f"{d} = {v}" for d, v in prev.where.items())
    else:
        heading += " (no earlier snapshot to compare with)"
    out = [heading + ":"]
    for measure in plan.aggregated.measures:  # the export's own totals, merged or not
        out.append(total_line(measure, totals[measure], prev))
    return out


def diff_lines(diff: Diff) -> list[str]:
    out = [f"Changes against the existing {diff.file}:"]
    if diff.identical:
        out.append("  none: the rows and values are the same")
        return out
    out.append(f"  {plural(len(diff.added), 'row')} added, {len(diff.removed)} removed, "
               f"{len(diff.changed)} changed, {diff.unchanged} unchanged")
    if diff.columns_added:
        out.append("  new columns: " + ", ".join(diff.columns_added))
    if diff.columns_removed:
        out.append("  columns no longer written: " + ", ".join(diff.columns_removed))
    listed: list[str] = []
    listed += [f"  + {_slice(values)}" for values in diff.added]
    listed += [f"  - {_slice(values)}" for values in diff.removed]
    for values, changes in diff.changed:
        shown = ", ".join(f"{m} {format_number(a) if a is not None else 'none'} -> "
                          f"{format_number(b) if b is not None else 'none'}" for m, a, b in changes)
        listed.append(f"  ~ {_slice(values)}: {shown}")
    out.extend(listed[:MAX_LISTED])
    if len(listed) > MAX_LISTED:
        out.append(f"  ... and {len(listed) - MAX_LISTED} more")
    for measure, before, after in diff.totals:
        if before != after:
            out.append(f"  total {measure}: {format_number(before) if before is not None else 'none'} -> "
                       f"{format_number(after) if after is not None else 'none'}"
                       + (f" ({change(after, before)})" if before is not None and after is not None else ""))
    return out
