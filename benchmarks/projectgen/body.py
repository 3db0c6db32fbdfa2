"""Page bodies: sections of paragraphs, numbered and bulleted lists, tables, admonitions, code
blocks and a list of related pages, at a drawn size."""

from __future__ import annotations

import random

from generator.load.schema import slugify

from .vocab import (
    ADJS,
    METRIC_WORDS,
    NOUNS,
    PERSONAS,
    SECTION_TITLES,
    SENTENCES,
    STAGES,
    TEAMS,
    TOOLS,
    TOPICS,
    VERBS,
    WEEKDAYS,
)
from .world import World


def past(verb: str) -> str:
    return {"tag": "tagged", "prioritise": "prioritised"}.get(verb, verb + ("d" if verb.endswith("e") else "ed"))


def body_text(r: random.Random, w: World, title: str, size: int, links: list[tuple[str, str]]) -> str:
    def sentence():
        t = r.choice(SENTENCES)
        return t.format(
            adj=r.choice(ADJS),
            noun=r.choice(NOUNS),
            verb=r.choice(VERBS),
            n=r.randint(2, 30),
            tool=r.choice(TOOLS),
            team=r.choice(TEAMS)[1],
            metric=r.choice(METRIC_WORDS),
            persona=r.choice(PERSONAS)[1],
            stage=r.choice(STAGES)[0],
            weekday=r.choice(WEEKDAYS),
            verbed=past(r.choice(VERBS)),
        )

    def paragraph(k=None):
        return " ".join(sentence() for _ in range(k or r.randint(3, 7)))

    out = [f"# {title}", "", paragraph(), ""]
    sections = r.sample(SECTION_TITLES, len(SECTION_TITLES))
    si = 0
    while sum(len(x) + 1 for x in out) < size:
        head = sections[si % len(sections)] + ("" if si < len(sections) else f" ({si // len(sections) + 1})")
        si += 1
        out += [f"## {head}", ""]
        kind = r.random()
        if kind < 0.35:
            out += [paragraph(), "", paragraph(), ""]
        elif kind < 0.55:
            out += [paragraph(2), ""]
            out += [f"{i + 1}. {sentence()}" for i in range(r.randint(3, 9))] + [""]
        elif kind < 0.7:
            out += [paragraph(2), ""]
            out += [f"- {sentence()}" for _ in range(r.randint(3, 8))] + [""]
        elif kind < 0.85:
            out += table(r, w) + [""]
            out += [paragraph(3), ""]
        elif kind < 0.93:
            adm = r.choice(["note", "tip", "warning", "info"])
            out += [
                f'!!! {adm} "{r.choice(["Why this matters", "Before you start", "Heads up", "Rule of thumb"])}"',
                "",
                "    " + paragraph(2),
                "",
                paragraph(),
                "",
            ]
        else:
            out += [
                paragraph(2),
                "",
                "```text",
                f"utm_source={r.choice(w.channel_ids)}&utm_medium={r.choice(['cpc', 'email', 'social', 'event'])}"
                f"&utm_campaign={r.randint(2024, 2026)}-q{r.randint(1, 4)}-{slugify(r.choice(TOPICS))}",
                "```",
                "",
            ]
    if links:
        out += ["## Related", ""] + [f"- [{t}]({href})" for t, href in links] + [""]
    return "\n".join(out)


def table(r: random.Random, w: World) -> list[str]:
    k = r.random()
    if k < 0.3:
        rows = ["| Activity | Responsible | Accountable | Consulted | Informed |", "| --- | --- | --- | --- | --- |"]
        for _ in range(r.randint(4, 10)):
            rows.append(
                f"| {r.choice(VERBS).capitalize()} {r.choice(NOUNS)} | {r.choice(TEAMS)[1]} | "
                f"{r.choice(TEAMS)[1]} | {r.choice(TEAMS)[1]} | {r.choice(TEAMS)[1]} |"
            )
    elif k < 0.55:
        rows = ["| Stage | Service level | Owner | Escalation |", "| --- | --- | --- | --- |"]
        for s in STAGES:
            rows.append(
                f"| {s[1]} | {r.randint(1, 10)} business days | {r.choice(TEAMS)[1]} | {r.choice(TEAMS)[1]} lead |"
            )
    elif k < 0.8:
        rows = ["| Channel | Budget share | Primary KPI | Target |", "| --- | ---: | --- | ---: |"]
        for c in r.sample(w.channels, min(len(w.channels), r.randint(4, 12))):
            rows.append(f"| {c['name']} | {r.randint(2, 25)}% | cost per SQL | <= {r.randint(2, 40) * 50} USD |")
    else:
        rows = ["| Check | Done when | Tool |", "| --- | --- | --- |"]
        for _ in range(r.randint(5, 12)):
            rows.append(
                f"| {r.choice(ADJS).capitalize()} {r.choice(NOUNS)} | {past(r.choice(VERBS))} and logged | "
                f"{r.choice(TOOLS)} |"
            )
    return rows
