"""Front matter is shared: keys opsmanual does not own pass through; near misses of its own keys are errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.load.front_matter import near_miss, owned_keys
from generator.load.problems import InputError
from generator.load.project import load_project
from generator.load.schema import FrontMatterIn

from .sites import hugo_handbook, with_opsmanual

ROOT = Path(__file__).resolve().parents[2]

# Keys of the blog plugin, Material, social cards, Hugo, Jekyll and Docusaurus.
FOREIGN = {
    "date": "2026-10-01", "authors": "[ana]", "categories": "[News]", "slug": "hello", "location": "Lisbon",
    "subtitle": "More", "social": "{cards: false}", "hide": "[navigation, toc]", "icon": "material/home",
    "status": "new", "search": "{exclude: true}", "description": "Text", "template": "main.html",
    "twitter_image": "/x.png", "noindex": "true", "canonical_path": "/x/", "suppress_header": "true",
    "aliases": "[/a/]", "weight": "3", "draft": "false", "layout": "page", "permalink": "/x/",
    "sidebar_position": "2", "state": "draft", "links": "[a]", "readtime": "5", "pin": "true",
    "comments": "true", "lastmod": "2026-01-01", "keywords": "[a, b]", "type": "docs",
}

NEAR_MISSES = {
    "reviewd": "reviewed", "ownr": "owner", "review-every": "review_every", "kpi": "kpis", "waiver": "waive",
    "Owner": "owner", "owners": "owner", "titel": "title", "Review_Every": "review_every", "persona": "personas",
}


def _project(tmp_path: Path, front: str) -> Path:
    files = with_opsmanual({"mkdocs.yml": "site_name: S\ndocs_dir: docs\n",
                            "docs/index.md": f"---\n{front}---\n# Home\n"})
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


@pytest.mark.parametrize("key", sorted(FOREIGN))
def test_a_key_opsmanual_does_not_own_passes_through(tmp_path: Path, key: str) -> None:
    project = load_project(_project(tmp_path, f"owner: ana\n{key}: {FOREIGN[key]}\n"))
    assert project.pages[0].owner == "ana"
    assert near_miss(key) is None


@pytest.mark.parametrize(("key", "owned"), sorted(NEAR_MISSES.items()))
def test_a_near_miss_of_an_owned_key_is_an_error_at_its_line(tmp_path: Path, key: str, owned: str) -> None:
    with pytest.raises(InputError) as info:
        load_project(_project(tmp_path, f"title: T\ndate: 2026-01-01\n{key}: x\n"))
    assert [str(p) for p in info.value.problems] == [
        f"docs/index.md:4: unknown key '{key}' in front matter (did you mean '{owned}'?)"]


def test_owned_keys_are_the_front_matter_model(tmp_path: Path) -> None:
    assert owned_keys() == tuple(FrontMatterIn.model_fields)
    formats = (ROOT / "docs" / "FORMATS.md").read_text()
    listed = re.search(r"opsmanual owns these front\s+matter keys: (.+?)\.\n", formats, re.S)
    assert listed is not None, "docs/FORMATS.md lists the owned keys"
    assert set(re.findall(r"`([a-z_]+)`", listed.group(1))) == set(owned_keys())


def test_owned_keys_keep_their_nested_checks(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_project(_project(tmp_path, "kpis:\n  - metrc: sqls\nsubtitle: x\n"))
    assert sorted(str(p) for p in info.value.problems) == [
        "docs/index.md:3: missing required key 'kpis[0].metric' in front matter (add it)",
        "docs/index.md:3: unknown key 'kpis[0].metrc' in front matter (did you mean 'metric'?)",
    ]


def test_a_hugo_handbook_checks_with_only_owner_and_review_findings(site) -> None:
    root = site(with_opsmanual(hugo_handbook(pages=12)))
    result = CliRunner().invoke(cli, ["check", str(root), "--as-of", "2026-11-20", "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.output)
    assert {f["rule"] for f in report["findings"]} == {"missing-owner", "missing-review"}
    assert len(report["findings"]) == 2 * (1 + 12 + 3)  # home, 12 pages, 3 section indexes


def test_passed_through_keys_reach_the_engine_untouched(site, tmp_path: Path) -> None:
    files = with_opsmanual(hugo_handbook(pages=3))
    files["docs/index.md"] = "---\ntitle: Home\nhide:\n  - navigation\n  - toc\n---\n# Handbook\n"
    root = site(files)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(root), "--as-of", "2026-11-20", "-d", str(out)])
    assert result.exit_code == 0, result.output
    home = (out / "index.html").read_text()
    assert 'data-md-component="toc"' not in home  # Material read hide: [toc] from the page
    assert (out / "section-1" / "page-1" / "index.html").is_file()


def test_numbers_where_text_is_expected_are_read_as_written(tmp_path: Path) -> None:
    project = load_project(_project(tmp_path, "title: 404\ntags: [2019, news]\n"))
    assert project.pages[0].title == "404"
    assert project.pages[0].tags == ("2019", "news")
