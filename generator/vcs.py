"""Facts about the project's git checkout that the site shows (never required: no git, no facts)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def source_commit(root: Path) -> str | None:
    """The short sha of HEAD, when the project is a git checkout with a commit."""
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                                check=False)
    except OSError:  # git is not installed
        return None
    return (result.stdout.strip() or None) if result.returncode == 0 else None
