"""``opsmanual review``: record a human review by setting ``reviewed:``, and change nothing else.

A review is a one-line diff. The ``reviewed:`` line gets the new date and keeps its comment; every
other byte (BOM, CRLF, comments, key order, the body) stays as it was. A page without the key
gets one line, after ``owner:`` (else at the end of the front matter); a page without front matter
gets a three-line block at the top. Each result is parsed back and must equal the old front matter
with only ``reviewed`` changed, or the edit is refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..load.config import find_config, load_config
from ..load.front_matter import validate_front_matter
from ..load.problems import InputError, Problems
from ..load.yamlio import Positions, YamlSyntaxError, parse_yaml
from ..model.config import SiteConfig
from ..model.entities import Person
from ..model.names import suggest
from .errors import EditError

BOM = codecs.BOM_UTF8
_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)")
_VALUE = re.compile(r"^(?P<space>[ \t]*)(?P<value>\"[^\"]*\"|'[^']*'|[^ \t#]*)(?P<rest>.*)$")
_COMMENT = re.compile(r"^[ \t]*(#.*)?$")


@dataclass(frozen=True)
class Review:
    """The outcome for one page: ``data`` is None when the page already carries the date."""

    data: bytes | None
    previous: date | None
    action: str  # "updated" | "added" | "created" | "unchanged"


@dataclass(frozen=True)
class PageLocation:
    """A page resolved to its project: the project root, its config, and the page's paths."""

    path: Path  # absolute, resolved
    root: Path
    config: SiteConfig
    rel: str  # relative to the project root (manual/processes/nurture.md)


def _split_lines(text: str) -> list[str]:
    """Lines with their endings (``\\n`` or ``\\r\\n``); only ``\\n`` ends a line, as in the loader."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _eol(line: str) -> str:
    return "\r\n" if line.endswith("\r\n") else "\n" if line.endswith("\n") else ""


def _content(line: str) -> str:
    return line.removesuffix("\n").removesuffix("\r")


def _set_value(line: str, day: date) -> str:
    """``reviewed: 2026-01-02  # note`` -> ``reviewed: <day>  # note``."""
    content = _content(line)
    colon = content.index(":")
    head, rest = content[: colon + 1], content[colon + 1 :]
    match = _VALUE.match(rest)
    assert match is not None  # the pattern matches any text
    space = match.group("space") or " "
    tail = match.group("rest")
    if not _COMMENT.match(tail):
        tail = ""  # not a date followed by a comment: the whole value is replaced
    elif tail.startswith("#"):
        tail = " " + tail
    return head + space + day.isoformat() + tail + _eol(line)


def _top_level(lines: list[str], key: str) -> list[int]:
    return [i for i, line in enumerate(lines) if (m := _KEY.match(line)) and m.group("key") == key]


def _parse_front(text: str, rel: str) -> tuple[Any, Positions]:
    try:
        data, positions = parse_yaml(text)
    except YamlSyntaxError as exc:
        where = f"{rel}:{exc.line + 1}" if exc.line else rel
        raise EditError(f"{where}: {exc.message}", "fix the front matter first, then record the review") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise EditError(f"{rel}: the front matter is not a mapping of keys", "write it as 'key: value' lines")
    return data, positions


def _validate(front: dict[Any, Any], positions: Positions, day: date, rel: str) -> None:
    """The front matter as it will be (``reviewed`` set) must pass the schema; problems name old lines."""
    candidate = {**front, "reviewed": day}
    problems = Problems()
    validate_front_matter(candidate, positions, rel, problems)
    if problems:
        raise EditError(f"{problems.sorted()[0]}; nothing was changed")


