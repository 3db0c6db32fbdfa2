"""Real builds with both engines: pages, generated pages, determinism, atomic swap, safety."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.engines.build import build_site
from generator.engines.errors import BuildError
from generator.pipeline import prepare

from ..projects import add_hook, with_tags_plugin
from .conftest import tree_bytes

AS_OF = "2026-11-20"
GENERATED = ["health", "owners", "personas", "content-map", "channels", "metrics", "changes"]


def _build(project: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", str(project), "--as-of", AS_OF, *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_build_writes_every_page_and_generated_page(small: Path, engine: str) -> None:
    code, output = _build(small, "--engine", engine)
    assert code == 0, output
    site = small / "site"
    assert (site / "processes" / "lead-handoff" / "index.html").is_file()
    for name in GENERATED:
        assert (site / name / "index.html").is_file(), name
    assert (site / "owners" / "revops" / "index.html").is_file()
    assert (site / "opsmanual-report.json").is_file()
    stale = (site / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-status" in stale
    assert "2025-01-10" in stale  # the reviewed date shows in the status block
    assert "As of 2026-11-20 · newest data 2026-10 from data/snapshots · unpublished build" in stale


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_two_builds_are_byte_identical(small: Path, tmp_path: Path, engine: str) -> None:
    assert _build(small, "--engine", engine, "-d", str(tmp_path / "one"))[0] == 0
    assert _build(small, "--engine", engine, "-d", str(tmp_path / "two"))[0] == 0
    one, two = tree_bytes(tmp_path / "one"), tree_bytes(tmp_path / "two")
    assert one.keys() == two.keys()
    different = [name for name in one if one[name] != two[name]]
    assert different == []


def test_timestamps_are_the_as_of_date(small: Path) -> None:
    """SOURCE_DATE_EPOCH pins what would carry the build's clock, e.g. the gzip header of the sitemap."""
    assert _build(small, "--as-of", "2026-12-14")[0] == 0
    gz = (small / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(gz[4:8], "little") == 1797206400  # 2026-12-14 00:00 UTC
    page = (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert "As of 2026-12-14 · " in page  # --as-of wins over the config's pinned 2026-11-20


def test_a_rebuild_replaces_the_site_and_leaves_nothing_behind(small: Path) -> None:
    assert _build(small)[0] == 0
    (small / "site" / "stale.html").write_text("from an earlier build", encoding="utf-8")
    assert _build(small)[0] == 0
    assert not (small / "site" / "stale.html").exists()
    assert (small / "site" / "health" / "index.html").is_file()
    assert sorted(p.name for p in small.iterdir() if p.name.startswith(".site")) == []


def test_build_never_writes_into_manual_or_data(small: Path) -> None:
    before = tree_bytes(small / "manual") | {f"data/{k}": v for k, v in tree_bytes(small / "data").items()}
    assert _build(small)[0] == 0
    after = tree_bytes(small / "manual") | {f"data/{k}": v for k, v in tree_bytes(small / "data").items()}
    assert before == after
    code, output = _build(small, "-d", str(small / "manual" / "site"))
    assert code == 2 and "overlaps" in output


def test_a_failed_build_leaves_the_previous_site(small: Path) -> None:
    assert _build(small)[0] == 0
    before = tree_bytes(small / "site")
    # A hook of the site's that fails once the pages are written makes the engine fail midway.
    add_hook(small, "boom.py", "def on_post_build(config):\n    raise RuntimeError('boom in health/index.md')\n")
    code, output = _build(small)
    assert code == 1
    assert "health/index.md" in output
    assert tree_bytes(small / "site") == before
    leftovers = [p.name for p in small.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_strict_fails_on_findings_and_keeps_the_site(small: Path) -> None:
    assert _build(small)[0] == 0
    before = tree_bytes(small / "site")
    code, output = _build(small, "--strict")
    assert code == 1 and "--strict" in output
    assert tree_bytes(small / "site") == before


def test_input_errors_exit_2_with_file_and_line(small: Path) -> None:
    page = small / "manual" / "processes" / "nurture.md"
    page.write_text(page.read_text(encoding="utf-8").replace("owner: ana", "ownr: ana"), encoding="utf-8")
    code, output = _build(small)
    assert code == 2
    assert "manual/processes/nurture.md:2: unknown key 'ownr'" in output
    assert "did you mean 'owner'?" in output
    assert not (small / "site").exists()


def test_build_site_api_rejects_unknown_engine(small: Path) -> None:
    prepared = prepare(small, as_of=date(2026, 11, 20))
    with pytest.raises(BuildError, match="unknown engine"):
        build_site(prepared, engine="hugo")


def test_plain_mkdocs_build_runs_the_plugin(small: Path) -> None:
    """The plugin is registered as `opsmanual`, so `mkdocs build` on a manual project works."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "-q", "-f", str(small / "mkdocs.yml"), "-d", str(small / "out")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (small / "out" / "health" / "index.html").is_file()
    assert "opsmanual-status" in (small / "out" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")


def test_edit_links_on_pages_not_on_generated_pages(small: Path) -> None:
    config = small / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  features: [content.action.edit]\n")
    config.write_text(text + "repo_url: https://git.small.example/ops/manual\nedit_uri: edit/main/manual/\n",
                      encoding="utf-8")
    assert _build(small)[0] == 0
    page = (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    edit = 'href="https://git.small.example/ops/manual/edit/main/manual/processes/nurture.md"'
    assert page.count(edit) == 2  # Material's edit button and the status block's "Propose a change"
    assert 'rel="edit"' in page
    health = (small / "site" / "health" / "index.html").read_text(encoding="utf-8")
    assert 'rel="edit"' not in health  # a generated page has no source to edit


def test_a_config_file_given_with_f_is_the_one_the_plugin_reads(small: Path) -> None:
    (small / "mkdocs.yml").rename(small / "site-config.yml")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "-q", "-f", str(small / "site-config.yml"), "-d", str(small / "out")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "opsmanual-status" in (small / "out" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_stylesheet_and_page_meta_reach_the_engine(small: Path, engine: str) -> None:
    assert _build(small, "--engine", engine)[0] == 0
    site = small / "site"
    assert ".opsmanual-matrix" in (site / "assets" / "opsmanual.css").read_text(encoding="utf-8")
    content_map = (site / "content-map" / "index.html").read_text(encoding="utf-8")
    assert "assets/opsmanual.css" in content_map
    assert 'class="opsmanual-matrix"' in content_map
    # hide: [toc] on wide generated pages: the table of contents sidebar is hidden
    sidebar = 'data-md-type="toc" hidden'
    assert sidebar in content_map
    assert sidebar not in (site / "metrics" / "index.html").read_text(encoding="utf-8")


def test_titles_from_data_are_escaped_in_the_navigation(copy_fixture, tmp_path: Path) -> None:
    project = copy_fixture("xss")
    for engine in ("mkdocs", "zensical"):
        out = tmp_path / engine
        assert _build(project, "--engine", engine, "-d", str(out))[0] == 0
        leaked = [p.relative_to(out).as_posix() for p in out.rglob("*.html") if "<script>alert" in p.read_text("utf-8")]
        assert leaked == [], engine


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_status_tags_link_to_a_tags_listing(small: Path, engine: str) -> None:
    with_tags_plugin(small)
    code, output = _build(small, "--engine", engine)
    assert code == 0, output
    stale = (small / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../tags/#tag:stale" class="md-tag' in stale
    listing = (small / "site" / "tags" / "index.html").read_text(encoding="utf-8")
    assert 'id="tag:stale"' in listing and "processes/nurture/" in listing
    owner = (small / "site" / "owners" / "revops" / "index.html").read_text(encoding="utf-8")  # a generated page
    assert '<a href="../../tags/#tag:underperforming" class="md-tag' in owner
