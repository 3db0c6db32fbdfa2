"""Every value from data stays text in both engines: no payload becomes a tag, a handler or a link.

The hostile manual (``hostile.py``) puts one payload into every field that reaches the site. Each
built HTML file is scanned for what a browser would run or follow, and the payload must still be
shown, character for character, where its field is rendered (so the scan cannot pass because a
field silently went missing).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from generator.engines.source import REQUIRED_EXTENSIONS
from generator.model.kpis import Target
from generator.site.charts import Bar, bar_chart, heatmap, trend_chart
from generator.site.escape import attr, link, text, title
from generator.site.sparkline import sparkline

from .conftest import ENGINES
from .hostile import FILE_NAME, MARKER, PAYLOAD, PAYLOADS, hostile_project, live_markup

# Extensions that act on text inline, on top of the ones the status blocks need.
EXTENSIONS = [*REQUIRED_EXTENSIONS, "pymdownx.superfences", "pymdownx.magiclink", "pymdownx.emoji",
              "pymdownx.caret", "pymdownx.mark", "pymdownx.tilde", "pymdownx.keys", "pymdownx.critic",
              "pymdownx.betterem", "pymdownx.inlinehilite", "pymdownx.arithmatex"]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


def visible(rendered: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_and_attributes_survive_markdown_as_text(payload: str) -> None:
    cell = f'| a | b |\n| --- | --- |\n| {text(payload)} | <span title="{attr(payload)}">{text(payload)}</span> |'
    linked = f"- {link(payload, 'https://x.example/[a](b)')}"
    for source, links in ((cell, 0), (sparkline([1.0, 2.0], label=payload), 0), (linked, 1)):
        rendered = render(source)
        assert live_markup(rendered) == [], rendered
        assert len(re.findall(r"<a[\s>]", rendered)) == links, rendered


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_chart_keeps_data_as_text_through_markdown(payload: str) -> None:
    """Period names, titles, labels, values in words and table cells of each chart: all from data."""
    charts = {
        "trend": trend_chart([payload, "2026-10"], [1.0, 2.0], title=payload, fmt=lambda v: payload,
                             target=Target.parse(">= 1.5"), target_words=payload),
        "bars": bar_chart([Bar(payload, ((2.0, "opsmanual-bar", payload),), 1.0, payload, (payload,))],
                          title=payload, fmt=str, headers=[payload, payload, payload], caption=payload),
        "heatmap": heatmap([payload], [payload], [[1]], title=payload, unit=payload, extra=[[payload]]),
    }
    for name, chart in charts.items():
        assert "<svg" in chart, name  # drawn, so the scan below looks at a chart
        rendered = render(chart)
        assert live_markup(rendered) == [], (name, rendered)
        assert re.findall(r"<a[\s>]", rendered) == [], (name, rendered)


def test_an_attribute_keeps_its_value_through_markdown() -> None:
    rendered = render(sparkline([1.0, 2.0], label=PAYLOAD))
    labels = re.findall(r'aria-label="([^"]*)"', rendered)
    assert [html.unescape(label) for label in labels] == [" ".join(PAYLOAD.split())]


def test_a_title_has_no_markup() -> None:
    assert "<" not in title(PAYLOAD) and '"' not in title(PAYLOAD)
    assert html.unescape(title(PAYLOAD)) == " ".join(PAYLOAD.split())


@pytest.mark.parametrize("engine", ENGINES)
def test_no_page_built_from_hostile_data_holds_live_markup(hostile_sites: dict[str, Path], engine: str) -> None:
    site = hostile_sites[engine]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 15
    live = {p.relative_to(site).as_posix(): found for p in pages if (found := live_markup(p.read_text("utf-8")))}
    assert live == {}


def _seen(site: Path, url: str) -> str:
    return visible((site / url / "index.html").read_text("utf-8"))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("owners/ana", "Ana"),  # a person's name: page title and H1
        ("owners/revops", "Team"),
        ("personas/it-director", "Persona"),
        ("personas/it-director", "Stage"),
        ("personas/it-director", "Channel"),
        ("personas/it-director", "Asset"),
        ("personas/it-director", "Leads"),  # a measure label (the sparkline's aria-label too)
        ("channels", "Channel KPI"),
        ("channels", "CPS"),
        ("content-map", "Asset"),
        ("metrics", "Rate"),
        ("processes/nurture", "KPI"),  # a KPI label
        ("processes/nurture", "channel: dim"),  # a snapshot dimension value in the KPI's where:
        ("processes/nurture", "Because"),  # a waiver's reason
        ("processes/nurture", "tag"),  # a tag
        ("processes/nurture", "Page"),  # the page title
        ("entities", "H1"),  # an H1 that writes the payload as entities
    ],
)
def test_each_field_shows_the_payload_as_text(hostile_sites: dict[str, Path], engine: str, url: str,
                                              field: str) -> None:
    shown = " ".join(PAYLOAD.split())
    assert f"{field} {shown}" in _seen(hostile_sites[engine], url)


@pytest.mark.parametrize("engine", ENGINES)
def test_titles_are_text_in_the_head_and_the_navigation(hostile_sites: dict[str, Path], engine: str) -> None:
    owner = (hostile_sites[engine] / "owners" / "ana" / "index.html").read_text("utf-8")
    head = re.search(r"<title>(.*?)</title>", owner, re.S)
    assert head is not None and "<" not in head.group(1) and MARKER in head.group(1)
    home = (hostile_sites[engine] / "index.html").read_text("utf-8")
    stem = FILE_NAME.removesuffix(".md")  # entities in a file name are shown as written, in the navigation
    assert html.escape(stem.capitalize(), quote=True) in home


# More ways out, rendered without an engine (fast): every generated page, status block and the
# footer, through Markdown with the inline extensions a manual may enable, then the same scan.
MORE_PAYLOADS = [
    f"<svg/onload=alert('{MARKER}')>",
    f'[x](javascript:alert("{MARKER}") "t")',
    f"[x]( javascript:alert('{MARKER}') )",
    f'<a href="javascript:alert(\'{MARKER}\')">x</a>',
    f'![x](x" onerror="alert(\'{MARKER}\'))',
    f"[x][r]\n\n[r]: javascript:alert('{MARKER}')",
    f"<details open ontoggle=alert('{MARKER}')>",
    f"`` ` `` <img src=x onerror=alert('{MARKER}')> ``",
    f"\\<img src=x onerror=alert('{MARKER}')\\>",
    f"[x](<javascript:alert('{MARKER}')>)",
    f"http://x.example/?q=<script>alert('{MARKER}')</script>",
    f"{{: .x onclick=alert('{MARKER}') }}",
    f"&#60;img src=x onerror=alert('{MARKER}')&#62;",
    f"<!-- --><script>alert('{MARKER}')</script><!-- -->",
    f"$$<script>alert('{MARKER}')</script>$$ ++ctrl+alt++ ==m== ^^c^^ ~~t~~ :smile:",
    f"--8<-- \"/etc/passwd\"\n{{++<script>alert('{MARKER}')</script>++}}",
]


@pytest.mark.parametrize("payload", MORE_PAYLOADS)
def test_no_rendered_page_holds_live_markup(tmp_path: Path, payload: str) -> None:
    from generator.load.project import load_project

    from ..site.conftest import render_project

    project = load_project(hostile_project(tmp_path / "p", payload))
    bundle = render_project(project)
    texts = {p.path: p.markdown for p in bundle.pages}
    texts |= {f"status:{path}": d.status for path, d in bundle.decorations.items()}
    texts["footer"] = bundle.footer
    assert len(texts) > 10
    live = {where: found for where, source in texts.items() if (found := live_markup(render(source)))}
    assert live == {}
    persona = visible(render(texts["personas/it-director.md"]))
    assert " ".join(payload.split()) in persona


ACTIVE = "\\`*_[]{}|#!~^=+$:<>\"'&"  # what Markdown, its extensions or HTML act on


@pytest.mark.parametrize("escape", [text, attr])
def test_no_active_character_survives_the_escapers(escape) -> None:  # noqa: ANN001
    out = escape("a" + ACTIVE + "\nb\tc")
    raw = re.sub(r"&(?:#\d+|lt|gt|amp|quot);", "", out)  # the entities they write
    assert not any(c in raw for c in ACTIVE), out
    assert "\n" not in out and "\t" not in out
    assert html.unescape(out) == "a" + ACTIVE + " b c"


def test_a_title_or_tag_holds_no_html_special() -> None:
    out = title("a<b>\"c\"'d'&e")
    assert not any(c in re.sub(r"&(?:#x27|lt|gt|amp|quot);", "", out) for c in "<>\"'&"), out
    assert html.unescape(out) == "a<b>\"c\"'d'&e"
