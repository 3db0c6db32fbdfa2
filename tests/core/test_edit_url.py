"""The base URL of "edit this page" links, derived from repo_url and edit_uri as MkDocs derives it."""

from __future__ import annotations

import pytest

from generator.load.config import settings_from
from generator.load.schema import PluginConfigIn
from generator.model.config import SiteConfig, edit_link

DEFAULTS = settings_from(PluginConfigIn())


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "expected"),
    [
        ("https://github.com/acme/manual", None, "https://github.com/acme/manual/edit/master/docs/"),
        ("https://gitlab.com/acme/manual", None, "https://gitlab.com/acme/manual/edit/master/docs/"),
        ("https://bitbucket.org/acme/manual", None, "https://bitbucket.org/acme/manual/src/default/docs/"),
        ("https://mygithub.com.example/acme/manual", None, None),  # the host must match exactly
        ("https://git.example/acme/manual", None, None),
        ("https://git.example/acme/manual/", "edit/main/manual", "https://git.example/acme/manual/edit/main/manual/"),
        ("https://git.example/acme/manual", "/-/edit/main/", "https://git.example/-/edit/main/"),  # MkDocs' urljoin
        ("https://github.com/acme/manual", "", None),  # an empty edit_uri turns the links off
        (None, "https://other.example/edit/manual", "https://other.example/edit/manual/"),
        (None, "edit/main/manual/", None),  # a relative edit_uri without a repo points nowhere
        ("https://github.com/acme/manual", "?path=", "https://github.com/acme/manual?path=/"),
    ],
)
def test_edit_url_follows_mkdocs(repo_url, edit_uri, expected):
    config = SiteConfig("mkdocs.yml", "manual", DEFAULTS, repo_url=repo_url, edit_uri=edit_uri)
    assert config.edit_url == expected


@pytest.mark.parametrize(
    ("edit_uri", "expected"),
    [("edit/main/manual/", "https://git.example/acme/manual/edit/main/manual/processes/lead%20handoff.md"),
     ("?path=", "https://git.example/acme/manual?path=/processes/lead%20handoff.md")],
)
def test_an_edit_link_appends_the_quoted_path(edit_uri, expected):
    base = SiteConfig("mkdocs.yml", "manual", DEFAULTS, repo_url="https://git.example/acme/manual",
                      edit_uri=edit_uri).edit_url
    assert edit_link(base, "processes/lead handoff.md") == expected


@pytest.mark.parametrize(
    ("site_url", "directory_urls", "path", "fragment", "expected"),
    [
        ("https://handbook.example/", True, "playbooks/seo.md", None, "https://handbook.example/playbooks/seo/"),
        ("https://acme.example/ops", True, "playbooks/seo.md", None, "https://acme.example/ops/playbooks/seo/"),
        ("https://acme.example/ops/", True, "index.md", None, "https://acme.example/ops/"),
        ("https://acme.example/", True, "channels/index.md", "channel-paid-social",
         "https://acme.example/channels/#channel-paid-social"),
        ("https://acme.example/", True, "a/README.md", None, "https://acme.example/a/"),
        ("https://acme.example/", False, "playbooks/seo.md", None, "https://acme.example/playbooks/seo.html"),
        ("https://acme.example/", True, "lead handoff (v2).md", None, "https://acme.example/lead%20handoff%20%28v2%29/"),
        (None, True, "playbooks/seo.md", None, None),  # no site_url: no address to give
        ("/ops/", True, "playbooks/seo.md", None, None),  # not an absolute URL
    ],
)
def test_a_page_url_is_where_mkdocs_publishes_the_page(site_url, directory_urls, path, fragment, expected):
    config = SiteConfig("mkdocs.yml", "manual", DEFAULTS, site_url=site_url, use_directory_urls=directory_urls)
    assert config.page_url(path, fragment) == expected
