"""content-unused: live assets that produced no result in the newest periods that carry content.

Snapshots (content: leads, sqls), judged as of 2026-11-20; 2026-11 has no content column, so the
periods carrying content are 2026-07..2026-10 and the newest three are 2026-08, 09, 10:

    asset           07     08     09       10
    ebook           5, 2   0, 0   -, 0     0, 0     no result (leads or sqls) in 08-10: unused
    guide           4, 3   2, 1   0, 0     0, 0     a result in 08: used (unused over the newest 2)
    wb-zero-trust   9, 1   0, 0   0, 0     6, 2     a result in 10: used
    fresh           -      -      -        0, 0     published 2026-10-05: one eligible period, not judged
    old (retired)   0, 0   0, 0   0, 0     0, 0     not live: not judged
    blog            no rows at all                  no data, not unused
"""

from __future__ import annotations

from datetime import date

import pytest

from .builders import MKDOCS, csv

ROWS = {
    "2026-07": [("ebook", 5, 2), ("guide", 4, 3), ("wb-zero-trust", 9, 1), ("old", 0, 0)],
    "2026-08": [("ebook", 0, 0), ("guide", 2, 1), ("wb-zero-trust", 0, 0), ("old", 0, 0)],
    "2026-09": [("ebook", "", 0), ("guide", 0, 0), ("wb-zero-trust", 0, 0), ("old", 0, 0)],
    "2026-10": [("ebook", 0, 0), ("guide", 0, 0), ("wb-zero-trust", 6, 2), ("old", 0, 0), ("fresh", 0, 0)],
}
FILES = {
    **{f"data/snapshots/{period}.csv": csv("content,leads,sqls\n" + "\n".join(f"{a},{b},{c}" for a, b, c in rows))
       for period, rows in ROWS.items()},
    "data/snapshots/2026-11.csv": csv("channel,leads,sqls\nwebinar,10,5"),
}


def asset(asset_id: str, extra: str = "") -> str:
    return (f"- id: {asset_id}\n  title: {asset_id.title()}\n  personas: [it-director]\n  stage: awareness\n"
            f"  owner: ana\n{extra}")


CONTENT = (asset("wb-zero-trust") + asset("ebook") + asset("guide") + asset("fresh", "  published: 2026-10-05\n")
           + asset("old", "  status: retired\n") + asset("blog"))


def unused(judgement) -> list[tuple[str, int, list[str]]]:
    return [(f.subject, f.line, f.values["periods"]) for f in judgement.findings if f.rule == "content-unused"]


def test_unused_hand_computed(check):
    judgement = check({**FILES, "data/content.yaml": CONTENT})
    assert unused(judgement) == [("content/ebook", 6, ["2026-08", "2026-09", "2026-10"])]
    finding = next(f for f in judgement.findings if f.rule == "content-unused")
    assert finding.message == ("Live asset 'Ebook' produced no result in the last 3 periods with content data "
                               "(2026-08 to 2026-10): promote it, refresh it, or retire it.")
    assert (finding.file, finding.owner) == ("data/content.yaml", "ana")
    assert not any(f.subject == "content/blog" for f in judgement.findings)


def test_the_number_of_periods_is_configured(check):
    judgement = check({**FILES, "data/content.yaml": CONTENT, "mkdocs.yml": MKDOCS + "      unused_periods: 2\n"})
    assert [s for s, _, _ in unused(judgement)] == ["content/ebook", "content/guide"]


@pytest.mark.parametrize("as_of", [date(2027, 2, 1), date(2026, 6, 30)])
def test_stale_or_future_content_data_is_not_judged(check, as_of):
    # 2027-02: the newest content period (2026-10) is 4 months old; 2026-06: no content period yet.
    assert unused(check({**FILES, "data/content.yaml": CONTENT}, as_of=as_of)) == []


def test_no_content_column_no_finding(check):
    files = {"data/snapshots/2026-10.csv": csv("channel,sqls\nwebinar,0"), "data/content.yaml": CONTENT}
    assert unused(check(files)) == []


def test_unused_is_waivable(check):
    waived = asset("ebook", "  waive:\n    - rule: content-unused\n      until: 2026-12-31\n      reason: Relaunch\n")
    content = CONTENT.replace(asset("ebook"), waived)
    judgement = check({**FILES, "data/content.yaml": content})
    assert unused(judgement) == [] and [f.rule for f in judgement.waived] == ["content-unused"]


def test_no_rows_in_the_window_is_no_result(check):
    # 'gone' had results in 2026-07 and no rows since (exports leave out empty slices): unused.
    files = dict(FILES)
    files["data/snapshots/2026-07.csv"] = files["data/snapshots/2026-07.csv"] + "gone,4,1\n"
    judgement = check({**files, "data/content.yaml": CONTENT + asset("gone")})
    assert [s for s, _, _ in unused(judgement)] == ["content/ebook", "content/gone"]


def test_a_correction_does_not_cancel_a_result(check):
    # 'fixed' had 4 leads in 2026-08 taken back in 2026-09 (-4): the sum is 0, yet it produced results.
    files = dict(FILES)
    for period, leads in (("2026-08", 4), ("2026-09", -4), ("2026-10", 0)):
        files[f"data/snapshots/{period}.csv"] = files[f"data/snapshots/{period}.csv"] + f"fixed,{leads},\n"
    judgement = check({**files, "data/content.yaml": CONTENT + asset("fixed")})
    assert [s for s, _, _ in unused(judgement)] == ["content/ebook"]
