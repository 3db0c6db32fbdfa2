"""Undocumented commands, options and rules fail the build (after sqlite-utils' test_docs.py)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from generator.cli.main import cli
from generator.rules.registry import RULES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES_MD = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
FORMATS_MD = (ROOT / "docs" / "FORMATS.md").read_text(encoding="utf-8")

COMMANDS = sorted(cli.all_commands)
OPTIONS = [
    (name, opt)
    for name in COMMANDS
    for param in cli.all_commands[name].params
    if isinstance(param, click.Option)
    for opt in (*param.opts, *param.secondary_opts)
]


def test_check_is_a_command():
    assert "check" in COMMANDS
    assert {"--as-of", "--format", "--fail-on", "--output", "-o"} <= {opt for name, opt in OPTIONS if name == "check"}


@pytest.mark.parametrize("command", COMMANDS)
def test_commands_are_documented(command):
    assert f"opsmanual {command}" in README, f"'opsmanual {command}' is not in README.md"


def usage(command: str) -> str:
    """README's usage lines of ``command``: each line of a code block that starts with
    ``opsmanual <command>``, with the indented lines that continue it."""
    found: list[str] = []
    in_block = taking = False
    for line in README.splitlines():
        if line.startswith("```"):
            in_block, taking = not in_block, False
        elif in_block and re.match(rf"(\$ )?opsmanual {command}\b", line):
            taking = True
            found.append(line)
        elif in_block and taking and line[:1].isspace():
            found.append(line)
        else:
            taking = False
    return "\n".join(found)


@pytest.mark.parametrize(("command", "option"), OPTIONS)
def test_options_are_documented(command, option):
    """In that command's own usage line, not merely somewhere in README."""
    found = re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", usage(command)) is not None
    assert found, f"'opsmanual {command} {option}' is in no usage line of that command in README.md"


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rules_are_documented(rule):
    assert f"`{rule}`" in RULES_MD
    assert f"`{rule}`" in FORMATS_MD  # the default severities table


def test_no_documented_rule_is_unknown():
    documented = set(re.findall(r"^\| `([a-z-]+)`", RULES_MD, re.MULTILINE))
    assert documented == set(RULES)
