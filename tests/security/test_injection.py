"""Data cannot write lines of its own: into CODEOWNERS, a text or GitHub report, a JUnit file or a
snapshot that a spreadsheet opens."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from .cli import assert_input_error, run

PEOPLE = "data/people.yaml"


def _people(root: Path, **fields: str) -> None:
    people = yaml.safe_load((root / PEOPLE).read_text(encoding="utf-8"))
    people[1].update(fields)  # ana
    (root / PEOPLE).write_text(yaml.safe_dump(people, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(("field", "value"), [
    ("git", "ana\n/mkdocs.yml @attacker"), ("git", "ana @attacker"), ("git", "ana # comment"),
    ("git", "ana\r* @attacker"), ("email", "ana@x.example\n* @attacker"), ("email", "a@b.example @c"),
])
def test_a_handle_cannot_add_codeowners_lines(small: Path, field: str, value: str) -> None:
    _people(small, **{field: value})
    assert_input_error(run("codeowners", small), "ana")
    assert not (small / ".github" / "CODEOWNERS").exists()


def test_a_file_name_cannot_add_codeowners_lines(small: Path) -> None:
    (small / "manual" / "a\n* @attacker.md").write_text("---\nowner: ana\n---\n# A\n", encoding="utf-8")
    result = run("codeowners", small)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not (small / ".github" / "CODEOWNERS").exists()


HOSTILE = "Evil\n::error file=x,line=1::forged\r\n\x1b[2J\x00\x07 end"


def _hostile_finding(root: Path) -> None:
    # An unknown channel id in a snapshot is quoted in its finding's message.
    snapshots = root / "data" / "snapshots"
    (snapshots / "2026-07.csv").write_text(
        'channel,leads\n"' + HOSTILE.replace("\x00", "").replace('"', '""') + '",5\n', encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_report_line_is_never_started_by_data(small: Path, fmt: str) -> None:
    _hostile_finding(small)
    result = run("check", small, "--format", fmt)
    assert result.returncode in (0, 1), result.stderr
    assert "Evil" in result.stdout
    for line in result.stdout.splitlines():
        assert "forged" not in line or "Evil" in line, line  # the forged command shares the finding's line
        assert not line.startswith("::error file=x")
        assert "\x1b" not in line and "\x07" not in line


def test_junit_stays_valid_xml_with_control_characters(small: Path) -> None:
    _hostile_finding(small)
    result = run("check", small, "--format", "junit", "--fail-on", "info")
    ET.fromstring(result.stdout.encode("utf-8"))  # raises on invalid XML
    assert "Evil" in result.stdout


def test_json_has_no_infinity_when_a_period_is_zero(small: Path) -> None:
    # Zeros where a trend starts: a change "from 0" and a cost per zero SQLs have no finite value.
    oldest = small / "data" / "snapshots" / "2026-08.csv"
    oldest.write_text("channel,content,persona,stage,leads,mqls,sqls,pipeline,cost,emails_sent\n"
                      "webinar,wb-zero-trust,it-director,awareness,0,0,0,0,0,\nemail,,cfo,decision,0,0,0,,,0\n",
                      encoding="utf-8")
    result = run("check", small, "--format", "json")
    report = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"JSON holds {name}"))
    assert report["findings"]


def test_an_input_error_message_is_one_line(small: Path) -> None:
    (small / "data" / "stages.yaml").write_text('- id: "bad\\n::error ::forged"\n  name: X\n', encoding="utf-8")
    result = run("check", small)
    assert result.returncode == 2
    assert all(line.startswith(("Error: ", "1 problem", "  ")) or not line for line in result.stderr.splitlines()), (
        result.stderr)


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)",
                                   "-2+3+cmd|' /C calc'!A0", "\t=1+1"])
def test_ingest_refuses_a_cell_a_spreadsheet_would_run(small: Path, value: str) -> None:
    export = small / "export.csv"
    cell = '"' + value.replace('"', '""') + '"'
    export.write_text(f"Region,Leads\n{cell},5\nnorth,3\n", encoding="utf-8")
    (small / "map.yaml").write_text("dimensions:\n  region: Region\n", encoding="utf-8")
    result = run("ingest", export, small, "--period", "2026-11", "--format", "generic", "--map", small / "map.yaml")
    assert_input_error(result, "export.csv:2", "formula")
    assert not (small / "data" / "snapshots" / "2026-11.csv").exists()


@pytest.mark.parametrize(("option", "value"), [("--git", "d\n/mkdocs.yml @evil"), ("--git", "d @evil"),
                                               ("--email", "d@x.example\n* @evil"), ("--email", "d@x.example #x")])
def test_new_person_refuses_a_handle_that_is_not_one(small: Path, option: str, value: str) -> None:
    before = (small / PEOPLE).read_bytes()
    assert_input_error(run("new", "person", "dana", small, "--name", "Dana", option, value), option)
    assert (small / PEOPLE).read_bytes() == before
