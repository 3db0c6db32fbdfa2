"""Mapping files: every problem with its file and line; how a file is laid over the built-in mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.context import Catalog, load_context
from generator.ingest.formats import FORMATS, read_export
from generator.ingest.mapping import build_mapping, date_format, resolve
from generator.load.problems import InputError

from .conftest import EXPORTS

SALESFORCE = EXPORTS / "salesforce-campaigns.csv"


def _problems(root: Path, text: str, fmt: str = "salesforce", export: Path = SALESFORCE) -> list[str]:
    mapping_file = root / "map.yaml"
    mapping_file.write_text(text, encoding="utf-8")
    ctx = load_context(root)
    with pytest.raises(InputError) as info:
        mapping = build_mapping(FORMATS[fmt], ctx, "export.csv", mapping_file, "map.yaml")
        resolve(mapping, read_export(export, "export.csv", FORMATS[fmt], mapping.anchors()), ctx)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dimensions:\n  content:\n    colum: Campaign Name\n",
         ["map.yaml:3: unknown key 'dimensions.content.colum' in the ingest mapping (did you mean 'column'?)"]),
        ("measures:\n  lead: Leads in Campaign\n",
         ["map.yaml:2: 'lead' is not a measure of data/metrics.yaml (did you mean 'leads'?)"]),
        ("dimensions:\n  content:\n    values:\n      Webinar - Zero Trust: wb-zero-trst\n",
         ["map.yaml:4: 'wb-zero-trst' (for 'Webinar - Zero Trust') is not a content id (did you mean 'wb-zero-trust'?)"]),
        ("constants:\n  channel: webinr\n",
         ["map.yaml:2: 'webinr' is not a channel id (did you mean 'webinar'?)"]),
        ("measures:\n  leads: Lead count\n",
         ["map.yaml:2: measure 'leads': the export has no column 'Lead count' (the export's columns are "
          "'Campaign Type', 'Campaign Name', 'Status', 'Start Date', 'Leads in Campaign', 'Converted Leads in Campaign', "
          "'Opportunities in Campaign', 'Value Opportunities in Campaign', 'Actual Cost in Campaign')"]),
        ("date:\n  column: Start Date\n  format: MM-DD\n",
         ["map.yaml:3: 'date.format' in the ingest mapping: the date format 'MM-DD' has no year; "
          "write e.g. M/D/YYYY or %m/%d/%Y"]),
        ("dimensions:\n  channel:\n    values:\n      true: webinar\n",
         ["map.yaml:3: 'dimensions.channel.values' in the ingest mapping: YAML read 'True' as true/false; "
          "quote the value, e.g. \"Yes\": webinar"]),
        ("dimensions:\n  period: X\n  Region: Y\n  leads: Z\nconstants:\n  content: roi-calculator\n"
         "dimensions2: {}\n",
         ["map.yaml:7: unknown key 'dimensions2' in the ingest mapping (did you mean 'dimensions'?)"]),
        ("dimensions:\n  period: X\n  Region: Y\n  leads: Z\n  channel: Campaign Type\nconstants:\n  channel: webinar\n",
         ["map.yaml:2: 'period' cannot be a dimension: it is the period column "
          "(map measures under measures:, and the period with --period or date:)",
          "map.yaml:3: 'Region' is not a valid dimension name (use lowercase letters, digits and dashes, e.g. channel or region)",
          "map.yaml:4: 'leads' cannot be a dimension: it is a measure "
          "(map measures under measures:, and the period with --period or date:)",
          "map.yaml:5: 'channel' is both a dimension read from a column and a constant (keep one of them)"]),
        ("measures: [\n", ["map.yaml:2:1: YAML syntax error: while parsing a flow node did not find expected node content"]),
        ("", ["map.yaml:1: the mapping file is empty (see docs/FORMATS.md, Ingest mappings)"]),
    ],
)
def test_mapping_problems_name_the_file_and_line(small, text, expected):
    assert _problems(small, text) == expected


def _plan(root: Path, text: str | None, fmt: str, export: Path):
    ctx = load_context(root)
    mapping_file = None
    if text is not None:
        mapping_file = root / "map.yaml"
        mapping_file.write_text(text, encoding="utf-8")
    mapping = build_mapping(FORMATS[fmt], ctx, "export.csv", mapping_file, "map.yaml")
    return resolve(mapping, read_export(export, "export.csv", FORMATS[fmt], mapping.anchors()), ctx)


def test_a_mapping_file_is_laid_over_the_builtin_one(demo):
    plan = _plan(demo, "measures:\n  opportunities: ~\n  cost: Number of Leads\n", "hubspot",
                 EXPORTS / "hubspot-leads-by-source.csv")
    assert [(m, label) for m, _, label in plan.measures] == [
        ("leads", "Number of Leads"), ("mqls", "Number of Marketing Qualified Leads"),
        ("sqls", "Number of Sales Qualified Leads"), ("cost", "Number of Leads"),
    ]
    assert [d.name for d in plan.dimensions] == ["channel", "persona"]
    assert ("Number of Opportunities", None) in plan.ignored


def test_defaults_false_starts_from_nothing(demo):
    plan = _plan(demo, "defaults: false\nmeasures:\n  leads: Number of Leads\n", "hubspot",
                 EXPORTS / "hubspot-leads-by-source.csv")
    assert [m for m, _, _ in plan.measures] == ["leads"]
    assert plan.dimensions == ()
    assert plan.output_dimensions == ()


def test_a_constant_replaces_the_builtin_column_and_a_column_replaces_the_builtin_constant(demo):
    by_constant = _plan(demo, "constants:\n  channel: webinar\n", "salesforce", SALESFORCE)
    assert by_constant.constants == {"channel": "webinar"}
    assert [d.name for d in by_constant.dimensions] == ["content"]
    by_column = _plan(demo, "dimensions:\n  channel: Campaign\n", "google-ads", EXPORTS / "google-ads-campaigns.csv")
    assert by_column.constants == {}
    assert [(d.name, d.label) for d in by_column.dimensions] == [("channel", "Campaign")]


def test_a_file_may_replace_a_builtin_constant_the_project_lacks(small):
    export = EXPORTS / "google-ads-campaigns.csv"
    with pytest.raises(InputError) as info:
        _plan(small, None, "google-ads", export)
    assert [str(p) for p in info.value.problems] == [
        "export.csv: the built-in google-ads mapping puts every row in channel 'paid-search', which is not a "
        "channel id of this project (set your own in a --map file: constants: {channel: <id>}; "
        "channel ids: webinar, paid-social)"
    ]
    assert _plan(small, "constants:\n  channel: paid-social\n", "google-ads", export).constants == {"channel": "paid-social"}


def test_builtin_value_maps_apply_only_to_ids_the_project_has(small, demo):
    export = EXPORTS / "hubspot-leads-by-source.csv"
    demo_channel = next(d for d in _plan(demo, None, "hubspot", export).dimensions if d.name == "channel")
    assert demo_channel.values == {"(No value)": None, "Organic Search": "seo"}
    small_channel = next(d for d in _plan(small, None, "hubspot", export).dimensions if d.name == "channel")
    assert small_channel.values == {"(No value)": None}  # the small project has no 'seo' channel


@pytest.mark.parametrize(
    ("text", "expected"),
    [("M/D/YYYY", "%m/%d/%Y"), ("YYYY-MM-DD", "%Y-%m-%d"), ("YYYYMMDD", "%Y%m%d"), ("DD.MM.YYYY", "%d.%m.%Y"),
     ("%d/%m/%y", "%d/%m/%y")],
)
def test_friendly_date_formats(text, expected):
    assert date_format(text) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Paid Social", "paid-social"), ("Guide v2.0", "guide-v2.0"), ("Field_Marketing", "field_marketing"),
     ("  --Webinar!!", "webinar"), ("Unknown thing", None)],
)
def test_a_label_resolves_to_the_id_it_would_have(label, expected):
    catalog = Catalog("channel", ("paid-social", "guide-v2.0", "field_marketing", "webinar"))
    assert catalog.resolve(label) == expected
