"""review-due, stale-review, missing-owner and missing-review (config: review_every 90d, due_soon 14d)."""

from __future__ import annotations

from datetime import date

import pytest

from .builders import MKDOCS, page


def reviewed_page(reviewed: str, review_every: str | None = None) -> str:
    front = f"owner: ana\nreviewed: {reviewed}"
    if review_every:
        front += f"\nreview_every: {review_every}"
    return page(front)


@pytest.mark.parametrize(
    ("reviewed", "review_every", "as_of", "expected"),
    [
        # 2026-08-22 + 90d = 2026-11-20
        (
            "2026-08-21",
            None,
            "2026-11-20",
            ("stale-review", "Last reviewed 2026-08-21; the review was due 2026-11-19 (1 day ago, every 90d)."),
        ),
        (
            "2026-08-20",
            None,
            "2026-11-20",
            ("stale-review", "Last reviewed 2026-08-20; the review was due 2026-11-18 (2 days ago, every 90d)."),
        ),
        ("2026-08-22", None, "2026-11-20", ("review-due", "Review due 2026-11-20 (today).")),
        ("2026-08-23", None, "2026-11-20", ("review-due", "Review due 2026-11-21 (in 1 day).")),
        ("2026-09-05", None, "2026-11-20", ("review-due", "Review due 2026-12-04 (in 14 days).")),
        ("2026-09-06", None, "2026-11-20", None),  # due in 15 days: outside due_soon
        # weeks
        ("2026-10-09", "6w", "2026-11-20", ("review-due", "Review due 2026-11-20 (today).")),
        (
            "2026-10-08",
            "6w",
            "2026-11-20",
            ("stale-review", "Last reviewed 2026-10-08; the review was due 2026-11-19 (1 day ago, every 6w)."),
        ),
        # months, clamped to the end of a shorter month
        ("2026-08-20", "3mo", "2026-11-20", ("review-due", "Review due 2026-11-20 (today).")),
        ("2026-08-31", "3mo", "2026-11-20", ("review-due", "Review due 2026-11-30 (in 10 days).")),
        ("2026-05-31", "6mo", "2026-11-20", ("review-due", "Review due 2026-11-30 (in 10 days).")),
        (
            "2025-11-30",
            "3mo",
            "2026-03-01",
            ("stale-review", "Last reviewed 2025-11-30; the review was due 2026-02-28 (1 day ago, every 3mo)."),
        ),
        ("2027-11-30", "3mo", "2028-02-29", ("review-due", "Review due 2028-02-29 (today).")),
        (
            "2024-02-29",
            "12mo",
            "2025-03-01",
            ("stale-review", "Last reviewed 2024-02-29; the review was due 2025-02-28 (1 day ago, every 12mo)."),
        ),
        # days: the page's cadence wins over the config's
        (
            "2026-11-01",
            "10d",
            "2026-11-20",
            ("stale-review", "Last reviewed 2026-11-01; the review was due 2026-11-11 (9 days ago, every 10d)."),
        ),
        ("2026-11-20", "0d", "2026-11-20", ("review-due", "Review due 2026-11-20 (today).")),
        (
            "2026-11-19",
            "0d",
            "2026-11-20",
            ("stale-review", "Last reviewed 2026-11-19; the review was due 2026-11-19 (1 day ago, every 0d)."),
        ),
        ("2026-11-01", "365d", "2026-11-20", None),
    ],
)
def test_review_boundaries(check, reviewed, review_every, as_of, expected):
    judgement = check({"manual/index.md": reviewed_page(reviewed, review_every)}, as_of=date.fromisoformat(as_of))
    found = [(f.rule, f.message) for f in judgement.findings]
    assert found == ([] if expected is None else [expected])


