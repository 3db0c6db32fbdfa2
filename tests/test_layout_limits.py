"""Small modules: no Python module of the product, the benchmarks or the tools is over 400 lines."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("generator", "benchmarks", "tools")
MAX_LINES = 400


def modules() -> list[Path]:
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if not any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(ROOT).parts):
                found.append(path)
    return found


def line_count(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def test_the_search_finds_every_folder() -> None:
    found = {path.relative_to(ROOT).parts[0] for path in modules()}
    assert found == set(FOLDERS)
    assert ROOT / "generator" / "load" / "schema.py" in modules()


def test_no_module_is_over_the_limit() -> None:
    over = [f"{path.relative_to(ROOT)} ({line_count(path)} lines)" for path in modules() if line_count(path) > MAX_LINES]
    assert not over, f"over {MAX_LINES} lines, split by concept: " + ", ".join(over)


def test_the_count_is_of_lines(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("a = 1\n" * (MAX_LINES + 1))
    assert line_count(sample) == MAX_LINES + 1
