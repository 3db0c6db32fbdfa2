"""What a change touches, asked of git: the adapter behind ``opsmanual check --changed-since``."""

from __future__ import annotations

from pathlib import Path

from ..vcs import GitError, git

__all__ = ["GitError", "changed_files", "fetch_branch"]


def _paths(output: str) -> set[str]:
    return {p for p in output.split("\0") if p}


def changed_files(project: Path, ref: str) -> list[str]:
    """Paths relative to ``project`` that differ from ``ref``: its commits since the merge base with
    ``ref`` (``git diff REF...HEAD``), plus staged, unstaged and untracked files. Only paths inside
    ``project`` count, even when it is a subfolder of the repository."""
    try:
        git(["rev-parse", "--is-inside-work-tree"], project)
    except GitError as exc:
        raise GitError(f"{project} is not in a git checkout ({exc})") from None
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git ref")
    try:
        git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], project)
    except GitError:
        raise GitError(f"'{ref}' is not a commit, branch or tag in this repository (in CI, fetch it first: "
                       "git fetch origin <branch>, or check out with full history)") from None
    try:
        base = git(["merge-base", ref, "HEAD"], project).strip()
    except GitError:
        raise GitError(f"'{ref}' and HEAD have no common history; fetch the full history "
                       "(actions/checkout with fetch-depth: 0, GIT_DEPTH: 0 on GitLab)") from None
    committed = git(["diff", "--name-only", "--relative", "-z", base, "HEAD", "--"], project)
    uncommitted = git(["diff", "--name-only", "--relative", "-z", "HEAD", "--"], project)
    untracked = git(["ls-files", "--others", "--exclude-standard", "-z", "--", "."], project)
    return sorted(_paths(committed) | _paths(uncommitted) | _paths(untracked))



def fetch_branch(project: Path, remote: str, branch: str) -> bool:
    """Fetch ``branch`` from ``remote`` into ``refs/remotes/<remote>/<branch>``; False when the remote
    has no such branch yet (a first publish)."""
    try:
        heads = git(["ls-remote", "--heads", remote, f"refs/heads/{branch}"], project)
    except GitError as exc:
        raise GitError(f"cannot reach the remote '{remote}' ({exc})") from None
    if not heads.strip():
        return False
    git(["fetch", "--no-tags", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"], project)
    return True
