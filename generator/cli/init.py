"""``opsmanual init``: start a manual, or add opsmanual to an existing MkDocs site."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import click

from .problems import fail

SHOWN_PROBLEMS = 5


def _git_person() -> tuple[str, str | None] | None:
    """The name and e-mail git commits as, if git knows them."""
    def get(key: str) -> str | None:
        try:
            out = subprocess.run(["git", "config", "--get", key], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout.strip() or None

    name = get("user.name")
    return (name, get("user.email")) if name else None


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
def init(directory: Path, dry_run: bool) -> None:
    """Start a manual, or add opsmanual to an existing MkDocs site.

    In a folder without mkdocs.yml: writes a new manual that builds with MkDocs + Material
    (mkdocs.yml, a home page, data/people.yaml with you as the first owner, data/metrics.yaml,
    the CI workflows). Markdown already in docs/ or manual/ becomes its pages. In a folder with
    mkdocs.yml: adds '- opsmanual' to plugins: as a one-line diff that keeps every comment, and
    says how many pages have no owner and how to set them. Never overwrites a file.

    \b
    Examples:
        opsmanual init my-manual
        opsmanual init . --dry-run
    """
    from ..editing.atomic import TargetExists, write_atomic
    from ..editing.errors import EditError
    from ..editing.init import plan_init

    today = date.today().isoformat()
    try:
        plan = plan_init(directory, today=today, person=_git_person())
    except EditError as exc:
        fail(exc)
    if plan.already:
        click.echo(f"{(directory / plan.config_rel).as_posix()} already has the opsmanual plugin; nothing to do.")
        _next_steps(directory)
        return
    verb = "Would" if dry_run else "Will"
    if plan.existing_site:
        click.echo(f"{verb} add the opsmanual plugin to {(directory / plan.config_rel).as_posix()}:")
        click.echo(plan.diff, nl=False)
    else:
        click.echo(f"{verb} create a new manual in {directory.as_posix()} (pages in {plan.docs_dir}/):")
        for new in plan.files:
            click.echo(f"  {new.rel}")
    if dry_run:
        click.echo("Dry run: nothing was written.")
        return
    try:
        if plan.config_text is not None:
            path = directory / plan.config_rel
            write_atomic(path, plan.config_text.encode("utf-8"), overwrite=True)
        for new in plan.files:
            write_atomic(directory / new.rel, new.text.encode("utf-8"), overwrite=False)
    except TargetExists as exc:
        fail(f"{exc} appeared while init ran; nothing more was written", then="Run init again.")
    except OSError as exc:
        fail(f"cannot write: {exc}")
    click.echo("Done.")
    _next_steps(directory)
    if plan.prune_tip:
        click.echo("  A large site: add navigation.prune to theme: features: in mkdocs.yml, so that each page "
                   "carries only its own section's navigation (smaller pages, faster builds).")


def _next_steps(root: Path) -> None:
    """How far the manual is from checking clean, and the commands that get it there."""
    from ..load.problems import InputError
    from ..load.project import load_project

    try:
        project = load_project(root)
    except InputError as exc:
        count = len(exc.problems)
        click.echo(f"\nopsmanual cannot read the manual yet ({count} problem{'s' if count != 1 else ''}):")
        for problem in exc.problems[:SHOWN_PROBLEMS]:
            click.echo(f"  {problem}")
        if count > SHOWN_PROBLEMS:
            click.echo(f"  ... and {count - SHOWN_PROBLEMS} more: run opsmanual check {root.as_posix()}")
        return
    pages = project.pages
    docs = project.config.docs_dir
    unowned = [p for p in pages if not p.owner]
    from_codeowners = sum(1 for p in pages if p.owner_from)
    click.echo("\nNext steps:")
    click.echo(f"  {len(pages)} page{'s' if len(pages) != 1 else ''}; {len(unowned)} without an owner"
               + (f", {from_codeowners} owned through CODEOWNERS" if from_codeowners else "") + ".")
    if unowned:
        folders = sorted({p.path.split("/")[0] for p in unowned if "/" in p.path})
        example = folders[0] if folders else None
        click.echo("  Give pages an owner, whichever is least work:")
        click.echo("    - by CODEOWNERS: pages without owner: take the owner of their path in .github/CODEOWNERS")
        if example:
            click.echo(f"    - by folder: a CODEOWNERS line such as '/{docs}/{example}/ @your-org/your-team'")
        click.echo(f"    - by page: 'owner: <id>' in the front matter of {unowned[0].file}")
        click.echo("  Owners are ids from data/people.yaml (opsmanual new person ID --name \"Full Name\" --git HANDLE),")
        click.echo("  or a CODEOWNERS handle as written.")
    never = sum(1 for p in pages if p.reviewed is None)
    if never:
        click.echo(f"  {never} page{'s have' if never != 1 else ' has'} no review date: opsmanual review PAGE records one.")
    click.echo(f"  Then: opsmanual check {root.as_posix()}   and preview: opsmanual serve {root.as_posix()}")
