"""The owners' digest: what each owner should act on, most urgent first, for an e-mail or a chat message.

Pure functions over a :class:`~generator.rules.engine.Judgement`. Findings are grouped by owner;
within a group errors come first, then warnings, then info, and within a severity the rule's
urgency (``Rule.urgency``) decides, then the file and line. Owners are ordered by their most
urgent finding; findings without an owner come last, in a section of their own.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..model.config import edit_link
from ..model.entities import Person
from ..model.findings import Finding, count_by_severity, count_phrase
from ..model.rules import Rule
from ..rules.engine import Judgement
from .markdown import ICON, cell
from .places import Place
from .plain import one_line

RULE_URGENCY: tuple[Rule, ...] = tuple(sorted(Rule, key=lambda rule: rule.urgency))  # within one severity
UNOWNED = "Without an owner"


def urgency(finding: Finding) -> tuple[object, ...]:
    """The digest order: severity (most severe first), rule urgency, then the report's stable order."""
    return (-int(finding.severity), finding.rule.urgency, *finding.sort_key())


@dataclass(frozen=True)
class OwnerDigest:
    """One owner's findings (``owner`` None: sections without an owner), most urgent first."""

    owner: str | None
    name: str
    email: str | None
    findings: tuple[Finding, ...]

    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)


@dataclass(frozen=True)
class Digest:
    as_of: date
    groups: tuple[OwnerDigest, ...]
    owner: str | None = None  # the owner asked for, if one was
    edit_url: str | None = None  # base URL to edit sources, as the site's "edit" links use
    docs_dir: str = "."
    places: Mapping[str, Place] = field(default_factory=dict)  # subject -> its title and URL on the site

    def findings(self) -> list[Finding]:
        return [f for group in self.groups for f in group.findings]

    def place(self, finding: Finding) -> Place:
        """The finding's subject by its title (a page's title, a channel's name), with its URL when known."""
        return self.places.get(finding.subject) or Place(finding.subject)

    def link(self, finding: Finding) -> str | None:
        """Where to edit the finding's file, when the project says where sources are edited."""
        if not self.edit_url:
            return None
        relative = posixpath.relpath(finding.file, self.docs_dir or ".")
        return edit_link(self.edit_url, relative)


def build_digest(judgement: Judgement, people: Mapping[str, Person], *, owner: str | None = None,
                 edit_url: str | None = None, docs_dir: str = ".",
                 places: Mapping[str, Place] | None = None) -> Digest:
    """Group ``judgement``'s findings per owner; with ``owner``, only that owner's (possibly none).

    ``places`` names each subject by its title and URL (:func:`generator.site.subjects.places`);
    a subject without one is shown as it is written.
    """
    by_owner: dict[str | None, list[Finding]] = {}
    for finding in judgement.findings:
        by_owner.setdefault(finding.owner, []).append(finding)
    if owner is not None:
        by_owner = {owner: by_owner.get(owner, [])}
    order = {person_id: index for index, person_id in enumerate(people)}
    groups = []
    for owner_id, findings in by_owner.items():
        person = people.get(owner_id) if owner_id is not None else None
        name = person.name if person else (owner_id or UNOWNED)
        groups.append(OwnerDigest(owner_id, name, person.email if person else None,
                                  tuple(sorted(findings, key=urgency))))

    def group_key(group: OwnerDigest) -> tuple[object, ...]:
        top = urgency(group.findings[0])[:2] if group.findings else (1, 0)
        known = order.get(group.owner, len(order)) if group.owner is not None else len(order) + 1
        return (group.owner is None, *top, -len(group.findings), known, group.owner or "")

    return Digest(judgement.as_of, tuple(sorted(groups, key=group_key)), owner, edit_url, docs_dir, places or {})


# --- renderers -------------------------------------------------------------------------------


def _owner_label(group: OwnerDigest) -> str:
    if group.owner is None:
        return UNOWNED
    shown = group.name if group.name == group.owner else f"{group.name} ({group.owner})"
    return f"{shown} <{group.email}>" if group.email else shown


def _title(digest: Digest) -> str:
    return "What to act on" if digest.owner is None else f"What {digest.groups[0].name} should act on"


def _summary(digest: Digest) -> str:
    """The counts and for whom: ``1 error, 3 warnings for 2 owners, most urgent first.``"""
    findings = digest.findings()
    if not findings:
        if digest.owner is not None:
            return "Nothing to act on: everything they own is healthy."
        return "Nothing to act on: every section is owned, reviewed and on target."
    if digest.owner is not None:
        return f"{count_phrase(findings)}, most urgent first."
    owners = sum(1 for g in digest.groups if g.owner is not None)
    who = f"{owners} owner{'s' if owners != 1 else ''}"
    if any(g.owner is None for g in digest.groups):
        who = f"{who} and sections without an owner" if owners else "sections without an owner"
    return f"{count_phrase(findings)} for {who}, most urgent first."


def _url(url: str) -> str:
    """A URL as a Markdown link destination: spaces and parentheses cannot end it early."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def render_text(digest: Digest) -> str:
    lines = [f"{_title(digest)}, as of {digest.as_of.isoformat()}: {_summary(digest)}"]
    for group in digest.groups:
        if not group.findings:
            continue
        lines += ["", f"{one_line(_owner_label(group))}: {count_phrase(group.findings)}"]
        for f in group.findings:
            place = digest.place(f)
            lines.append(f"  - [{f.severity.label}] {f.rule.heading}: {one_line(place.label)} · {one_line(f.file)}:{f.line}")
            lines.append(f"    {one_line(f.message)}")
            if place.url:
                lines.append(f"    See: {one_line(place.url)}")
            link = digest.link(f)
            if link:
                lines.append(f"    Edit: {link}")
    return "\n".join(lines) + "\n"


def render_markdown(digest: Digest) -> str:
    lines = [f"## {cell(_title(digest))}, as of {digest.as_of.isoformat()}", "", cell(_summary(digest))]
    for group in digest.groups:
        if not group.findings:
            continue
        title = UNOWNED if group.owner is None else cell(group.name)
        lines += ["", f"### {title}", ""]
        facts = [f"`{group.owner}`"] if group.owner is not None and group.owner != group.name else []
        if group.email:
            facts.append(cell(group.email))
        facts.append(count_phrase(group.findings))
        lines += [" · ".join(facts), ""]
        for index, f in enumerate(group.findings, 1):
            place, link = digest.place(f), digest.link(f)
            where = f"`{f.file}:{f.line}`"
            where = f"[{where}]({_url(link)})" if link else where
            subject = f"[{cell(place.label)}]({_url(place.url)})" if place.url else cell(place.label)
            lines.append(f"{index}. {ICON[f.severity]} **{cell(f.rule.heading)}** · {subject} · {where}  ")
            lines.append(f"   {cell(f.message)}")
    return "\n".join(lines) + "\n"


def render_json(digest: Digest) -> str:
    groups = []
    for group in digest.groups:
        findings = []
        for f in group.findings:
            data = f.to_dict()
            place = digest.place(f)
            data.update(title=place.title, kind=place.kind, url=place.url, link=digest.link(f))
            findings.append(data)
        groups.append({"owner": group.owner, "name": group.name, "email": group.email,
                       "counts": group.counts(), "findings": findings})
    data = {"as_of": digest.as_of.isoformat(), "owner": digest.owner, "summary": _summary(digest),
            "counts": count_by_severity(digest.findings()), "owners": groups}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


DIGEST_FORMATS: dict[str, Callable[[Digest], str]] = {
    "markdown": render_markdown,
    "text": render_text,
    "json": render_json,
}
