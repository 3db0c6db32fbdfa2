"""Read a platform export into a plain table: its header, its data rows with their source lines.

Exports are not plain CSV. Each platform wraps its table in its own way, and a reader must take
the table out without ever counting a totals row as data:

- GA4: ``#`` comment lines (report name, property, ``# Start date: 20261101``) before the header;
  sometimes a blank line and a totals row after the data.
- Google Ads: UTF-16 with a byte order mark, tab separated, two title lines (report name, date
  range) before the header, ``--`` for empty cells, thousands separators, ``Total: ...`` rows.
- LinkedIn Campaign Manager: report title lines (``Report Start: 11/1/2026``), M/D/YYYY dates,
  quoted numbers with thousands separators.
- HubSpot: plain CSV with label headers (``Number of Leads``), ``(No value)`` for empty properties.
- Salesforce: a title and filter block before the header, label headers, ``Grand Totals (N
  records)`` and a footer (report name, copyright, confidentiality line).

Whatever the format, the header is the first line that names a column the mapping knows, rows
whose first cell reads ``Total``/``Grand total``/``Subtotal`` are totals, and one-cell text lines
below the header are notes. Dropped rows are kept in the result so that a dry run can show them.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..load.problems import InputError, Problem
from .values import fold

HEADER_SEARCH = 500  # records looked at to find the header line
_GENERIC_TOTAL = re.compile(r"^(?:grand\s+|sub\s*)?totals?(?:\s*[:(].*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class DateRange:
    """The dates an export says it covers (from its title lines), and the line that says so."""

    start: date
    end: date
    line: int


@dataclass(frozen=True)
class Dropped:
    """A line below the header that is not data: a totals row or a one-cell note."""

    line: int
    kind: str  # "totals" | "note"
    text: str


@dataclass
class ExportTable:
    """An export's table: the header and the data rows, each with its 1-based source line."""

    source: str
    encoding: str
    delimiter: str
    header_line: int
    columns: tuple[str, ...]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    date_range: DateRange | None = None


@dataclass(frozen=True)
class ExportFormat:
    """How one platform writes its exports."""

    name: str
    label: str
    delimiter: str
    quirks: str
    is_totals: Callable[[list[str]], bool] = lambda cells: False
    totals_after_blank: bool = False  # GA4: after the data, a blank line starts the totals block
    date_range: Callable[[list[tuple[int, str]]], DateRange | None] = lambda lines: None


def is_generic_total(cells: list[str]) -> bool:
    """``Total``, ``Totals``, ``Grand total``, ``Subtotal``, ``Total: Account``, ``Grand Totals (5 records)``."""
    first = next((c for c in cells if c), "")
    return first[:1] in ("T", "t", "G", "g", "S", "s") and bool(_GENERIC_TOTAL.match(first))


def _ga4_range(lines: list[tuple[int, str]]) -> DateRange | None:
    found: dict[str, tuple[date, int]] = {}
    for number, text in lines:
        match = re.match(r"^#\s*(Start|End) date:\s*(\d{8})\s*$", text.strip(), re.IGNORECASE)
        if match:
            try:
                found[match.group(1).lower()] = (datetime.strptime(match.group(2), "%Y%m%d").date(), number)
            except ValueError:
                continue
    if "start" in found and "end" in found:
        return DateRange(found["start"][0], found["end"][0], found["start"][1])
    return None


def _google_ads_range(lines: list[tuple[int, str]]) -> DateRange | None:
    for number, text in lines:
        match = re.match(r"^\"?([A-Za-z]+\.? \d{1,2}, \d{4})\s*[-\u2013]\s*([A-Za-z]+\.? \d{1,2}, \d{4})\"?\s*$", text.strip())
        if match:
            days = [_month_name_date(part) for part in match.groups()]
            if days[0] and days[1]:
                return DateRange(days[0], days[1], number)
    return None


