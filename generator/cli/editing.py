"""``opsmanual new``, ``opsmanual review`` and ``opsmanual codeowners``: the editor's commands."""

from __future__ import annotations

import contextlib
import posixpath
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from ..editing.atomic import TargetExists, write_atomic
from ..editing.codeowners import merge_into, render_codeowners
from ..editing.errors import EditError
from ..editing.guard import input_problem, project_lock
from ..editing.review import locate_page, record_review, reviewer_trailer
from ..editing.scaffold import KINDS, NewSpec, plan_new
from ..editing.sources import load_sources
from ..load.config import find_config
from ..load.problems import InputError
from ..model.config import resolve_as_of
from ..report.plain import one_line
from .options import project_dir, review_date_option
from .problems import exit_with_problems, fail

WRITTEN = "nothing was written"


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """The project's write lock, when ``root`` holds a config (else the loader reports that)."""
    config = find_config(root) if root.is_dir() else None
    if config is None:
        yield
        return
    try:
        with project_lock(config):
            yield
    except EditError as exc:
        fail(exc)


def _shown(project: str, rel: str) -> str:
    return (Path(project) / rel).as_posix()


@click.command("new")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("entity_id", metavar="ID")
@project_dir
@review_date_option
@click.option("--owner", default=None, help="The owner's id from people.yaml (pages, personas, channels, content).")
@click.option("--title", default=None, help="The title (default: from the id). Same as --name.")
@click.option("--name", default=None, help="The name (default: from the id). Same as --title.")
@click.option("--email", default=None, help="A person's or team's e-mail address (new person only).")
@click.option("--git", default=None, help="A git handle, or org/team for a team, for CODEOWNERS (new person only).")
@click.option("--team", is_flag=True, help="The new person is a team (new person only).")
def new(kind: str, entity_id: str, project: str, as_of: date | None, owner: str | None, title: str | None,
        name: str | None, email: str | None, git: str | None, team: bool) -> None:
    """Scaffold a page or a catalog entry that passes opsmanual check.

    KIND is page, persona, channel, content or person. A page becomes DOCS_DIR/ID.md (ID may
    hold folders, e.g. playbooks/webinars) with front matter: title, owner, reviewed (the as-of
    date), review_every (the config's default), empty personas, stages and kpis, and an H1. An
    entry is appended to its catalog file (data/personas.yaml ...), whose existing text is kept
    byte for byte, or written as DATA_DIR/CATALOG/ID.yaml when the catalog is a folder. Never
    overwrites a file or reuses an id.

    \b
    Examples:
        opsmanual new page playbooks/webinars --owner field-marketing --title "Webinar playbook"
        opsmanual new persona it-director --name "IT Director" --owner pmm
        opsmanual new person dana-kim --name "Dana Kim" --email dana@acme.example --git dkim
    """
    if title is not None and name is not None and title != name:
        raise click.UsageError("give --title or --name, not both")
    with _locked(Path(project)):  # read the catalog and write it back with no other writer between
        try:
            sources = load_sources(Path(project))
        except InputError as exc:
            exit_with_problems(exc.problems, WRITTEN)
        day = resolve_as_of(as_of, sources.config.settings, date.today())
        spec = NewSpec(kind, entity_id, title if title is not None else name, owner, email, git, team)
        try:
            plan = plan_new(sources, spec, day)
            write_atomic(plan.path, plan.data, overwrite=not plan.create)
        except EditError as exc:
            fail(exc)
        except TargetExists:
            fail(f"{plan.rel} already exists; nothing was written")
    click.echo(plan.message(_shown(project, plan.rel)))
    if kind == "page":
        if owner is None:
            click.echo("No --owner given: set owner: before opening a pull request (missing-owner flags it).")
        if sources.config.has_nav:
            page_path = posixpath.relpath(plan.rel, posixpath.normpath(sources.config.docs_dir))
            click.echo(f"mkdocs.yml has a nav: add {page_path} to it to list the page.")


@click.command("review")
@click.argument("pages", nargs=-1, required=True, metavar="PAGE...",
                type=click.Path(dir_okay=True, file_okay=True, path_type=Path))
@click.option("--by", "by", default=None, metavar="WHO",
              help="Who reviewed: a people id or git handle (or 'Name <email>'); printed as a Reviewed-by: commit "
                   "trailer.")