@pytest.mark.parametrize(
    ("due_soon", "as_of", "due", "fires"),
    [
        ("14d", "2026-11-20", "2026-12-04", True),
        ("14d", "2026-11-20", "2026-12-05", False),
        ("2w", "2026-11-20", "2026-12-04", True),
        ("2w", "2026-11-20", "2026-12-05", False),
        ("1mo", "2026-01-31", "2026-02-28", True),  # one month after Jan 31 is Feb 28
        ("1mo", "2026-01-31", "2026-03-01", False),
        ("1mo", "2026-11-20", "2026-12-20", True),
        ("1mo", "2026-11-20", "2026-12-21", False),
        ("0d", "2026-11-20", "2026-11-20", True),
        ("0d", "2026-11-20", "2026-11-21", False),
    ],
)
def test_due_soon_window_edges(check, due_soon, as_of, due, fires):
    # review_every 0d makes the due date equal to the reviewed date.
    mkdocs = MKDOCS.replace("due_soon: 14d", f"due_soon: {due_soon}")
    judgement = check(
        {"mkdocs.yml": mkdocs, "manual/index.md": reviewed_page(due, "0d")}, as_of=date.fromisoformat(as_of)
    )
    assert [f.rule for f in judgement.findings] == (["review-due"] if fires else [])


def test_config_review_every_is_the_default(check):
    mkdocs = MKDOCS.replace("review_every: 90d", "review_every: 30d")
    judgement = check({"mkdocs.yml": mkdocs, "manual/index.md": reviewed_page("2026-10-01")})
    (finding,) = judgement.findings
    assert (finding.rule, finding.values) == (
        "stale-review",
        {"reviewed": "2026-10-01", "next_review": "2026-10-31", "review_every": "30d"},
    )


def test_review_finding_points_at_the_reviewed_line(check):
    text = "---\ntitle: T\nowner: ana\n\nreviewed: 2025-01-01\n---\n# T\n"
    judgement = check({"manual/index.md": text})
    (finding,) = judgement.findings
    assert (finding.rule, finding.file, finding.line, finding.subject, finding.owner) == (
        "stale-review",
        "manual/index.md",
        5,
        "index.md",
        "ana",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# No front matter\n", [("missing-owner", 1, None), ("missing-review", 1, None)]),
        (page("title: T"), [("missing-owner", 1, None), ("missing-review", 1, None)]),
        (page("owner: ana"), [("missing-review", 1, "ana")]),
        (page("reviewed: 2026-11-01"), [("missing-owner", 1, None)]),
        (page("owner: ana\nreviewed: 2026-11-01"), []),
    ],
    ids=["no-front-matter", "neither", "no-reviewed", "no-owner", "both"],
)
def test_missing_owner_and_review_on_pages(check, text, expected):
    judgement = check({"manual/index.md": text})
    assert [(f.rule, f.line, f.owner) for f in judgement.findings] == expected
    assert {f.subject for f in judgement.findings} <= {"index.md"}


def test_missing_owner_messages(check):
    judgement = check({"manual/index.md": "# Home\n"})
    assert [f.message for f in judgement.findings] == [
        "No owner: add 'owner:' to the front matter with an id from people.yaml.",
        "No review recorded: add 'reviewed: YYYY-MM-DD' once someone has reviewed this page.",
    ]


def test_missing_owner_on_channels_and_assets_not_personas(check):
    judgement = check(
        {
            "data/channels.yaml": "- id: webinar\n  name: Webinars\n- id: seo\n  name: SEO\n  owner: ana\n",
            "data/content.yaml": "- id: guide\n  title: Guide\n  personas: [it-director]\n  stage: awareness\n",
            "data/personas.yaml": "- id: it-director\n  name: IT Director\n",
        }
    )
    assert [(f.rule, f.file, f.line, f.subject, f.owner, f.message) for f in judgement.findings] == [
        (
            "missing-owner",
            "data/channels.yaml",
            1,
            "channel/webinar",
            None,
            "No owner: add 'owner:' to the entry with an id from people.yaml.",
        ),
        (
            "missing-owner",
            "data/content.yaml",
            1,
            "content/guide",
            None,
            "No owner: add 'owner:' to the entry with an id from people.yaml.",
        ),
    ]
