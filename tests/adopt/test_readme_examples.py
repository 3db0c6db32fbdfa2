"""Every concrete `opsmanual ...` example in README.md runs as written on a copy of the demo."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
OPSMANUAL = Path(sys.executable).parent / "opsmanual"
# Long-running, needing git remotes, export files or a database of their own (tested in tests/ingest,
# tests/engines, tests/warehouse).
SKIP = ("serve", "publish", "ingest", "pull")
PLACEHOLDER = re.compile(r"^-*[A-Z][A-Z0-9_-]*(\.\.\.)?$|\.\.\.|<|\[|\|")


def examples() -> list[str]:
    found: list[str] = []
    in_block = False
    for line in README.splitlines():
        if line.startswith("```"):
            in_block = not in_block
            continue
        if in_block:
            for part in line.split("&&"):
                part = part.strip().removeprefix("$ ")
                if part.startswith("opsmanual "):
                    found.append(part.split("  #")[0].strip())
        else:
            found += re.findall(r"`(opsmanual [^`]+)`", line)
    concrete = []
    for example in dict.fromkeys(found):
        try:
            words = shlex.split(example)
        except ValueError:  # a fragment that a line break cut off
            continue
        if len(words) == 2 and words[1] in ("new", "review"):  # a command's name in prose, not an example
            continue
        if words[1] in SKIP or any(PLACEHOLDER.search(w) for w in words[1:]):
            continue
        concrete.append(example)
    return concrete


def test_the_readme_has_concrete_examples() -> None:
    assert {"opsmanual init my-manual", "opsmanual report --owner revops --format text",
            "opsmanual review manual/operating-manual/mql-to-sql-handoff.md --by maya-okafor"} <= set(examples())


@pytest.mark.parametrize("example", examples())
def test_a_readme_example_runs_on_the_demo(tmp_path: Path, example: str) -> None:
    demo = tmp_path / "demo"
    demo.mkdir()
    for name in ("manual", "data"):
        shutil.copytree(ROOT / name, demo / name)
    shutil.copy(ROOT / "mkdocs.yml", demo / "mkdocs.yml")
    result = subprocess.run([str(OPSMANUAL), *shlex.split(example)[1:]], cwd=demo, capture_output=True, text=True,
                            timeout=300, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode in (0, 1), f"{example}\n{result.stdout}\n{result.stderr}"
    assert "Error:" not in result.stderr, result.stderr
    if shlex.split(example)[1] != "check":
        assert result.returncode == 0, result.stderr
