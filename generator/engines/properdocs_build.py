"""Build with ProperDocs, the maintained fork of MkDocs 1.6 that loads the same plugins.

ProperDocs aliases every ``mkdocs.*`` import to its own modules once it runs, so it cannot share
a process with MkDocs: the build runs as ``python -m properdocs build`` in a child process, where
the ``opsmanual`` plugin (registered for both, through the ``mkdocs.plugins`` entry point) loads
and judges the manual itself, pinned to the same as-of date.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from ..pipeline import Prepared
from .errors import BuildError
from .mkdocs_build import is_noise


def available() -> bool:
    return importlib.util.find_spec("properdocs") is not None


def build(prepared: Prepared, site_dir: Path, *, quiet: bool = True) -> list[str]:
    """Build into ``site_dir``; return the engine's warnings about the manual."""
    if not available():
        raise BuildError("ProperDocs is not installed; pip install properdocs (or use --engine mkdocs)")
    project = prepared.project
    config_file = (project.root / project.config.file).resolve()
    env = {**os.environ, "OPSMANUAL_AS_OF": prepared.judgement.as_of.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "properdocs", "build", "-f", str(config_file), "-d", str(site_dir.resolve())]
    if not quiet:
        command.append("--verbose")
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project.root, check=False)
    lines = (result.stderr + result.stdout).splitlines()
    if result.returncode != 0:
        errors = [line.split("-", 1)[-1].strip() for line in lines if line.startswith(("ERROR", "Aborted"))]
        raise BuildError("the ProperDocs build failed: " + ("\n".join(errors) or "\n".join(lines[-10:])))
    if not quiet:
        sys.stderr.write(result.stderr)
    warnings = [f"WARNING: {line.split('-', 1)[-1].strip()}" for line in lines if line.startswith("WARNING")]
    return [w for w in dict.fromkeys(warnings) if not is_noise(w)]
