"""Reading exports: encodings, delimiters, title lines, totals rows, footers, numbers as platforms print them."""

from __future__ import annotations

import codecs
from datetime import date
from decimal import Decimal

import pytest

from generator.ingest.formats import FORMATS, DateRange, decode, is_generic_total, read_export
from generator.ingest.values import NotANumber, format_number, parse_number

from .conftest import EXPORTS


def _read(name: str, fmt: str, anchors: set[str]):
    return read_export(EXPORTS / name, name, FORMATS[fmt], anchors)


def test_google_ads_utf16_tabs_title_lines_and_totals():
    table = _read("google-ads-campaigns.csv", "google-ads", {"Cost"})
    assert (table.encoding, table.delimiter, table.header_line) == ("UTF-16", "\t", 3)
    assert table.columns[:3] == ("Campaign status", "Campaign", "Campaign type")
    assert [line for line, _ in table.rows] == [4, 5, 6, 7, 8]
    assert table.rows[4][1][5:] == ["--", "--", "--", "--", "--", "--", "--"]  # a removed campaign: all empty
    assert [(d.line, d.kind) for d in table.dropped] == [(9, "totals"), (10, "totals"), (11, "totals"), (12, "totals")]
    assert table.date_range == DateRange(date(2026, 11, 1), date(2026, 11, 30), 2)


def test_ga4_comments_and_the_totals_block_after_a_blank_line():
    table = _read("ga4-traffic-acquisition.csv", "ga4", {"Sessions"})
    assert table.header_line == 10
    assert len(table.rows) == 12
    assert [(d.line, d.kind, d.text) for d in table.dropped] == [(24, "totals", "8024 | 5013 | 0.624750124626122")]
    assert table.date_range == DateRange(date(2026, 10, 30), date(2026, 11, 30), 8)


def test_linkedin_title_lines_and_quoted_numbers():
    table = _read("linkedin-campaign-performance.csv", "linkedin", {"Total Spent"})
    assert table.header_line == 8
    assert table.rows[1] == (10, table.rows[1][1])
    assert table.rows[1][1][0] == "11/1/2026"
    assert table.rows[1][1][table.columns.index("Total Spent")] == "1,045.20"
    assert table.date_range == DateRange(date(2026, 10, 31), date(2026, 11, 30), 2)


def test_salesforce_title_block_grand_totals_and_footer():
    table = _read("salesforce-campaigns.csv", "salesforce", {"Campaign Name"})
    assert table.header_line == 7
    assert [line for line, _ in table.rows] == [8, 9, 10, 11]
    assert [(d.line, d.kind) for d in table.dropped] == [
        (12, "totals"), (15, "note"), (16, "note"), (17, "note"), (18, "note"), (19, "note"),
    ]


def test_hubspot_byte_order_mark_is_not_part_of_the_first_label():
    table = _read("hubspot-leads-by-source.csv", "hubspot", {"Original Source"})
    assert table.columns[0] == "Original Source"
    assert table.header_line == 1


@pytest.mark.parametrize(
    ("first", "is_total"),
    [
        ("Total", True), ("Totals", True), ("TOTAL", True), ("Grand total", True), ("Grand Totals (12 records)", True),
        ("Total: Account", True), ("Subtotal", True), ("Sub total", True), ("Total Economic Impact webinar", False),
        ("Totally secure", False), ("Webinar", False), ("", False),
    ],
)
def test_generic_totals_rows(first, is_total):
    assert is_generic_total([first, "12", "4"]) is is_total


def test_a_totals_label_in_a_later_cell_counts_when_the_first_cells_are_empty():
    assert is_generic_total(["", "", "Total", "12"])


def test_google_ads_marks_totals_in_any_cell():
    assert FORMATS["google-ads"].is_totals(["--", "Total: Search", "12"])
    assert not FORMATS["generic"].is_totals(["--", "Total: Search", "12"])


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        (codecs.BOM_UTF16_LE + "a\tb\n".encode("utf-16-le"), "UTF-16", "a\tb\n"),
        (codecs.BOM_UTF16_BE + "a\tb\n".encode("utf-16-be"), "UTF-16", "a\tb\n"),
        ("a\tb\nc\td\n".encode("utf-16-le"), "UTF-16", "a\tb\nc\td\n"),
        (codecs.BOM_UTF8 + b"a,b\n", "UTF-8", "a,b\n"),
        ("Région,b\n".encode(), "UTF-8", "Région,b\n"),
        ("Région,b\n".encode("cp1252"), "Windows-1252", "Région,b\n"),
    ],
)
def test_decode(data, encoding, expected):
    assert decode(data) == (expected, encoding)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1,234.50", Decimal("1234.50")), ("$1,234", Decimal("1234")), ("USD 1,234.00", Decimal("1234.00")),
        ("12 USD", Decimal("12")), ("€12", Decimal("12")), ("(1,234)", Decimal("-1234")), ("-3", Decimal("-3")),
        ("0.5", Decimal("0.5")), (".5", Decimal("0.5")), (" 42 ", Decimal("42")), ("1\u00a0234", None),
        ("--", None), ("", None), ("n/a", None), ("—", None),
    ],
)
def test_parse_number(cell, value):
    if cell == "1\u00a0234":
        with pytest.raises(NotANumber):
            parse_number(cell)
    else:
        assert parse_number(cell) == value


@pytest.mark.parametrize(
    ("cell", "why"),
    [("12.5%", "is a percentage"), ("1,5", "is not a number"), ("abc", "is not a number"), ("1,2345", "is not a number"),
     ("1.2.3", "is not a number"), ("USD", "is not a number")],
)
def test_parse_number_refuses(cell, why):
    with pytest.raises(NotANumber, match=why):
        parse_number(cell)


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("45.00"), "45"), (Decimal("2345.670"), "2345.67"), (Decimal("1E+3"), "1000"), (Decimal("0.10"), "0.1"),
     (Decimal("-0.5"), "-0.5"), (None, "")],
)
def test_format_number_is_plain(value, text):
    assert format_number(value) == text
