"""``opsmanual report``: each owner's digest of what to act on."""

from __future__ import annotations

import sys
from datetime import date

import click

from ..model.names import suggest
from ..report.digest import DIGEST_FORMATS, build_digest
from ..site.subjects import places
from .judged import load_and_judge
from .options import as_of_option, project_dir
from .problems import fail


@click.command("report")
@project_dir
@as_of_option
@click.option("--owner", default=None, help="Only this owner's findings (an id from people.yaml). Default: every owner.")
@click.option("--format", "fmt", type=click.Choice(list(DIGEST_FORMATS)), default=None,
              help="markdown for chat or e-mail, text for plain e-mail or a terminal, json for a bot. "
                   "Default: text on a terminal, else markdown.")
def report(project: str, as_of: date | None, owner: str | None, fmt: str | None) -> None:
    """Write each owner's digest of what to act on, most urgent first.

    Groups the findings of opsmanual check by owner (errors, then warnings, then info; within a
    severity the most urgent rule first). Each names its page, channel or asset by its title, with
    its address on the site when mkdocs.yml has site_url, the file and line of its source and,
    when mkdocs.yml has repo_url and edit_uri, a link to edit it. Without --owner every owner with findings gets
    a section, and findings without an owner get one at the end. Always exits 0 unless the
    input cannot be read (2).

    \b
    Example:
        opsmanual report . --owner ana --format text --as-of 2026-11-20
    """
    loaded, judgement = load_and_judge(project, as_of)
    people = loaded.catalogs.people
    if owner is not None and owner not in people and all(f.owner != owner for f in judgement.findings):
        near = suggest(owner, list(people))
        hint = f"did you mean '{near}'?" if near else "use an id from people.yaml"
        fail(f"unknown owner '{owner}': it is not in {loaded.config.settings.data_dir}/people.yaml ({hint})")
    digest = build_digest(judgement, people, owner=owner, docs_dir=loaded.config.docs_dir,
                          edit_url=loaded.config.edit_url,
                          places=places(loaded, {f.subject for f in judgement.findings}))
    if fmt is None:
        fmt = "text" if sys.stdout.isatty() else "markdown"
    click.echo(DIGEST_FORMATS[fmt](digest), nl=False)
