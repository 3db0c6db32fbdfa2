"""What the site renderers hand to an engine adapter: plain Markdown, no engine types.

The core renders everything before any engine runs; the MkDocs plugin and the Zensical
pre-render are thin adapters that place these strings into the engine's files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

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
class Planned:
    """A generated page before its body is rendered. An engine lists every page (path and title)
    before it reads any; the body is rendered when the page is read (``render``, called once)."""

    path: str
    title: str
    render: Callable[[], GeneratedPage] = field(compare=False, repr=False)


@dataclass(frozen=True)
class Decoration:
    """What a manual page gains: a status block placed after its first H1, tags, a footer."""

    status: str  # Markdown/HTML block
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteBundle:
    planned: tuple[Planned, ...]  # the generated pages, by path; each rendered when first asked for
    decorations: dict[str, Decoration] = field(default_factory=dict)  # by manual page path (e.g. processes/x.md)
    footer: str = ""  # Markdown line appended to every page (as-of, newest data period, version, commit)
    report: SiteReport = field(default_factory=SiteReport)  # the site report of this build, kept in the site as REPORT_FILE
    stylesheet: str = ""  # CSS the adapters install as STYLESHEET and add to extra_css
    # The status block of a manual page not in ``decorations``, rendered when asked for (a bundle
    # rendered with ``decorated=False``).
    decorate: Callable[[str], Decoration | None] | None = field(default=None, compare=False, repr=False)
    _rendered: dict[str, GeneratedPage] = field(default_factory=dict, compare=False, repr=False)

    def decoration(self, path: str) -> Decoration | None:
        """The status block and tags of the manual page at ``path`` (None: no manual page)."""
        found = self.decorations.get(path)
        if found is None and self.decorate is not None:
            return self.decorate(path)
        return found

    @cached_property
    def _planned(self) -> dict[str, Planned]:
        return {p.path: p for p in self.planned}

    def generated(self, path: str) -> GeneratedPage:
        """The generated page at ``path``, rendered the first time it is asked for (``KeyError``
        when there is none)."""
        if path not in self._rendered:
            planned = self._planned[path]
            page = planned.render()
            if (page.path, page.title) != (planned.path, planned.title):
                raise RuntimeError(f"the generated page listed as {planned.path} ({planned.title!r}) "
                                   f"was rendered as {page.path} ({page.title!r})")
            self._rendered[path] = page
        return self._rendered[path]

    @cached_property
    def pages(self) -> tuple[GeneratedPage, ...]:
        """Every generated page, rendered."""
        return tuple(self.generated(p.path) for p in self.planned)


STYLESHEET = "assets/opsmanual.css"
REPORT_FILE = "opsmanual-report.json"  # the site report, kept in every built site and published version