def _month_name_date(text: str) -> date | None:
    for pattern in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _linkedin_range(lines: list[tuple[int, str]]) -> DateRange | None:
    found: dict[str, tuple[date, int]] = {}
    for number, text in lines:
        match = re.match(r"^\"?Report (Start|End):\s*(\d{1,2}/\d{1,2}/\d{4})", text.strip(), re.IGNORECASE)
        if match:
            try:
                found[match.group(1).lower()] = (datetime.strptime(match.group(2), "%m/%d/%Y").date(), number)
            except ValueError:
                continue
    if "start" in found and "end" in found:
        return DateRange(found["start"][0], found["end"][0], found["start"][1])
    return None


_SALESFORCE_TOTAL = re.compile(r"^grand totals? \(\d[\d,]* records?\)$", re.IGNORECASE)

FORMATS: dict[str, ExportFormat] = {
    fmt.name: fmt
    for fmt in (
        ExportFormat("generic", "CSV", ",",
                     "any delimited text: the header is the first line naming a mapped column; "
                     "`#` comment lines, totals rows and notes are dropped"),
        ExportFormat("ga4", "GA4", ",",
                     "`#` comment lines before the header (their `# Start date`/`# End date` are checked "
                     "against --period), per-day `Date` (YYYYMMDD), a blank line and a totals row after the data",
                     totals_after_blank=True, date_range=_ga4_range),
        ExportFormat("google-ads", "Google Ads", "\t",
                     "UTF-16 with a byte order mark, tab separated, two title lines (report name, date range), "
                     "`--` for empty cells, thousands separators, `Total: ...` rows",
                     is_totals=lambda cells: any(c.startswith("Total:") for c in cells),
                     date_range=_google_ads_range),
        ExportFormat("linkedin", "LinkedIn Campaign Manager", ",",
                     "report title lines (`Report Start: 11/1/2026`), M/D/YYYY dates, quoted numbers "
                     "with thousands separators",
                     date_range=_linkedin_range),
        ExportFormat("hubspot", "HubSpot", ",",
                     "label headers (`Number of Leads`), `(No value)` for an empty property"),
        ExportFormat("salesforce", "Salesforce", ",",
                     "a title and filter block before the header, label headers, `Grand Totals (N records)`, "
                     "a footer with the report name, copyright and confidentiality lines",
                     is_totals=lambda cells: bool(_SALESFORCE_TOTAL.match(cells[0])) or "Subtotal" in cells),
    )
}


