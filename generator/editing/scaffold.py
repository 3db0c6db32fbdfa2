"""``opsmanual new``: a valid page or catalog entry to start from, written without touching anything else.

A page is a new file ``<docs_dir>/<ID>.md`` with complete front matter and an H1. A catalog entry
is appended, as text, to a single-file catalog (``data/personas.yaml``): the existing bytes stay
exactly as they were (comments, blank lines, BOM, CRLF); or it becomes a new file when the catalog
is a folder (``data/personas/<ID>.yaml``). Every plan is checked before it is returned: the new
text must parse back to the old entries plus the new one, and the entry must pass the schema.
"""

from __future__ import annotations

import codecs
import posixpath
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..load.schema import CATALOG_SCHEMAS, ID_PATTERN, FrontMatterIn, slugify
from ..load.yamlio import Positions, YamlSyntaxError, parse_yaml
from ..model.names import suggest
from ..site import links
from .codeowners import is_email, is_handle
from .errors import EditError
from .sources import Sources

KINDS = ("page", "persona", "channel", "content", "person")
CATALOG_OF = {"persona": "personas", "channel": "channels", "content": "content", "person": "people"}
BOM = codecs.BOM_UTF8
_ID = re.compile(ID_PATTERN)
# Top folders of the generated pages (health/, owners/ ...): a page there would clash with them.
RESERVED = frozenset(
    p.split("/")[0]
    for p in (links.HEALTH, links.OWNERS, links.PERSONAS, links.CONTENT_MAP, links.CHANNELS, links.METRICS,
              links.CHANGES, links.EXPERIMENTS)
)


@dataclass(frozen=True)
class NewSpec:
    """What the editor asked for."""

    kind: str
    id: str
    label: str | None = None  # a page's or asset's title, else a name
    owner: str | None = None
    email: str | None = None  # people only
    git: str | None = None  # people only
    team: bool = False  # people only


@dataclass(frozen=True)
class Plan:
    """A file to write: ``create`` means a new file (never replacing one), else an append to ``path``."""

    path: Path
    rel: str
    data: bytes
    create: bool
    line: int
    what: str  # "page" or "persona 'it-director'"
    details: str = ""

    def message(self, shown: str) -> str:
        """What was written, for the editor: ``Added persona 'cfo' to data/personas.yaml at line 7``."""
        details = f" ({self.details})" if self.details else ""
        if not self.create:
            return f"Added {self.what} to {shown} at line {self.line}{details}"
        return f"Created {shown}{details}"


def check_id(value: str, what: str = "id") -> None:
    if not _ID.match(value):
        near = slugify(value)
        hint = f"did you mean '{near}'?" if near and _ID.match(near) else "e.g. it-director"
        raise EditError(
            f"'{value}' is not a valid {what}: use lowercase letters, digits, '.', '_' and '-', "
            "starting with a letter or digit",
            hint,
        )


def page_id(value: str) -> str:
    """A page id is a docs-relative path without ``.md``; every folder and the name is an id."""
    cleaned = value.strip().removesuffix(".md")
    parts = cleaned.split("/")
    if not cleaned or value.startswith("/") or "\\" in cleaned or any(p in ("", ".", "..") for p in parts):
        raise EditError(f"'{value}' is not a page id: give a path inside the docs dir without .md",
                        "e.g. playbooks/webinars")
    for part in parts:
        check_id(part, "page id part")
    if parts[0] in RESERVED:
        raise EditError(f"'{cleaned}' would clash with the generated {parts[0]}/ pages",
                        "pick another folder, e.g. playbooks/")
    return cleaned


def check_owner(owner: str | None, sources: Sources) -> None:
    if owner is None:
        return
    people = sources.catalogs.people
    if people and owner not in people:  # a manual without people.yaml does not check owners (as check)
        near = suggest(owner, list(people))
        where = f"{sources.config.settings.data_dir}/people.yaml"
        raise EditError(
            f"unknown owner '{owner}': it is not in {where}",
            f"did you mean '{near}'?" if near else f"add it with: opsmanual new person {owner}",
        )


def default_label(spec: NewSpec) -> str:
    name = spec.id.rsplit("/", 1)[-1]
    words = re.sub(r"[-_.]+", " ", name).strip()
    if spec.kind == "person":
        return words.title()
    return words[:1].upper() + words[1:]


