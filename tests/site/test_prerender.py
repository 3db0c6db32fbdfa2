"""opsmanual's own Markdown turned into HTML before an engine sees it (generator/site/prerender.py).

What an engine gets must be the page Python-Markdown would make of the Markdown: checked on every
status block and generated page of the fixtures, the demo and a hostile project.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.load.project import load_project
from generator.site.bundle import SiteBundle
from generator.site.prerender import prerender, to_html

from ..projects import FIXTURES
from ..security.hostile import hostile_project
from .conftest import render_project

ROOT = Path(__file__).resolve().parents[2]
Convert = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _norm(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def _texts(bundle: SiteBundle) -> dict[str, str]:
    texts = {f"status:{path}": d.status for path, d in bundle.decorations.items()}
    texts |= {f"page:{page.path}": page.markdown for page in bundle.pages}
    texts["footer"] = bundle.footer
    return texts


def _assert_same_page(bundle: SiteBundle, html: Convert) -> None:
    converted = 0
    for name, markdown in _texts(bundle).items():
        expected = _norm(html(markdown))
        handed = prerender(markdown, _same)
        assert _norm(html(handed)) == expected, name
        whole = to_html(markdown, _same)
        if whole is not None:
            assert _norm(whole) == expected, name
        if name.startswith("status:"):
            assert whole is not None, f"{name}: a status block is all in the subset"
        # Only headings reach the engine as Markdown: it needs no extension for the rest.
        left = [line for line in handed.splitlines() if line and not line.startswith(("<", "#"))]
        assert not left, f"{name}: outside the subset: {left[:3]}"
        converted += sum(len(line) for line in handed.splitlines() if line.startswith("<"))
    assert converted > 0


@pytest.mark.parametrize("project", ["small", "xss", "folders", "demo"])
def test_the_html_is_the_page_python_markdown_makes(project: str, html: Convert) -> None:
    root = ROOT if project == "demo" else FIXTURES / project
    _assert_same_page(render_project(load_project(root)), html)


def test_the_html_of_a_hostile_project_is_the_page_python_markdown_makes(tmp_path: Path, html: Convert) -> None:
    bundle = render_project(load_project(hostile_project(tmp_path / "hostile")))
    _assert_same_page(bundle, html)


def test_status_blocks_and_tables_leave_no_markdown_for_the_engine(small: SiteBundle) -> None:
    status = prerender(small.decorations["processes/nurture.md"].status, _same)
    assert status.startswith('<div class="admonition danger opsmanual-status opsmanual-flagged">\n')
    assert " markdown>" not in status and "**" not in status and "| " not in status
    assert "\n\n" not in status.strip()  # one raw HTML block
    assert '<strong>Owner:</strong> <a href="../owners/ana.md">Ana Silva</a>' in status
    content_map = next(p for p in small.pages if p.path == "content-map/index.md")
    handed = prerender(content_map.markdown, _same)
    # Only the headings stay Markdown (the engine's table of contents is made from them).
    markdown_lines = [line for line in handed.splitlines() if line and not line.startswith("<")]
    assert markdown_lines and all(line.startswith("#") for line in markdown_lines)
    assert "<table>" in handed and "| " not in handed


@pytest.mark.parametrize("markdown", ["Set `owner:` in the front matter", "**a `b & c` d**", "a `<b>` c", "- `x` and *`y`*"])
def test_code_spans_are_in_the_subset(markdown: str, html: Convert) -> None:
    converted = to_html(markdown, _same)
    assert converted is not None and "<code>" in converted
    assert _norm(converted) == _norm(html(markdown))


def test_links_get_the_url_the_engine_would_give_them(small: SiteBundle) -> None:
    status = small.decorations["processes/nurture.md"].status
    html = prerender(status, lambda target: f"URL({target})")
    assert '<a href="URL(../owners/ana.md)">Ana Silva</a>' in html


@pytest.mark.parametrize(
    "markdown",
    [
        "Some ``code`` here",
        "An unclosed ` backtick",
        "A line  \nbreak",
        "1. one\n   continued",
        "- a\n  - nested",
        "> quoted",
        "    indented code",
        "| a | b |\n| --- |",
        "snake_case word",
        "An escape \\*",
        "![image](x.png)",
        '<div class="x" markdown>\n\n## Heading inside\n\n</div>',
    ],
)
def test_markdown_outside_the_subset_is_handed_over_unchanged(markdown: str) -> None:
    assert to_html(markdown, _same) is None
    assert prerender(markdown, _same) == markdown + "\n"


def test_hold_replaces_each_html_block(small: SiteBundle) -> None:
    held: list[str] = []

    def hold(block: str) -> str:
        held.append(block)
        return f"<!--held:{len(held) - 1}-->"

    page = next(p for p in small.pages if p.path == "health/index.md")
    handed = prerender(page.markdown, _same, hold)
    assert held and all(block.startswith("<") for block in held)
    assert handed.count("<!--held:") == len(held)
    assert "<table>" not in handed
