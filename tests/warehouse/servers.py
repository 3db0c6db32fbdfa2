"""Real database engines for the tests: a PostgreSQL server started in a temporary folder, a
local Spark session. Nothing is mocked; when an engine cannot start here, the tests that need it
are skipped with the reason printed (and fail instead under CI=true, where every engine must run)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def unavailable(reason: str) -> None:
    """Skip loudly, or fail under CI where every engine must run."""
    message = f"ENGINE NOT AVAILABLE, TESTS SKIPPED: {reason}"
    print(f"\n{message}", flush=True)
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin() -> Path | None:
    """The newest Debian PostgreSQL's programs (initdb and pg_ctl live outside PATH there)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@contextmanager
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server in a temporary folder, on a free local port; yields its URL. PostgreSQL
    refuses to run as root, so as root it runs as ``nobody``."""
    bindir = postgres_bin()
    if bindir is None:
        unavailable("PostgreSQL is not installed (make test installs Debian's postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="opsmanual-pg-"))
    data = folder / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody")
        prefix = ["runuser", "-u", "nobody", "--"]
    port = free_port()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, *args], capture_output=True, text=True, cwd=folder, timeout=120)

    init = run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        unavailable(f"initdb failed: {init.stderr.strip()[:300]}")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    if start.returncode != 0:
        log = (folder / "log").read_text(errors="replace")[-300:] if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        unavailable(f"PostgreSQL did not start: {start.stderr.strip()[:300]} {log}")
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/postgres"
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def spark_session(warehouse: Path):  # type: ignore[no-untyped-def]
    """A local Spark session (one JVM for the whole test run)."""
    if shutil.which("java") is None:
        unavailable("java is not installed (make test installs Debian's default-jre-headless)")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        unavailable("pyspark is not installed (pip install -e '.[dev]')")
    try:
        return (
            SparkSession.builder.master("local[1]")
            .appName("opsmanual-tests")
            .config("spark.sql.warehouse.dir", str(warehouse))
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.driver.extraJavaOptions", "-Dderby.system.home=" + str(warehouse))
            .getOrCreate()
        )
    except Exception as exc:  # noqa: BLE001 - the JVM's own errors
        unavailable(f"Spark did not start: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
