"""ProperDocs, MkDocs' maintained fork: installed beside MkDocs, it runs the same plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from click.testing import CliRunner

from generator.cli.main import cli

from ..engines.conftest import tree_bytes
from ..projects import copy_fixture
from .sites import BLOG_SITE, with_opsmanual

BIN = Path(sys.executable).parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_installs_beside_mkdocs() -> None:
    assert version("properdocs").startswith("1.6") and version("mkdocs").startswith("1.6")
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout


def test_engine_properdocs_builds_the_same_site_as_mkdocs(tmp_path: Path) -> None:
    project = copy_fixture("small", tmp_path / "small")
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        out = tmp_path / engine
        result = CliRunner().invoke(cli, ["build", str(project), "--as-of", "2026-11-20", "--engine", engine,
                                          "-d", str(out)])
        assert result.exit_code == 0, result.output
        assert f"with {engine} into" in result.output
        sites[engine] = {k: GENERATOR.sub(b"", v) for k, v in tree_bytes(out).items() if not k.endswith(".gz")}
    assert b"ProperDocs" in tree_bytes(tmp_path / "properdocs")["index.html"]
    assert sites["properdocs"] == sites["mkdocs"]


def test_plain_properdocs_build_runs_the_plugin_beside_a_blog(site, tmp_path: Path) -> None:
    root = site(with_opsmanual(BLOG_SITE))
    out = tmp_path / "out"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(BIN / "properdocs"), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "(from .github/CODEOWNERS, line 2)" in (out / "index.html").read_text()
    assert (out / "blog" / "2026" / "10" / "01" / "hello-world" / "index.html").is_file()
    assert (out / "health" / "index.html").is_file()


def test_a_properdocs_failure_is_a_build_error(tmp_path: Path) -> None:
    project = copy_fixture("small", tmp_path / "small", {"mkdocs.yml": None})
    (project / "mkdocs.yml").write_text("site_name: S\ndocs_dir: manual\ntheme: material\n"
                                           "plugins:\n  - opsmanual\n  - no-such-plugin\n")
    result = CliRunner().invoke(cli, ["build", str(project), "--engine", "properdocs", "-d", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "Error: the ProperDocs build failed" in result.output and "no-such-plugin" in result.output
