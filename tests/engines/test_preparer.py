"""``opsmanual build`` with MkDocs prepares the manual in a child process beside the engine.

The child loads, judges and renders; the engine's process reads each page from it as MkDocs asks
for it (generator/engines/preparer.py, generator/engines/handover.py). These tests pin that the
site is the one an in-process build makes, that the pages come in MkDocs' order, and that the child
never outlives the build, whatever ends it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

import generator.engines.handover as handover
import generator.engines.preparer as preparer
import generator.site.render as site_render
from generator.cli.main import cli
from generator.engines.handover import Header, walk_order
from generator.pipeline import prepare
from generator.site.bundle import GeneratedPage, Planned, SiteMeta

from ..projects import add_hook, with_tags_plugin

ROOT = Path(__file__).resolve().parents[2]


def _children() -> set[int]:
    """This process's child processes, zombies included (Linux: /proc)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(os.getpid()):
            found.add(int(status.parent.name))
    return found


@pytest.fixture(autouse=True)
def beside(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child process whatever threads earlier tests left in this one (the command itself forks
    only from a single thread)."""
    monkeypatch.setattr(preparer, "can_prepare_beside", lambda: True)


def _build(project: Path, site: Path, monkeypatch: pytest.MonkeyPatch, *, in_process: bool = False) -> str:
    if in_process:  # what happens where fork does not exist, or other threads run
        monkeypatch.setattr(preparer, "can_prepare_beside", lambda: False)
    result = CliRunner().invoke(cli, ["build", str(project), "--as-of", "2026-11-20", "-d", str(site)])
    assert result.exit_code == 0, result.output
    return result.output


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_the_site_is_the_one_an_in_process_build_makes(small: Path, tmp_path: Path, monkeypatch) -> None:
    streamed_output = _build(small, tmp_path / "streamed", monkeypatch)
    in_process_output = _build(small, tmp_path / "in-process", monkeypatch, in_process=True)
    streamed, in_process = _files(tmp_path / "streamed"), _files(tmp_path / "in-process")
    assert streamed.keys() == in_process.keys()
    assert [path for path in streamed if streamed[path] != in_process[path]] == []
    assert streamed_output.replace("streamed", "in-process") == in_process_output
    assert b"opsmanual-status" in streamed["processes/nurture/index.html"]


def test_pages_come_in_the_order_mkdocs_reads_them() -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    files = [f.src_uri for f in get_files(config) if f.src_uri.endswith(".md")]
    assert len(files) > 10 and any("/" in f for f in files)
    assert sorted(files, key=walk_order) == files


def test_the_header_goes_before_any_generated_page_is_rendered(small: Path) -> None:
    """The engine lists the generated pages (path, title) before it reads a page, and reads them
    after the manual's: each body is rendered only when its page is sent."""
    prepared = prepare(small, as_of=date(2026, 11, 20), decorated=False)
    rendered: list[str] = []

    def counted(planned: Planned) -> Planned:
        def render() -> GeneratedPage:
            rendered.append(planned.path)
            return planned.render()

        return Planned(planned.path, planned.title, render)

    bundle = dataclasses.replace(prepared.bundle, planned=tuple(counted(p) for p in prepared.bundle.planned))
    messages = handover.stream(dataclasses.replace(prepared, bundle=bundle))
    header = next(messages)
    assert isinstance(header, Header) and len(header.generated) > 5
    assert isinstance(next(messages), handover.Judged)
    assert rendered == []
    for message in messages:
        if message == handover.END:
            break
        kind, path, _ = message
        assert rendered == ([path] if kind == "generated" else []), path
        rendered.clear()
    full = prepare(small, as_of=date(2026, 11, 20))  # rendered up front: the same pages
    assert [(p.path, p.title) for p in full.bundle.pages] == [(g.path, g.title) for g in header.generated]


def test_a_generated_page_must_be_the_one_listed(small: Path) -> None:
    prepared_bundle = prepare(small, as_of=date(2026, 11, 20), decorated=False).bundle
    wrong = Planned("health/index.md", "Health", lambda: GeneratedPage("health/index.md", "Healthy", "# Healthy"))
    bundle = dataclasses.replace(prepared_bundle, planned=(wrong,), _rendered={})
    with pytest.raises(RuntimeError, match="listed as health/index.md"):
        bundle.generated("health/index.md")


def test_the_child_never_waits_for_the_engine_to_read() -> None:
    """A pipe holds a few pages: the child queues what the engine has not read yet and goes on, so
    the last pages (the generated ones) are ready before the engine asks for them."""
    read_end, write_end = os.pipe()
    messages = [("page", f"p{i}.md", "x" * 100_000) for i in range(200)]  # 20 MB
    with os.fdopen(write_end, "wb", buffering=1 << 20) as out, os.fdopen(read_end, "rb") as reader:
        sender = preparer.Sender(out)
        sent = threading.Event()

        def prepare() -> None:
            for message in messages:
                sender.send(message)
            sent.set()

        threading.Thread(target=prepare, daemon=True).start()
        assert sent.wait(60), "sending waited for the reader"
        closing = threading.Thread(target=sender.close)
        closing.start()
        assert [pickle.load(reader) for _ in messages] == messages  # noqa: S301 - our own bytes
        closing.join()


def test_input_problems_found_by_the_child_are_listed(small: Path, tmp_path: Path) -> None:
    people = small / "data" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "\n  bad: [unclosed\n", encoding="utf-8")
    before = _children()  # what earlier tests left running
    result = CliRunner().invoke(cli, ["build", str(small), "-d", str(tmp_path / "site")])
    assert result.exit_code == 2, result.output
    assert "people.yaml:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "site").exists()
    assert _children() <= before


