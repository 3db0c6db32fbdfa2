"""Atomic file writes: a temporary file in the same folder, then ``os.replace`` (or a no-clobber link)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


class TargetExists(FileExistsError):
    """Raised by :func:`write_atomic` with ``overwrite=False`` when the target already exists."""


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a half.

    The data goes to a temporary file beside ``path`` (same file system), is flushed to disk and
    then renamed over ``path``. An existing file keeps its permission bits. With
    ``overwrite=False`` the new file is linked into place, which fails if ``path`` appeared in the
    meantime (:class:`TargetExists`), instead of replacing it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
            if not path.exists():
                _default_mode(temp)
            os.replace(temp, path)
            return
        _default_mode(temp)
        _link_no_clobber(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _link_no_clobber(temp: Path, path: Path) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        raise TargetExists(f"{path} already exists") from None
    except OSError:
        # A file system without hard links: check, then rename (a narrow race, but still atomic content).
        if path.exists():
            raise TargetExists(f"{path} already exists") from None
        os.replace(temp, path)


def _default_mode(temp: Path) -> None:
    """mkstemp creates 0600; a new file gets the usual 0666 minus the umask."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temp, 0o666 & ~umask)
