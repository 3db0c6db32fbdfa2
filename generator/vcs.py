"""Asking git: the one subprocess wrapper, and the facts about a checkout that the site shows
(never required: no git, no facts)."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git cannot answer: not a repository, an unknown ref, no common history. The message says how to fix it."""


def git(args: list[str], cwd: Path) -> str:
    """git's standard output; :class:`GitError` with git's last line of complaint when it fails."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def source_commit(root: Path) -> str | None:
    """The short sha of HEAD, when the project is a git checkout with a commit."""
    try:
        return git(["rev-parse", "--short", "HEAD"], root).strip() or None
    except GitError:
        return None
