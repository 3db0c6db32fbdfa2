"""Run the real command in a child process with a deadline: a hang fails the test, never blocks it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OPSMANUAL = str(Path(sys.executable).with_name("opsmanual"))


def run(*args: object, timeout: float = 60, cwd: Path | None = None, input: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    """``opsmanual ARGS`` with a deadline (raises ``subprocess.TimeoutExpired`` on a hang)."""
    return subprocess.run([OPSMANUAL, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd, input=input, check=False)


def assert_input_error(result: subprocess.CompletedProcess[str], *names: str) -> None:
    """Exit 2, ``Error: ...`` naming each of ``names``, and no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output, output
    assert output.lstrip().startswith("Error: ") or "\nError: " in output, output
    for name in names:
        assert name in output, (name, output)
