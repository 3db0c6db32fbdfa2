"""What a change touches, asked of git: the adapter behind ``opsmanual check --changed-since``."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git cannot answer: not a repository, an unknown ref, no common history. The message says how to fix it."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        raise GitError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return done.stdout


def _paths(output: str) -> set[str]:
    return {p for p in output.split("\0") if p}


def changed_files(project: Path, ref: str) -> list[str]:
    """Paths relative to ``project`` that differ from ``ref``: its commits since the merge base with
    ``ref`` (``git diff REF...HEAD``), plus staged, unstaged and untracked files. Only paths inside
    ``project`` count, even when it is a subfolder of the repository."""
    try:
        _git(["rev-parse", "--is-inside-work-tree"], project)
    except GitError as exc:
        raise GitError(f"{project} is not in a git checkout ({exc})") from None
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git ref")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], project)
    except GitError:
        raise GitError(f"'{ref}' is not a commit, branch or tag in this repository (in CI, fetch it first: "
                       "git fetch origin <branch>, or check out with full history)") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], project).strip()
    except GitError:
        raise GitError(f"'{ref}' and HEAD have no common history; fetch the full history "
                       "(actions/checkout with fetch-depth: 0, GIT_DEPTH: 0 on GitLab)") from None
    committed = _git(["diff", "--name-only", "--relative", "-z", base, "HEAD", "--"], project)
    uncommitted = _git(["diff", "--name-only", "--relative", "-z", "HEAD", "--"], project)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z", "--", "."], project)
    return sorted(_paths(committed) | _paths(uncommitted) | _paths(untracked))



def fetch_branch(project: Path, remote: str, branch: str) -> bool:
    """Fetch ``branch`` from ``remote`` into ``refs/remotes/<remote>/<branch>``; False when the remote
    has no such branch yet (a first publish)."""
    try:
        heads = _git(["ls-remote", "--heads", remote, f"refs/heads/{branch}"], project)
    except GitError as exc:
        raise GitError(f"cannot reach the remote '{remote}' ({exc})") from None
    if not heads.strip():
        return False
    _git(["fetch", "--no-tags", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"], project)
    return True
