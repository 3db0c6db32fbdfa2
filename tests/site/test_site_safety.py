"""Hostile values from data show as text; links from data are only http(s), mailto or relative.

``tests/fixtures/xss`` names people, personas, stages, channels, assets, metrics and pages with
HTML, Markdown and attr_list payloads. Every generated page and status block is rendered to HTML
with the site's Markdown extensions and inspected tag by tag.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from generator.load.project import load_project
from generator.site.bundle import SiteBundle

from ..projects import FIXTURES

Words = Callable[[str], str]
SAFE_TAGS = {
    "a",
    # charts: a figure with its caption and its numbers, SVG shapes and text
    "figure", "figcaption", "details", "summary", "text", "path", "rect",

    "p",
    "div",
    "span",
    "small",
    "code",
    "strong",
    "em",
    "br",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "svg",
    "title",
    "polyline",
    "line",
    "circle",
}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(rendered: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(rendered)
    return parser.tags


def everything(bundle: SiteBundle) -> dict[str, str]:
    texts = {page.path: page.markdown for page in bundle.pages}
    texts.update({f"status:{path}": d.status for path, d in bundle.decorations.items()})
    texts["footer"] = bundle.footer
    return texts


def assert_safe(rendered: str, where: str) -> None:
    for tag, attrs in tags_of(rendered):
        assert tag in SAFE_TAGS, f"{where}: <{tag}>"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: <{tag} {name}>"
            if name in ("href", "src", "xlink:href"):
                lowered = (value or "").strip().lower()
                assert lowered.startswith(("http://", "https://", "mailto:")) or ":" not in lowered.split("/")[0], (
                    f"{where}: {name}={value!r}"
                )


def test_nothing_from_data_becomes_markup(xss: SiteBundle, html: Callable[[str], str]) -> None:
    texts = everything(xss)
    assert len(texts) > 10
    for where, markdown_text in texts.items():
        assert_safe(html(markdown_text), where)


def test_hostile_names_show_as_the_characters_they_are(xss: SiteBundle, visible: Words) -> None:
    pages = {page.path: page.markdown for page in xss.pages}
    persona = visible(pages["personas/villain.md"])
    assert persona.startswith("<script>alert(1)</script> Segment: Pipes | and *stars* _under_")
    assert "1. Not a list <iframe src=javascript:alert(1)></iframe>" in persona
    assert "# not a heading" in persona and "<b>bold</b> & [link](javascript:alert(1))" in persona
    assert "- not a nested list" in persona
    assert "Evil | channel <script>alert('c')</script> (not in channels.yaml)" not in persona
    eve = visible(pages["owners/eve.md"])
    assert eve.startswith("Eve <img src=x onerror=alert(1)>")
    assert "Pipes | and *stars* <script>alert('t')</script>" in eve
    channels = visible(pages["channels/index.md"])
    assert 'Click [here](javascript:alert(1)) {: onclick="alert(1)" } ![img](x.png)' in channels
    assert "<img src=x onerror=alert(1)>" in channels  # the unknown channel of a snapshot row
    health = visible(pages["health/index.md"])
    assert "Unknown channel '<img src=x onerror=alert(1)>'" in health
    status = visible(xss.decorations["index.md"].status)
    assert "Label with | pipe and <b>tag</b>" in status
    assert "Reason: Because <script>alert('w')</script> | pipes" in status


def test_pipes_in_values_do_not_add_table_cells(xss: SiteBundle, html: Callable[[str], str]) -> None:
    for markdown_text in everything(xss).values():
        rendered = html(markdown_text)
        for table in rendered.split("<table>")[1:]:
            body = table.split("</table>")[0]
            rows = body.split("<tr>")[1:]
            widths = {row.count("<td") + row.count("<th") for row in rows}
            assert len(widths) == 1, body[:500]


def test_a_hostile_email_is_not_a_link(xss: SiteBundle) -> None:
    eve = {page.path: page.markdown for page in xss.pages}["owners/eve.md"]
    assert "mailto:eve@evil.example" not in eve
    assert "eve&#64;evil.example" in eve or "eve@evil.example" in eve


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "java&#x73;cript:alert(1)",
        "javascript&#58;alert(1)",
        " javascript:alert(1)",
        "vbscript:x",
    ],
)
def test_an_unsafe_url_renders_the_title_as_plain_text(
    url: str, render: Callable[..., SiteBundle], html: Callable[[str], str]
) -> None:
    # The loader refuses such URLs; the renderer must refuse them too (defence in depth).
    project = load_project(FIXTURES / "xss")
    content = project.catalogs.content
    content["entity-link"] = dataclasses.replace(content["entity-link"], url=url)
    markdown_text = {p.path: p.markdown for p in render(project).pages}["content-map/index.md"]
    rendered = html(markdown_text)
    assert_safe(rendered, url)
    assert "Entity link</a>" not in rendered
    assert "Entity link" in rendered


def test_safe_urls_from_data_are_links(xss: SiteBundle, html: Callable[[str], str]) -> None:
    rendered = html({p.path: p.markdown for p in xss.pages}["content-map/index.md"])
    assert '<a href="https://example.com/js?x=&lt;script&gt;">JS &#124; link &#42;asset&#42;</a>' in rendered
    assert '<a href="../relative/path.html">' in rendered
    assert '<a href="mailto:team@ok.example">Entity link</a>' in rendered


def test_tags_are_a_fixed_vocabulary(xss: SiteBundle) -> None:
    for decoration in xss.decorations.values():
        assert all(tag.replace("-", "").isalpha() and tag.islower() for tag in decoration.tags)
