"""`opsmanual serve` rebuilds incrementally: an edit re-renders the pages it changes and no others.

Which pages a rebuild rendered is read from the served site's files (their mtimes), in the
temporary folder the server builds into (``TMPDIR`` points it into the test's folder).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from .test_serve import fetch, free_port, wait_for


class Served:
    """A running `opsmanual serve` of ``project``, its output collected line by line."""

    def __init__(self, project: Path, tmp: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        tmp.mkdir(exist_ok=True)
        self.tmp = tmp
        exe = str(Path(sys.executable).with_name("opsmanual"))
        self.process = subprocess.Popen(
            [exe, "serve", str(project), "--as-of", "2026-11-20", "--dev-addr", f"127.0.0.1:{self.port}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "TMPDIR": str(tmp)})
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_log(self, text: str, after: int, seconds: float = 60) -> int:
        """The index of the first output line from ``after`` on that holds ``text``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for index in range(after, len(self.lines)):
                if text in self.lines[index]:
                    return index
            time.sleep(0.1)
        raise AssertionError(f"the server never logged {text!r}:\n" + "\n".join(self.lines[after:]))

    def builds(self) -> int:
        return sum("Documentation built in" in line for line in self.lines)

    def wait_build(self, count: int) -> None:
        """Until ``count`` builds have finished (and the server has said so)."""
        deadline = time.monotonic() + 60
        while self.builds() < count:
            assert time.monotonic() < deadline, "\n".join(self.lines)
            time.sleep(0.1)

    def site(self) -> Path:
        (found,) = self.tmp.glob("opsmanual_*")
        return found

    def first_build(self) -> dict[str, int]:
        """Once the first build is served (the nurture page shows its owner): each page's mtime."""
        wait_for(self.base + "processes/nurture/", "Ana Silva")
        self.wait_build(1)
        return self.stamps()

    def stamps(self) -> dict[str, int]:
        site = self.site()
        return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()
        return "\n".join(self.lines)


def rendered(before: dict[str, int], after: dict[str, int]) -> set[str]:
    """The pages written again, apart from the theme's own 404 page (every build writes it)."""
    return {path for path, stamp in after.items() if before.get(path) != stamp} - {"404.html"}


def nav_titles(body: str) -> list[str]:
    nav = body[body.find('class="md-nav md-nav--primary"'):body.find("</nav>", body.find('md-nav--primary'))]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m)).strip()
            for m in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]


