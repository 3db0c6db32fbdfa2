"""The cycle collector is paused while a command loads and judges a project, and only then."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from generator.cli import judged

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
    script = (
        "import gc, sys\n"
        "from generator.cli.main import main\n"
        f"sys.argv = ['opsmanual', 'check', {str(FIXTURES / 'small')!r}, '--format', 'json', '--fail-on', 'never']\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
        "print(gc.get_freeze_count() > 0, gc.isenabled(), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "True True"


def test_build_keeps_the_judged_manual_from_the_engines_collections_then_gives_it_back(small) -> None:
    """While the engine converts every page, the objects of the loaded manual are frozen (the
    collections its own garbage causes skip them); after the build they are collectable again."""
    from click.testing import CliRunner

    from generator.cli.main import cli

    (small / "record.py").write_text(
        "import gc, pathlib\n\n"
        "def on_post_build(config):\n"
        "    pathlib.Path(config.config_file_path).with_name('frozen.txt').write_text(str(gc.get_freeze_count()))\n",
        encoding="utf-8",
    )
    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - record.py\n", encoding="utf-8")
    assert gc.get_freeze_count() == 0
    result = CliRunner().invoke(cli, ["build", str(small), "--as-of", "2026-11-20"])
    assert result.exit_code == 0, result.output
    assert int((small / "frozen.txt").read_text(encoding="utf-8")) > 10_000
    assert gc.get_freeze_count() == 0 and gc.isenabled()