def record_review(raw: bytes, day: date, rel: str) -> Review:
    """The page ``raw`` with ``reviewed:`` set to ``day``; raises :class:`EditError` when it must refuse."""
    bom = raw.startswith(BOM)
    try:
        text = raw[len(BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EditError(f"{rel} is not UTF-8 text (byte {exc.start})", "save it as UTF-8") from None
    lines = _split_lines(text)
    if not lines or _content(lines[0]).rstrip() != "---" or not _eol(lines[0]):
        # No front matter: the page gets a block with only the review date.
        eol = _eol(lines[0]) if lines and _eol(lines[0]) else "\n"
        block = f"---{eol}reviewed: {day.isoformat()}{eol}---{eol}"
        return Review((BOM if bom else b"") + block.encode("utf-8") + raw[len(BOM) if bom else 0 :], None, "created")
    close = next((i for i in range(1, len(lines)) if _content(lines[i]).rstrip() in ("---", "...")), None)
    if close is None:
        raise EditError(f"{rel}:1: the front matter opened by '---' on line 1 is never closed",
                        "add a closing '---' line after the front matter")
    front = lines[1:close]
    old, positions = _parse_front("".join(front), rel)
    previous = old.get("reviewed")
    _validate(old, positions, day, rel)
    if isinstance(previous, date) and previous > day:
        raise EditError(f"{rel} was reviewed on {previous.isoformat()}, after {day.isoformat()}; nothing was changed",
                        "pass --as-of with the date of this review")
    if previous == day:
        return Review(None, previous, "unchanged")
    found = _top_level(front, "reviewed")  # one at most: the schema check refuses duplicate keys
    edited = list(front)
    if found:
        index = found[0]
        edited[index] = _set_value(front[index], day)
        action = "updated"
    else:
        owners = _top_level(front, "owner")
        if owners:
            at = owners[0] + 1
            while at < len(front) and front[at][:1] in (" ", "\t") and front[at].strip():
                at += 1  # the owner's value continues on indented lines
        else:
            at = len(front)
        eol = _eol(front[at - 1]) if at > 0 else _eol(lines[0])
        edited.insert(at, f"reviewed: {day.isoformat()}{eol}")
        action = "added"
    new, new_positions = _parse_front("".join(edited), rel)
    if new != {**old, "reviewed": day} or new_positions.duplicates:
        raise EditError(f"cannot set 'reviewed' in {rel} as one line", "edit the front matter by hand")
    result = "".join([lines[0], *edited, *lines[close:]])
    return Review((BOM if bom else b"") + result.encode("utf-8"), previous if isinstance(previous, date) else None,
                  action)


def locate_page(page: Path) -> PageLocation:
    """The project a page belongs to (the nearest folder above it with mkdocs.yml), checked.

    Refuses a file that does not exist, is not ``.md``, or lies outside that project's docs dir.
    Raises :class:`InputError` when the config cannot be read.
    """
    if not page.exists():
        raise EditError(f"{page} does not exist")
    path = page.resolve()
    if not path.is_file() or path.suffix != ".md":
        raise EditError(f"{page} is not a Markdown page (.md)", "pass pages of the manual, e.g. manual/index.md")
    root = next((folder for folder in path.parents if find_config(folder) is not None), None)
    if root is None:
        raise EditError(f"{page} is not in a manual project: no mkdocs.yml in any folder above it")
    problems = Problems()
    config = load_config(root, problems)
    if config is None:
        raise InputError(problems.sorted())
    docs = (root / config.docs_dir).resolve()
    if not path.is_relative_to(docs):
        raise EditError(f"{page} is outside the docs dir {docs}", "only pages of the manual can be reviewed")
    if any(part.startswith(".") for part in path.relative_to(docs).parts):
        raise EditError(f"{page} is in a hidden folder, which is not part of the manual")
    return PageLocation(path, root, config, path.relative_to(root).as_posix())


def reviewer_trailer(who: str, people: dict[str, Person], people_file: str) -> str:
    """The commit trailer that records who reviewed: ``Reviewed-by: Ana Silva <ana@acme.example>``.

    ``who`` is a people id or git handle (expanded to name and email) or free text such as
    ``Dana <dana@x.example>``; an id-like word that is not in people.yaml is refused, as it is
    most likely a typo.
    """
    who = who.strip()
    if not who:
        raise EditError("--by is empty", "pass a people id, e.g. --by ana")
    person = people.get(who) or next((p for p in people.values() if p.git and p.git.lstrip("@") == who.lstrip("@")),
                                     None)
    if person is not None:
        return f"Reviewed-by: {person.name} <{person.email}>" if person.email else f"Reviewed-by: {person.name}"
    if re.fullmatch(r"[a-z0-9][a-z0-9._-]*", who):
        near = suggest(who, list(people))
        raise EditError(f"unknown reviewer '{who}': it is not in {people_file}",
                        f"did you mean '{near}'?" if near else "pass a people id, or a name such as 'Dana Kim <dana@example.com>'")
    return f"Reviewed-by: {who}"