def test_a_page_edit_renders_that_page_only_and_keeps_nav_and_search(small: Path, tmp_path: Path) -> None:
    served = Served(small, tmp_path / "tmp")
    page = served.base + "processes/nurture/"
    try:
        first = wait_for(page, "Ana Silva")
        served.wait_build(1)
        before = served.stamps()
        assert {"processes/nurture/index.html", "processes/lead-handoff/index.html", "index.html",
                "health/index.html"} <= set(before)
        nurture = small / "manual" / "processes" / "nurture.md"
        mark = len(served.lines)
        nurture.write_text(nurture.read_text(encoding="utf-8") + "\nA sentence about zanzibarword.\n", encoding="utf-8")
        body = wait_for(page, "zanzibarword")
        judged = served.wait_log("Judged the edit", mark)
        # The judgement starts once the edited page is built: beside the build it would take the
        # interpreter from it, and the page would show later.
        assert served.wait_log("Documentation built", mark) < judged
        served.wait_build(2)
        after = served.stamps()
        assert rendered(before, after) == {"processes/nurture/index.html"}
        assert "opsmanual-status" in body  # the status block it had, from the judgement in memory
        titles = nav_titles(first)
        assert titles and all(titles) and nav_titles(body) == titles  # the dirty build's nav has every title
        index = json.loads((served.site() / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert {"processes/nurture/", "processes/lead-handoff/", ""} <= locations
        assert any("zanzibarword" in doc["text"] for doc in index["docs"])
        assert sum(doc["location"] == "processes/nurture/" for doc in index["docs"]) == 1
    finally:
        output = served.stop()
    assert "Rendering 1 changed page(s)" in output


def test_a_status_change_renders_the_page_then_the_pages_its_judgement_changes(small: Path, tmp_path: Path) -> None:
    served = Served(small, tmp_path / "tmp")
    page = served.base + "processes/nurture/"
    try:
        before = served.first_build()
        nurture = small / "manual" / "processes" / "nurture.md"
        mark = len(served.lines)
        # A review date changes the page's findings: its status block, health and its owner's page.
        nurture.write_text(nurture.read_text(encoding="utf-8").replace("reviewed: 2025-01-10", "reviewed: 2026-11-01"),
                           encoding="utf-8")
        served.wait_log("Judged the edit", mark)
        served.wait_build(3)  # the edited page at once, then what its judgement changed
        after = served.stamps()
        changed = rendered(before, after)
        assert {"processes/nurture/index.html", "health/index.html", "owners/ana/index.html"} <= changed
        assert "processes/lead-handoff/index.html" not in changed
        assert "2026-11-01" in (fetch(page) or "")
    finally:
        served.stop()


def test_a_catalog_edit_re_judges_and_renders_the_pages_that_show_it(small: Path, tmp_path: Path) -> None:
    served = Served(small, tmp_path / "tmp")
    page = served.base + "processes/nurture/"
    try:
        before = served.first_build()
        people = small / "data" / "people.yaml"
        people.write_text(people.read_text(encoding="utf-8").replace("Ana Silva", "Ana Souza"), encoding="utf-8")
        wait_for(page, "Ana Souza")
        served.wait_build(2)
        changed = rendered(before, served.stamps())
        assert {"processes/nurture/index.html", "owners/ana/index.html"} <= changed
        assert "processes/lead-handoff/index.html" not in changed  # owned by revops: it shows no Ana
        assert "Ana Souza" in (fetch(served.base + "owners/ana/") or "")
    finally:
        served.stop()


def test_an_edit_to_mkdocs_yml_builds_the_whole_site(small: Path, tmp_path: Path) -> None:
    served = Served(small, tmp_path / "tmp")
    try:
        wait_for(served.base + "processes/nurture/", "Ana Silva")
        served.wait_build(1)
        before = served.stamps()
        config = small / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("Small manual", "Renamed manual"), encoding="utf-8")
        wait_for(served.base + "processes/lead-handoff/", "Renamed manual")
        served.wait_build(2)
        after = served.stamps()
        assert rendered(before, after) == set(after) - {"404.html"}
    finally:
        output = served.stop()
    assert "Cleaning site directory" in output.split("Renamed")[0] or output.count("Cleaning site directory") >= 2


def test_a_typo_shows_the_error_page_everywhere_and_the_fix_brings_the_site_back(small: Path, tmp_path: Path) -> None:
    served = Served(small, tmp_path / "tmp")
    page = served.base + "processes/nurture/"
    nurture = small / "manual" / "processes" / "nurture.md"
    good = nurture.read_text(encoding="utf-8")
    try:
        before = served.first_build()
        nurture.write_text("---\nowner: [unclosed\n" + good.removeprefix("---\n"), encoding="utf-8")
        body = wait_for(page, "opsmanual-errors")
        assert "manual/processes/nurture.md:" in body and "cannot be built" in body
        for other in ("processes/lead-handoff/", "health/", ""):
            assert "manual/processes/nurture.md:" in wait_for(served.base + other, "opsmanual-errors")
        assert "manual/processes/nurture.md:" in (served.site() / "404.html").read_text(encoding="utf-8")  # any other URL
        nurture.write_text(good, encoding="utf-8")
        body = wait_for(page, "opsmanual-status")
        assert "opsmanual-errors" not in body and "Ana Silva" in body
        assert "opsmanual-status" in wait_for(served.base + "processes/lead-handoff/", "opsmanual-status")
        served.wait_build(2)
        # The site's pages were set aside, not rebuilt: they come back as they were.
        assert rendered(before, served.stamps()) == set()
    finally:
        output = served.stop()
    assert "every page shows why" in output and "manual/processes/nurture.md:" in output


def test_a_new_page_title_reaches_every_page_navigation(small: Path, tmp_path: Path) -> None:
    served = Served(small, tmp_path / "tmp")
    try:
        other = wait_for(served.base + "processes/lead-handoff/", "Email nurture")
        assert "Email nurture programme" not in other
        nurture = small / "manual" / "processes" / "nurture.md"
        nurture.write_text(nurture.read_text(encoding="utf-8").replace("# Email nurture\n", "# Email nurture programme\n"),
                           encoding="utf-8")
        wait_for(served.base + "processes/lead-handoff/", "Email nurture programme")  # its nav, rendered again
    finally:
        served.stop()
