"""``opsmanual publish``: a versioned site on the ``gh-pages`` branch, in mike's layout."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import click

from ..load.problems import InputError
from ..report.text import summary_line
from ..site.bundle import SiteMeta
from ..site.history import SiteReport, read_report
from ..vcs import source_commit
from .git import GitError, fetch_branch
from .options import as_of_option, project_dir
from .problems import exit_with_problems, fail


def _history(branch: str, version: str) -> tuple[str | None, SiteReport | None, tuple[tuple[str, dict[str, int]], ...]]:
    """(previous version, its report, counts of every earlier version oldest first) from the branch."""
    from mike import commands as mike_commands
    from mike import git_utils

    from ..site.bundle import REPORT_FILE

    earlier = [info for info in mike_commands.list_versions(branch) if str(info.version) != version]
    reports: list[tuple[str, SiteReport | None]] = []
    for info in earlier:
        try:
            text = git_utils.read_file(branch, f"{info.version}/{REPORT_FILE}", universal_newlines=True)
            reports.append((str(info.version), read_report(json.loads(text))))
        except (git_utils.GitError, ValueError):
            continue
    if not reports:
        return None, None, ()
    previous_version, previous = reports[0]  # mike lists the newest version first
    history = tuple((v, r.counts) for v, r in reversed(reports) if r is not None)
    return previous_version, previous, history


def _catch_up(root: Path, branch: str) -> None:
    """Start from origin's BRANCH, so that versions published from other checkouts (CI, a
    colleague) are kept and the push is a fast-forward."""
    from mike import git_utils

    if not fetch_branch(root, "origin", branch):
        return  # the first version: origin has no branch yet
    try:
        git_utils.update_from_upstream("origin", branch)
    except (git_utils.GitBranchDiverged, git_utils.GitRevUnrelated) as exc:
        raise GitError(f"{exc}: the local '{branch}' has versions origin lacks. To continue from origin's, "
                       f"run git branch -f {branch} origin/{branch} (drops the local-only versions) "
                       "and publish again") from None


_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")


def check_names(version: str, aliases: tuple[str, ...], branch: str) -> None:
    """A version or alias names a folder of the published branch: a letter or digit, then letters,
    digits, '.', '_', '+' or '-' (no '/', no leading dot: never ``.git``, ``..`` or ``''``)."""
    for option, name in [("--version", version), *(("--alias", a) for a in aliases)]:
        if not _NAME.fullmatch(name) or name.endswith((".lock", ".")):
            raise click.BadParameter(f"{name!r} is not a version name; use letters, digits and . _ + - "
                                     "(starting with a letter or digit), e.g. 2026.11", param_hint=f"'{option}'")
    if not _BRANCH.fullmatch(branch) or ".." in branch or branch.endswith((".lock", "/", ".")) or "//" in branch:
        raise click.BadParameter(f"{branch!r} is not a branch name, e.g. gh-pages", param_hint="'--branch'")


@click.command()
@project_dir
@as_of_option
@click.option("--version", "version", required=True, help="The version to publish, e.g. 2026.11 or 1.4.")
@click.option("--alias", "aliases", multiple=True, help="An alias such as latest; may be repeated.")
@click.option("--title", default=None, help="The title shown in the version selector. Default: the version.")
@click.option("--branch", default="gh-pages", show_default=True, help="The branch that holds the published versions.")
@click.option("--push", is_flag=True,
              help="Start from origin's branch (keeping versions published elsewhere), then push it back.")
def publish(project: str, as_of: date | None, version: str, aliases: tuple[str, ...], title: str | None,
            branch: str, push: bool) -> None:
    """Publish a version of the site that Material's version selector lists.

    Builds the site (MkDocs engine) and commits it to BRANCH under VERSION/ with mike,
    updating versions.json and the aliases. The site keeps its findings report, which the
    next version's changes/ page compares against.

    \b
    Example:
        opsmanual publish . --version 2026.11 --alias latest --title "November 2026"
    """
    check_names(version, aliases, branch)
    from mike import commands as mike_commands
    from mike import git_utils

    from ..engines.build import build_site
    from ..engines.errors import BuildError
    from ..pipeline import prepare

    root = Path(project).resolve()
    commit = source_commit(root)
    if commit is None:
        fail(f"{root} is not a git checkout with a commit; publish needs git (run git init and commit)")
    work = Path(tempfile.mkdtemp(prefix=".opsmanual-publish-"))
    try:
        with contextlib.chdir(root):  # mike's git helpers act on the current directory
            if push:
                _catch_up(root, branch)
            previous_version, previous, history = _history(branch, version)
            meta = SiteMeta(version=version, commit=commit, previous_report=previous,
                            previous_version=previous_version, history=history)
            try:
                prepared = prepare(root, as_of=as_of, today=date.today(), meta=meta)
            except InputError as exc:
                exit_with_problems(exc.problems)
            site_dir = work / "site"
            cfg = {"site_dir": str(site_dir), "use_directory_urls": True}
            with mike_commands.deploy(cfg, version, title, list(aliases), update_aliases=True, branch=branch):
                build_site(prepared, engine="mkdocs", site_dir=site_dir, version_selector=True)
            if push:
                git_utils.push_branch("origin", branch)
    except BuildError as exc:
        fail(exc, 1)
    except (git_utils.GitError, GitError) as exc:
        fail(f"git: {exc}", 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    shown = f" ({', '.join(aliases)})" if aliases else ""
    click.echo(f"Published version {version}{shown} to branch {branch}")
    click.echo(summary_line(prepared.judgement))
