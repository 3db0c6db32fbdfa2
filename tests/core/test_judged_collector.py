"""The cycle collector is paused while a command loads and judges a project, and only then."""

from __future__ import annotations

import gc

import pytest

from generator.cli import judged

from ..projects import add_hook, check_in_child
from .builders import FIXTURES


def test_the_collector_is_paused_while_loading_and_judging_then_resumed(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = judged.judge

    def judge(project, as_of):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(project, as_of)

    monkeypatch.setattr(judged, "judge", judge)
    assert gc.isenabled()
    loaded, judgement = judged.load_and_judge(FIXTURES / "small", None)
    assert seen == [False]
    assert gc.isenabled()
    assert judgement.as_of is not None and loaded.pages


def test_the_collector_resumes_when_the_input_is_wrong(tmp_path) -> None:
    with pytest.raises(SystemExit) as exc:
        judged.load_and_judge(tmp_path / "missing", None)
    assert exc.value.code == 2
    assert gc.isenabled()


def test_the_command_freezes_what_is_alive_before_the_process_ends() -> None:
    assert check_in_child("gc.get_freeze_count() > 0, gc.isenabled()") == "True True"


def test_build_keeps_the_judged_manual_from_the_engines_collections_then_gives_it_back(small, monkeypatch) -> None:
    """While the engine converts every page, the objects of the loaded manual are frozen (the
    collections its own garbage causes skip them); after the build they are collectable again.
    That is the build that prepares the manual in the engine's process (Zensical, ProperDocs, or
    MkDocs where it cannot fork): MkDocs' build here does too, whatever threads earlier tests left."""
    from click.testing import CliRunner

    import generator.engines.preparer as preparer
    from generator.cli.main import cli

    monkeypatch.setattr(preparer, "can_prepare_beside", lambda: False)

    add_hook(small, "record.py", "import gc, pathlib\n\n"
             "def on_post_build(config):\n"
             "    pathlib.Path(config.config_file_path).with_name('frozen.txt').write_text(str(gc.get_freeze_count()))\n")
    assert gc.get_freeze_count() == 0
    result = CliRunner().invoke(cli, ["build", str(small), "--as-of", "2026-11-20"])
    assert result.exit_code == 0, result.output
    assert int((small / "frozen.txt").read_text(encoding="utf-8")) > 10_000
    assert gc.get_freeze_count() == 0 and gc.isenabled()
