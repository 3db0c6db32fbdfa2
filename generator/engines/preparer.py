"""Prepare the manual in a child process while the engine starts and converts pages.

``opsmanual build`` forks before it loads anything: the child loads, judges and renders the manual
and writes what the engine reads (:func:`generator.engines.handover.stream_manual`) into a pipe;
the parent runs the engine, which reads each page as it needs it. Loading and judging (DuckDB
included) happen only in the child, which never runs an engine; the parent never holds the loaded
manual. Once its header is sent the child runs at a lower priority: the engine converting pages
is then what the build waits for, and the child's work (read after the engine converted the
pages) must not slow it; when the engine waits for the child, the child has the machine. Where
``os.fork`` does not exist, or other threads run in this process (a fork copies none of them,
and whatever lock they hold stays held), the caller prepares in this process.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..load.problems import InputError

if TYPE_CHECKING:  # imported where used: this module is imported before the fork, the core after it
    from .handover import Streamed

Messages = Callable[[], Iterator[object]]  # what the child sends (handover.stream_manual), made in the child
NICENESS = 10  # how much lower the child's priority is than the engine's, once the header is sent


class Sender:
    """Writes each message into the pipe from a thread of its own, so that preparing never waits
    for the engine to read: the child runs ahead of the engine (a pipe holds a few pages) and the
    last pages, the generated ones, are ready long before the engine reads them."""

    def __init__(self, out) -> None:
        self._out = out
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="opsmanual-sender", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while (data := self._queue.get()) is not None:
                self._out.write(data)
                self._out.flush()  # the engine may be waiting for this very page
        except BaseException as exc:  # noqa: BLE001 - the preparing thread raises it
            self._error = exc

    def send(self, message: object) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def close(self) -> None:
        """Wait until every message is written; raise what stopped the writing (BrokenPipeError)."""
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error


def _write(messages: Messages, sender: Sender) -> None:
    gc.disable()  # nothing the child makes is garbage before it exits
    try:
        for index, message in enumerate(messages()):
            sender.send(message)
            if index == 0:  # the header: the engine starts on the pages, and comes first from now on
                _lower_priority()
    except InputError as exc:
        sender.send(list(exc.problems))


def _lower_priority() -> None:
    """Every thread of this process (DuckDB's included) :data:`NICENESS` lower: Linux keeps a
    niceness per thread, and a thread started later takes its starter's."""
    try:
        threads = [int(name) for name in os.listdir("/proc/self/task")]
    except OSError:  # no /proc: this thread only
        threads = [0]
    for thread in threads:
        try:
            os.setpriority(os.PRIO_PROCESS, thread, min(19, os.getpriority(os.PRIO_PROCESS, thread) + NICENESS))
        except OSError:  # ended meanwhile
            pass


def can_prepare_beside() -> bool:
    """Whether a child process can prepare the manual: POSIX, and no other thread in this one."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _report(exc: BaseException, sender: Sender) -> None:
    from .handover import Failed

    where = traceback.format_exc()
    failed = Failed(exc, where)
    try:
        pickle.loads(pickle.dumps(failed, protocol=pickle.HIGHEST_PROTOCOL))  # noqa: S301 - our own bytes: some exceptions pickle but cannot be rebuilt
    except Exception:  # noqa: BLE001
        failed = Failed(RuntimeError(f"{type(exc).__name__}: {exc}"), where)
    sender.send(failed)


@contextmanager
def prepared_beside(messages: Messages) -> Iterator[Streamed]:
    """A :class:`Streamed` source fed by a child process sending ``messages()``; the child is stopped
    and reaped when the block ends, whatever happened. Reading its header raises ``InputError``
    (the input's problems) or ``PreparingFailed``."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: prepare, write, and leave without running the parent's clean-up
        status = 0
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb", buffering=1 << 20) as out:
                sender = Sender(out)
                try:
                    try:
                        _write(messages, sender)
                    except BrokenPipeError:
                        raise
                    except BaseException as exc:  # noqa: BLE001 - any failure reaches the parent, raised there
                        _report(exc, sender)
                    sender.close()
                except BrokenPipeError:
                    status = 1  # the parent stopped reading: it failed or was interrupted
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
