"""What opsmanual hands the engines: status blocks and generated tables as HTML, not Markdown.

The engines' Markdown conversion was most of a large build's time; these tests pin that the
status block and the generated pages' tables reach them as HTML (MkDocs: a placeholder filled
after conversion; Zensical: a raw HTML block) and that their links still lead where they did.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.engines import zensical_tree
from generator.engines.held import Held, searchable_words
from generator.engines.source import decorate, held_blocks, held_text, page_href, page_url
from generator.engines.zensical_tree import write_tree
from generator.pipeline import prepare
from generator.site.bundle import Decoration

from ..projects import add_hook

RECORD = '''import json, os

def on_page_markdown(markdown, page, config, files):
    folder = os.path.join(os.path.dirname(config.config_file_path), "recorded")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, page.file.src_uri.replace("/", "__")), "w", encoding="utf-8") as out:
        out.write(markdown)
    return markdown
'''


def _build(project: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["build", str(project), "--as-of", "2026-11-20", *args])
    assert result.exit_code == 0, result.output


def _record(project: Path, directory_urls: bool = True) -> None:
    (project / "record.py").write_text(RECORD, encoding="utf-8")
    config = project / "mkdocs.yml"
    extra = "hooks:\n  - record.py\n" + ("" if directory_urls else "use_directory_urls: false\n")
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_mkdocs_converts_no_status_block_or_table(small: Path) -> None:
    _record(small)
    _build(small)
    recorded = small / "recorded"
    source = (recorded / "processes__nurture.md").read_text(encoding="utf-8")
    assert "<!--opsmanual-held:0-->" in source  # the status block: a placeholder the plugin fills
    assert "opsmanual-status" not in source and "**Owner:**" not in source
    content_map = (recorded / "content-map__index.md").read_text(encoding="utf-8")
    assert "<!--opsmanual-held:" in content_map
    assert not [line for line in content_map.splitlines() if line.startswith("|")]  # no Markdown table
    assert "## Every asset" in content_map  # headings stay Markdown: the table of contents has them
    page = (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-held" not in page
    assert '<div class="admonition danger opsmanual-status opsmanual-flagged">' in page
    assert '<strong>Owner:</strong> <a href="../../owners/ana/">Ana Silva</a>' in page
    health = (small / "site" / "health" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-held" not in health and "<table>" in health and 'id="all-findings"' in health


def test_the_status_block_stays_searchable_under_mkdocs(small: Path) -> None:
    _build(small)
    index = json.loads((small / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    nurture = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("processes/nurture/"))
    assert "Status: stale" in nurture and "Owner: Ana Silva" in nurture


def test_mkdocs_gets_no_extension_the_site_did_not_ask_for_beyond_what_headings_need(small: Path) -> None:
    # Everything but the headings reaches MkDocs as HTML: the site's own pages convert as they
    # would without opsmanual (no admonition or md_in_html the site did not list), and the
    # generated headings still get their ids (attr_list).
    page = small / "manual" / "processes" / "nurture.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n!!! note "Not an admonition here"\n    Body.\n',
                    encoding="utf-8")
    _build(small)
    built = (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert '<div class="admonition danger opsmanual-status opsmanual-flagged">' in built  # the status block
    assert "<p>!!! note \"Not an admonition here\"" in built and "admonition note" not in built
    health = (small / "site" / "health" / "index.html").read_text(encoding="utf-8")
    assert 'id="all-findings"' in health and "{#" not in health


def test_links_follow_use_directory_urls(small: Path) -> None:
    _record(small, directory_urls=False)
    _build(small)
    page = (small / "site" / "processes" / "nurture.html").read_text(encoding="utf-8")
    assert '<strong>Owner:</strong> <a href="../owners/ana.html">Ana Silva</a>' in page


def test_zensical_reads_the_blocks_words_and_the_built_page_holds_the_blocks(small: Path, tmp_path: Path) -> None:
    """Zensical keeps every page it renders in memory until it writes the site: each block opsmanual
    adds reaches it as a hidden element holding the block's words (what its search reads), and the
    block itself goes into the built page afterwards."""
    prepared = prepare(small, as_of=date(2026, 11, 20))
    held = Held()
    write_tree(prepared, tmp_path, held)
    source = (tmp_path / "docs" / "processes" / "nurture.md").read_text(encoding="utf-8")
    assert "opsmanual-status" not in source and "<a href" not in source and "<table>" not in source
    assert "<strong>" not in source and "opsmanual-spark" not in source and "opsmanual-charts" not in source
    placeholder = re.search(r'<div hidden data-opsmanual-late="0">(.*?)</div>', source)
    assert placeholder is not None and "<p>Owner: Ana Silva · Reviewed:" in placeholder.group(1)
    assert "Slice" not in source  # the KPI table's header: no search reads it
    status = held.late["processes/nurture.md"][0]
    assert status.startswith('<div class="admonition') and '<div class="opsmanual-kpis">' in status
    # Its links are the built page's URLs: it goes into the built page, after Zensical.
    assert '<strong>Owner:</strong> <a href="../../owners/ana/">Ana Silva</a>' in status
    assert "As of 2026-11-20" in held.late["processes/nurture.md"][-1]  # the footer
    persona = (tmp_path / "docs" / "personas" / "cfo.md").read_text(encoding="utf-8")
    assert "<table>" not in persona and not [line for line in persona.splitlines() if line.startswith("|")]
    assert "## Content by stage" in persona and "ROI calculator" in persona  # a searched page's words

    site = tmp_path / "site"
    zensical_tree.fill_late(held, _zensical(tmp_path), True)
    built = (site / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-late" not in built and built.count(status) == 1
    cfo = (site / "personas" / "cfo" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-late" not in cfo
    assert "<td>Decision</td>\n<td>ROI calculator</td>" in cfo
    assert "ROI calculator" in _search_text(site, "zensical", "personas/cfo/")
    assert "Owner: Ana Silva" in _search_text(site, "zensical", "processes/nurture/")


def _zensical(work: Path) -> Path:
    """Build the tree :func:`write_tree` wrote into ``work``; return the built site."""
    command = [str(Path(sys.executable).with_name("zensical")), "build", "-f", str(work / "mkdocs.yml")]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def test_search_reads_a_blocks_words_layout_and_no_chart() -> None:
    block = ('<div class="admonition warning opsmanual-status">\n<p class="admonition-title">Status&#58; stale</p>\n'
             '<p><strong>Owner:</strong> <a href="../owners/ana/">Ana Silva</a></p>\n'
             '<div class="opsmanual-kpis">\n<table>\n<tr><td>Slice</td></tr>\n</table>\n</div>\n'
             '<div class="opsmanual-charts"><svg><text>Against target</text></svg></div>\n'
             '<ul>\n<li><span class="opsmanual-chip">warning</span> late</li>\n</ul>\n</div>')
    assert searchable_words(block) == ("<p>Status&#58; stale</p> <p>Owner: Ana Silva</p> "
                                       "<ul> <li>warning late</li> </ul>")
    cell = "<table>\n<tr>\n<td>Awareness</td>\n<td>ROI calculator<br>Zero trust</td>\n</tr>\n</table>"
    assert searchable_words(cell) == "Awareness ROI calculator Zero trust"  # one word stays one word


def test_a_block_held_late_goes_back_whole_with_or_without_its_words() -> None:
    held = Held()
    blocks = ["<p>One <a href=\"x/\">link</a></p>", '<div class="x">\n<p>Two</p>\n</div>']
    searched, listed = held.hold_late("a.md", words=True), held.hold_late("b.md", words=False)
    page_a = "<h1>A</h1>\n" + "\n".join(searched(b) for b in blocks)
    page_b = "\n".join(listed(b) for b in blocks)
    assert page_a == ('<h1>A</h1>\n<div hidden data-opsmanual-late="0"><p>One link</p></div>\n'
                      '<div hidden data-opsmanual-late="1"><p>Two</p></div>')
    assert page_b == '<div hidden data-opsmanual-late="0"></div>\n<div hidden data-opsmanual-late="1"></div>'
    assert held.fill_late("a.md", page_a) == "<h1>A</h1>\n" + "\n".join(blocks)
    assert held.fill_late("b.md", page_b) == "\n".join(blocks)


def test_zensical_keeps_its_own_markdown_extensions_for_a_site_that_lists_none(small: Path) -> None:
    # A bare Zensical build gives such a site Zensical's defaults (tabs, superfences, mark ...): the
    # site's own pages must convert the same with opsmanual, whose pages need only attr_list and toc.
    page = small / "manual" / "processes" / "nurture.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA ==marked== word.\n", encoding="utf-8")
    _build(small, "--engine", "zensical")
    built = (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert "<mark>marked</mark>" in built  # pymdownx.mark, one of Zensical's defaults
    assert '<div class="admonition danger opsmanual-status opsmanual-flagged">' in built
    health = (small / "site" / "health" / "index.html").read_text(encoding="utf-8")
    assert 'id="all-findings"' in health and "{#" not in health


@pytest.mark.parametrize(
    ("path", "directory_urls", "url"),
    [("index.md", True, "./"), ("a/index.md", True, "a/"), ("a/README.md", True, "a/"), ("a/b.md", True, "a/b/"),
     ("index.md", False, "index.html"), ("a/index.md", False, "a/index.html"), ("a/b.md", False, "a/b.html"),
     ("img/x.png", True, "img/x.png")],
)
def test_page_url_is_the_engines(path: str, directory_urls: bool, url: str) -> None:
    assert page_url(path, directory_urls) == url


@pytest.mark.parametrize(
    ("page", "target", "directory_urls", "href"),
    [
        ("processes/nurture.md", "../owners/ana.md", True, "../../owners/ana/"),
        ("processes/nurture.md", "../health/index.md#all-findings", True, "../../health/#all-findings"),
        ("index.md", "health/index.md#all-findings", True, "health/#all-findings"),
        ("owners/ana.md", "../index.md", True, "../../"),
        ("health/index.md", "../processes/a%20b.md", True, "../processes/a%20b/"),
        ("processes/nurture.md", "../owners/ana.md", False, "../owners/ana.html"),
        ("index.md", "health/index.md", False, "health/index.html"),
        ("health/index.md", "#all-findings", True, "#all-findings"),
        ("health/index.md", "https://example.com/x.md", True, "https://example.com/x.md"),
    ],
)
def test_page_href_writes_the_engines_url(page: str, target: str, directory_urls: bool, href: str) -> None:
    link: Callable[[str], str] = page_href(page, directory_urls)
    assert link(target) == href


def _search_text(site: Path, engine: str, page: str) -> str:
    if engine == "mkdocs":
        docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    else:
        docs = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    return " ".join(doc.get("text", "") for doc in docs if doc["location"].startswith(page))


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_charts_reach_the_page_but_not_the_search_index(small: Path, engine: str) -> None:
    _build(small, "--engine", engine)
    site = small / "site"
    page = (site / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert page.count('<div class="opsmanual-charts">') == 1 and "Against target" in page  # the chart's numbers
    assert "opsmanual-late" not in page and "opsmanual-held" not in page
    words = _search_text(site, engine, "processes/nurture/")
    assert "Owner: Ana Silva" in words  # the status block's words are searchable
    assert "Against target" not in words  # its charts' ticks and numbers are not
    spark = re.search(r'<svg class="opsmanual-spark" [^>]*><title>([^<]+)</title>', page)
    assert spark is not None  # the KPI table's sparkline is in the page ...
    assert html.unescape(spark.group(1)) not in words  # ... and not in the search index
    table = re.search(r'<div class="opsmanual-kpis">\n<table>.*?<td>([^<]+)</td>', page, re.S)
    assert table is not None  # the KPI table is in the page, its first cell the KPI's name ...
    assert "Slice" in page and "Slice" not in words  # ... and its header is not in the search index
    assert page.count('<small class="opsmanual-footer">As of 2026-11-20') == 1  # the footer is in the page ...
    assert "As of" not in words and "source not under git" not in words  # ... not in every page's search


def test_a_plugin_that_drops_comments_loses_no_status_block_or_chart(small: Path) -> None:
    """The placeholders are HTML comments: the plugin fills them before any other plugin or hook
    (a minifier) sees the page."""
    add_hook(small, "strip.py", "import re\n\n"
             "def on_page_content(html, page, config, files):\n"
             "    return re.sub(r'<!--.*?-->', '', html, flags=re.S)\n\n"
             "def on_post_page(output, page, config):\n"
             "    return re.sub(r'<!--.*?-->', '', output, flags=re.S)\n")
    _build(small)
    page = (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-status" in page and '<div class="opsmanual-charts">' in page


def test_zensical_gets_the_listings_kept_out_of_search_after_its_build(small: Path, tmp_path: Path) -> None:
    """Zensical holds every page it renders until it writes the site: the listings it does not
    index (health, content map, channels, owners) reach it as headings and one empty element per
    HTML block, and their tables go into the built pages afterwards."""
    prepared = prepare(small, as_of=date(2026, 11, 20))
    held = Held()
    write_tree(prepared, tmp_path, held)
    docs = tmp_path / "docs"
    health = (docs / "health" / "index.md").read_text(encoding="utf-8")
    assert "search:\n  exclude: true" in health
    assert "<table>" not in health and "<p>" not in health  # no block of the listing ...
    assert "## All findings {#all-findings}" in health  # ... but its headings, for the table of contents
    assert len(held.late["health/index.md"]) == health.count("data-opsmanual-late")
    owner = (docs / "owners" / "ana.md").read_text(encoding="utf-8")
    assert "<table>" not in owner and "data-opsmanual-late" in owner
    persona = (docs / "personas" / "cfo.md").read_text(encoding="utf-8")
    assert "search:" not in persona and "ROI calculator" in persona  # a searched page keeps its words
    status = (docs / "processes" / "nurture.md").read_text(encoding="utf-8")
    assert "Owner: Ana Silva" in status  # as does every status block: search reads them

    _build(small, "--engine", "zensical")
    site = small / "site"
    built = (site / "health" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-late" not in built
    assert built.index('id="by-severity"') < built.index("<table>") < built.index('id="all-findings"')
    assert "Unknown channel &#39;email&#39;" in built
    page = (site / "owners" / "ana" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-late" not in page and "<table>" in page
    # The held blocks' links are the built page's URLs (Zensical would rewrite a raw block's
    # links as relative to the Markdown file: one ``../`` too many on the page ``owners/ana/``).
    assert '<a href="../../processes/nurture/">Email nurture</a>' in page
    assert "../../../processes/nurture/" not in page
    assert _search_text(site, "zensical", "health/") == "" and _search_text(site, "zensical", "owners/ana/") == ""
    assert "Ana Silva" in _search_text(site, "zensical", "processes/nurture/")


@pytest.mark.parametrize(("directory_urls", "page", "owner"), [
    (True, "processes/nurture/index.html", "../../owners/ana/"),
    (False, "processes/nurture.html", "../owners/ana.html"),
])
def test_zensical_status_block_links_are_the_built_pages(small: Path, directory_urls: bool, page: str,
                                                        owner: str) -> None:
    """Zensical rewrites a raw HTML block's relative links as relative to the Markdown file: the
    status block's link to the owner leads to the owner's page (not one folder above the site,
    which a site served under a path cannot follow)."""
    if not directory_urls:
        config = small / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    _build(small, "--engine", "zensical")
    built = (small / "site" / page).read_text(encoding="utf-8")
    assert f'<strong>Owner:</strong> <a href="{owner}">Ana Silva</a>' in built
    assert f'<a href="../{owner}">' not in built
    persona = "personas/cfo/index.html" if directory_urls else "personas/cfo.html"
    cfo = (small / "site" / persona).read_text(encoding="utf-8")  # a generated page in search
    hrefs = re.findall(r'<a href="(\.\./[^"#]*)"', cfo[cfo.index("<article"):])
    targets = [(small / "site" / persona).parent.joinpath(h).resolve() for h in hrefs]
    assert targets and all(t.is_relative_to(small / "site") for t in targets)
    assert all((t / "index.html" if h.endswith("/") else t).is_file() for h, t in zip(hrefs, targets, strict=True))


FOOTER_LINE = '<small class="opsmanual-footer">As of 2026-11-20 · no metric data yet</small>'


@pytest.mark.parametrize("source", ["# Lead handoff\n\nBody.\n", "---\ntitle: T\n---\nNo heading.\r\n", ""])
def test_a_page_converted_before_its_blocks_are_known_is_the_page_handed_whole(small: Path, source: str) -> None:
    """MkDocs converts a page's text (its blocks as placeholders) before the manual is judged, and
    gets the blocks after: together they are what the page handed in one piece was."""
    decoration = prepare(small, as_of=date(2026, 11, 20)).bundle.decoration("processes/nurture.md")
    assert decoration is not None and "](" in decoration.status  # Markdown links, made URLs
    held = Held()
    whole = decorate(source, decoration, FOOTER_LINE, "processes/a.md", directory_urls=True,
                     hold=held.hold("processes/a.md"), front_matter=False)
    assert held_text(source, "processes/a.md", manual=True) == whole
    assert held_blocks(decoration, FOOTER_LINE, "processes/a.md", True) == (held.blocks["processes/a.md"],
                                                                             held.late["processes/a.md"])
    assert 'href="../../owners/' in held.blocks["processes/a.md"][0]
    assert held.late["processes/a.md"]  # the KPI table and the footer line, after search


def test_a_block_outside_the_prerendered_markdown_is_converted_as_the_engine_would() -> None:
    status = "Owner: [Ana](../owners/ana.md), a \\*literal\\* star and *emphasis*"
    blocks, _ = held_blocks(Decoration(status), FOOTER_LINE, "processes/a.md", True)
    assert blocks[0] == ('<p>Owner: <a href="../../owners/ana/">Ana</a>, a *literal* star and '
                         "<em>emphasis</em></p>")
    assert len(blocks) == 2 and 'data-opsmanual-late="0"' in blocks[1]


def test_search_reads_a_held_blocks_words_and_the_page_gets_the_block_whole() -> None:
    """Where the blocks go in after the conversion, the search index reads each one's words (a
    line break between two links separates their titles) and the built page holds the block
    whole, its own late parts in place."""
    held = Held()
    hold = held.hold("personas/cfo.md")
    block = ('<div class="opsmanual-charts"><svg></svg></div>\n'
             '<p><a href="a/">Access reviews</a><br><a href="b/">Database migration</a></p>')
    text = hold(block)
    converted = f"<h1>CFO</h1>\n{text}\n"
    searched = held.fill_searchable("personas/cfo.md", converted, words=True)
    assert "<a " not in searched and "<svg" not in searched
    assert "Access reviews Database migration" in searched
    built = held.fill_late("personas/cfo.md", searched)
    assert built == f"<h1>CFO</h1>\n{block}\n"
    unsearched = Held()
    unsearched.put("x.md", [block], [])
    assert "Access" not in unsearched.fill_searchable("x.md", text, words=False)
