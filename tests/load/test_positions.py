"""The positions of a native parse are laid on the data only where asked: every answer must be
the one the whole table gives (``Positions.lines`` and ``starts`` build it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.load.pages import split_front_matter
from generator.load.positions import Positions
from generator.load.yamlio import parse_yaml

from .test_yamlio import CASES

ROOT = Path(__file__).resolve().parents[2]


def _texts() -> list[tuple[str, str]]:
    texts = list(CASES.items())
    for path in sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml")):
        texts.append((path.name, path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "manual").rglob("*.md")):
        try:
            front = split_front_matter(path.read_text(encoding="utf-8"))[0]
        except ValueError:
            continue
        if front:
            texts.append((path.name, front))
    texts.append(("odd shapes", "a:\n- x: 1\n  y: [1, {z: 2}]\n- 7\n- []\n- {}\nb: {}\nc:\n  1: one\n  d:\n  e: |\n    t\n"))
    texts.append(("list at top", "- 1\n- - a\n  - b\n-\n  k: v\n  w:\n    - {q: 1}\n"))
    texts.append(("scalar", "just text\n"))
    return texts


def _lazy(text: str) -> Positions:
    return parse_yaml(text)[1]


def _probes(table: Positions) -> list[tuple[Any, ...]]:
    """Every path of the table, one step past each, and some that are nowhere."""
    paths = list(table.lines) + list(table.starts)
    probes = set(paths)
    for path in paths:
        probes.update({(*path, "missing"), (*path, 0), (*path, 10_000), (*path, -1), (*path, True), (*path, "x", 0)})
    probes.update({("nowhere",), ("nowhere", 3), (), (5,), (0, "id")})
    return sorted(probes, key=repr)


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[name for name, _ in _texts()])
def test_every_answer_is_the_whole_tables(name: str, text: str) -> None:
    table = _lazy(text)
    table.lines  # noqa: B018 - lays the table out: the reference
    for probe in _probes(table):
        lazy = _lazy(text)
        assert lazy.line(probe) == table.line(probe), probe
        assert lazy.line(probe, 77) == table.line(probe, 77), probe
        assert lazy.get(probe) == table.get(probe), probe
        assert lazy.under(*probe).children() == table.under(*probe).children(), probe
        assert list(lazy.under(*probe).children()) == list(table.under(*probe).children()), probe
        assert lazy.under(*probe).line((), 5) == table.under(*probe).line((), 5), probe
        assert lazy.under(*probe).line(("id",), 5) == table.under(*probe).line(("id",), 5), probe


def test_a_line_set_before_or_after_the_layout_is_seen_by_every_view() -> None:
    text = "- id: a\n  kpis:\n    - metric: x\n- title: b\n"
    lazy, table = _lazy(text), _lazy(text)
    table.lines  # noqa: B018
    for positions in (lazy, table):
        positions.under(1).set(("id",), 4)
        positions.set(("extra", "deep"), 9)
    for probe in [(1, "id"), (1,), ("extra", "deep", "x"), ("extra",), (0, "kpis", 0)]:
        assert lazy.line(probe) == table.line(probe) and lazy.get(probe) == table.get(probe), probe
    assert lazy.under(1).children() == table.under(1).children() == {"title": 4, "id": 4}
    assert lazy.lines == table.lines and lazy.starts == table.starts


def test_the_table_is_built_only_when_a_caller_asks_for_it() -> None:
    positions = _lazy("- id: a\n  title: A\n- id: b\n")
    assert positions.under(1).line() == 3 and positions.under(0).children() == {"id": 1, "title": 2}
    assert positions._table.scan is not None  # no table yet
    assert positions.lines[(1, "id")] == 3 and positions._table.scan is None


def test_views_with_other_duplicates_share_the_lines() -> None:
    positions = _lazy("a: 1\nb:\n  c: 2\n")
    other = positions.with_duplicates([(("b", "c"), 3)])
    assert other.line(("b", "c")) == 3 and other.under("b").duplicates_below() == [("c", 3)]
    assert positions.duplicates == [] and positions.under("b").duplicates_below() == []


def test_laid_out_positions_keep_their_lines_when_the_data_changes() -> None:
    data, positions = parse_yaml("- period: 2026-Q4\n  cost: 5\n  sqls: 2\n")
    positions.lay_out()
    data[0]["spend"] = data[0].pop("cost")
    assert positions.line((0, "cost")) == 2 and positions.get((0, "sqls")) == 3 and positions.get((0, "spend")) is None
