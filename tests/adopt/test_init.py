"""opsmanual init: a new manual in an empty folder; one plugin line in an existing MkDocs site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.main import cli
from generator.editing.init import add_plugin_line

from ..engines.conftest import tree_bytes
from .sites import BLOG_SITE, hugo_handbook


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_init_in_an_empty_folder_makes_a_manual_that_checks_and_builds(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    code, out = _run("init", str(root))
    assert code == 0, out
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == [
        ".github/workflows/manual-check.yml", ".github/workflows/manual-publish.yml", ".gitignore",
        "data/metrics.yaml", "data/people.yaml", "manual/index.md", "mkdocs.yml"]
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=yaml.SafeLoader)
    assert config["theme"]["name"] == "material"
    assert "pymdownx.tasklist" in json.dumps(config["markdown_extensions"])
    code, out = _run("check", str(root), "--fail-on", "info", "--format", "json")
    assert code == 0, out
    assert json.loads(out)["findings"] == []
    code, out = _run("build", str(root), "-d", str(tmp_path / "out"))
    assert code == 0, out
    home = (tmp_path / "out" / "index.html").read_text()
    assert home.count('type="checkbox" disabled checked') == 1  # the task list renders as check boxes
    assert (tmp_path / "out" / "metrics" / "index.html").is_file()


def test_init_never_overwrites_and_dry_run_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "m"
    (root / "manual").mkdir(parents=True)
    (root / "manual" / "index.md").write_text("# Our home\n")
    (root / ".gitignore").write_text("node_modules/\n")
    before = tree_bytes(root)
    code, out = _run("init", str(root), "--dry-run")
    assert code == 0 and "Dry run: nothing was written." in out
    assert tree_bytes(root) == before
    code, out = _run("init", str(root))
    assert code == 0, out
    assert (root / "manual" / "index.md").read_text() == "# Our home\n"
    assert (root / ".gitignore").read_text() == "node_modules/\n"
    assert "docs_dir: manual" in (root / "mkdocs.yml").read_text()
    after = tree_bytes(root)
    code, out = _run("init", str(root))
    assert code == 0 and "already has the opsmanual plugin; nothing to do." in out
    assert tree_bytes(root) == after


def test_init_on_existing_markdown_uses_its_folder_and_prunes_a_large_nav(site) -> None:
    files = {f"docs/s{n % 10}/p{n}.md": f"# P{n}\n" for n in range(210)}
    root = site(files)
    code, out = _run("init", str(root))
    assert code == 0, out
    config = (root / "mkdocs.yml").read_text()
    assert "docs_dir: docs\n" in config and "    - navigation.prune " in config
    assert "owner: " in (root / "docs" / "index.md").read_text()  # a home page, owned
    assert "211 pages; 210 without an owner." in out


def test_init_in_an_existing_site_adds_one_line_and_says_what_next(site) -> None:
    files = hugo_handbook(pages=6)
    files["mkdocs.yml"] = "site_name: Handbook  # ours\ndocs_dir: docs\nplugins:\n  - search  # keep\n\ntheme:\n  name: material\n"
    root = site(files)
    before = tree_bytes(root)
    code, out = _run("init", str(root))
    assert code == 0, out
    after = tree_bytes(root)
    assert set(after) == set(before)  # nothing created
    old, new = before["mkdocs.yml"].decode().splitlines(), after["mkdocs.yml"].decode().splitlines()
    assert new == old[:4] + ["  - opsmanual"] + old[4:]
    assert "+  - opsmanual" in out
    assert "10 pages; 10 without an owner." in out  # home, 6 pages, 3 section indexes
    assert "by CODEOWNERS" in out and "by folder: a CODEOWNERS line such as '/docs/section-0/ @" in out
    assert "by page: 'owner: <id>' in the front matter of docs/" in out
    code, _ = _run("check", str(root))
    assert code == 0


def test_init_in_the_blog_site_keeps_tags_and_comments(site, tmp_path: Path) -> None:
    root = site(BLOG_SITE)
    code, out = _run("init", str(root))
    assert code == 0, out
    text = (root / "mkdocs.yml").read_text()
    assert text == BLOG_SITE["mkdocs.yml"].replace("  - tags\n", "  - tags\n  - opsmanual\n")
    assert "4 pages; 0 without an owner, 4 owned through CODEOWNERS." in out
    code, out = _run("build", str(root), "-d", str(tmp_path / "out"))
    assert code == 0, out


@pytest.mark.parametrize(("before", "after"), [
    ("plugins:\n- search\n- tags\nnav: []\n", "plugins:\n- search\n- tags\n- opsmanual\nnav: []\n"),
    ("plugins: [search, blog]  # two\n", "plugins: [search, blog, opsmanual]  # two\n"),
    ("site_name: x\n", "site_name: x\nplugins:\n  - search\n  - opsmanual\n"),
    ("plugins:\n  search: {}\n  blog:\n    x: 1\ntheme: material\n",
     "plugins:\n  search: {}\n  blog:\n    x: 1\n  opsmanual: {}\ntheme: material\n"),
    ("a: 1\r\nplugins:\r\n  - search\r\n", "a: 1\r\nplugins:\r\n  - search\r\n  - opsmanual\r\n"),
])
def test_the_plugin_line_goes_where_the_list_is(before: str, after: str) -> None:
    assert add_plugin_line(before) == after


def test_an_unreadable_config_is_refused(site) -> None:
    root = site({"mkdocs.yml": "site_name: [unclosed\n"})
    code, out = _run("init", str(root))
    assert code == 2 and out.startswith("Error: mkdocs.yml cannot be read")
    assert (root / "mkdocs.yml").read_text() == "site_name: [unclosed\n"


def test_init_on_a_large_material_site_suggests_navigation_prune(site) -> None:
    files = {f"docs/s{n % 10}/p{n}.md": f"# P{n}\n" for n in range(200)}
    files["mkdocs.yml"] = "site_name: Big\ntheme:\n  name: material\nplugins:\n  - search\n"
    code, out = _run("init", str(site(files)))
    assert code == 0, out
    assert "add navigation.prune to theme: features:" in out
    files["mkdocs.yml"] = "site_name: Big\ntheme:\n  name: material\n  features: [navigation.prune]\nplugins:\n  - search\n"
    code, out = _run("init", str(site(files)))
    assert code == 0 and "add navigation.prune" not in out
