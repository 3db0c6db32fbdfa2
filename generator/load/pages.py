"""Read the Markdown pages of the docs dir and the front matter at their very top.

Only a block that opens on the first line (``---``) is front matter; a ``---`` later in a body is
prose (a thematic break). The body is kept byte for byte apart from line-ending normalisation done
by nobody: it is passed on untouched.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..model.dates import Duration
from ..model.page import Page
from .codeowners import pattern_regex
from .front_matter import validate_front_matter
from .problems import Problems
from .sections import build_experiment, build_kpis, build_waivers
from .yamlio import YamlSyntaxError, parse_yaml

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_H1 = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, number of the body's first line)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---" or first_end < 0:
        return None, text, 1
    position = first_end + 1
    line = 2
    while position <= len(text):
        end = text.find("\n", position)
        current = text[position:] if end < 0 else text[position:end]
        if current.rstrip("\r").rstrip() in ("---", "..."):
            body_start = len(text) if end < 0 else end + 1
            return text[first_end + 1 : position], text[body_start:], line + 1
        if end < 0:
            break
        position = end + 1
        line += 1
    raise ValueError("the front matter opened by '---' on line 1 is never closed")


def _below(path: Path, base: Path) -> str:
    """``path.relative_to(base).as_posix()``, cut from the text when ``path`` is written under
    ``base`` (as ``rglob`` gives it): pathlib's relative_to costs more than reading a page."""
    text, start = str(path), str(base)
    if os.sep == "/" and len(text) > len(start) + 1 and text[len(start)] == "/" and text.startswith(start):
        return text[len(start) + 1 :]
    return path.relative_to(base).as_posix()


def first_heading(body: str) -> str | None:
    fence: str | None = None
    for line in body.splitlines():
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)[0]
            if fence is None:
                fence = marker
            elif fence == marker:
                fence = None
            continue
        if fence is None:
            heading = _H1.match(line)
            if heading:
                return heading.group(1)
    return None


def load_page(path: Path, root: Path, docs_dir: Path, problems: Problems) -> Page | None:
    rel = _below(path, root)
    page_path = _below(path, docs_dir)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.add(rel, None, f"the page is not UTF-8 text (byte {exc.start})", "save it as UTF-8")
        return None
    except OSError as exc:
        problems.add(rel, None, f"cannot read the page: {exc.strerror}")
        return None
    if re.match(r"\ufeff?---[ \t]*\r(?!\n)", text):
        problems.add(rel, 1, "the page's lines end with a lone CR (classic Mac line endings), so its front matter "
                     "would not be read", "save it with LF or CRLF line endings")
        return None
    try:
        front, body, _ = split_front_matter(text)
    except ValueError as exc:
        problems.add(rel, 1, str(exc), "add a closing '---' line after the front matter")
        return None
    fallback_title = first_heading(body) or path.stem.replace("-", " ").replace("_", " ").capitalize()
    if path.stem == "index" and fallback_title == "Index":
        fallback_title = path.parent.name.replace("-", " ").capitalize() if path.parent != docs_dir else "Home"
    if front is None:
        return Page(page_path, rel, fallback_title, body, hashlib.sha256(data).hexdigest())
    try:
        raw, positions = parse_yaml(front)
    except YamlSyntaxError as exc:
        problems.add(rel, (exc.line or 0) + 1 if exc.line else 1, exc.message, column=exc.column)
        return None
    if raw is None:
        raw = {}
    fm = validate_front_matter(raw, positions, rel, problems)
    if fm is None:
        return None
    lines = {str(key): line + 1 for key, line in positions.children().items()}
    return Page(
        path=page_path,
        file=rel,
        title=fm.title or fallback_title,
        body=body,
        sha256=hashlib.sha256(data).hexdigest(),
        has_front_matter=True,
        front_matter_line=1,
        owner=fm.owner,
        reviewed=fm.reviewed,
        review_every=Duration.parse(fm.review_every) if fm.review_every else None,
        personas=tuple(fm.personas),
        stages=tuple(fm.stages),
        channels=tuple(fm.channels),
        tags=tuple(fm.tags),
        kpis=build_kpis(fm.kpis, positions, ("kpis",), rel, 1, 2, problems),
        waive=build_waivers(fm.waive, positions, ("waive",), rel, 1, 2),
        experiment=build_experiment(fm.experiment, positions, rel, 1, 2, problems),
        lines=lines,
    )


def load_pages(root: Path, docs_dir: Path, problems: Problems, not_pages: tuple[str, ...] = (),
               cache: dict[Path, tuple[tuple[int, int], Page]] | None = None) -> list[Page]:
    """Every Markdown page of the docs dir, except hidden ones and those ``not_pages`` matches
    (gitignore-style, docs-relative; a ``!pattern`` takes files back).

    ``cache`` (kept by a long-running caller such as the preview) maps each file to its page and
    the (mtime, size) it was read at: a file whose stat has not changed is not read again. It is
    left holding the pages read now, and a page with problems is never kept."""
    if not docs_dir.is_dir():
        problems.add(docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else str(docs_dir),
                     None, "the docs dir does not exist", "create it or set docs_dir in mkdocs.yml")
        return []
    rules = [(p.startswith("!"), pattern_regex(p.removeprefix("!"))) for p in not_pages]

    def skip(rel: str) -> bool:
        skipped = False
        for back, regex in rules:
            if regex.match(rel):
                skipped = not back
        return skipped

    pages = []
    kept: dict[Path, tuple[tuple[int, int], Page]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        rel = _below(path, docs_dir)
        if any(part.startswith(".") for part in rel.split("/")) or not path.is_file() or skip(rel):
            continue
        if path.name.lower() == "readme.md" and (path.parent / "index.md").is_file():
            continue  # MkDocs builds index.md and leaves the README beside it out
        if cache is None:
            page = load_page(path, root, docs_dir, problems)
        else:
            stat = path.stat()
            key = (stat.st_mtime_ns, stat.st_size)
            known = cache.get(path)
            page = known[1] if known is not None and known[0] == key else load_page(path, root, docs_dir, problems)
            if page is not None:
                kept[path] = (key, page)
        if page is not None:
            pages.append(page)
    if cache is not None:
        cache.clear()
        cache.update(kept)
    return pages
