"""Fixtures for the site renderers: render a fixture project, and turn Markdown into HTML the way
the MkDocs configuration does (``md_in_html``, ``attr_list``, ``tables``, ``admonition``)."""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable
from datetime import date

import markdown
import pytest

from generator.load.project import load_project
from generator.metrics.cube import Cube
from generator.model.project import Project
from generator.rules.engine import judge
from generator.site.bundle import SiteBundle, SiteMeta
from generator.site.render import render_site

from ..projects import FIXTURES

AS_OF = date(2026, 11, 20)
EXTENSIONS = ["md_in_html", "attr_list", "tables", "admonition", "toc"]


def render_project(project: Project, as_of: date = AS_OF, meta: SiteMeta | None = None) -> SiteBundle:
    cube = Cube(project.snapshots)
    return render_site(project, judge(project, as_of, cube), cube, meta or SiteMeta())


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def pages_of(bundle: SiteBundle) -> dict[str, str]:
    return {page.path: page.markdown for page in bundle.pages}


@pytest.fixture(scope="session")
def render() -> Callable[..., SiteBundle]:
    """``render(project, as_of=AS_OF, meta=None)`` -> the site bundle."""
    return render_project


@pytest.fixture(scope="session")
def html() -> Callable[[str], str]:
    """Markdown -> HTML with the extensions the site's MkDocs configuration enables."""
    return to_html


@pytest.fixture(scope="session")
def visible() -> Callable[[str], str]:
    """Markdown -> the words a reader sees (tags stripped, entities decoded, whitespace collapsed)."""

    def words(text: str) -> str:
        return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", to_html(text))).split())

    return words


@pytest.fixture(scope="session")
def pages() -> Callable[[SiteBundle], dict[str, str]]:
    """bundle -> {generated page path: markdown}."""
    return pages_of


@pytest.fixture(scope="session")
def small_project() -> Project:
    return load_project(FIXTURES / "small")


@pytest.fixture(scope="session")
def small(small_project: Project) -> SiteBundle:
    """The small fixture rendered as of 2026-11-20 (read-only: do not mutate)."""
    return render_project(small_project)


@pytest.fixture(scope="session")
def xss_project() -> Project:
    return load_project(FIXTURES / "xss")


@pytest.fixture(scope="session")
def xss(xss_project: Project) -> SiteBundle:
    return render_project(xss_project)
