"""Every input problem is collected before deciding: several broken files, all listed, sorted."""

from __future__ import annotations

import pytest

from generator.load.problems import InputError
from generator.load.project import load_project

from .builders import FIXTURES

BROKEN = [
    "data/channels.yaml:5: 'at least 10' is not a target; write a comparison and a number, "
    'e.g. ">= 0.25", "<= 400" or ">= 25%"',
    "data/content.yaml:3: 'refresh_by' in a content entry: '2026-02-30' is not a date; write YYYY-MM-DD",
    "data/metrics.yaml:6: metric 'evil': only measure names, numbers, + - * / and parentheses are allowed in a "
    "formula (a formula uses the names under 'measures:')",
    "data/people.yaml:3: unknown key 'emial' in a people entry (did you mean 'email'?)",
    "data/personas.yaml:3: duplicate personas id 'it-director' (first defined in data/personas.yaml:1) "
    "(ids must be unique; rename one)",
    "data/snapshots/2026-10.csv:2: '$4000' in column 'cost' is not a number (write plain numbers (no currency "
    "signs or thousands separators); leave missing cells empty)",
    "data/snapshots/latest.csv:1: no 'period' column and the file name is not a period "
    "(name the file YYYY-MM.csv or add a period column)",
    "manual/index.md:3: unknown key 'reviewd' in front matter (did you mean 'reviewed'?)",
    "manual/syntax.md:3:1: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'",
    "manual/unclosed.md:1: the front matter opened by '---' on line 1 is never closed "
    "(add a closing '---' line after the front matter)",
]


def test_every_problem_of_the_broken_fixture_is_listed():
    with pytest.raises(InputError) as info:
        load_project(FIXTURES / "broken")
    assert [str(p) for p in info.value.problems] == BROKEN
    assert str(info.value) == "10 problems in the input"


def test_problems_in_tmp_copies_accumulate(problems):
    found = problems(
        {
            "manual/a.md": "---\nreviewd: 2026-01-01\n---\n",
            "manual/b.md": "---\nreview_every: soon\n---\n",
            "data/stages.yaml": "- id: awareness\n  nam: Awareness\n",
            "data/snapshots/2026-10.csv": "sqls\nmany\n",
        }
    )
    assert [p.location() for p in found] == [
        "data/snapshots/2026-10.csv:2",
        "data/stages.yaml:1",
        "data/stages.yaml:2",
        "manual/a.md:2",
        "manual/b.md:2",
    ]


def test_missing_project_folder(tmp_path):
    with pytest.raises(InputError) as info:
        load_project(tmp_path / "nowhere")
    (problem,) = info.value.problems
    assert (problem.message, problem.hint) == (
        "the project folder does not exist",
        "pass the folder that holds mkdocs.yml",
    )


def test_config_without_the_plugin_uses_defaults(load):
    project = load({"mkdocs.yml": "site_name: Plain\ndocs_dir: manual\nplugins:\n  - search\n"})
    settings = project.config.settings
    assert (
        str(settings.review_every),
        str(settings.due_soon),
        settings.stale_after,
        settings.missed_periods,
        settings.decline_periods,
        settings.decline_threshold,
        settings.as_of,
        settings.rules,
    ) == ("180d", "14d", 2, 3, 3, 0.10, None, {})


@pytest.mark.parametrize(
    "mkdocs",
    [
        "site_name: x\ndocs_dir: manual\n",
        "site_name: x\ndocs_dir: manual\nplugins:\n  - opsmanual\n",
        "site_name: x\ndocs_dir: manual\nplugins:\n  - opsmanual:\n",
        "site_name: x\ndocs_dir: manual\nplugins:\n  opsmanual:\n    stale_after: 5\n",
        "site_name: !ENV [SITE, x]\ndocs_dir: manual\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\nplugins:\n  - opsmanual:\n      stale_after: 5\n",
    ],
    ids=["no-plugins", "bare-name", "empty-settings", "plugins-mapping", "mkdocs-tags"],
)
def test_config_shapes(load, mkdocs):
    project = load({"mkdocs.yml": mkdocs})
    assert project.config.docs_dir == "manual"
    assert project.config.settings.stale_after == (5 if "stale_after" in mkdocs else 2)
