"""Past subjects.ASSET_TABLE_LIMIT assets the content map lists no table of every asset, and every
asset keeps one home that every link to it reaches: checked on real builds (no timing)."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.main import cli
from generator.site.subjects import ASSET_TABLE_LIMIT

from ..projects import copy_fixture

AS_OF = "2026-11-20"
CONTENT_LINK = re.compile(r'href="([^"]*#content-[^"]*)"')
CONTENT_ID = re.compile(r'<span id="(content-[^"]*)"></span>')  # an asset's anchor (blocks.anchor_span)
ANY_ID = re.compile(r'id="([^"]*)"')
PERSONAS = (["cfo"], ["it-director"], ["it-director", "cfo"], ["ghost", "cfo"])
# Outside the map: no persona, no stage, an unknown stage (the last one expired, so findings link to it).
STRAY = [
    {"id": "stray-no-persona", "title": "No persona", "stage": "awareness", "owner": "ana"},
    {"id": "stray-no-stage", "title": "No stage", "personas": ["cfo"], "owner": "ana"},
    {"id": "stray-unknown-stage", "title": "Unknown stage", "personas": ["cfo"], "stage": "retention",
     "owner": "ana", "refresh_by": "2026-01-01", "channels": ["webinar"]},
]


def generated_assets(count: int) -> list[dict[str, object]]:
    """``count`` assets over both personas and stages, some retired, draft or past their refresh date."""
    assets = []
    for i in range(count):
        asset: dict[str, object] = {
            "id": f"asset-{i:04d}",
            "title": f"Generated asset {i}",
            "personas": PERSONAS[i % len(PERSONAS)],
            "stage": ("awareness", "decision")[i // 4 % 2],
            "channels": [("webinar", "paid-social")[i % 2]],
            "owner": ("ana", "revops")[i % 3 == 0],
            "status": "retired" if i % 10 == 9 else "draft" if i % 15 == 14 else "live",
        }
        if i % 7 == 0:
            asset["refresh_by"] = "2026-01-01"  # content-expired when live: findings on health and owners
        assets.append(asset)
    return assets


def build(project: Path) -> Path:
    result = CliRunner().invoke(cli, ["build", str(project), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return project / "site"


def html_pages(site: Path) -> dict[str, str]:
    """``{url path of the page (content-map/): its HTML}`` for every built page."""
    pages = {}
    for path in site.rglob("*.html"):
        url = path.relative_to(site).as_posix()
        pages[url.removesuffix("index.html")] = path.read_text(encoding="utf-8")
    return pages


def broken_asset_links(pages: dict[str, str]) -> tuple[Counter[str], list[str]]:
    """How many links to an asset each page holds, and those whose page lacks the element they name."""
    ids = {url: set(ANY_ID.findall(body)) for url, body in pages.items()}
    per_page: Counter[str] = Counter()
    broken = []
    for url, body in pages.items():
        for href in CONTENT_LINK.findall(body):
            target = urlsplit(urljoin(f"https://site.invalid/{url}", href))
            page = unquote(target.path).removeprefix("/").removesuffix("index.html")
            per_page[url] += 1
            if unquote(target.fragment) not in ids.get(page, set()):
                broken.append(f"{url}: {href}")
    return per_page, broken


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, object]], dict[str, str]]:
    """The small fixture with ASSET_TABLE_LIMIT + 100 more assets, built."""
    original = (Path(__file__).resolve().parents[1] / "fixtures" / "small" / "data" / "content.yaml").read_text()
    assets = generated_assets(ASSET_TABLE_LIMIT + 100) + STRAY
    project = tmp_path_factory.mktemp("content-map") / "large"
    copy_fixture("small", project)
    everything = yaml.safe_load(original) + assets
    (project / "data" / "content.yaml").write_text(yaml.safe_dump(everything, sort_keys=False), encoding="utf-8")
    return everything, html_pages(build(project))


def words(body: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_past_the_limit_the_content_map_counts_assets_per_persona(large) -> None:
    assets, pages = large
    body = pages["content-map/"]
    assert "Every asset" not in body and 'id="assets-by-persona"' in body
    shown = words(body)
    assert f"{len(assets):,} assets: too many for one table" in shown
    # the only assets listed on the map are the three outside it, in a table of their own
    assert sorted(CONTENT_ID.findall(body)) == sorted(f"content-{a['id']}" for a in STRAY)
    assert "Generated asset" not in shown
    for persona, name in (("cfo", "CFO"), ("it-director", "IT Director")):
        mine = [a for a in assets if persona in a.get("personas", []) and a.get("stage") in ("awareness", "decision")]
        status = Counter(a.get("status", "live") for a in mine)
        expired = sum(1 for a in mine if a.get("status", "live") == "live" and a.get("refresh_by"))
        row = f"{name} {len(mine)} {status['live']} {expired} 0 {status['draft']} {status['retired']}"
        assert row in shown
        assert f'<a href="../personas/{persona}/">{name}</a></td>' in body
    # the page is a fraction of what one table of every asset was
    assert len(body.encode()) < 100_000


def test_every_asset_has_one_home_and_every_link_to_an_asset_reaches_it(large) -> None:
    assets, pages = large
    homes = Counter(i for body in pages.values() for i in CONTENT_ID.findall(body))
    assert homes == Counter(f"content-{a['id']}" for a in assets)  # each asset's anchor exactly once
    # an asset's home is its first known persona's page: "ghost" is in no personas.yaml
    assert 'id="content-asset-0003"' in pages["personas/cfo/"]
    assert 'id="content-asset-0002"' in pages["personas/it-director/"]
    assert 'id="content-asset-0002"' not in pages["personas/cfo/"]  # listed there, anchored once
    assert "Generated asset 2<" in pages["personas/cfo/"]
    per_page, broken = broken_asset_links(pages)
    assert broken == []
    for page in ("health/", "owners/ana/", "owners/revops/", "channels/", "content-map/"):
        assert per_page[page] > 0, page
    assert 'href="../personas/cfo/#content-asset-0000"' in pages["channels/"]
    assert 'href="#content-stray-unknown-stage"' in pages["content-map/"]


def test_below_the_limit_the_table_of_every_asset_stays(small: Path) -> None:
    pages = html_pages(build(small))
    body = pages["content-map/"]
    assert 'id="every-asset"' in body and "Assets by persona" not in body
    assert sorted(CONTENT_ID.findall(body)) == ["content-roi-calculator", "content-wb-zero-trust"]
    assert not any(CONTENT_ID.findall(pages[p]) for p in ("personas/cfo/", "personas/it-director/"))
    per_page, broken = broken_asset_links(pages)
    assert broken == [] and per_page["channels/"] == 2 and per_page["health/"] > 0


def test_the_readme_gives_the_limit() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"past {ASSET_TABLE_LIMIT} assets how many each persona" in " ".join(readme.split())
