"""One YAML reader, two parsers: the fast path (native parser, scanned lines) must give exactly
what PyYAML gives (data, and the positions of its nodes)."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path
from typing import Any

import pytest

from generator.load import yamlio
from generator.load.yamlio import MAX_DEPTH, Positions, YamlSyntaxError, parse_yaml
from generator.load.yamllines import has_unsupported, scan_lines

ROOT = Path(__file__).resolve().parents[2]


def load_yaml(text: str, config: bool = False) -> tuple[Any, Positions]:
    """Always PyYAML: the reference whose positions come from its nodes."""
    return yamlio._parse_pyyaml(text, config)


def same_data(fast: Any, slow: Any, path: tuple[Any, ...] = ()) -> None:
    assert type(fast) is type(slow), path
    if isinstance(slow, dict):
        assert list(fast) == list(slow), path
        for key in slow:
            same_data(fast[key], slow[key], (*path, key))
    elif isinstance(slow, list):
        assert len(fast) == len(slow), path
        for index, (a, b) in enumerate(zip(fast, slow, strict=True)):
            same_data(a, b, (*path, index))
    else:
        assert fast == slow, path


def same(fast: tuple[Any, Positions], slow: tuple[Any, Positions], where: tuple[Any, ...] = ()) -> None:
    same_data(fast[0], slow[0], where)
    assert fast[1].lines == slow[1].lines, where
    assert fast[1].starts == slow[1].starts, where
    assert fast[1].duplicates == slow[1].duplicates, where


CASES = {
    "catalog": """# people
- id: a
  name: A
  kpis:
    - metric: x
      where: {channel: w}
      target: ">= 0.25"
    - metric: y
  notes: |
    key: not a key
    - not an item
  waive:
  - rule: r
    until: 2026-01-01
    reason: because
- id: b
  personas: [p, q]
  pains:
    - one
    - "two: quoted"
