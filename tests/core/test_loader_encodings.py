"""CRLF line endings and a UTF-8 BOM change neither what is read nor the lines problems point at."""

from __future__ import annotations

import pytest

from .builders import BASE


def crlf_bom(text: str) -> bytes:
    return ("\ufeff" + text.replace("\n", "\r\n")).encode()


@pytest.mark.parametrize("path", ["mkdocs.yml", "data/people.yaml", "data/channels.yaml", "data/metrics.yaml"])
def test_crlf_bom_files_load_the_same(load, path):
    plain = load()
    converted = load({path: crlf_bom(BASE[path])})
    assert converted.catalogs == plain.catalogs
    assert converted.config.settings == plain.config.settings
    assert converted.metrics.keys() == plain.metrics.keys()


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "data/people.yaml",
            "- id: ana\n  name: Ana\n  emial: x\n",
            "data/people.yaml:3: unknown key 'emial' in a people entry (did you mean 'email'?)",
        ),
        (
            "manual/index.md",
            "---\nowner: ana\nreviewd: 2026-01-01\n---\n",
            "manual/index.md:3: unknown key 'reviewd' in front matter (did you mean 'reviewed'?)",
        ),
        (
            "manual/index.md",
            "---\nowner: ana\n  bad: indent\n---\n",
            "manual/index.md:3:6: YAML syntax error: mapping values are not allowed in this context",
        ),
        (
            "data/snapshots/2026-10.csv",
            "sqls\n1\nten\n",
            "data/snapshots/2026-10.csv:3: 'ten' in column 'sqls' is not a number (write plain numbers "
            "(no currency signs or thousands separators); leave missing cells empty)",
        ),
    ],
)
def test_problem_lines_with_crlf_and_bom(problems, path, text, expected):
    assert [str(p) for p in problems({path: crlf_bom(text)})] == [expected]


@pytest.mark.parametrize("path", ["mkdocs.yml", "data/people.yaml"])
def test_a_file_that_is_not_utf8_is_named_with_the_fix(problems, path):
    found = problems({path: BASE[path].encode("utf-8").replace(b"a", b"\xe1", 1)})
    assert [str(p) for p in found] == [f"{path}: the file is not UTF-8 text (save it as UTF-8)"]
