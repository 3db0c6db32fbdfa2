"""Render the whole site from a judged project: status blocks, generated pages, footer, report.

``render_site`` is pure: the same project, judgement, snapshots and meta give byte-identical
strings. It imports no site engine; adapters in ``generator.engines`` place its output.
"""

from __future__ import annotations

from datetime import date

from ..metrics.cube import Cube
from ..model.project import Project
from ..rules.engine import Judgement
from . import changes, channels, content_map, experiments, health, metrics_page, owners, personas
from .bundle import Decoration, Planned, SiteBundle, SiteMeta
from .context import SiteContext
from .footer import footer
from .history import SiteReport, compare, site_report
from .overview import actions
from .status import page_status
from .style import STYLE


def decorations(ctx: SiteContext) -> dict[str, Decoration]:
    """The status block and tags of every manual page, by its docs-relative path."""
    return {path: decoration(ctx, path) for path in sorted(ctx.pages)}


def decoration(ctx: SiteContext, path: str) -> Decoration:
    """The status block and tags of the manual page at ``path``."""
    found = page_status(ctx.pages[path], ctx)
    if path == home_page(ctx):  # the home page opens with what to act on this month
        found = Decoration(status=f"{actions(ctx, path)}\n\n{found.status}", tags=found.tags)
    return found


def home_page(ctx: SiteContext) -> str | None:
    """The manual's home page: ``index.md``, else ``README.md``, when it has one."""
    return next((path for path in ("index.md", "README.md") if path in ctx.pages), None)


def planned_pages(ctx: SiteContext, report: SiteReport) -> list[Planned]:
    """Every generated page by path and title; each body is rendered when it is first read (an
    engine lists the pages first, and reads the generated ones after the manual's)."""
    pages = [
        Planned(health.PATH, health.TITLE, lambda: health.render(ctx)),
        *owners.plan(ctx),
        *personas.plan(ctx),
        Planned(content_map.PATH, content_map.TITLE, lambda: content_map.render(ctx)),
        Planned(channels.PATH, channels.TITLE, lambda: channels.render(ctx)),
        Planned(metrics_page.PATH, metrics_page.TITLE, lambda: metrics_page.render(ctx)),
        Planned(changes.PATH, changes.TITLE, lambda: changes.render(ctx, compare(ctx.meta.previous_report, report))),
    ]
    if experiments.experiment_pages(ctx):
        pages.append(Planned(experiments.PATH, experiments.TITLE, lambda: experiments.render(ctx)))
    return sorted(pages, key=lambda p: p.path)


def listed_pages(project: Project, as_of: date) -> list[tuple[str, str]]:
    """Every generated page's path and title, from the pages and catalogs alone: what
    :func:`planned_pages` lists once the project is judged (an engine can list its files before
    the snapshots are read)."""
    unjudged = site_context(project, Judgement(as_of, (), (), ()), Cube(project.snapshots))
    return [(page.path, page.title) for page in planned_pages(unjudged, SiteReport())]


def render_site(
    project: Project, judgement: Judgement, cube: Cube | None = None, meta: SiteMeta | None = None,
    *, decorated: bool = True,
) -> SiteBundle:
    """Everything the site shows, as Markdown strings and JSON-ready data. ``decorated=False``
    renders neither the status blocks (``decorations`` is empty) nor the generated pages' bodies:
    the caller renders each when it is needed (``SiteBundle.decoration``, ``SiteBundle.generated``), and
    keeps the snapshots open until then."""
    ctx = site_context(project, judgement, cube, meta)
    report = site_report(project, judgement)
    bundle = SiteBundle(
        planned=tuple(planned_pages(ctx, report)),
        decorations=decorations(ctx) if decorated else {},
        decorate=None if decorated else (lambda path: decoration(ctx, path) if path in ctx.pages else None),
        footer=footer(ctx),
        report=report,
        stylesheet=STYLE,
    )
    if decorated:
        bundle.pages  # noqa: B018 - every body now: the caller may close the snapshots after this
    return bundle


def site_context(project: Project, judgement: Judgement, cube: Cube | None = None,
                 meta: SiteMeta | None = None) -> SiteContext:
    """What every renderer reads: the project, its judgement, the grouped sums and the build's meta."""
    return SiteContext.build(project, judgement, cube or Cube(project.snapshots), meta or SiteMeta())
