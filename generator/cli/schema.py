"""``opsmanual schema``: JSON Schemas for editors and the VS Code settings that use them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..editing.atomic import write_atomic
from ..load.config import find_config, load_config
from ..load.problems import Problems
from ..schemas import build_schemas, yaml_schemas
from ..vscode import Merged, SettingsError, merge_settings
from .options import project_dir
from .problems import fail

SETTINGS = Path(".vscode") / "settings.json"


@click.command()
@project_dir
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the schemas. Default: DIR/.opsmanual/schemas.")
@click.option("--force", is_flag=True, help="Overwrite schema files that differ, and rewrite a settings.json "
                                            "whose comments would be lost.")
def schema(project: str, out: Path | None, force: bool) -> None:
    """Write JSON Schemas of the manual's files and point VS Code at them.

    Writes one JSON Schema (draft 2020-12) per kind of file: page front matter, each catalog
    (people, personas, stages, channels, content) as a list file and as a folder of one file per
    entry, metrics.yaml, and opsmanual's settings (alone and as mkdocs.yml). Then adds
    "yaml.schemas" to DIR/.vscode/settings.json, keeping every other setting, so that the YAML
    extension (redhat.vscode-yaml) completes and checks those files as you type.

    Files that exist with the same content are left as they are; files that differ are not
    overwritten without --force. Front matter inside Markdown cannot be checked by the YAML
    extension: its schema is written for reference; opsmanual check validates it.

    \b
    Example:
        opsmanual schema .
        opsmanual schema . --out schemas --force
    """
    root = Path(project)
    if not root.is_dir():
        fail(f"{root} is not a folder; pass the folder that holds mkdocs.yml")
    if find_config(root) is None:
        fail(f"no mkdocs.yml in {root}; pass the folder that holds mkdocs.yml")
    problems = Problems()
    config = load_config(root, problems)
    data_dir = config.settings.data_dir if config is not None and not problems else "data"
    if config is None or problems:
        click.echo(f"Warning: mkdocs.yml has problems (see opsmanual check); the globs assume data_dir '{data_dir}'.",
                   err=True)
    out_dir = out if out is not None else root / ".opsmanual" / "schemas"
    files = build_schemas(data_dir)
    settings_path = root / SETTINGS
    existing = settings_path.read_text(encoding="utf-8") if settings_path.is_file() else None
    try:
        merged = merge_settings(existing, yaml_schemas(files, _schema_dir(out_dir, root)))
    except SettingsError as exc:
        fail(f"cannot merge into {settings_path}: {exc}; fix it, or add the yaml.schemas entries by hand")
    plan = [(out_dir / f.name, f.text()) for f in files]
    new = [p for p, _ in plan if not p.exists()]
    differ = [p for p, text in plan if p.exists() and _read(p) != text]
    refused = [f"{p} exists and differs" for p in differ]
    if merged.drops_comments:
        refused.append(f"{settings_path} has comments that rewriting it would drop")
    if refused and not force:
        for reason in refused:
            click.echo(f"Error: {reason}", err=True)
        click.echo("Nothing was written; pass --force to overwrite.", err=True)
        sys.exit(2)
    for path, text in plan:
        if path in new or path in differ:
            _write(path, text)
    if merged.changed:
        _write(settings_path, merged.text)
    _report(out_dir, len(new), len(differ), len(plan) - len(new) - len(differ), settings_path, merged)


def _schema_dir(out_dir: Path, root: Path) -> str:
    """How settings.json names the schema folder: relative to the workspace (DIR) when inside it."""
    try:
        return "./" + out_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return out_dir.resolve().as_posix()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def _report(out_dir: Path, new: int, updated: int, same: int, settings_path: Path, merged: Merged) -> None:
    total = new + updated + same
    click.echo(f"Schemas in {out_dir}: {total} ({new} new, {updated} updated, {same} unchanged)")
    if merged.changed:
        click.echo(f"Updated {settings_path}: yaml.schemas points VS Code's YAML extension at them")
    else:
        click.echo(f"{settings_path} already points VS Code's YAML extension at them")
    for glob in merged.left_to_others:
        click.echo(f"Note: {glob} is already mapped to another schema in {settings_path}; left as it is")
    click.echo("Front matter: front-matter.schema.json is for reference (the YAML extension does not look inside "
               "Markdown); opsmanual check validates front matter.")
