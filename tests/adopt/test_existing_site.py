"""One line in mkdocs.yml: a Material site with a blog, hooks, overrides, !ENV and !!python/name tags,
and no data/, checks and builds with `- opsmanual` added, under opsmanual and under plain mkdocs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.engines.preparer as preparer
from generator.cli.main import cli
from generator.load.project import load_project

from .sites import BLOG_SITE, with_opsmanual

BIN = Path(sys.executable).parent


def _mkdocs_build(root: Path, out: Path, quiet: str = "-q") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_NAME": "Acme Handbook (from ENV)"}
    return subprocess.run([str(BIN / "mkdocs"), "build", quiet, "-f", str(root / "mkdocs.yml"), "-d", str(out)],
                          capture_output=True, text=True, env=env, timeout=300)


def test_plain_mkdocs_build_works_with_the_line_added(site, tmp_path: Path) -> None:
    root = site(with_opsmanual(BLOG_SITE))
    out = tmp_path / "out"
    result = _mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    home = (out / "index.html").read_text()
    assert "Acme Handbook (from ENV)" in home  # !ENV read as MkDocs reads it
    assert "Welcome to Acme Corp" in home  # the site's hook ran
    assert "Handbook of Acme" in home  # the custom_dir override
    assert 'type="checkbox" checked' in home or "task-list-control" in home  # task lists
    assert "(from .github/CODEOWNERS, line 2)" in home  # opsmanual's status block
    assert (out / "blog" / "2026" / "10" / "01" / "hello-world" / "index.html").is_file()  # the blog plugin
    assert (out / "health" / "index.html").is_file()
    assert (out / "blog" / "category" / "news" / "index.html").is_file()


def test_check_on_the_blog_site_exits_0_with_review_findings_only(site) -> None:
    root = site(with_opsmanual(BLOG_SITE))
    result = CliRunner().invoke(cli, ["check", str(root), "--as-of", "2026-11-20", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert sorted((f["file"], f["rule"]) for f in report["findings"]) == [
        ("docs/blog/index.md", "missing-review"),  # the blog's posts are news, not manual pages
        ("docs/guide/index.md", "missing-review"),
        ("docs/guide/onboarding.md", "missing-review"),
        ("docs/index.md", "missing-review"),
    ]
    result = CliRunner().invoke(cli, ["check", str(root), "--as-of", "2026-11-20", "--fail-on", "warning"])
    assert result.exit_code == 1


@pytest.mark.parametrize("beside", [True, False], ids=["prepared-in-a-child", "prepared-in-process"])
def test_opsmanual_build_builds_the_blog_site(site, tmp_path: Path, monkeypatch, beside: bool) -> None:
    # A docs page MkDocs reads that is no manual page (a `.markdown` file: opsmanual's pages are
    # `.md`) is handed over with the footer alone, whichever process prepared the manual.
    monkeypatch.setattr(preparer, "can_prepare_beside", lambda: beside)
    root = site(with_opsmanual(BLOG_SITE))
    (root / "docs" / "notes.markdown").write_text("# Loose notes\n\nKept here.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(root), "--as-of", "2026-11-20", "-d", str(out)])
    assert result.exit_code == 0, result.output
    assert "Built 4 pages and" in result.output
    assert (out / "blog" / "2026" / "10" / "01" / "hello-world" / "index.html").is_file()
    notes = (out / "notes" / "index.html").read_text()
    assert "Kept here." in notes and "opsmanual-footer" in notes and "opsmanual-status" not in notes
    assert "Onboarding" in (out / "guide" / "onboarding" / "index.html").read_text()
    owners = (out / "owners" / "index.html").read_text()
    assert "Git handles that own pages through CODEOWNERS&#58; @acme/docs, @ana-gh." in owners
    assert "not in people.yaml" not in (out / "health" / "index.html").read_text()  # handles are no error


def test_a_python_tag_in_a_data_file_stays_an_input_error(site) -> None:
    files = with_opsmanual(BLOG_SITE)
    files["data/people.yaml"] = "- id: ana\n  name: !!python/name:os.system\n"
    result = CliRunner().invoke(cli, ["check", str(site(files))])
    assert result.exit_code == 2
    assert "data/people.yaml:2" in result.output


def test_pages_alone_are_judged_on_owners_and_reviews(site) -> None:
    files = with_opsmanual({"mkdocs.yml": "site_name: S\ndocs_dir: docs\n",
                            "docs/index.md": "---\nowner: jane\nreviewed: 2026-11-01\n---\n# Home\n",
                            "docs/a.md": "# A\n"})
    root = site(files)
    project = load_project(root)
    assert project.metrics == {} and project.catalogs.people == {}
    result = CliRunner().invoke(cli, ["check", str(root), "--as-of", "2026-11-20", "--format", "json"])
    assert result.exit_code == 0, result.output
    # jane is not checked against a people.yaml the manual does not keep
    assert sorted((f["file"], f["rule"]) for f in json.loads(result.output)["findings"]) == [
        ("docs/a.md", "missing-owner"), ("docs/a.md", "missing-review")]
    (root / "data").mkdir()
    (root / "data" / "people.yaml").write_text("- id: ana\n  name: Ana\n")
    result = CliRunner().invoke(cli, ["check", str(root), "--as-of", "2026-11-20", "--format", "json"])
    assert result.exit_code == 1
    assert "unknown-reference" in {f["rule"] for f in json.loads(result.output)["findings"]}


def test_env_tags_and_inherit_are_read_as_mkdocs_reads_them(site, monkeypatch) -> None:
    files = {
        "base.yml": "docs_dir: docs\nplugins:\n  - search\n  - opsmanual:\n      review_every: 30d\n",
        "mkdocs.yml": ("INHERIT: base.yml\nsite_name: !ENV [NO_SUCH_VAR_X, 'Fallback']\n"
                       "repo_url: !ENV [OPSMANUAL_TEST_REPO, 'https://example.com/r']\n"),
        "docs/index.md": "# Home\n",
    }
    monkeypatch.setenv("OPSMANUAL_TEST_REPO", "https://github.com/acme/handbook")
    project = load_project(site(files))
    assert project.config.docs_dir == "docs"
    assert str(project.config.settings.review_every) == "30d"
    assert project.config.repo_url == "https://github.com/acme/handbook"


def test_a_page_of_the_site_at_a_generated_url_is_kept_and_the_build_goes_on(site, tmp_path: Path) -> None:
    files = with_opsmanual(BLOG_SITE)
    files["docs/health/index.md"] = "# Health benefits\n"
    files["docs/changes.md"] = "# Changelog\n"
    root = site(files)
    out = tmp_path / "out"
    result = _mkdocs_build(root, out, quiet="--clean")
    assert result.returncode == 0, result.stderr
    assert "docs/health/index.md is the site's own page at the URL of opsmanual's generated health/index.md" \
        in result.stderr
    assert "docs/changes.md is the site's own page" in result.stderr
    assert "Health benefits" in (out / "health" / "index.html").read_text()
    assert "Changelog" in (out / "changes" / "index.html").read_text()
    assert (out / "owners" / "index.html").is_file() and (out / "metrics" / "index.html").is_file()


def test_a_site_with_a_nav_gets_the_generated_pages_as_one_section(site, tmp_path: Path) -> None:
    root = site(with_opsmanual(BLOG_SITE))
    out = tmp_path / "out"
    assert _mkdocs_build(root, out).returncode == 0
    home = (out / "index.html").read_text()
    assert "Manual health" in home
    assert 'href="health/"' in home and 'href="owners/"' in home
    assert 'href="https://github.com/acme/handbook"' in home  # the site's own external nav link stays


def test_a_failing_hook_of_the_site_is_an_error_without_traceback(site) -> None:
    files = with_opsmanual(BLOG_SITE)
    files["hooks/company.py"] = "def on_page_markdown(markdown, page, config, files):\n    raise KeyError('x')\n"
    result = CliRunner().invoke(cli, ["build", str(site(files))])
    assert result.exit_code == 1
    assert "Error: the MkDocs build failed: KeyError: 'x' (raised in " in result.output
    assert "hooks/company.py:2)" in result.output and "Traceback" not in result.output


def test_zensical_builds_the_blog_site_with_its_tags_overrides_and_authors(site, tmp_path: Path) -> None:
    root = site(with_opsmanual(BLOG_SITE))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(root), "--engine", "zensical", "--as-of", "2026-11-20",
                                      "-d", str(out)])
    assert result.exit_code == 0, result.output
    assert "opsmanual-status" in (out / "guide" / "onboarding" / "index.html").read_text()
    assert "Handbook of Acme" in (out / "index.html").read_text()  # custom_dir, found from elsewhere
    assert (out / "blog" / "2026" / "10" / "01" / "hello-world" / "index.html").is_file()  # .authors.yml came along
    assert (root / "mkdocs.yml").read_text() == with_opsmanual(BLOG_SITE)["mkdocs.yml"]


def test_exclude_docs_and_blog_posts_are_not_manual_pages(site) -> None:
    files = with_opsmanual(BLOG_SITE)
    files["mkdocs.yml"] += "exclude_docs: |\n  drafts/\n  *.tmp.md\n  !drafts/keep.md\n"
    files["mkdocs.yml"] = files["mkdocs.yml"].replace("  - blog:\n      blog_dir: blog\n",
                                                      "  - material/blog:\n      blog_dir: news\n")
    files["docs/news/posts/a.md"] = "---\ndate: 2026-01-01\n---\n# A\n"
    files["docs/news/index.md"] = "# News\n"
    files["docs/drafts/x.md"] = "# X\n"
    files["docs/drafts/keep.md"] = "# Keep\n"
    files["docs/guide/note.tmp.md"] = "# Tmp\n"
    files = {k: v for k, v in files.items() if not k.startswith("docs/blog/")}
    pages = {p.path for p in load_project(site(files)).pages}
    assert pages == {"index.md", "guide/index.md", "guide/onboarding.md", "news/index.md", "drafts/keep.md"}


def test_a_readme_beside_an_index_is_not_a_page_as_in_mkdocs(site) -> None:
    files = with_opsmanual({"mkdocs.yml": "site_name: S\ndocs_dir: docs\n", "docs/index.md": "# Home\n",
                            "docs/a/index.md": "# A\n", "docs/a/README.md": "# A readme\n",
                            "docs/b/README.md": "# B\n"})
    assert {p.path for p in load_project(site(files)).pages} == {"index.md", "a/index.md", "b/README.md"}


def test_opsmanual_serve_previews_the_blog_site_without_data(site) -> None:
    from ..engines.test_serve import free_port, wait_for

    root = site(with_opsmanual(BLOG_SITE))
    port = free_port()
    server = subprocess.Popen([str(BIN / "opsmanual"), "serve", str(root), "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        home = wait_for(f"http://127.0.0.1:{port}/", "opsmanual-status")
        assert "@acme/docs (from .github/CODEOWNERS, line 2)" in home
        assert "Hello world" in wait_for(f"http://127.0.0.1:{port}/blog/2026/10/01/hello-world/", "Hello world")
        wait_for(f"http://127.0.0.1:{port}/health/", "opsmanual")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Error" not in output


def test_new_page_in_a_site_without_people_yaml_takes_any_owner_as_check_does(site) -> None:
    root = site(with_opsmanual({"mkdocs.yml": "site_name: S\ndocs_dir: docs\n", "docs/index.md": "# Home\n"}))
    result = CliRunner().invoke(cli, ["new", "page", "guide/x", str(root), "--owner", "jane"])
    assert result.exit_code == 0, result.output
    assert "owner: jane\n" in (root / "docs" / "guide" / "x.md").read_text()
    result = CliRunner().invoke(cli, ["check", str(root), "--format", "json"])
    assert [f["file"] for f in json.loads(result.output)["findings"]] == ["docs/index.md", "docs/index.md"]