def decode(data: bytes) -> tuple[str, str]:
    """The export's text and the name of its encoding (a byte order mark decides; else UTF-8, else Windows-1252)."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16"), "UTF-16"
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "UTF-8"
    head = data[:400]
    if head and head.count(b"\x00") * 3 > len(head):  # UTF-16 without a byte order mark
        little = head[1::2].count(b"\x00") > head[0::2].count(b"\x00")
        return data.decode("utf-16-le" if little else "utf-16-be", errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _records(text: str, delimiter: str, limit: int | None = None) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of each CSV record; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    count = 0
    try:
        for row in reader:
            yield line, row
            line = reader.line_num + 1
            count += 1
            if limit is not None and count >= limit:
                return
    except csv.Error as exc:
        raise InputError([Problem("", line, None, f"cannot parse the export: {exc}")]) from None


def _find_header(text: str, delimiter: str, anchors: set[str]) -> tuple[int, list[str]] | None:
    for line, row in _records(text, delimiter, HEADER_SEARCH):
        cells = [c.strip() for c in row]
        if len(cells) >= 2 and not cells[0].startswith("#") and any(fold(c) in anchors for c in cells if c):
            return line, cells
    return None


MAX_EXPORT_BYTES = 512 * 1024 * 1024
MAX_EXPORT_COLUMNS = 2_000


def read_bounded(path: Path, source: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_EXPORT_BYTES` (``/dev/zero``, a FIFO or a
    huge file is an input error, never read)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(source, None, None, "not a regular file (a FIFO, socket or device)",
                                      "pass the exported CSV file")])
        if info.st_size > MAX_EXPORT_BYTES:
            raise InputError([Problem(source, None, None, f"the export is {info.st_size:,} bytes, more than "
                                      f"the {MAX_EXPORT_BYTES:,} it may have", "export one month at a time")])
        with path.open("rb") as handle:
            data = handle.read(MAX_EXPORT_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem(source, None, None, f"cannot read the export: {exc.strerror}")]) from None
    if len(data) > MAX_EXPORT_BYTES:
        raise InputError([Problem(source, None, None, f"the export is more than {MAX_EXPORT_BYTES:,} bytes")])
    return data


def read_export(path: Path, source: str, fmt: ExportFormat, anchors: Iterable[str]) -> ExportTable:
    """Read ``path`` (shown as ``source`` in problems); ``anchors`` are the column labels the mapping knows."""
    data = read_bounded(path, source)
    text, encoding = decode(data)
    folded = {fold(a) for a in anchors}
    delimiters = [fmt.delimiter] + [d for d in (",", "\t", ";") if d != fmt.delimiter]
    try:
        found = next(((d, h) for d in delimiters if (h := _find_header(text, d, folded)) is not None), None)
    except InputError as exc:
        raise InputError([_located(p, source) for p in exc.problems]) from None
    if found is None:
        expected = ", ".join(sorted(anchors, key=str.casefold)[:8])
        raise InputError([Problem(
            source, 1, None,
            f"found no header line naming a column the {fmt.label} mapping knows ({expected}...)"
            if len(folded) > 8 else f"found no header line naming a column the {fmt.label} mapping knows ({expected})",
            "check --format, or map this export's columns with --map (see docs/FORMATS.md, Ingest mappings)",
        )])
    delimiter, (header_line, header) = found
    if len(header) > MAX_EXPORT_COLUMNS:
        raise InputError([Problem(source, header_line, None, f"the header has {len(header):,} columns, more than "
                                  f"the {MAX_EXPORT_COLUMNS:,} an export may have", "export fewer columns")])
    before = [(n, t) for n, t in enumerate(io.StringIO(text, newline=""), start=1) if n < header_line]
    table = ExportTable(source, encoding, delimiter, header_line, tuple(header), date_range=fmt.date_range(before))
    problems: list[Problem] = []
    try:
        _body(text, delimiter, fmt, table, problems)
    except InputError as exc:
        problems.extend(_located(p, source) for p in exc.problems)
    if problems:
        raise InputError(problems)
    return table


def _body(text: str, delimiter: str, fmt: ExportFormat, table: ExportTable, problems: list[Problem]) -> None:
    width = len(table.columns)
    header = list(table.columns)
    data_started = False
    after_blank = False
    for line, row in _records(text, delimiter):
        if line <= table.header_line:
            continue
        cells = [c.strip() for c in row]
        if not any(cells):
            after_blank = after_blank or data_started
            continue
        if cells[0].startswith("#"):
            continue
        if is_generic_total(cells) or fmt.is_totals(cells) or (fmt.totals_after_blank and after_blank):
            table.dropped.append(Dropped(line, "totals", _preview(cells)))
            continue
        if len(cells) == 1 and width > 1:
            table.dropped.append(Dropped(line, "note", cells[0]))
            continue
        if cells == header:
            problems.append(Problem(table.source, line, None, "the header line appears again: the export holds more than one table",
                                    "export one table per file"))
            return
        if len(cells) > width and not any(cells[width:]):
            cells = cells[:width]
        if len(cells) != width:
            problems.append(Problem(table.source, line, None, f"the row has {len(cells)} cells but the header has {width} columns",
                                    f"the header is line {table.header_line}; check the export's delimiter and quoting"))
            if len(problems) >= 20:
                return
            continue
        data_started = True
        table.rows.append((line, cells))


def _preview(cells: list[str]) -> str:
    shown = [c for c in cells if c][:3]
    return " | ".join(shown)


def _located(problem: Problem, source: str) -> Problem:
    return Problem(source, problem.line, problem.column, problem.message, problem.hint) if not problem.file else problem
