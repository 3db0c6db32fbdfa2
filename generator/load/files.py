"""What a project may read: regular files inside it, of a bounded size. Nothing else is followed.

Before anything is parsed, the docs and data dirs are walked without following links. A symbolic
link whose target leaves the project (``manual/leak.md -> /etc/passwd``), a link that loops or
dangles, and anything that is not a regular file or folder (a FIFO would block the read, a device
never ends) is an input problem naming the file; so is a file larger than :data:`MAX_FILE_BYTES`.
Links that stay inside the project are fine: the engines copy what they point to.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .problems import Problem, Problems

MAX_FILE_BYTES = 512 * 1024 * 1024  # one snapshot (or asset); the benchmark's largest is far below
MAX_TEXT_BYTES = 64 * 1024 * 1024  # one page or YAML file: parsed whole, with line numbers
_TEXT_SUFFIXES = (".md", ".yaml", ".yml")
# Characters a file or folder name under the docs dir may not hold: the engines put folder names
# into the navigation as HTML (a section without a nav: entry is titled by its folder's name).
_NAME_UNSAFE = frozenset('<>"\'`') | frozenset(chr(c) for c in range(32)) | {"\x7f"}


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def file_problem(path: Path, root: Path, *, max_bytes: int | None = None) -> str | None:
    """Why ``path`` may not be read as a file of the project at ``root``, or None when it may."""
    if max_bytes is None:
        max_bytes = MAX_TEXT_BYTES if path.suffix.lower() in _TEXT_SUFFIXES else MAX_FILE_BYTES
    try:
        info = path.lstat()
    except OSError as exc:
        return f"cannot read the file: {exc.strerror}"
    if stat.S_ISLNK(info.st_mode):
        try:
            target = Path(os.path.realpath(path, strict=True))
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "a symbolic link that loops"
            return "a symbolic link to nothing (its target does not exist)"
        except RuntimeError:  # pragma: no cover - older Pythons report a loop this way
            return "a symbolic link that loops"
        root_real = Path(os.path.realpath(root))
        if target != root_real and root_real not in target.parents:
            return "a symbolic link to a file outside the project; opsmanual reads only files inside it"
        info = target.stat()
        if stat.S_ISDIR(info.st_mode):
            link_real = Path(os.path.realpath(path.parent)) / path.name
            if target == link_real.parent or target in link_real.parents:
                return "a symbolic link to a folder that holds it (a loop)"
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, socket or device); opsmanual reads only files"
    if info.st_size > max_bytes:
        return f"the file is {info.st_size:,} bytes, more than the {max_bytes:,} a file may have"
    return None


def name_problem(name: str) -> str | None:
    """Why a file or folder name under the docs dir may not be used, or None."""
    bad = sorted({c for c in name if c in _NAME_UNSAFE})
    if bad:
        shown = " ".join(repr(c)[1:-1] for c in bad)
        return f"the name holds {shown}, which the site's navigation would show as HTML"
    return None


def check_tree(folder: Path, root: Path, problems: Problems, *, names: bool = False) -> None:
    """Add a problem for every entry under ``folder`` that may not be read (see the module doc);
    with ``names``, also for every name that holds an HTML special (:func:`name_problem`)."""
    if not folder.exists() and not folder.is_symlink():
        return
    problem = file_problem(folder, root)
    if problem:
        problems.add(relative(folder, root), None, problem, "replace it with a real file or folder in the project")
        return
    seen: set[str] = set()
    # Links to folders inside the project are followed (the engines follow them too), each
    # folder once; a link to a folder that holds it is reported, not entered.
    for current, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        base = Path(current)
        bad = set()
        for name in sorted(dirs + files):
            if name.startswith(".") and name in dirs:
                continue
            path = base / name
            problem = file_problem(path, root) or (name_problem(name) if names else None)
            if problem:
                bad.add(name)
                problems.add(relative(path, root), None, problem,
                             "rename it" if problem.startswith("the name") else
                             "replace it with a real file or folder in the project")
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in bad]


def check_project_files(root: Path, data_dir: Path, docs_dir: Path | None = None) -> list[Problem]:
    """The problems of :func:`check_tree` over the data dir and the docs dir (whose names are
    checked too: they become navigation titles)."""
    problems = Problems()
    check_tree(data_dir, root, problems)
    if docs_dir is not None:
        check_tree(docs_dir, root, problems, names=True)
    return problems.sorted()
