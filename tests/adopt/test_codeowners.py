"""Owners from CODEOWNERS: last match wins, gitignore-style patterns, mapped to people.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import cli
from generator.load.codeowners import parse_codeowners, pattern_regex
from generator.load.project import load_project

from .sites import BLOG_SITE, hugo_handbook, with_opsmanual

PATTERNS = [
    ("*", "a/b.md", True),
    ("*.md", "docs/x/y.md", True),
    ("*.md", "docs/x/y.yml", False),
    ("/docs/", "docs/a.md", True),
    ("/docs/", "x/docs/a.md", False),
    ("docs/", "x/docs/a.md", True),  # a folder name alone: at any depth
    ("docs/*", "docs/a.md", True),
    ("docs/*", "docs/b/a.md", False),  # GitHub: dir/* owns that folder's own files only
    ("/build/logs", "build/logs/a/b.md", True),
    ("apps/github", "x/apps/github/a.md", False),  # a slash inside anchors the pattern
    ("**/logs", "a/b/logs/c.md", True),
    ("docs/**/guide.md", "docs/a/b/guide.md", True),
    ("/docs/*.md", "docs/x/a.md", False),
    ("/*", "a.md", True),
    ("/*", "a/b.md", False),
    ("[Dd]ocs/", "Docs/a.md", True),
    ("docs/a?.md", "docs/ab.md", True),
    ("my\\ file.md", "x/my file.md", True),
]


@pytest.mark.parametrize(("pattern", "path", "owned"), PATTERNS)
def test_patterns_match_as_github_matches(pattern: str, path: str, owned: bool) -> None:
    assert bool(pattern_regex(pattern).match(path)) is owned


def test_parse_skips_comments_and_reads_gitlab_sections() -> None:
    rules = parse_codeowners("# top\n*.md @a # trailing\n\n[Docs] @docs-team\n/docs/\n^[Optional][2] @b\n/x/ @c\n")
    assert [(r.pattern, r.owners, r.line) for r in rules] == [
        ("*.md", ("@a",), 2), ("/docs/", ("@docs-team",), 5), ("/x/", ("@c",), 7)]


PEOPLE = """\
- id: docs-team
  name: Docs team
  kind: team
  git: acme/docs
- id: ana
  name: Ana Silva
  email: ana@acme.example
"""


def _site(site, codeowners: str, people: str | None = PEOPLE, where: str = ".github/CODEOWNERS") -> Path:
    files = with_opsmanual(hugo_handbook(pages=3))
    files["docs/section-0/page-0.md"] = "---\nowner: ana\n---\n# Zero\n"
    files[where] = codeowners
    if people is not None:
        files["data/people.yaml"] = people
    return site(files)


def _owners(root: Path) -> dict[str, tuple[str | None, str | None]]:
    return {p.path: (p.owner, p.owner_from) for p in load_project(root).pages}


@pytest.mark.parametrize("where", [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"])
def test_a_page_without_owner_takes_the_last_matching_rule(site, where: str) -> None:
    text = "* @nobody-in-particular\n/docs/section-1/ @ACME/docs\n/docs/section-1/page-1.md ana@acme.example\n"
    owners = _owners(_site(site, text, where=where))
    assert owners["index.md"] == ("@nobody-in-particular", f"{where}:1")  # a handle people.yaml lacks
    assert owners["section-1/index.md"] == ("docs-team", f"{where}:2")  # git handle, any case
    assert owners["section-1/page-1.md"] == ("ana", f"{where}:3")  # by e-mail
    assert owners["section-0/page-0.md"] == ("ana", None)  # the page's own owner: wins


def test_a_rule_without_owners_unowns(site) -> None:
    owners = _owners(_site(site, "* @acme/docs\n/docs/section-2/\n"))
    assert owners["section-2/index.md"] == (None, None)
    assert owners["section-1/index.md"] == ("docs-team", ".github/CODEOWNERS:1")


def test_unknown_handles_are_no_error_and_the_status_block_names_the_source(site, tmp_path: Path) -> None:
    root = _site(site, "* @someone-else\n/docs/section-1/ @acme/docs\n")
    result = CliRunner().invoke(cli, ["check", str(root), "--as-of", "2026-11-20", "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.output)["findings"]
    assert {f["rule"] for f in findings} == {"missing-review"}
    assert {f["owner"] for f in findings if f["file"] == "docs/section-1/page-1.md"} == {"docs-team"}
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(root), "--as-of", "2026-11-20", "-d", str(out)])
    assert result.exit_code == 0, result.output
    home = (out / "index.html").read_text()
    assert "<strong>Owner:</strong> @someone-else (from .github/CODEOWNERS, line 1)" in home
    page = (out / "section-1" / "page-1" / "index.html").read_text()
    assert ">Docs team</a> (from .github/CODEOWNERS, line 2)" in page


def test_opsmanual_codeowners_agrees_with_the_owners_shown(site) -> None:
    root = _site(site, "* @someone-else\n/docs/section-1/ @acme/docs\n/docs/section-2/ ana@acme.example\n")
    for odd in ("a b.md", "x[1]*.md", "#hash.md"):  # names CODEOWNERS must escape
        (root / "docs" / "section-0" / odd).write_text("---\nowner: docs-team\n---\n# Odd\n")
    before = _owners(root)
    result = CliRunner().invoke(cli, ["codeowners", str(root), "--force"])
    assert result.exit_code == 0, result.output
    text = (root / ".github" / "CODEOWNERS").read_text()
    assert "/docs/index.md @someone-else" in text
    after = _owners(root)
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    # With the owners taken out of the pages, the written file alone gives every page the same owner.
    for odd in ("a b.md", "x[1]*.md", "#hash.md"):
        (root / "docs" / "section-0" / odd).write_text("# Odd\n")
    (root / "docs" / "section-0" / "page-0.md").write_text("# Zero\n")
    alone = _owners(root)
    assert {k: v[0] for k, v in alone.items()} == {k: v[0] for k, v in before.items()}
    assert alone["section-0/x[1]*.md"][1].startswith(".github/CODEOWNERS:")


def test_the_blog_site_owners_come_from_its_codeowners(site) -> None:
    owners = _owners(site(with_opsmanual(BLOG_SITE)))
    assert owners["blog/index.md"] == ("@acme/docs", ".github/CODEOWNERS:2")
    assert "blog/posts/hello.md" not in owners  # a blog post is not a manual page
    assert owners["guide/onboarding.md"] == ("@ana-gh", ".github/CODEOWNERS:3")
