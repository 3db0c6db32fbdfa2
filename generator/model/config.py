"""opsmanual's settings, resolved: defaults applied, durations parsed, severities known."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote, urljoin, urlsplit

from .dates import Duration


@dataclass(frozen=True)
class SourceSettings:
    """``metrics_source``: a table or query of snapshot shape in a database Ibis can reach."""

    url: str  # as written (``!ENV NAME`` resolved later, so that a missing variable is an input problem)
    table: str | None = None
    query: str | None = None
    line: int = 1  # of ``metrics_source:`` in the config file
    lines: dict[str, int] = field(default_factory=dict)  # key -> line

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


@dataclass(frozen=True)
class Settings:
    """The plugin settings, validated and resolved. One field per field of the input schema
    ``load/schema.PluginConfigIn``, which holds their defaults, descriptions and checks;
    ``load/config.settings_from`` builds this from it (there are no defaults here to drift)."""

    data_dir: str
    as_of: date | None
    review_every: Duration
    due_soon: Duration
    stale_after: int
    missed_periods: int
    decline_periods: int
    decline_threshold: float
    plan_tolerance: float
    unused_periods: int
    rules: dict[str, str]
    metrics_source: SourceSettings | None


@dataclass(frozen=True)
class SiteConfig:
    """What opsmanual needs from ``mkdocs.yml``."""

    file: str
    docs_dir: str
    settings: Settings
    repo_url: str | None = None
    edit_uri: str | None = None
    site_url: str | None = None  # where the site is published, for links from outside it (the digest)
    use_directory_urls: bool = True
    plugin_line: int = 1
    has_nav: bool = False  # mkdocs.yml lists the pages itself (a new page must be added to it by hand)
    # Docs-relative gitignore-style patterns of Markdown files that are not manual pages: MkDocs'
    # exclude_docs, and the posts of a blog plugin (dated news, not sections that need reviews).
    not_pages: tuple[str, ...] = ()

    @property
    def edit_url(self) -> str | None:
        """The base URL to edit a page's source, as MkDocs derives it: ``edit_uri`` (by default
        ``edit/master/docs/`` on github.com and gitlab.com, ``src/default/docs/`` on bitbucket.org)
        joined to ``repo_url``. None when there is no link to make."""
        uri = self.edit_uri
        if uri is None and self.repo_url:
            uri = _DEFAULT_EDIT_URI.get(urlsplit(self.repo_url).netloc.lower())
        if not uri:
            return None
        uri = uri if uri.endswith("/") else uri + "/"
        repo = self.repo_url or ""
        if not repo and not urlsplit(uri).netloc:
            return None  # a relative edit_uri needs a repo_url to point anywhere
        if repo and not repo.endswith("/") and not uri.startswith(("?", "#")):
            repo += "/"
        return urljoin(repo, uri)


    def page_url(self, path: str, fragment: str | None = None) -> str | None:
        """The published URL of the page built from docs path ``path``, as MkDocs names it
        (``playbooks/seo.md`` -> ``<site_url>playbooks/seo/``); None without ``site_url``."""
        if not self.site_url or not urlsplit(self.site_url).scheme:
            return None
        base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        url = urljoin(base, quote(page_address(path, self.use_directory_urls), safe="/.-_~"))
        return f"{url}#{quote(fragment, safe='-_')}" if fragment else url


def page_address(path: str, directory_urls: bool = True) -> str:
    """Where MkDocs writes a docs page, relative to the site root: ``a/b.md`` -> ``a/b/``
    (``a/b.html`` without directory URLs), ``a/index.md`` and ``a/README.md`` -> ``a/``."""
    stem, _, _ = path.rpartition(".")
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix
    return f"{prefix}{name}/" if directory_urls else f"{prefix}{name}.html"


def edit_link(base: str, path: str) -> str:
    """The edit link of the source at ``path``, relative to the docs dir (``../data/x.yaml`` for a
    data file). A query-style base (``...?path=/``) takes the path as its value, as MkDocs appends
    it to edit_uri; a path-style base resolves it, ``..`` included."""
    quoted = quote(path, safe="/.-_~")
    return base + quoted if "?" in base or "#" in base else urljoin(base, quoted)


_DEFAULT_EDIT_URI = {"github.com": "edit/master/docs/", "gitlab.com": "edit/master/docs/",
                     "bitbucket.org": "src/default/docs/"}


def resolve_as_of(pinned: date | None, settings: Settings, today: date | None) -> date:
    """The as-of date: the command line's, else the config's, else ``today`` (passed in, never read here)."""
    day = pinned or settings.as_of or today
    if day is None:
        raise ValueError("no as-of date: the caller passes today's date (only an adapter reads the clock)")
    return day
