"""What one file may cost is bounded: alias bombs, deep nesting, NUL bytes, wide or long CSV,
endless exports and inf/NaN are clear input errors (exit 2, file named), never hangs or tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from .cli import assert_input_error, run

BOMB = "\n".join(
    ["lol: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    + [f"l{i}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(9)]
) + "\n"


def _indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


@pytest.mark.parametrize(
    ("file", "content"),
    [
        ("manual/bomb.md", "---\nowner: ana\nx:\n" + _indented(BOMB, 2) + "---\n# Bomb\n"),
        ("data/stages.yaml", "- id: awareness\n  name: A\n  x:\n" + _indented(BOMB, 4)),
        ("data/metrics.yaml", "measures:\n  leads: {label: Leads, kind: result}\nx:\n" + _indented(BOMB, 2)),
    ],
)
def test_a_yaml_alias_bomb_is_an_input_error(small: Path, file: str, content: str) -> None:
    (small / file).write_text(content, encoding="utf-8")
    assert_input_error(run("check", small, timeout=60), file, "aliases expand")


def test_an_alias_bomb_in_a_map_file_is_an_input_error(small: Path) -> None:
    export = small / "export.csv"
    export.write_text("Channel,Leads\nwebinar,5\n", encoding="utf-8")
    (small / "map.yaml").write_text("measures:\n  leads: Leads\nx:\n" + _indented(BOMB, 2), encoding="utf-8")
    result = run("ingest", export, small, "--period", "2026-11", "--format", "generic", "--map", small / "map.yaml")
    assert_input_error(result, "map.yaml", "aliases expand")


@pytest.mark.parametrize("style", ["flow", "block"])
@pytest.mark.parametrize("file", ["manual/deep.md", "data/stages.yaml"])
def test_yaml_nested_3000_deep_is_an_input_error(small: Path, style: str, file: str) -> None:
    deep = "[" * 3000 + "]" * 3000 if style == "flow" else "\n" + "".join(
        " " * (i + 4) + f"k{i}:\n" for i in range(3000)) + " " * 3004 + "x"
    if file.endswith(".md"):
        text = f"---\nowner: ana\nx: {deep}\n---\n# Deep\n"
    else:
        text = f"- id: awareness\n  name: A\n  x: {deep}\n"
    (small / file).write_text(text, encoding="utf-8")
    assert_input_error(run("check", small, timeout=60), file, "nest")


def test_a_nul_byte_in_a_catalog_is_an_input_error_not_lost_entries(small: Path) -> None:
    (small / "data" / "stages.yaml").write_bytes(b"- id: awareness\n  name: Aware\x00ness\n- id: decision\n  name: D\n")
    assert_input_error(run("check", small), "data/stages.yaml:2", "NUL")


def test_a_snapshot_with_100k_columns_is_an_input_error(small: Path) -> None:
    header = "channel,leads," + ",".join(f"c{i}" for i in range(100_000))
    (small / "data" / "snapshots" / "2026-07.csv").write_text(header + "\n", encoding="utf-8")
    assert_input_error(run("check", small, timeout=60), "data/snapshots/2026-07.csv", "columns")


@pytest.mark.parametrize("row", ["webinar," + "1" * 10_000_000, '"' + "a" * 10_000_000, "a" * 10_000_000 + ",1"])
def test_a_10mb_line_in_a_snapshot_is_an_input_error(small: Path, row: str) -> None:
    (small / "data" / "snapshots" / "2026-07.csv").write_text("channel,leads\n" + row + "\n", encoding="utf-8")
    assert_input_error(run("check", small, timeout=60), "data/snapshots/2026-07.csv")


def test_a_10mb_header_is_an_input_error(small: Path) -> None:
    (small / "data" / "snapshots" / "2026-07.csv").write_text("channel,leads," + "x" * 10_000_000 + "\n",
                                                             encoding="utf-8")
    assert_input_error(run("check", small, timeout=60), "data/snapshots/2026-07.csv:1", "header")


@pytest.mark.parametrize("value", ["inf", "-inf", "NaN", "nan", "1e999", "Infinity"])
def test_inf_and_nan_in_a_snapshot_are_input_errors(small: Path, value: str) -> None:
    (small / "data" / "snapshots" / "2026-07.csv").write_text(f"channel,leads\nwebinar,{value}\n", encoding="utf-8")
    assert_input_error(run("check", small), "data/snapshots/2026-07.csv:2", "not a finite number")


def test_the_same_period_in_two_files_is_an_input_error_naming_both(small: Path) -> None:
    snapshots = small / "data" / "snapshots"
    lines = (snapshots / "2026-09.csv").read_text(encoding="utf-8").splitlines()
    copied = ["period," + lines[0], *(f"2026-09,{line}" for line in lines[1:])]
    (snapshots / "copy.csv").write_text("\n".join(copied) + "\n", encoding="utf-8")
    assert_input_error(run("check", small), "data/snapshots/copy.csv", "data/snapshots/2026-09.csv", "2026-09")


@pytest.mark.parametrize("export", ["/dev/zero", "/dev/urandom"])
def test_ingest_of_an_endless_file_is_an_input_error(small: Path, export: str) -> None:
    result = run("ingest", export, small, "--period", "2026-11", "--format", "generic", timeout=30)
    assert_input_error(result, export, "not a regular file")


def test_ingest_of_an_export_with_100k_columns_is_an_input_error(small: Path) -> None:
    export = small / "wide.csv"
    export.write_text("Channel,Leads," + ",".join(f"c{i}" for i in range(100_000)) + "\nwebinar,5\n",
                      encoding="utf-8")
    result = run("ingest", export, small, "--period", "2026-11", "--format", "generic", timeout=60)
    assert_input_error(result, "wide.csv", "columns")


@pytest.mark.parametrize("formula", [" + ".join(["leads"] * 1000), "(" * 3000 + "leads" + ")" * 3000,
                                     " * ".join(["leads"] * 5000)])
def test_a_huge_formula_is_an_input_error(small: Path, formula: str) -> None:
    metrics = small / "data" / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8") + f'  big: {{label: Big, formula: "{formula}"}}\n',
                       encoding="utf-8")
    assert_input_error(run("check", small), "data/metrics.yaml", "big")


@pytest.mark.parametrize("cadence", ["1000000w", "99999999d", "50000mo"])
def test_a_review_cadence_past_the_calendar_is_an_input_error(small: Path, cadence: str) -> None:
    page = small / "manual" / "processes" / "lead-handoff.md"
    page.write_text(page.read_text(encoding="utf-8").replace("review_every: 90d", f"review_every: {cadence}"),
                    encoding="utf-8")
    assert_input_error(run("check", small), "manual/processes/lead-handoff.md", "100 years")
    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("review_every: 90d", f"review_every: {cadence}"),
                      encoding="utf-8")


def test_an_oversized_page_is_an_input_error_before_it_is_read(small: Path) -> None:
    page = small / "manual" / "huge.md"
    with page.open("wb") as handle:  # sparse: 65 MB on paper, nothing on disk
        handle.truncate(65 * 1024 * 1024)
    assert_input_error(run("check", small), "manual/huge.md", "more than")


@pytest.mark.parametrize("content", ["Channel,Leads\nwebinar," + "1" * 10_000_000 + "\n",
                                     "Channel,Leads," + "x" * 10_000_000 + "\nwebinar,1\n"])
def test_ingest_of_a_10mb_line_is_an_input_error(small: Path, content: str) -> None:
    export = small / "long.csv"
    export.write_text(content, encoding="utf-8")
    result = run("ingest", export, small, "--period", "2026-11", "--format", "generic", timeout=60)
    assert_input_error(result, "long.csv")