def scalar(value: object) -> str:
    """One YAML scalar, quoted only when it must be (``Lead handoff: v2`` -> ``'Lead handoff: v2'``)."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 30)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def plan_new(sources: Sources, spec: NewSpec, as_of: date) -> Plan:
    """What ``opsmanual new`` will write, checked; raises :class:`EditError` when it must refuse."""
    if spec.kind not in KINDS:
        raise EditError(f"cannot scaffold a '{spec.kind}'", f"use one of {', '.join(KINDS)}")
    if spec.kind == "person":
        if spec.owner is not None:
            raise EditError("--owner does not apply to a person", "people own things; they have no owner")
    elif spec.email is not None or spec.git is not None or spec.team:
        raise EditError("--email, --git and --team apply to a person only")
    if spec.label is not None and not spec.label.strip():
        raise EditError("the title or name is empty")
    if spec.kind == "page":
        return _plan_page(sources, spec, as_of)
    check_id(spec.id)
    check_owner(spec.owner, sources)
    return _plan_entry(sources, spec)


# --- pages -----------------------------------------------------------------------------------


def page_text(title: str, owner: str | None, reviewed: date, review_every: str) -> str:
    lines = [
        "---",
        f"title: {scalar(title)}",
        f"owner: {owner}" if owner else "owner:",
        f"reviewed: {reviewed.isoformat()}",
        f"review_every: {review_every}",
        "personas: []",
        "stages: []",
        "kpis: []",
        "---",
        f"# {title}",
        "",
    ]
    return "\n".join(lines)


def _plan_page(sources: Sources, spec: NewSpec, as_of: date) -> Plan:
    pid = page_id(spec.id)
    check_owner(spec.owner, sources)
    docs = posixpath.normpath(sources.config.docs_dir)
    rel = f"{pid}.md" if docs == "." else f"{docs}/{pid}.md"
    path = sources.root / rel
    if path.exists():
        raise EditError(f"{rel} already exists; nothing was written", "pick another id, or edit that page")
    title = " ".join(spec.label.split()) if spec.label else default_label(spec)
    text = page_text(title, spec.owner, as_of, str(sources.config.settings.review_every))
    front = text.split("---\n")[1]
    try:
        FrontMatterIn.model_validate(yaml.safe_load(front))
    except (ValidationError, yaml.YAMLError) as exc:  # pragma: no cover - a bug, not a user error
        raise EditError(f"the scaffold for {rel} would not be valid: {exc}") from None
    details = f"owner {spec.owner}, " if spec.owner else "no owner yet, "
    details += f"reviewed {as_of.isoformat()}, review every {sources.config.settings.review_every}"
    return Plan(path, rel, text.encode("utf-8"), True, 1, "page", details)


# --- catalog entries -------------------------------------------------------------------------


def entry_for(spec: NewSpec) -> dict[str, Any]:
    """The new entry, in the key order of FORMATS.md, with empty lists as prompts to fill in."""
    label = " ".join(spec.label.split()) if spec.label else default_label(spec)
    entry: dict[str, Any] = {"id": spec.id}
    if spec.kind == "person":
        entry["name"] = label
        entry["kind"] = "team" if spec.team else "person"
        if spec.email:
            if not is_email(spec.email):
                raise EditError(f"--email {spec.email!r} is not one e-mail address", "e.g. --email dana@acme.example")
            entry["email"] = spec.email
        if spec.git:
            if not is_handle(spec.git):
                raise EditError(f"--git {spec.git!r} is not a git handle or org/team", "e.g. --git dkim or --git acme/web")
            entry["git"] = spec.git
    elif spec.kind == "persona":
        entry.update(name=label, owner=spec.owner, summary=None, pains=[], goals=[], channels=[])
    elif spec.kind == "channel":
        entry.update(name=label, owner=spec.owner, kpis=[])
    else:  # content: a draft until someone publishes it (drafts neither cover a cell nor expire)
        entry.update(title=label, owner=spec.owner, status="draft", personas=[], stage=None, channels=[])
    return entry


def dump_entry(entry: dict[str, Any]) -> str:
    text = yaml.safe_dump(entry, sort_keys=False, default_flow_style=False, allow_unicode=True, width=1 << 30)
    return text.replace(": null\n", ":\n")


def _existing(sources: Sources, spec: NewSpec) -> None:
    name = CATALOG_OF[spec.kind]
    catalog = getattr(sources.catalogs, name)
    if spec.id in catalog:
        source = catalog[spec.id].source
        raise EditError(f"{spec.kind} '{spec.id}' already exists ({source.file}:{source.line}); nothing was written",
                        "pick another id")


def _plan_entry(sources: Sources, spec: NewSpec) -> Plan:
    _existing(sources, spec)
    name = CATALOG_OF[spec.kind]
    entry = entry_for(spec)
    try:
        CATALOG_SCHEMAS[name].model_validate(entry)
    except ValidationError as exc:
        raise EditError(f"the new {spec.kind} would not be valid: {exc.errors()[0]['msg']}") from None
    data_dir = sources.data_dir
    data_rel = posixpath.normpath(sources.config.settings.data_dir)
    what = f"{spec.kind} '{spec.id}'"
    folder = data_dir / name
    if folder.is_dir():
        for suffix in (".yaml", ".yml"):
            if (folder / f"{spec.id}{suffix}").exists():
                raise EditError(f"{data_rel}/{name}/{spec.id}{suffix} already exists; nothing was written",
                                "pick another id")
        body = {k: v for k, v in entry.items() if k != "id"}  # the file name is the id
        rel = f"{data_rel}/{name}/{spec.id}.yaml"
        return Plan(folder / f"{spec.id}.yaml", rel, dump_entry(body).encode("utf-8"), True, 1, what, what)
    for suffix in (".yaml", ".yml"):
        path = data_dir / f"{name}{suffix}"
        if path.is_file():
            rel = f"{data_rel}/{name}{suffix}"
            data, line = append_entry(path.read_bytes(), name, entry, rel)
            return Plan(path, rel, data, False, line, what)
    rel = f"{data_rel}/{name}.yaml"
    data, line = append_entry(b"", name, entry, rel)
    return Plan(data_dir / f"{name}.yaml", rel, data, True, line, what, what)


def _items(parsed: tuple[Any, Positions], name: str, rel: str) -> tuple[list[Any] | None, Positions]:
    """The entries list of a parsed single-file catalog (None for an empty file) and its positions."""
    data, positions = parsed
    if data is None:
        return None, positions
    if isinstance(data, list):
        return data, positions
    if isinstance(data, dict) and isinstance(data.get(name), list):
        return data[name], positions.under(name)
    raise EditError(f"{rel} is not a list of entries", "start each entry with '- id: ...', then run opsmanual new")


def _parse(text: str, rel: str) -> tuple[Any, Positions]:
    try:
        return parse_yaml(text)
    except YamlSyntaxError as exc:
        where = f"{rel}:{exc.line}" if exc.line else rel
        raise EditError(f"{where}: {exc.message}", "fix the file first, then run opsmanual new again") from None


def append_entry(raw: bytes, name: str, entry: dict[str, Any], rel: str) -> tuple[bytes, int]:
    """``raw`` with ``entry`` appended as one more list item: (new bytes, line of the entry).

    The existing bytes are kept as they are and the entry follows them in the file's own line
    ending and item indentation. Refuses (:class:`EditError`) when the list does not end the file,
    or is written in flow style, so that appending would change what the file means.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(f"{rel} is not UTF-8 text", "save it as UTF-8") from None
    body = text.removeprefix("\ufeff")
    old, old_positions = _items(_parse(body, rel), name, rel)
    lines = [line.removesuffix("\r") for line in body.split("\n")]
    newline = "\r\n" if "\r\n" in body else "\n"
    indent = 0
    separator = ""
    if old:
        first = lines[old_positions.line((0,)) - 1]
        indent = len(first) - len(first.lstrip(" "))
        if not first[indent:].startswith("-"):
            raise EditError(f"cannot append to {rel}: its entries are written in flow style ([...])",
                            "write them as a block list ('- id: ...') or add the entry by hand")
        last = old_positions.line((len(old) - 1,))
        if len(old) >= 2 and last >= 2 and not lines[last - 2].strip():
            separator = newline  # the file separates entries with a blank line: so does the new one
    elif isinstance(old, list):
        raise EditError(f"cannot append to {rel}: its list is empty and written in flow style ([])",
                        "replace [] with the first entry ('- id: ...') by hand")
    item = dump_entry(entry).splitlines()
    pad = " " * indent
    added = [pad + "- " + item[0]] + [pad + "  " + line for line in item[1:]]
    prefix = ""
    if body and not body.endswith("\n"):
        prefix = newline
    if separator and body.endswith(("\n\n", "\r\n\r\n")):
        separator = ""
    addition = prefix + separator + newline.join(added) + newline
    try:
        new, new_positions = _items(parse_yaml(body + addition), name, rel)
    except (YamlSyntaxError, EditError):
        new, new_positions = None, Positions()
    if new is None or list(new[:-1]) != list(old or []) or new[-1] != entry:
        raise EditError(f"cannot append to {rel} safely: its list of entries does not end the file",
                        "move the list to the end of the file, or add the entry by hand")
    return raw + addition.encode("utf-8"), new_positions.line((len(new) - 1,))