""",
    "front matter": "title: X\nowner: me\nreviewed: 2026-09-14\nkpis:\n  - metric: sql\n    target: '>= 1'\n",
    "nested maps": "measures:\n  leads: {label: Leads, kind: result}\n  cost:\n    label: Spend\n    unit: USD\nmetrics: {}\n",
    "folded and comments": "a: >\n  folded\n  text\n# comment\nb:   # trailing\n  c: 1\n",
    "empty": "",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_fast_path_matches_pyyaml(text: str) -> None:
    same(parse_yaml(text), load_yaml(text))


def test_every_yaml_file_of_the_demo_and_fixtures_matches() -> None:
    files = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        same(parse_yaml(text), load_yaml(text), (path.name,))


@pytest.mark.parametrize(
    "text",
    ["a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: *base\n", "a: 1\na: 2\n", "a: [1,\n", "\n\n{a: 1,\n b: 2}\n"],
    ids=["anchor", "tag", "merge", "duplicate", "syntax error", "mismatch"],
)
def test_unsupported_or_broken_input_takes_the_pyyaml_path(text: str) -> None:
    try:
        expected = load_yaml(text)
    except Exception as exc:  # noqa: BLE001 - the same error must come out of both
        with pytest.raises(type(exc)):
            parse_yaml(text)
        return
    same(parse_yaml(text), expected)


def test_duplicates_are_still_reported_by_line() -> None:
    data, positions = parse_yaml("a: 1\nb: 2\na: 3\nc:\n  - x: 1\n    x: 2\n")
    assert data["a"] == 3 and positions.duplicates == [(("a",), 3), (("c", 0, "x"), 6)]
    assert positions.under("c", 0).duplicates_below() == [("x", 6)]
    assert positions.under("b").duplicates_below() == []


def test_positions_name_the_nearest_line_and_views_answer_for_their_value() -> None:
    text = "# people\nteam:\n  - id: a\n    kpis:\n      - metric: x\n        where: {channel: w}\nother: 1\n"
    fast, slow = parse_yaml(text), load_yaml(text)
    same(fast, slow)
    positions = fast[1]
    assert positions.line() == 2 and positions.line(("team",)) == 2 and positions.line(("team", 0)) == 3
    assert positions.line(("team", 0, "kpis", 0, "where", "channel")) == 6  # inside a flow mapping: its key's line
    assert positions.line(("team", 0, "missing")) == 3 and positions.line(("nowhere", 1)) == 2
    entry = positions.under("team", 0)
    assert entry.line() == 3 and entry.line(("kpis", 0)) == 5 and entry.children() == {"id": 3, "kpis": 4}
    assert entry.get(("kpis",)) == 4 and entry.get(("missing",)) is None
    assert Positions().line((), 7) == 7 and parse_yaml("just text\n")[1].line((), 4) == 4


def test_nesting_too_deep_is_refused_on_the_fast_path_too() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(YamlSyntaxError, match=f"nested more than {MAX_DEPTH} deep"):
        parse_yaml(deep)
    fine = "a: " + "[" * (MAX_DEPTH - 5) + "]" * (MAX_DEPTH - 5) + "\n"
    same(parse_yaml(fine), load_yaml(fine))


def test_without_the_native_parser_the_result_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "native_loads", None)
    same(parse_yaml(CASES["catalog"]), load_yaml(CASES["catalog"]))


def test_scanner_lines_and_unsupported_detection() -> None:
    lines = scan_lines("a:\n- x: 1\n  y: 2\nb: 3\n")
    assert lines[("a", 0)] == 2 and lines[("a", 0, "y")] == 3 and lines[("b",)] == 4
    assert has_unsupported("a: &anchor 1") and not has_unsupported("title: Q&A and 2 * 3")


# The detection as one regular expression: clear, and slow on megabyte catalogs (it tries the
# alternation at every character). has_unsupported must say exactly what it says.
REFERENCE = re.compile(r"(?:^|[\s\[{,:-])[&*!][^\s]|<<\s*:|^(?:---|\.\.\.)\s*\S", re.MULTILINE)


def test_unsupported_detection_matches_the_reference_expression() -> None:
    rng = random.Random(7)
    alphabet = ["&", "*", "!", "<", ":", "-", ".", " ", "\t", "\n", "[", "{", ",", "a", "1", "\u00a0", "#"]
    texts = ["", "&a", "x: *a", "- !tag x", "<<: *base", "---\nx", "--- x", "... end", "R&D: 2*3!", "a:\n  &x 1"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20_000)]
    for text in texts:
        assert has_unsupported(text) == (REFERENCE.search(text) is not None), repr(text)


# Scalars whose meaning differs between YAML 1.1 (PyYAML's default) and 1.2 (the native parser):
# whichever parser reads a file, a value must mean the same. A region `no` is Norway, not False.
SCALARS = [
    "no", "yes", "on", "off", "No", "NO", "Yes", "ON", "Off", "y", "n", "true", "True", "TRUE", "false",
    "~", "null", "Null", "NULL", "=", "12:30", "1:2:3", "017", "007", "-017", "0o17", "0O7", "0x1F", "0X1F",
    "-0x1F", "0b101", "0B1", "-0b11", "+12", "-7", "0", "1_000", "1e3", "1E3", "12e03", "1.0e+3", "0.1e-2",
    ".5", "-.5", "1.", "0.", ".inf", "-.Inf", "+.inf", "2026-01-05", "2026-01-05 10:00:00", "2026-1-5",
    "1,000", "1.2.3", "1e", "e3", "0x", "0xG", "0o8", "nULL", "tRue", ".",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_a_scalar_means_the_same_on_both_paths(scalar: str) -> None:
    native = parse_yaml(f"region: {scalar}\n")[0]["region"]
    fallback = load_yaml(f"region: {scalar}\n")[0]["region"]
    assert (native, type(native)) == (fallback, type(fallback))


def test_nan_on_both_paths() -> None:
    assert math.isnan(parse_yaml("x: .nan\n")[0]["x"]) and math.isnan(load_yaml("x: .nan\n")[0]["x"])


def test_an_anchor_elsewhere_in_the_file_does_not_change_a_value() -> None:
    plain = "regions:\n  - id: no\n    name: Norway\n"
    anchored = plain + "extra: &a 1\nagain: *a\n"
    assert has_unsupported(anchored)  # read by PyYAML, not the native parser
    assert parse_yaml(anchored)[0]["regions"] == parse_yaml(plain)[0]["regions"] == [{"id": "no", "name": "Norway"}]


def test_mkdocs_yml_is_read_as_mkdocs_reads_it() -> None:
    assert parse_yaml("strict: yes\nrules: {stale-review: off}\n", config=True)[0] == {
        "strict": True, "rules": {"stale-review": False}}
