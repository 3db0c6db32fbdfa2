"""The generated pages: their paths, their key content, and that every link between them resolves."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from generator.load.project import load_project
from generator.model.project import Project
from generator.site.bundle import SiteBundle, SiteMeta
from generator.site.overview import MAX_BARS

Words = Callable[[str], str]
Pages = Callable[[SiteBundle], dict[str, str]]

LINK = re.compile(r"\]\(([^)\s]+)\)")
ID = re.compile(r'\{#([^}\s]+)\}|id="([^"]+)"')


def test_generated_paths_are_stable(small: SiteBundle) -> None:
    assert [p.path for p in small.pages] == [
        "changes/index.md",
        "channels/index.md",
        "content-map/index.md",
        "health/index.md",
        "metrics/index.md",
        "owners/ana.md",
        "owners/index.md",
        "owners/revops.md",
        "personas/cfo.md",
        "personas/index.md",
        "personas/it-director.md",
    ]
    for page in small.pages:
        assert page.markdown.startswith("# ") and page.markdown.endswith("\n") and not page.markdown.endswith("\n\n")
        assert page.title


def test_every_link_between_pages_resolves(small: SiteBundle, small_project: Project, pages: Pages) -> None:
    generated = pages(small)
    texts = dict(generated)
    texts.update({path: d.status for path, d in small.decorations.items()})
    anchors = {path: {a or b for a, b in ID.findall(md)} for path, md in generated.items()}
    manual = {p.path for p in small_project.pages}
    checked = 0
    for source, md in texts.items():
        for target in LINK.findall(md):
            if target.startswith(("http:", "https:", "mailto:")):
                continue
            path, _, fragment = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path)) if path else source
            assert resolved in generated or resolved in manual, f"{source}: {target}"
            if fragment:
                assert fragment in anchors.get(resolved, set()), f"{source}: {target}"
            checked += 1
    assert checked > 50


def test_health_page(small: SiteBundle, visible: Words, pages: Pages) -> None:
    md = pages(small)["health/index.md"]
    words = visible(md)
    assert "As of 2026-11-20: 2 errors, 12 warnings, 0 info." in words
    assert "Metrics: 9 rows from 3 snapshot files in data/snapshots, read and aggregated by DuckDB." in words
    assert "| error | 2 |" in md and "| warning | 12 |" in md and "| waived | 1 |" in md
    assert "| Declining (<code>kpi-declining</code>) | the metric moved the wrong way" in md
    assert "| [Ana Silva](../owners/ana.md) | 1 | 7 | 0 | 8 |" in md
    assert "| no owner | 1 | 2 | 0 | 3 |" in md
    # subjects link to where they live
    assert "[Email nurture](../processes/nurture.md)" in md
    assert "[Paid social (channel)](../channels/index.md#channel-paid-social)" in md
    assert "[Zero trust in 45 minutes (content)](../content-map/index.md#content-wb-zero-trust)" in md
    assert "[CFO (persona)](../personas/cfo.md)" in md
    # errors first in the full table
    table = md[md.index("## All findings") : md.index("## Waived")]
    severities = re.findall(r"^\| <span class=\"opsmanual-chip opsmanual-sev-\w+\">(error|warning|info)</span> \|", table, flags=re.M)
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert len(severities) == 14
    assert "No earlier published version is known" in md
    # the first screen's "more" links to the list; of 10 rules the 8 with most findings (errors first) are drawn
    assert "[9 more findings](#all-findings) below." in md and "## All findings {#all-findings}" in md
    chart = md[md.index("Findings by rule") : md.index("</figure>", md.index("Findings by rule"))]
    drawn = re.findall(r'text-anchor="end" class="opsmanual-tick">([^<]*)</text>', chart)
    assert len(drawn) == MAX_BARS
    assert drawn == ["Declining", "Unknown reference", "Review overdue", "No owner", "Never reviewed",  # 4, 2, then 1 each
                     "Below target", "Measures activity only", "Content gap"]
    assert "14 findings from 10 rules; the first 8 of 10 are drawn, every one is under Numbers." in chart
    assert chart.count("<tr><td>") == 10  # the numbers table lists every rule


def test_health_trend_across_versions(small_project: Project, render: Callable[..., SiteBundle], pages: Pages) -> None:
    meta = SiteMeta(
        version="2026.11",
        history=(
            ("2026.09", {"error": 3, "warning": 20, "info": 1}),
            ("2026.10", {"error": 2, "warning": 15, "info": 0}),
        ),
    )
    md = pages(render(small_project, meta=meta))["health/index.md"]
    assert "| 2026.09 | 3 | 20 | 1 | 24 |" in md
    assert "| 2026.10 | 2 | 15 | 0 | 17 |" in md
    assert "| 2026.11 | 2 | 12 | 0 | 14 |" in md
    assert 'aria-label="Findings per version, 2026.09 to 2026.11"' in md


def test_owner_pages(small: SiteBundle, pages: Pages) -> None:
    pages = pages(small)
    index = pages["owners/index.md"]
    assert (
        '| [Ana Silva](ana.md) | person | <a href="mailto:ana@small.example">ana@small.example</a> | 6 | 1 | 7 | 0 |'
        in index
    )
    assert "## Without an owner" in index and "[Small manual](../index.md)" in index
    ana = pages["owners/ana.md"]
    assert ana.startswith("# Ana Silva\n")
    act = ana[ana.index("## To act on") : ana.index("## Pages")]
    rows = re.findall(r"^\| <span class=\"opsmanual-chip opsmanual-sev-\w+\">(error|warning|info)</span> \|", act, flags=re.M)
    assert rows[0] == "error" and len(rows) == 8  # most urgent first
    assert "[Email nurture](../processes/nurture.md) | 2025-01-10 | 2025-04-10 |" in ana
    assert "## Channels" in ana and "[Webinars (channel)](../channels/index.md#channel-webinar)" in ana
    assert "## Personas" in ana
    revops = pages["owners/revops.md"]
    assert "**Kind:** team" in revops and "## Waived" in revops
    by_path = {p.path: p for p in small.pages}
    assert by_path["owners/revops.md"].tags == ("underperforming",)


def test_persona_pages(small: SiteBundle, visible: Words, pages: Pages) -> None:
    pages = pages(small)
    index = pages["personas/index.md"]
    assert "| [CFO](cfo.md) | — | [Ana Silva](../owners/ana.md) | 1 | Awareness | 10 |" in index
    assert "| [IT Director](it-director.md) | — | [Ana Silva](../owners/ana.md) | 2 | none | 36 |" in index
    cfo = pages["personas/cfo.md"]
    assert "| Awareness | **gap**: no live content | — |" in cfo
    assert "| Decision | ROI calculator | — |" in cfo
    words = visible(cfo)
    assert "Leads 260" in words and "SQLs 10" in words and "Pipeline $60,000" in words
    assert "No live content for CFO at the Awareness stage." in words
    assert "Manual pages for this persona" in pages["personas/it-director.md"]


def test_persona_details(copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], pages: Pages) -> None:
    root = copy_fixture(
        "small",
        {
            "data/personas.yaml": (
                "- id: it-director\n  name: IT Director\n  segment: Mid-market\n  owner: ana\n  summary: Runs IT.\n"
                "  pains: [Audits]\n  goals: [Fewer agents]\n  channels: [webinar, podcast]\n"
                "- id: cfo\n  name: CFO\n  owner: ana\n"
            )
        },
    )
    md = pages(render(load_project(root)))["personas/it-director.md"]
    assert "**Segment:** Mid-market" in md and "Runs IT." in md
    assert "## Pains\n\n- Audits" in md and "## Goals\n\n- Fewer agents" in md
    assert "[Webinars](../channels/index.md#channel-webinar), podcast (not in channels.yaml)" in md


def test_content_map(small: SiteBundle, visible: Words, pages: Pages) -> None:
    md = pages(small)["content-map/index.md"]
    words = visible(md)
    assert "1 of 4 cells has no live content (gaps)" in words
    assert (
        '| [CFO](../personas/cfo.md) | <span class="opsmanual-gap">gap: no live content</span> | '
        '<span class="opsmanual-cell-metric">10 SQLs (2026-10)</span>• ROI calculator |'
    ) in md
    assert '<span class="opsmanual-cell-metric">36 SQLs (2026-10)</span>• Zero trust in 45 minutes ⚠ *expired 2026-10-01*' in md
    assert '<span id="content-wb-zero-trust"></span>' in md
    assert "| needs-refresh |" in md
    # the result heatmap: SQLs per cell in the newest period; a cell without rows is "no data", not 0
    assert "SQLs per persona and stage in 2026-10&#58; highest IT Director at Awareness, 36 SQLs; 2 of 4 cells have no data." in md
    assert md.count('class="opsmanual-heat-none"') == 2


def test_content_map_links_assets_by_safe_url(
    copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], pages: Pages
) -> None:
    root = copy_fixture("small")
    content = (root / "data" / "content.yaml").read_text(encoding="utf-8")
    content = content.replace(
        "  status: live\n  refresh_by", "  status: live\n  url: https://acme.example/zt\n  refresh_by"
    )
    content += "- id: old\n  title: Old deck\n  personas: [cfo]\n  stage: awareness\n  status: retired\n"
    (root / "data" / "content.yaml").write_text(content, encoding="utf-8")
    md = pages(render(load_project(root)))["content-map/index.md"]
    assert '<a href="https://acme.example/zt">Zero trust in 45 minutes</a>' in md
    assert '<span class="opsmanual-gap">gap: no live content</span>• Old deck *(retired)*' in md


def test_channel_scorecard(small: SiteBundle, html: Words, visible: Words, pages: Pages) -> None:
    md = pages(small)["channels/index.md"]
    assert (
        "| # | Channel | Cost per SQL | Trend | Spend | Leads | MQLs | SQLs | Pipeline | Pipeline ROI | Budget | "
        "Owner | Status |"
    ) in md
    webinar = re.search(
        r"^\| 1 \| \[Webinars\]\(#channel-webinar\) \| &#36;222 \| <svg.*?</svg> \| &#36;8,000 \| 340 \| "
        r"120 \| 36 \| &#36;250,000 \| 30.2× \| &#36;8,000 \| \[Ana Silva\]\(../owners/ana.md\) \| "
        r"underperforming, on budget \|$",
        md,
        flags=re.M,
    )
    paid = re.search(
        r"^\| 2 \| \[Paid social\]\(#channel-paid-social\) \| &#36;600 \| <svg.*?</svg> \| &#36;6,000 \| "
        r"220 \| 40 \| 10 \| &#36;60,000 \| 9× \| — \| .* \| underperforming \|$",
        md,
        flags=re.M,
    )
    assert webinar and paid
    assert webinar.start() < paid.start()  # ranked by cost per SQL
    assert '| &#36;222 <span class="opsmanual-nobreak">(2026-10)</span> | ≤ &#36;300 | met, rising 11% |' in md  # cost per SQL moving the wrong way
    assert '<h3 id="channel-webinar">' in html(md)
    assert "Snapshot rows also name channels that are not in channels.yaml: <code>email</code>." in md
    # Webinars is cheaper but its cost per SQL rose: not "on target", so no case for moving budget
    assert "no clear case for moving budget" in visible(md)


def test_budget_recommendation_is_derived_from_the_numbers(
    copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], visible: Words, pages: Pages
) -> None:
    rows = {
        "alpha": (1000, 10),  # $100 per SQL, target met
        "beta": (3000, 10),  # $300
        "gamma": (8000, 10),  # $800, target missed
        "delta": (2000, 0),  # spent, no SQLs
    }
    channels = "".join(
        f"- id: {cid}\n  name: {cid.capitalize()} channel\n  owner: ana\n  kpis:\n    - metric: cost_per_sql\n"
        f"      target: '<= 500'\n"
        for cid in rows
    )
    csv = "period,channel,leads,mqls,sqls,pipeline,cost\n" + "".join(
        f"{period},{cid},100,50,{sqls},10000,{cost}\n"
        for period in ("2026-09", "2026-10")
        for cid, (cost, sqls) in rows.items()
    )
    root = copy_fixture(
        "small",
        {
            "data/channels.yaml": channels,
            "data/content.yaml": "[]\n",
            "data/snapshots/2026-08.csv": "period,channel,leads\n",
            "data/snapshots/2026-09.csv": "period,channel,leads\n",
            "data/snapshots/2026-10.csv": csv,
        },
    )
    md = pages(render(load_project(root)))["channels/index.md"]
    advice = visible(md[md.index("## Where budget") : md.index("## Channel details")])
    # two periods are too few to say what the next dollar buys: no move, only the averages as context
    assert advice.startswith("Where budget would produce more results From each channel's own history")
    assert "Fewer than two channels have an estimate the data supports, so no move is advised." in advice
    assert "The data cannot tell yet what the next dollar buys in Alpha channel (only 2 periods with spend and " \
           "results). Suggested test: change its spend by about $150 a period" in advice
    assert (
        "By 2026-10 averages, the costliest are Delta channel ($2,000 spent, "
        "no SQLs) and Gamma channel (Cost per SQL $800, missing its target), and the cheapest on target Alpha channel "
        "(Cost per SQL $100, on target)"
    ) in advice
    assert "$1,000 buys about 10.0 SQLs in Alpha channel against 1.2 in Gamma channel" in advice
    assert "move budget on what the next dollar buys (above), in steps" in advice
    order = [md.index(f"[{c.capitalize()} channel](#channel-{c})") for c in ("alpha", "beta", "gamma", "delta")]
    assert order == sorted(order)


def test_scorecard_shows_only_measures_that_exist(
    copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], pages: Pages
) -> None:
    root = copy_fixture(
        "small",
        {
            "data/metrics.yaml": "measures:\n  sqls: {label: SQLs, kind: result}\n  emails_sent: {label: Emails, kind: activity}\n",
            "data/channels.yaml": "- id: webinar\n  name: Webinars\n  owner: ana\n- id: paid-social\n  name: Paid social\n  owner: ana\n",
        },
    )
    bundle = render(load_project(root))
    md = pages(bundle)["channels/index.md"]
    assert "| # | Channel | SQLs | Owner | Status |" in md
    assert "nothing to compare yet" in md
    assert "| SQLs | 10 | <svg" in pages(bundle)["personas/cfo.md"]  # the persona's result, with its trend


def test_metric_catalog(small: SiteBundle, pages: Pages) -> None:
    md = pages(small)["metrics/index.md"]
    assert "| <code>cost</code> | Spend | cost | USD (currency) | lower | yes | 0 |" in md
    assert "| <code>emails&#95;sent</code> | Emails sent | activity | count | higher | yes | 1 |" in md
    assert (
        "| <code>sql&#95;rate</code> | MQL to SQL rate | <code>sqls / mqls</code> | result | ratio (shown as %) | higher | 2 |"
        in md
    )
    assert "<code>(pipeline - cost) / cost</code>" in md


def test_footer(small: SiteBundle, small_project: Project, render: Callable[..., SiteBundle], visible: Words) -> None:
    assert small.footer == (
        '<small class="opsmanual-footer">As of 2026-11-20 · newest data 2026-10 from data/snapshots · '
        "unpublished build · source not under git</small>"
    )
    meta = SiteMeta(version="2026.11", commit="a1b2c3d")
    footer = render(small_project, meta=meta).footer
    assert visible(footer) == (
        "As of 2026-11-20 · newest data 2026-10 from data/snapshots · version 2026.11 · source a1b2c3d"
    )


def test_an_empty_project_renders(
    copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], pages: Pages
) -> None:
    root = copy_fixture(
        "small",
        {
            "data/channels.yaml": "[]\n",
            "data/content.yaml": "[]\n",
            "data/personas.yaml": "[]\n",
            "data/people.yaml": "[]\n",
            "data/snapshots/2026-08.csv": "period,channel,sqls\n",
            "data/snapshots/2026-09.csv": "period,channel,sqls\n",
            "data/snapshots/2026-10.csv": "period,channel,sqls\n",
            "manual/processes/lead-handoff.md": "# Lead handoff\n",
            "manual/processes/nurture.md": "# Nurture\n",
        },
    )
    bundle = render(load_project(root))
    pages = pages(bundle)
    assert "No channels yet" in pages["channels/index.md"]
    assert "No personas yet" in pages["personas/index.md"]
    assert "no metric data yet" in bundle.footer


def test_sources_link_to_their_edit_page_when_known(
    small_project: Project, render: Callable[..., SiteBundle], pages: Pages, small: SiteBundle
) -> None:
    assert "**Source:** data/personas.yaml&#58;4" in pages(small)["personas/cfo.md"]
    meta = SiteMeta(edit_url="https://git.small.example/ops/manual/edit/main/manual/")
    generated = pages(render(small_project, meta=meta))
    cfo = generated["personas/cfo.md"]
    assert '**Source:** <a href="https://git.small.example/ops/manual/edit/main/data/personas.yaml">' in cfo
    health = generated["health/index.md"]
    assert '<a href="https://git.small.example/ops/manual/edit/main/manual/processes/nurture.md">' in health


def test_an_odd_history_does_not_break_the_health_page(
    small_project: Project, render: Callable[..., SiteBundle], pages: Pages
) -> None:
    meta = SiteMeta(history=(("<b>v1</b>", {"error": "x", "warning": None}), ("v2", [])))  # type: ignore[arg-type]
    md = pages(render(small_project, meta=meta))["health/index.md"]
    assert "| &lt;b&gt;v1&lt;/b&gt; | 0 | 0 | 0 | 0 |" in md
    assert "| this build | 2 | 12 | 0 | 14 |" in md


def test_persona_gaps_are_the_rules_gaps(copy_fixture: Callable[..., Path], render: Callable[..., SiteBundle], pages: Pages) -> None:
    """With coverage-gap off, a cell without live content is no gap on the persona pages either."""
    root = copy_fixture("small")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "      rules:\n        coverage-gap: off\n", encoding="utf-8")
    shown = pages(render(load_project(root)))
    assert "| [CFO](cfo.md) | — | [Ana Silva](../owners/ana.md) | 1 | none | 10 |" in shown["personas/index.md"]
    assert "| Awareness | no live content | — |" in shown["personas/cfo.md"]
    assert "gap" not in shown["personas/cfo.md"]
