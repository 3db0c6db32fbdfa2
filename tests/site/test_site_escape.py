"""Escaping of values from data, safe links, and relative links between pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from generator.site import links
from generator.site.escape import attr, link, mailto, safe_url, text


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        "Pipes | and *stars* and _underscores_",
        "[link](javascript:alert(1))",
        "![img](x.png)",
        "`code` and \\backslash",
        '{: onclick="alert(1)" }',
        "# not a heading",
        "1. not a list",
        "- not a list",
        "+ not a list",
        "> not a quote",
        "Fish & chips &amp; &#60;",
        "==mark== ~~del~~ ^^ins^^ $math$",
        "a\nb\tc",
    ],
)
def test_text_shows_exactly_the_characters(value: str, visible: Callable[[str], str]) -> None:
    escaped = text(value)
    assert "<" not in escaped and ">" not in escaped
    assert visible(escaped) == " ".join(value.split())


def test_text_in_a_table_cell_keeps_the_columns(html: Callable[[str], str], visible: Callable[[str], str]) -> None:
    table = f"| one | two |\n| --- | --- |\n| {text('a | b | c')} | {text('*x*')} |"
    rendered = html(table)
    assert rendered.count("<td>") == 2
    assert "<em>" not in rendered
    assert visible(table) == "one two a | b | c *x*"


def test_text_keeps_numbers_readable() -> None:
    assert text("30.0% (2026-10)") == "30.0% (2026-10)"
    assert text("1. item") == "1&#46; item"


def test_attr_escapes_quotes_and_table_pipes() -> None:
    assert attr('a"b<c>|`') == "a&quot;b&lt;c&gt;&#124;&#96;"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a?b=1&c=2",
        "http://example.com",
        "mailto:team@example.com",
        "HTTPS://EXAMPLE.COM",
        "guides/page.html",
        "../relative/path.html",
        "/absolute/path",
        "#anchor",
        "?query=1",
    ],
)
def test_safe_urls_pass(url: str) -> None:
    assert safe_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "javascript&#58;alert(1)",
        "java&#x73;cript:alert(1)",
        "&#106;avascript:alert(1)",
        "//evil.example/x",
        "\\\\evil.example\\x",
        "",
        None,
        42,
    ],
)
def test_unsafe_urls_are_refused(url: object) -> None:
    assert safe_url(url) is None


def test_link_is_plain_text_when_the_url_is_unsafe() -> None:
    assert link("Click <me>", "javascript:alert(1)") == "Click &lt;me&gt;"
    assert link("Click", "data:text/html,x") == "Click"


def test_link_escapes_the_href(html: Callable[[str], str]) -> None:
    out = link("Go", 'https://example.com/?a=1&b="2"')
    assert out == '<a href="https://example.com/?a=1&amp;b=&quot;2&quot;">Go</a>'
    rendered = html(out)
    assert 'href="https://example.com/?a=1&amp;b=&quot;2&quot;"' in rendered


def test_mailto() -> None:
    assert mailto("ana@small.example") == '<a href="mailto:ana@small.example">ana@small.example</a>'
    assert "<a" not in mailto("eve@evil.example?subject=<script>")
    assert "<a" not in mailto("not an address")


@pytest.mark.parametrize(
    ("source", "target", "fragment", "expected"),
    [
        ("processes/nurture.md", "owners/ana.md", None, "../owners/ana.md"),
        ("index.md", "owners/ana.md", None, "owners/ana.md"),
        ("a/b/c.md", "owners/ana.md", None, "../../owners/ana.md"),
        ("owners/index.md", "owners/ana.md", None, "ana.md"),
        ("health/index.md", "channels/index.md", "channel-webinar", "../channels/index.md#channel-webinar"),
        ("channels/index.md", "channels/index.md", "channel-webinar", "#channel-webinar"),
        ("index.md", "my page (v2).md", None, "my%20page%20%28v2%29.md"),
    ],
)
def test_relative_links(source: str, target: str, fragment: str | None, expected: str) -> None:
    assert links.relative(source, target, fragment) == expected


def test_anchor_ids_are_slugs() -> None:
    assert links.anchor("channel", "paid-social") == "channel-paid-social"
    assert links.anchor("content", "A b.c") == "content-a-b-c"
