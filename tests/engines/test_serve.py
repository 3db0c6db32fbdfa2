"""`opsmanual serve`: a live preview on loopback that rebuilds when data changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, contains: str, seconds: float = 40) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and contains in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {contains!r}")


def test_serve_previews_and_rebuilds_when_data_changes(small: Path) -> None:
    port = free_port()
    exe = str(Path(sys.executable).with_name("opsmanual"))
    server = subprocess.Popen([exe, "serve", str(small), "--as-of", "2026-11-20", "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = f"http://127.0.0.1:{port}/processes/nurture/"
        assert "opsmanual-status" in wait_for(page, "Ana Silva")
        people = small / "data" / "people.yaml"
        people.write_text(people.read_text(encoding="utf-8").replace("Ana Silva", "Ana Souza"), encoding="utf-8")
        wait_for(page, "Ana Souza")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert f"Serving the manual on http://127.0.0.1:{port}/" in output
    assert "2 errors, 12 warnings" in output


def test_serve_names_the_input_problems_of_its_first_load_on_the_terminal(small: Path) -> None:
    nurture = small / "manual" / "processes" / "nurture.md"
    nurture.write_text(nurture.read_text(encoding="utf-8").replace("\nowner:", "\nownr:", 1), encoding="utf-8")
    port = free_port()
    exe = str(Path(sys.executable).with_name("opsmanual"))
    server = subprocess.Popen([exe, "serve", str(small), "--as-of", "2026-11-20", "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "nurture.md:2" in wait_for(f"http://127.0.0.1:{port}/", "cannot be built")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Error: manual/processes/nurture.md:2" in output
    assert "1 problem in the input: every page of the preview lists them until the files are fixed." in output
    # Told by the preview's own first load (after it starts serving), not by a load of the command's before it.
    assert output.index("Serving the manual on") < output.index("Read and judged") < output.index("Error: manual/")


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_plain_engine_serve_shows_input_problems_instead_of_hanging(small: Path, engine: str) -> None:
    nurture = small / "manual" / "processes" / "nurture.md"
    good = nurture.read_text(encoding="utf-8")
    nurture.write_text(good.replace("\nowner:", "\nownr:", 1), encoding="utf-8")
    port = free_port()
    binary = str(Path(sys.executable).with_name(engine))
    server = subprocess.Popen([binary, "serve", "-f", str(small / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})
    try:
        page = f"http://127.0.0.1:{port}/processes/nurture/"
        body = wait_for(page, "cannot be built")
        assert "manual/processes/nurture.md:2" in body and "did you mean" in body
        assert "cannot be built" in wait_for(f"http://127.0.0.1:{port}/health/", "cannot be built")
        nurture.write_text(good, encoding="utf-8")
        assert "opsmanual-status" in wait_for(page, "Ana Silva")
    finally:
        server.terminate()
        server.communicate(timeout=20)
