"""``opsmanual build`` and ``opsmanual serve``."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..load.problems import InputError
from ..metrics.format import plural
from ..report.plain import one_line
from .options import as_of_option, project_dir
from .problems import exit_with_problems, fail
from .progress import Progress

if TYPE_CHECKING:
    from ..pipeline import Prepared
    from ..site.bundle import SiteMeta

LONG_BUILD = 200  # pages; shorter builds print no progress lines


@click.command()
@project_dir
@as_of_option
@click.option("--engine", type=click.Choice(("mkdocs", "properdocs", "zensical")), default="mkdocs", show_default=True,
              help="The site engine: MkDocs + Material (the plugin), ProperDocs (MkDocs' maintained fork, the same "
                   "plugin) or Zensical (a pre-rendered tree).")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site. Default: site/ beside mkdocs.yml.")
@click.option("--strict", is_flag=True, help="Fail (and keep the previous site) when there are findings at warning or above.")
@click.option("-v", "--verbose", is_flag=True, help="Show the engine's own output.")
def build(project: str, as_of: date | None, engine: str, site_dir: Path | None, strict: bool, verbose: bool) -> None:
    """Build the manual's website.

    Judges the manual, renders status blocks and generated pages (health, owners, personas,
    content map, channels, metrics, changes), and builds with the chosen engine into a
    temporary folder that replaces the site only when the build succeeded. The same sources
    and --as-of give byte-identical output.

    \b
    Example:
        opsmanual build . --as-of 2026-11-20 -d public
    """
    # Only what forking needs is imported before the fork: the child imports the core (loading,
    # judging, rendering) while this process imports the engine.
    from ..engines.preparer import can_prepare_beside, prepared_beside

    def meta() -> SiteMeta:
        from ..site.bundle import SiteMeta
        from ..vcs import source_commit

        return SiteMeta(commit=source_commit(Path(project)))

    def prepare_manual() -> Prepared:
        from ..pipeline import prepare

        return prepare(Path(project), as_of=as_of, today=date.today(), meta=meta())

    def messages() -> Iterator[object]:
        from ..engines.handover import stream_manual

        return stream_manual(Path(project), as_of=as_of, today=date.today(), meta=meta)

    with contextlib.ExitStack() as stack:
        beside = engine == "mkdocs" and can_prepare_beside()
        if beside:
            # A child process loads, judges and renders the manual and hands each page over as
            # the engine reads it: the engine starts meanwhile, on the other core.
            streamed = stack.enter_context(prepared_beside(messages))
        from ..engines import mkdocs_build  # noqa: F401 - the engine's imports (while the child works)
        from ..engines.build import build_site
        from ..engines.errors import BuildError, SiteDirError
        from ..engines.handover import PreparingFailed, Streamed, facts_of
        from ..report.text import summary_line
        from .judged import kept_from_collection, without_cycle_collection

        if beside:
            source: Prepared | Streamed = streamed
        else:
            with without_cycle_collection():
                try:
                    prepared = prepare_manual()
                except InputError as exc:
                    exit_with_problems(exc.problems)
            # Judged and rendered: nothing reads the snapshots' grouped rows again, and their DuckDB
            # connection goes before the engine holds every page.
            prepared.project.snapshots.close()
            stack.enter_context(kept_from_collection())
            source = prepared
        with build_progress(engine) as progress:
            try:
                facts = facts_of(source)
                result = build_site(source, engine=engine, site_dir=site_dir, strict=strict, quiet=not verbose,
                                    progress=progress)
                summary = source.judged.summary if isinstance(source, Streamed) else summary_line(source.judgement)
            except InputError as exc:  # found by the child, before or while the engine converted the pages
                exit_with_problems(exc.problems)
            except PreparingFailed as exc:  # the child ended early (killed, out of memory)
                fail(exc, 1, "The previous site, if any, was left untouched.")
            except SiteDirError as exc:
                fail(exc, 2, "Nothing was built or removed.")
            except BuildError as exc:
                fail(exc, 1, "The previous site, if any, was left untouched.")
    generated = len(source.header.generated) if isinstance(source, Streamed) else len(source.bundle.planned)
    for warning in result.warnings:
        click.echo(f"Warning: {one_line(warning)}", err=True)
    click.echo(f"Built {plural(facts.pages, 'page')} and {plural(generated, 'generated page')} "
               f"with {engine} into {result.site_dir}")
    click.echo(summary)
    hint = prune_hint(facts.pages, facts.root, facts.config_file)
    if hint:
        click.echo(f"Note: {hint}", err=True)


def prune_hint(pages: int, root: Path, config_file: str) -> str | None:
    """Advice when a large manual (``pages``) on Material renders the whole navigation into every page."""
    from ..editing.init import LARGE
    from ..load.yamlio import YamlSyntaxError, parse_yaml

    if pages < LARGE:
        return None
    try:
        config = parse_yaml((root / config_file).read_text(encoding="utf-8-sig"), config=True)[0]
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return None
    theme = config.get("theme") if isinstance(config, dict) else None
    if not isinstance(theme, dict) or theme.get("name") != "material":
        return None
    features = theme.get("features") or []
    if isinstance(features, list) and "navigation.prune" in features:
        return None
    return (f"{pages} pages and Material's navigation.prune is off, so every page carries the "
            f"whole navigation (slow builds, heavy pages); add '- navigation.prune' under theme: features: "
            f"in {config_file}")


@contextlib.contextmanager
def build_progress(engine: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; in CI a plain line at each quarter of a long build."""
    if engine != "mkdocs":
        click.echo(f"Building with {engine}...", err=True)
        yield None
        return
    progress = Progress("Building pages", lambda done, total: f"Built {done} of {total} pages",
                        lambda done, total: done * 4 // total if total >= LONG_BUILD else 0)

    def page_done(done: int, total: int) -> None:
        if progress.total is None:
            progress.start(total)
        progress.advance()

    try:
        yield page_done
    finally:
        progress.finish()


def show_engine_log() -> None:
    """MkDocs' own log (rebuilds, warnings) on stderr, without its banners."""
    import logging

    from ..engines.mkdocs_build import is_noise

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(lambda record: not is_noise(record.getMessage()))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


@click.command()
@project_dir
@as_of_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              help="Address to serve the preview on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
def serve(project: str, as_of: date | None, dev_addr: str, open_browser: bool) -> None:
    """Preview the site; edits to the pages, data or mkdocs.yml rebuild it.

    \b
    Example:
        opsmanual serve . --dev-addr 127.0.0.1:8000
    """
    from ..engines.serve import serve_manual
    from ..load.config import find_config
    from ..load.problems import Problem, Problems
    from ..load.project import load_site_config
    from ..rules.engine import Judgement

    root = Path(project)
    problems = Problems()
    try:
        config = load_site_config(root, problems)
        config_file, data_dir = root / config.file, root / config.settings.data_dir
    except InputError as exc:  # mkdocs.yml itself is unreadable: serve its problems until it is fixed
        found = find_config(root)
        if found is None:
            exit_with_problems(exc.problems)
        config_file, data_dir = found, root / "data"
    if as_of is not None:
        os.environ["OPSMANUAL_AS_OF"] = as_of.isoformat()

    def announce(judgement: Judgement | None, found: Sequence[Problem]) -> None:
        from ..report.text import summary_line

        if judgement is not None:
            click.echo(summary_line(judgement))
            return
        for problem in found:
            click.echo(f"Error: {problem}", err=True)
        click.echo(f"{plural(len(found), 'problem')} in the input: every page of the preview lists them until "
                   "the files are fixed.", err=True)

    click.echo(f"Serving the manual on http://{dev_addr}/ (edits to pages, data and mkdocs.yml rebuild; Ctrl+C stops)")
    show_engine_log()
    try:
        serve_manual(config_file, dev_addr=dev_addr, open_browser=open_browser, watch=[data_dir],
                     on_first_judgement=announce)
    except OSError as exc:
        fail(f"cannot serve on {dev_addr}: {exc.strerror or exc}", 1)
