"""What the site renderers hand to an engine adapter: plain Markdown, no engine types.

The core renders everything before any engine runs; the MkDocs plugin and the Zensical
pre-render are thin adapters that place these strings into the engine's files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .history import SiteReport


@dataclass(frozen=True)
class SiteMeta:
    """Facts about this build that are not in the sources."""

    version: str | None = None  # the published version, if any
    commit: str | None = None  # the source commit (short sha), if known
    previous_report: SiteReport | None = None  # the previous version's site report
    previous_version: str | None = None
    history: tuple[tuple[str, dict[str, int]], ...] = ()  # (version, counts) of earlier versions, oldest first
    edit_url: str | None = None  # repo_url joined with edit_uri, e.g. https://git.example/x/edit/main/manual/


# Front matter that keeps a page out of the search index (Material's search plugin and Zensical both
# read it): listings of findings, assets and numbers, whose every entry is searchable where it lives.
NOT_IN_SEARCH: dict[str, object] = {"search": {"exclude": True}}


@dataclass(frozen=True)
class GeneratedPage:
    """A page opsmanual writes: ``path`` is relative to the docs dir (``health/index.md``)."""

    path: str
    title: str
    markdown: str
    tags: tuple[str, ...] = ()
    meta: dict[str, object] = field(default_factory=dict)  # front matter for the engine (e.g. hide: [toc])


@dataclass(frozen=True)
class Decoration:
    """What a manual page gains: a status block placed after its first H1, tags, a footer."""

    status: str  # Markdown/HTML block
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteBundle:
    pages: tuple[GeneratedPage, ...]
    decorations: dict[str, Decoration] = field(default_factory=dict)  # by manual page path (e.g. processes/x.md)
    footer: str = ""  # Markdown line appended to every page (as-of, newest data period, version, commit)
    report: SiteReport = field(default_factory=SiteReport)  # the site report of this build, kept in the site as REPORT_FILE
    stylesheet: str = ""  # CSS the adapters install as STYLESHEET and add to extra_css


STYLESHEET = "assets/opsmanual.css"
REPORT_FILE = "opsmanual-report.json"  # the site report, kept in every built site and published version
