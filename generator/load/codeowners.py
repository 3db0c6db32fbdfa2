"""Owners from the repository's CODEOWNERS file, for pages that name no ``owner:`` themselves.

GitHub reads ``.github/CODEOWNERS``, then ``CODEOWNERS``, then ``docs/CODEOWNERS`` at the root of
the repository (GitLab also ``.gitlab/CODEOWNERS``); the first that exists is the file. Each line
is a gitignore-style pattern and owners (``@user``, ``@org/team``, an e-mail address); the last
pattern that matches a path wins, and a pattern without owners leaves the path unowned. GitLab's
``[Section]`` headers are read too: a section's default owners apply to its patterns that name none.

A handle maps to a ``people.yaml`` entry by its ``git:`` handle or its e-mail; one that maps to
nobody is the page's owner as written (``@acme/docs``), shown as such and never an unknown reference.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model.entities import Person
from ..model.page import Page

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
_SECTION = re.compile(r"^\^?\[(?P<name>[^\]]+)\](?:\[\d+\])?(?:\s+(?P<owners>.*))?$")


@dataclass(frozen=True)
class OwnerRule:
    """One line of a CODEOWNERS file: a pattern, its owners (as written) and where it is."""

    pattern: str
    owners: tuple[str, ...]
    line: int
    regex: re.Pattern[str]

    def matches(self, path: str) -> bool:
        return self.regex.match(path) is not None


@dataclass(frozen=True)
class CodeownersFile:
    path: Path  # the file itself
    base: Path  # the folder its patterns are relative to (the repository root)
    rules: tuple[OwnerRule, ...]

    def rule_for(self, path: str) -> OwnerRule | None:
        """The last rule whose pattern matches ``path`` (relative to ``base``), as GitHub decides."""
        for rule in reversed(self.rules):
            if rule.matches(path):
                return rule
        return None


def repository_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``.git``; ``start`` itself when there is none."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def find_codeowners(project_root: Path) -> Path | None:
    """The CODEOWNERS file GitHub would read for the repository that holds ``project_root``."""
    base = repository_root(project_root)
    for location in LOCATIONS:
        if (base / location).is_file():
            return base / location
    return None


def _split(line: str) -> list[str]:
    """Whitespace-separated fields; a ``\\`` escapes the next character (kept, for the pattern to
    read); an unescaped ``#`` starts a comment."""
    fields: list[str] = []
    current = ""
    escaped = False
    for char in line:
        if escaped:
            current += "\\" + char
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "#":
            break
        elif char.isspace():
            if current:
                fields.append(current)
            current = ""
        else:
            current += char
    if current:
        fields.append(current)
    return fields


def pattern_regex(pattern: str) -> re.Pattern[str]:
    """A regex over repository-relative paths for a CODEOWNERS (gitignore-style) pattern.

    ``/x`` and any pattern with a ``/`` inside are anchored at the root; others match at any
    depth. ``*`` and ``?`` stay within one path segment, ``**`` crosses them. A pattern also owns
    everything below a folder it names (``docs/``, ``/build/logs``), except ``dir/*``, which
    GitHub limits to the folder's own files.
    """
    directory = pattern.endswith("/")
    body = pattern.strip("/")
    anchored = pattern.startswith("/") or "/" in body
    out = ""
    i = 0
    while i < len(body):
        char = body[i]
        if body.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
            continue
        if body.startswith("**", i):
            out += ".*"
            i += 2
            continue
        if char == "*":
            out += "[^/]*"
        elif char == "?":
            out += "[^/]"
        elif char == "[":
            end = body.find("]", i + 1)
            if end < 0:
                out += re.escape(char)
            else:
                klass = body[i + 1 : end]
                out += "[" + ("^" + klass[1:] if klass.startswith("!") else klass).replace("\\", "\\\\") + "]"
                i = end
        elif char == "\\" and i + 1 < len(body):
            i += 1
            out += re.escape(body[i])
        else:
            out += re.escape(char)
        i += 1
    prefix = "^" if anchored else "^(?:.*/)?"
    if directory:
        suffix = "/.+$"
    elif body.endswith("/*") or body == "*" and anchored:
        suffix = "$"
    else:
        suffix = "(?:/.*)?$"
    return re.compile(prefix + out + suffix)


def parse_codeowners(text: str) -> tuple[OwnerRule, ...]:
    rules: list[OwnerRule] = []
    section_owners: tuple[str, ...] = ()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        section = _SECTION.match(line)
        if section:
            section_owners = tuple(_split(section.group("owners") or ""))
            continue
        fields = _split(line)
        if not fields:
            continue
        pattern, owners = fields[0], tuple(fields[1:]) or section_owners
        rules.append(OwnerRule(pattern, owners, number, pattern_regex(pattern)))
    return tuple(rules)


def read_codeowners(project_root: Path) -> CodeownersFile | None:
    path = find_codeowners(project_root)
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    base = path.parent.parent if path.parent.name in (".github", "docs", ".gitlab") else path.parent
    return CodeownersFile(path, base, parse_codeowners(text))


def person_for(handle: str, people: Mapping[str, Person]) -> Person | None:
    """The people.yaml entry a CODEOWNERS owner stands for: by git handle (``@`` optional,
    case-insensitive) or e-mail."""
    wanted = handle.strip().lstrip("@").casefold()
    for person in people.values():
        if person.git and person.git.strip().lstrip("@").casefold() == wanted:
            return person
        if person.email and person.email.strip().casefold() == wanted:
            return person
    return None


def owner_of(owners: Iterable[str], people: Mapping[str, Person]) -> str | None:
    """The first owner that is in people.yaml (its id), else the first owner as written."""
    owners = tuple(owners)
    for handle in owners:
        person = person_for(handle, people)
        if person is not None:
            return person.id
    return owners[0] if owners else None


def with_codeowners(root: Path, pages: Iterable[Page], people: Mapping[str, Person]) -> list[Page]:
    """``pages`` with each page that names no owner given the owner CODEOWNERS assigns its file."""
    pages = list(pages)
    if all(page.owner for page in pages):
        return pages
    owners_file = read_codeowners(root)
    if owners_file is None:
        return pages
    absolute = root.resolve()
    shown = _shown(owners_file.path, absolute)
    out: list[Page] = []
    for page in pages:
        if page.owner:
            out.append(page)
            continue
        try:
            path = (absolute / page.file).relative_to(owners_file.base).as_posix()
        except ValueError:
            out.append(page)
            continue
        rule = owners_file.rule_for(path)
        owner = owner_of(rule.owners, people) if rule else None
        if rule is None or owner is None:
            out.append(page)
            continue
        out.append(dataclasses.replace(page, owner=owner, owner_from=f"{shown}:{rule.line}"))
    return out


def _shown(path: Path, root: Path) -> str:
    """The CODEOWNERS file as a user names it from the project folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, root)).as_posix()
