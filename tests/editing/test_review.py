"""``opsmanual review``: a review is a one-line diff; everything else stays byte for byte."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from generator.editing.errors import EditError
from generator.editing.review import record_review

from .conftest import leftovers, loads, run

DAY = date(2026, 11, 20)
BOM = b"\xef\xbb\xbf"


def changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """(removed, added) lines of a diff, compared with their line endings."""
    old = before.decode("utf-8").splitlines(keepends=True)
    new = after.decode("utf-8").splitlines(keepends=True)
    diff = list(difflib.unified_diff(old, new, n=0))
    removed = [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


PAGE = """\
---
# Owned by RevOps; reviewed with Sales every quarter.
title: Lead handoff   # the H1 differs on purpose
owner: revops
reviewed: 2026-09-14  # last QBR
review_every: 90d
kpis:
  - metric: sql_rate
---
# Lead handoff

reviewed: 2020-01-01 is prose here, not front matter.
"""


@pytest.mark.parametrize("encoding", ["lf", "crlf", "bom", "bom+crlf"])
def test_a_review_changes_exactly_one_line(encoding: str) -> None:
    text = crlf(PAGE) if "crlf" in encoding else PAGE
    raw = (BOM if "bom" in encoding else b"") + text.encode("utf-8")
    review = record_review(raw, DAY, "manual/x.md")
    assert review.action == "updated"
    assert review.previous == date(2026, 9, 14)
    assert review.data is not None
    eol = "\r\n" if "crlf" in encoding else "\n"
    assert changed_lines(raw, review.data) == (
        [f"reviewed: 2026-09-14  # last QBR{eol}"],
        [f"reviewed: 2026-11-20  # last QBR{eol}"],
    )
    assert review.data == raw.replace(b"reviewed: 2026-09-14", b"reviewed: 2026-11-20")
    assert review.data.startswith(BOM) == ("bom" in encoding)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("reviewed: 2026-09-14", "reviewed: 2026-11-20"),
        ("reviewed:   2026-09-14", "reviewed:   2026-11-20"),
        ("reviewed: '2026-09-14'", "reviewed: 2026-11-20"),
        ('reviewed: "2026-09-14" # quoted', 'reviewed: 2026-11-20 # quoted'),
        ("reviewed:", "reviewed: 2026-11-20"),
        ("reviewed: # when?", "reviewed: 2026-11-20 # when?"),
        ("reviewed:\t2026-09-14\t# tab", "reviewed:\t2026-11-20\t# tab"),
    ],
)
def test_the_reviewed_line_keeps_its_spacing_and_comment(line: str, expected: str) -> None:
    raw = f"---\ntitle: T\n{line}\nowner: ana\n---\n# T\n".encode()
    review = record_review(raw, DAY, "manual/x.md")
    assert review.data == f"---\ntitle: T\n{expected}\nowner: ana\n---\n# T\n".encode()


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_a_missing_key_is_added_after_owner(eol: str) -> None:
    raw = f"---{eol}title: T{eol}owner: ana{eol}review_every: 90d{eol}---{eol}# T{eol}".encode()
    review = record_review(raw, DAY, "manual/x.md")
    assert review.action == "added"
    assert review.previous is None
    assert review.data == f"---{eol}title: T{eol}owner: ana{eol}reviewed: 2026-11-20{eol}review_every: 90d{eol}---{eol}# T{eol}".encode()
    assert changed_lines(raw, review.data) == ([], [f"reviewed: 2026-11-20{eol}"])


def test_a_missing_key_without_owner_goes_to_the_end_of_the_front_matter() -> None:
    raw = b"---\ntitle: T\nkpis:\n  - metric: sqls\n---\nBody\n"
    review = record_review(raw, DAY, "manual/x.md")
    assert review.data == b"---\ntitle: T\nkpis:\n  - metric: sqls\nreviewed: 2026-11-20\n---\nBody\n"


def test_an_empty_front_matter_gets_the_key() -> None:
    review = record_review(b"---\n---\n# T\n", DAY, "manual/x.md")
    assert review.data == b"---\nreviewed: 2026-11-20\n---\n# T\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"# T\n\nBody\n", b"---\nreviewed: 2026-11-20\n---\n# T\n\nBody\n"),
        (b"# T\r\n\r\nBody\r\n", b"---\r\nreviewed: 2026-11-20\r\n---\r\n# T\r\n\r\nBody\r\n"),
        (BOM + b"# T\n", BOM + b"---\nreviewed: 2026-11-20\n---\n# T\n"),
        (b"", b"---\nreviewed: 2026-11-20\n---\n"),
    ],
)
def test_a_page_without_front_matter_gets_one(raw: bytes, expected: bytes) -> None:
    review = record_review(raw, DAY, "manual/x.md")
    assert review.action == "created"
    assert review.data == expected


def test_the_same_date_changes_nothing() -> None:
    review = record_review(b"---\nreviewed: 2026-11-20\n---\n", DAY, "manual/x.md")
    assert (review.data, review.action) == (None, "unchanged")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"---\nreviewed: 2026-12-01\n---\n",
         "manual/x.md was reviewed on 2026-12-01, after 2026-11-20; nothing was changed "
         "(pass --as-of with the date of this review)"),
        (b"---\ntitle: T\n", "manual/x.md:1: the front matter opened by '---' on line 1 is never closed"),
        (b"---\ntitle: [\n---\n", "manual/x.md:3: YAML syntax error"),
        (b"---\n- a\n---\n", "manual/x.md: the front matter is not a mapping of keys"),
        (b"---\nreviewd: 2026-01-01\n---\n",
         "manual/x.md:2: unknown key 'reviewd' in front matter (did you mean 'reviewed'?); nothing was changed"),
        (b"---\nreviewed: 2026-01-01\nreviewed: 2026-02-01\n---\n", "manual/x.md:3: duplicate key 'reviewed' (keep one of them); nothing was changed"),
        (b"---\nreviewed: >\n  2026-01-01\n---\n", "cannot set 'reviewed' in manual/x.md as one line"),
        (b"\xff\xfe", "manual/x.md is not UTF-8 text"),
    ],
)
def test_a_review_is_refused_when_it_cannot_be_one_line(raw: bytes, message: str) -> None:
    with pytest.raises(EditError) as info:
        record_review(raw, DAY, "manual/x.md")
    assert str(info.value).startswith(message)


# --- the command -------------------------------------------------------------------------------


def test_review_command_sets_the_as_of_date(small: Path) -> None:
    page = small / "manual/processes/nurture.md"
    before = page.read_bytes()
    result = run("review", page)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{page.as_posix()}: reviewed: 2025-01-10 -> 2026-11-20\n"
    assert changed_lines(before, page.read_bytes()) == (["reviewed: 2025-01-10\n"], ["reviewed: 2026-11-20\n"])
    nurture = next(p for p in loads(small).pages if p.path == "processes/nurture.md")
    assert nurture.reviewed == DAY
    assert leftovers(small) == []


def test_review_command_as_of_and_several_pages(small: Path) -> None:
    handoff, index = small / "manual/processes/lead-handoff.md", small / "manual/index.md"
    result = run("review", handoff, index, "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{handoff.as_posix()}: reviewed: 2026-09-14 -> 2026-12-01\n"
        f"{index.as_posix()}: reviewed: never -> 2026-12-01\n"
    )
    assert index.read_text(encoding="utf-8").startswith("---\nreviewed: 2026-12-01\n---\n# Small manual\n")
    assert {p.path: p.reviewed for p in loads(small).pages}["index.md"] == date(2026, 12, 1)


def test_review_command_names_each_page_once(small: Path) -> None:
    page = small / "manual/processes/nurture.md"
    result = run("review", page, small / "manual/processes/../processes/nurture.md")
    assert result.exit_code == 0
    assert result.stdout == f"{page.as_posix()}: reviewed: 2025-01-10 -> 2026-11-20\n"


def test_review_command_again_is_a_no_op(small: Path) -> None:
    page = small / "manual/processes/nurture.md"
    assert run("review", page).exit_code == 0
    after = page.read_bytes()
    result = run("review", page)
    assert result.exit_code == 0
    assert result.stdout == f"{page.as_posix()}: already reviewed on 2026-11-20; unchanged\n"
    assert page.read_bytes() == after


def test_review_by_prints_a_commit_trailer_and_changes_one_line(small: Path) -> None:
    page = small / "manual/processes/nurture.md"
    before = page.read_bytes()
    result = run("review", page, "--by", "ana")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "Record who reviewed in the commit message: Reviewed-by: Ana Silva <ana@small.example>"
    )
    removed, added = changed_lines(before, page.read_bytes())
    assert len(removed) == len(added) == 1


def test_review_by_a_git_handle(small: Path) -> None:
    result = run("review", small / "manual/index.md", "--by", "@small/revops")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].endswith("Reviewed-by: Revenue Operations <revops@small.example>")


def test_review_by_free_text(small: Path) -> None:
    result = run("review", small / "manual/index.md", "--by", "Dana Kim <dana@small.example>")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1].endswith("Reviewed-by: Dana Kim <dana@small.example>")


def test_review_by_an_unknown_id_is_refused_before_anything_is_written(small: Path) -> None:
    page = small / "manual/processes/nurture.md"
    before = page.read_bytes()
    result = run("review", page, "--by", "anna")
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown reviewer 'anna': it is not in data/people.yaml (did you mean 'ana'?)\n"
    assert page.read_bytes() == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda root: root / "mkdocs.yml", "is not a Markdown page (.md)"),
        (lambda root: root / "manual/missing.md", "does not exist"),
        (lambda root: root / "manual", "is not a Markdown page (.md)"),
        (lambda root: _write(root / "README.md"), "is outside the docs dir"),
        (lambda root: _write(root / "manual/.drafts/x.md"), "is in a hidden folder, which is not part of the manual"),
        (lambda root: _write(root.parent / "elsewhere.md"), "is not in a manual project: no mkdocs.yml"),
    ],
)
def test_review_refuses_what_is_not_a_page_of_the_manual(small: Path, make, message: str) -> None:
    nurture = small / "manual/processes/nurture.md"
    before = nurture.read_bytes()
    target = make(small)
    result = run("review", nurture, target)  # nothing is written when any page is refused
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("Error: ")
    assert nurture.read_bytes() == before


def test_review_reports_a_broken_front_matter_with_its_line(small: Path) -> None:
    page = small / "manual/processes/nurture.md"
    page.write_text("---\nowner: ana\nreviewd: 2025-01-10\n---\n# Nurture\n", encoding="utf-8")
    result = run("review", page)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: manual/processes/nurture.md:3: unknown key 'reviewd' in front matter "
        "(did you mean 'reviewed'?); nothing was changed\n"
    )


def test_review_keeps_file_permissions(small: Path) -> None:
    page = small / "manual/processes/nurture.md"
    page.chmod(0o640)
    assert run("review", page).exit_code == 0
    assert page.stat().st_mode & 0o777 == 0o640


def _write(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# x\n", encoding="utf-8")
    return path
