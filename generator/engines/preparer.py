"""Prepare the manual in a child process while the engine starts and converts pages.

``opsmanual build`` forks before it loads anything: the child loads, judges and renders the manual
and writes what the engine reads (:func:`generator.engines.handover.stream`) into a pipe; the
parent runs the engine, which reads each page as it needs it. Loading and judging (DuckDB
included) happen only in the child, which never runs an engine; the parent never holds the loaded
manual. Where ``os.fork`` does not exist, or other threads run in this process (a fork copies
none of them, and whatever lock they hold stays held), the caller prepares in this process.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..load.problems import InputError

if TYPE_CHECKING:  # imported where used: this module is imported before the fork, the core after it
    from ..pipeline import Prepared
    from .handover import Streamed

Prepare = Callable[[], "Prepared"]


def _write(prepare: Prepare, out) -> None:
    from .handover import stream

    gc.disable()  # nothing the child makes is garbage before it exits
    try:
        prepared = prepare()
    except InputError as exc:
        pickle.dump(list(exc.problems), out, protocol=pickle.HIGHEST_PROTOCOL)
        return
    for message in stream(prepared):
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()  # the engine may be waiting for this very page


def can_prepare_beside() -> bool:
    """Whether a child process can prepare the manual: POSIX, and no other thread in this one."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _report(exc: BaseException, out) -> None:
    from .handover import Failed

    where = traceback.format_exc()
    try:
        data = pickle.dumps(Failed(exc, where), protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)  # noqa: S301 - our own bytes: some exceptions pickle but cannot be rebuilt
    except Exception:  # noqa: BLE001
        data = pickle.dumps(Failed(RuntimeError(f"{type(exc).__name__}: {exc}"), where))
    out.write(data)


@contextmanager
def prepared_beside(prepare: Prepare) -> Iterator[Streamed]:
    """A :class:`Streamed` source fed by a child process running ``prepare``; the child is stopped
    and reaped when the block ends, whatever happened. Reading its header raises ``InputError``
    (the input's problems) or ``PreparingFailed``."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: prepare, write, and leave without running the parent's clean-up
        status = 0
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb", buffering=1 << 20) as out:
                try:
                    _write(prepare, out)
                except BrokenPipeError:
                    status = 1  # the parent stopped reading: it failed or was interrupted
                except BaseException as exc:  # noqa: BLE001 - any failure reaches the parent, raised there
                    _report(exc, out)
        except BaseException:  # noqa: BLE001
            status = 1
        finally:
            os._exit(status)
    os.close(write_end)
    from .handover import Streamed

    reader = os.fdopen(read_end, "rb", buffering=1 << 20)
    try:
        yield Streamed(reader)
    finally:
        reader.close()
        try:
            os.kill(pid, signal.SIGKILL)  # done, or no longer wanted: it must not outlive the build
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
