"""A manual whose every field from data holds a payload, and a scan of built HTML for live markup.

``hostile_project(root, payload)`` copies the small fixture and puts ``payload`` into every value
that reaches the site: people (name, git), personas (name, segment, summary, pains, goals),
stages, channels (name, description), content titles, measure and metric labels, a KPI label,
snapshot dimension values (and a KPI's ``where:`` that selects them), page titles, tags, waiver
reasons and the file name of a page without a title. ``live_markup(html)`` lists what a browser
would run or follow: a ``<script>`` or event handler carrying the payload's marker, a
``javascript:`` link, or a tag from the payload.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from generator.site.escape import text as markdown_text

from ..projects import copy_fixture, with_tags_plugin

MARKER = "pwned"
# One value that tries every way out: a Markdown link (into an attribute and as a javascript:
# link), raw HTML, a title break-out, attr_list, an autolink and entities that decode to markup.
PAYLOADS = (
    f"L [x](onload=alert('{MARKER}')//) [y](javascript:alert('{MARKER}'))",
    f"</title><script>alert('{MARKER}')</script><img src=x onerror=alert('{MARKER}')>",
    f"&lt;img src=x onerror=alert('{MARKER}')&gt; {{: onclick=\"alert('{MARKER}')\" }}",
    f"<javascript:alert('{MARKER}')> ![i](javascript:alert('{MARKER}')) `<svg onload=alert('{MARKER}')>`",
    f"\" onmouseover=\"alert('{MARKER}') ' onfocus='alert(`{MARKER}`)",
)
PAYLOAD = " ".join(PAYLOADS)
# The file name of a page without a title, which the engines use as its title: entities that
# would decode to markup (a name with < > " ' ` is refused, see test_files.py).
FILE_NAME = f"&lt;img src=x onerror=alert({MARKER})&gt; &amp; co.md"


def hostile_project(target: Path, payload: str = PAYLOAD) -> Path:
    """A copy of the small fixture with ``payload`` in every field that reaches the site."""
    import yaml

    root = copy_fixture("small", target)
    dim = f"dim {payload}"  # a snapshot dimension value (channel and persona columns)
    data = root / "data"

    def dump(name: str, value: object) -> None:
        (data / name).write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True), encoding="utf-8")

    dump("people.yaml", [
        {"id": "revops", "name": f"Team {payload}", "kind": "team", "email": "revops@small.example",
         "git": "small/revops", "members": ["ana"]},
        {"id": "ana", "name": f"Ana {payload}", "email": "ana@small.example"},
    ])
    dump("personas.yaml", [
        {"id": "it-director", "name": f"Persona {payload}", "owner": "ana", "segment": payload,
         "summary": payload, "pains": [payload], "goals": [payload], "channels": ["webinar"]},
        {"id": "cfo", "name": "CFO", "owner": "revops"},
    ])
    dump("stages.yaml", [{"id": "awareness", "name": f"Stage {payload}"}, {"id": "decision", "name": "Decision"}])
    dump("channels.yaml", [
        {"id": "webinar", "name": f"Channel {payload}", "owner": "ana", "budget": 8000, "description": payload,
         "kpis": [{"metric": "cost_per_sql", "target": "<= 300", "label": f"Channel KPI {payload}"}]},
        {"id": "paid-social", "name": "Paid social", "owner": "revops",
         "kpis": [{"metric": "cost_per_sql", "target": "<= 300"}]},
    ])
    dump("content.yaml", [
        {"id": "wb-zero-trust", "title": f"Asset {payload}", "personas": ["it-director"], "stage": "awareness",
         "channels": ["webinar"], "owner": "ana", "status": "live", "refresh_by": "2026-10-01",
         "url": f"https://x.example/[x](javascript:alert('{MARKER}'))?q=<b>\"onmouseover=alert('{MARKER}')"},
        {"id": "roi-calculator", "title": "ROI calculator", "personas": ["cfo", "it-director"],
         "stage": "decision", "channels": ["paid-social"], "owner": "ana", "status": "live"},
    ])
    dump("metrics.yaml", {
        "measures": {
            "leads": {"label": f"Leads {payload}", "kind": "result"},
            "mqls": {"label": f"MQLs {payload}", "kind": "result"},
            "sqls": {"label": f"SQLs {payload}", "kind": "result"},
            "pipeline": {"label": f"Pipeline {payload}", "unit": "USD", "kind": "result"},
            "cost": {"label": f"Spend {payload}", "unit": "USD", "kind": "cost"},
            "emails_sent": {"label": f"Emails {payload}", "kind": "activity"},
        },
        "metrics": {
            "sql_rate": {"label": f"Rate {payload}", "formula": "sqls / mqls", "unit": "ratio", "better": "higher"},
            "cost_per_sql": {"label": f"CPS {payload}", "formula": "cost / sqls", "unit": "USD", "better": "lower"},
            "roi": {"label": f"ROI {payload}", "formula": "(pipeline - cost) / cost", "better": "higher"},
        },
    })
    snapshots = data / "snapshots"
    for csv in snapshots.glob("*.csv"):
        text = csv.read_text(encoding="utf-8").replace(",email,", "," + _csv(dim) + ",")
        csv.write_text(text, encoding="utf-8")
    front = {
        "title": f"Page {payload}",
        "owner": "ana",
        "reviewed": "2025-01-10",
        "tags": [f"tag {payload}"],
        "description": f"Description {payload}",  # front matter the theme shows (meta description)
        "personas": ["it-director"],
        "kpis": [
            {"metric": "emails_sent", "where": {"channel": dim}, "label": f"KPI {payload}"},
            {"metric": "sqls", "where": {"channel": dim}, "target": ">= 5"},
        ],
        "waive": [{"rule": "stale-review", "until": "2026-01-31", "reason": f"Because {payload}"}],
    }
    (root / "manual" / "processes" / "nurture.md").write_text(
        "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n# Email nurture\n",
        encoding="utf-8",
    )
    with_tags_plugin(root)
    # A page whose H1 (its title) writes the payload as entities, to show it as text: the body is
    # its author's Markdown, but the title the engines take from it must stay text too.
    (root / "manual" / "entities.md").write_text(
        "---\nowner: ana\nreviewed: 2026-11-01\n---\n# H1 " + markdown_text(payload) + "\n", encoding="utf-8")
    (root / "manual" / FILE_NAME).write_text(
        "---\nowner: ana\nreviewed: 2026-11-01\n---\nA page without a title or H1.\n", encoding="utf-8"
    )
    return root


def _csv(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self._tag: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag = tag
        for name, value in attrs:
            shown = f"<{tag} {name}={value!r}>"
            if name.startswith("on") and (value is None or MARKER in value or "alert" in value):
                self.live.append(shown)
            if MARKER in name or "alert(" in name:
                self.live.append(shown)
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and value:
                compact = re.sub(r"[\x00-\x20]", "", value).lower()
                if compact.startswith(("javascript:", "vbscript:", "data:text")):
                    self.live.append(shown)
        if tag in ("img", "iframe", "object", "embed") and any(MARKER in (v or "") for _, v in attrs):
            self.live.append(f"<{tag}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._tag == "script" and MARKER in data:
            self.live.append(f"<script>{data[:80]}")


def live_markup(html: str) -> list[str]:
    """What in ``html`` a browser would run or follow because of the payload."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    # <title> is raw text to a browser: only a closing tag inside it breaks out.
    for title in re.findall(r"<title>(.*?)</title>", html, re.S | re.I):
        if MARKER in title and "<script" in title.lower():
            scan.live.append(f"<title>{title[:80]}")
    return scan.live