def test_a_failure_in_the_child_is_an_error_not_a_hang(small: Path, tmp_path: Path, monkeypatch) -> None:
    def broken(ctx, path):
        raise RuntimeError("rendering broke")

    monkeypatch.setattr(site_render, "decoration", broken)  # the child inherits it
    before = _children()  # what earlier tests left running
    result = CliRunner().invoke(cli, ["build", str(small), "-d", str(tmp_path / "site")])
    assert result.exit_code == 1, result.output
    assert "rendering broke" in result.output and "left untouched" in result.output
    assert not (tmp_path / "site").exists()
    assert _children() <= before


def test_the_child_is_gone_when_the_build_is_refused(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "not-a-site"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    before = _children()
    result = CliRunner().invoke(cli, ["build", str(small), "-d", str(target)])
    assert result.exit_code == 2, result.output
    assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert _children() <= before


def test_an_os_error_in_the_child_is_reported_as_one_in_this_process(small: Path, tmp_path: Path, monkeypatch) -> None:
    def unreadable(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(small / "data"))

    monkeypatch.setattr(handover, "Loading", unreadable)  # the child inherits it
    before = _children()  # what earlier tests left running
    result = CliRunner().invoke(cli, ["build", str(small), "-d", str(tmp_path / "site")])
    assert result.exit_code == 2, result.output
    assert "Permission denied" in result.output and "Traceback" not in result.output
    assert _children() <= before


def test_a_child_that_dies_midway_fails_the_build(small: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(site_render, "decoration", lambda ctx, path: os._exit(9))  # only the child renders these
    before = _children()  # what earlier tests left running
    result = CliRunner().invoke(cli, ["build", str(small), "-d", str(tmp_path / "site")])
    assert result.exit_code == 1, result.output
    assert "ended before it was done" in result.output
    assert not (tmp_path / "site").exists()
    assert _children() <= before


def test_a_build_after_a_failed_one_reads_its_own_pages(small: Path, tmp_path: Path, monkeypatch) -> None:
    # MkDocs keeps one plugin per configuration for the whole process: a build that failed midway
    # must leave nothing the next build reads, whichever way that one prepares the manual.
    real = site_render.decoration
    monkeypatch.setattr(site_render, "decoration", lambda ctx, path: os._exit(9))
    result = CliRunner().invoke(cli, ["build", str(small), "-d", str(tmp_path / "failed")])
    assert result.exit_code == 1, result.output
    monkeypatch.setattr(site_render, "decoration", real)
    _build(small, tmp_path / "site", monkeypatch, in_process=True)
    assert "opsmanual-status" in (tmp_path / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")


def test_the_engine_lists_the_pages_before_the_manual_is_judged(small: Path, monkeypatch) -> None:
    """The header goes out once the pages and catalogs are read: MkDocs lists its files and
    converts the pages while the snapshots are read and the manual judged."""
    import generator.pipeline as pipeline

    judged: list[bool] = []
    judge = pipeline.judge
    monkeypatch.setattr(pipeline, "judge", lambda *args, **kwargs: judged.append(True) or judge(*args, **kwargs))
    messages = handover.stream_manual(small, as_of=date(2026, 11, 20), today=date(2026, 11, 20),
                                      meta=SiteMeta)
    header = next(messages)
    assert isinstance(header, Header) and judged == []
    verdict = next(messages)
    assert isinstance(verdict, handover.Judged) and judged == [True]
    in_one_go = list(handover.stream(prepare(small, as_of=date(2026, 11, 20), decorated=False)))
    assert [header, verdict, *messages] == in_one_go  # what a manual prepared in one go sends


def test_snapshot_problems_found_while_mkdocs_converts_are_listed(small: Path, tmp_path: Path) -> None:
    """Only the snapshots are wrong: the header went out and MkDocs started; the build still exits
    2 listing the problem with its line, builds nothing and leaves no child behind."""
    snapshot = small / "data" / "snapshots" / "2026-09.csv"
    lines = snapshot.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[4] = "many"  # leads
    snapshot.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", encoding="utf-8")
    before = _children()
    result = CliRunner().invoke(cli, ["build", str(small), "-d", str(tmp_path / "site")])
    assert result.exit_code == 2, result.output
    assert "2026-09.csv:2" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "site").exists()
    assert _children() <= before


@pytest.mark.parametrize("tags", [False, True])
def test_blocks_filled_after_conversion_make_the_same_site(small: Path, tmp_path: Path, monkeypatch,
                                                           tags: bool) -> None:
    """Where no other plugin or hook reads a page while it is converted (Material's tags plugin
    is given the tags after), the status blocks, footer and tags go in after the conversion, once
    the manual is judged; where one does (a hook's on_page_content here), each page waits for them
    before its conversion. Both sites are the same."""
    if tags:
        with_tags_plugin(small)
    # A docs page MkDocs reads that is no manual page (a `.markdown` file): the footer alone.
    (small / "manual" / "notes.markdown").write_text("# Loose notes\n\nKept here.\n", encoding="utf-8")
    _build(small, tmp_path / "late", monkeypatch)
    add_hook(small, "reads.py", "def on_page_content(html, page, config, files):\n    return html\n")
    _build(small, tmp_path / "early", monkeypatch)
    late, early = _files(tmp_path / "late"), _files(tmp_path / "early")
    assert late.keys() == early.keys()
    if tags:  # the tags plugin's export lists the pages in the order it was given their tags
        exported = [sorted(json.loads(site.pop("tags.json"))["mappings"], key=json.dumps) for site in (late, early)]
        assert exported[0] == exported[1]
    assert [path for path in late if late[path] != early[path]] == []
    page = late["processes/nurture/index.html"].decode("utf-8")
    assert "opsmanual-status" in page and "opsmanual-held" not in page and "opsmanual-late" not in page
    notes = late["notes/index.html"].decode("utf-8")
    assert "Kept here." in notes and "opsmanual-footer" in notes and "opsmanual-status" not in notes
    assert "opsmanual-held" not in notes and "opsmanual-late" not in notes
    if tags:  # the listing holds the tags opsmanual gave, and each page links its own
        assert 'id="tag:healthy"' in late["tags/index.html"].decode("utf-8")
        assert 'href="../../tags/#tag:' in page


def _judgement_held_until(marker: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The child sends its header, then holds the rest back until ``marker`` exists (at most 20 s);
    the file returned then says whether it "came" or the child "waited" in vain."""
    seen = marker.with_name(marker.name + ".seen")
    stream_manual = handover.stream_manual

    def held_back(root: Path, **kwargs):
        messages = stream_manual(root, **kwargs)
        yield next(messages)  # the header
        deadline = time.monotonic() + 20
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        seen.write_text("came" if marker.exists() else "waited", encoding="utf-8")
        yield from messages

    monkeypatch.setattr(handover, "stream_manual", held_back)  # the child inherits it
    return seen


def test_mkdocs_lists_its_files_before_the_manual_is_judged(small: Path, tmp_path: Path, monkeypatch) -> None:
    """The child holds the judgement back until MkDocs has built its navigation (a hook's on_nav
    says so): a build that waited for the judgement before starting MkDocs would never get there."""
    listed = tmp_path / "listed"
    add_hook(small, "listed.py", f"def on_nav(nav, config, files):\n    open({str(listed)!r}, 'w').close()\n    return nav\n")
    seen = _judgement_held_until(listed, monkeypatch)
    _build(small, tmp_path / "site", monkeypatch)
    assert seen.read_text(encoding="utf-8") == "came"


def test_the_child_gives_way_to_the_engine_once_the_header_is_sent(small: Path, tmp_path: Path, monkeypatch) -> None:
    """Until its header is sent the child is what the build waits for; after it, MkDocs converting
    the pages is, and every thread of the child (DuckDB's too) runs at a lower priority."""
    niceness = tmp_path / "niceness"
    stream_manual = handover.stream_manual

    def recording(root: Path, **kwargs):
        messages = stream_manual(root, **kwargs)
        before = os.getpriority(os.PRIO_PROCESS, 0)
        yield next(messages)  # the header
        threads = [int(t) for t in os.listdir("/proc/self/task")]
        after = [os.getpriority(os.PRIO_PROCESS, t) for t in threads]
        niceness.write_text(f"{before} {len(threads)} {' '.join(map(str, after))}", encoding="utf-8")
        yield from messages

    monkeypatch.setattr(handover, "stream_manual", recording)  # the child inherits it
    _build(small, tmp_path / "site", monkeypatch)
    before, threads, *after = map(int, niceness.read_text(encoding="utf-8").split())
    assert before == os.getpriority(os.PRIO_PROCESS, 0)  # the engine's own
    assert threads >= 2 and after == [min(19, before + preparer.NICENESS)] * threads


@pytest.mark.parametrize("tags", [False, True])
def test_mkdocs_converts_the_manual_pages_before_the_manual_is_judged(small: Path, tmp_path: Path, monkeypatch,
                                                                      tags: bool) -> None:
    """The child holds the judgement back until MkDocs has converted every manual page (a hook's
    on_pre_page sees the first generated page, which MkDocs reads after them), with Material's
    tags plugin too: a build whose pages waited for their status blocks or tags would never get there."""
    if tags:
        with_tags_plugin(small)
    converted = tmp_path / "converted"
    add_hook(small, "converted.py", "def on_pre_page(page, config, files):\n    if page.file.generated_by:\n"
                                    f"        open({str(converted)!r}, 'w').close()\n    return page\n")
    seen = _judgement_held_until(converted, monkeypatch)
    _build(small, tmp_path / "site", monkeypatch)
    assert seen.read_text(encoding="utf-8") == "came"
    page = (tmp_path / "site" / "processes" / "nurture" / "index.html").read_text(encoding="utf-8")
    assert "opsmanual-status" in page and ("tag:stale" in page) == tags
