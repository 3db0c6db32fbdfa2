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
