"""Guards around every write to a project: one writer at a time, and never over its inputs.

:func:`project_lock` holds an exclusive lock (``flock``) on the project's ``mkdocs.yml`` while a
command reads what it will change and writes it back, so two ``ingest --merge`` or ``new persona``
running at once are serialised instead of one silently losing the other's change. Nothing is
created for the lock, and the operating system releases it when the process ends, even on
``kill -9``. :func:`input_problem` says why an output path would overwrite one of the project's
inputs (``codeowners -o mkdocs.yml``, ``check -o data/people.yaml``).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .errors import EditError

LOCK_TIMEOUT = 120.0  # seconds to wait for another command writing the same project


@contextlib.contextmanager
def project_lock(config_file: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the write lock of the project whose config is ``config_file`` (see the module doc)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: writes stay atomic, but are not serialised
        yield
        return
    fd = os.open(config_file, os.O_RDONLY)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise EditError(f"another opsmanual command has been writing to this project for "
                                    f"{timeout:.0f} s; try again when it is done") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # releases the lock


def input_problem(target: Path, root: Path, config_file: Path, folders: list[Path]) -> str | None:
    """Why writing ``target`` would overwrite an input of the project, or None."""
    resolved = Path(os.path.realpath(target))
    if resolved == Path(os.path.realpath(config_file)):
        return f"{target} is the project's config; write the output somewhere else"
    for folder in folders:
        real = Path(os.path.realpath(folder))
        if resolved == real or real in resolved.parents:
            return f"{target} is inside {os.path.relpath(folder, root)}/, the project's sources; write the output somewhere else"
    return None