@review_date_option
def review(pages: tuple[Path, ...], by: str | None, as_of: date | None) -> None:
    """Record a review of pages: set reviewed: to the as-of date, and change nothing else.

    Only a human review moves reviewed:, and this is its one-line diff: the reviewed: line gets
    the date (other keys, comments, CRLF and BOM stay byte for byte). A page without the key
    gets it after owner:, a page without front matter gets a front matter block. --by names
    the reviewer for the commit message (a Reviewed-by: trailer); the page is not changed for it.
    Every page is checked before any is written.

    \b
    Example:
        opsmanual review manual/processes/lead-handoff.md --by ana
        git commit -am "Review lead handoff" --trailer "Reviewed-by: Ana Silva <ana@acme.example>"
    """
    planned = []
    trailer = None
    seen: set[Path] = set()
    with contextlib.ExitStack() as locks:
        locked: set[Path] = set()
        try:
            for page in pages:
                location = locate_page(page)
                if location.path in seen:
                    continue
                seen.add(location.path)
                if location.root.resolve() not in locked:  # each project's lock, before its pages are read
                    locked.add(location.root.resolve())
                    locks.enter_context(project_lock(location.root / location.config.file))
                day = resolve_as_of(as_of, location.config.settings, date.today())
                planned.append((page, location, day, record_review(location.path.read_bytes(), day, location.rel)))
            if by is not None:
                location = planned[0][1]
                people = load_sources(location.root).catalogs.people
                trailer = reviewer_trailer(by, people, f"{location.config.settings.data_dir}/people.yaml")
        except EditError as exc:
            fail(exc)
        except InputError as exc:
            exit_with_problems(exc.problems, WRITTEN)
        for page, location, day, outcome in planned:
            if outcome.data is None:
                click.echo(f"{page.as_posix()}: already reviewed on {day.isoformat()}; unchanged")
                continue
            write_atomic(location.path, outcome.data)
            before = outcome.previous.isoformat() if outcome.previous else "never"
            click.echo(f"{page.as_posix()}: reviewed: {before} -> {day.isoformat()}")
    if trailer:
        click.echo(f"Record who reviewed in the commit message: {trailer}")


@click.command("codeowners")
@project_dir
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the file. Default: .github/CODEOWNERS in the project.")
@click.option("--force", is_flag=True, help="Replace an existing CODEOWNERS file.")
def codeowners(project: str, output: Path | None, force: bool) -> None:
    """Write a CODEOWNERS file from the owners of pages and catalog entries.

    Each page with an owner gets a line (/manual/path.md @handle); each catalog file gets the
    owners of its entries, the owner of the most entries first. Owners map to git handles
    through people.yaml: git: as @handle (a team's org/team as @org/team), else the e-mail
    address. Paths are relative to the repository root: the folder of the file, or its parent
    when the file is in .github/ or docs/. Refuses to replace an existing file without --force;
    with it, a file of the repository's own keeps its lines and gets the generated ones in a
    marked block after them.

    \b
    Example:
        opsmanual codeowners . --force
    """
    root = Path(project)
    target = output if output is not None else root / ".github" / "CODEOWNERS"
    if target.exists() and not force:
        fail(f"{target.as_posix()} already exists; pass --force to replace it")
    with _locked(root):
        try:
            sources = load_sources(root, pages=True)
        except InputError as exc:
            exit_with_problems(exc.problems, WRITTEN)
        refused = input_problem(target, root, root / sources.config.file,
                                [root / sources.config.docs_dir, sources.data_dir])
        if refused:
            fail(f"{refused}; nothing was written")
        try:
            result = render_codeowners(sources, target)
            existing = target.read_text(encoding="utf-8", errors="replace") if target.exists() else None
            write_atomic(target, merge_into(existing, result.text).encode("utf-8"), overwrite=force)
        except EditError as exc:
            fail(exc)
        except TargetExists:
            fail(f"{target.as_posix()} already exists; pass --force to replace it")
    for warning in result.warnings:
        click.echo(f"Warning: {one_line(warning)}", err=True)
    click.echo(f"Wrote {target.as_posix()}: {result.rules} path{'s' if result.rules != 1 else ''} with code owners")
