"""Test projects shared by every suite: the fixture folders, writable copies, files laid over them,
and an environment in which git reads no user config and commits reproducibly."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures"

Files = Mapping[str, "str | bytes | dict[str, Any] | list[Any] | None"]


def write_files(root: Path, files: Files) -> None:
    """Write ``files`` under ``root``: str/bytes as is, dict/list as YAML, None deletes."""
    for rel, content in files.items():
        path = root / rel
        if content is None:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(yaml.safe_dump(content, sort_keys=False, allow_unicode=True).encode("utf-8"))


def copy_fixture(name: str, target: Path, files: Files | None = None) -> Path:
    """A writable copy of ``tests/fixtures/<name>`` at ``target``, with ``files`` laid over it."""
    shutil.copytree(FIXTURES / name, target)
    write_files(target, files or {})
    return target


def git_env(home: Path) -> dict[str, str]:
    """An environment in which git reads no user or system config and commits reproducibly."""
    return {
        "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": "2026-11-01T12:00:00Z", "GIT_COMMITTER_DATE": "2026-11-01T12:00:00Z",
    }


def new_file_mode() -> int:
    """The permission bits a new file gets here: 0666 minus the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def add_hook(project: Path, name: str, code: str) -> None:
    """A MkDocs hook of the site's own: ``code`` written to ``project/name`` and listed under
    ``hooks:`` in its mkdocs.yml."""
    (project / name).write_text(code, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"hooks:\n  - {name}\n", encoding="utf-8")


def with_tags_plugin(project: Path) -> None:
    """Material's tags plugin on (after search in the project's mkdocs.yml), and a page listing
    the pages by tag."""
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - tags\n"),
                      encoding="utf-8")
    (project / "manual" / "tags.md").write_text("# Pages by status\n\n<!-- material/tags -->\n", encoding="utf-8")


def check_in_child(after: str) -> str:
    """The last line a fresh Python process prints that runs ``opsmanual check`` on the small
    fixture through the command's own entry point, then the statement ``after``."""
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        "from generator.cli.main import main\n"
        f"sys.argv = ['opsmanual', 'check', {str(FIXTURES / 'small')!r}, '--format', 'json', '--fail-on', 'never']\n"
        "try:\n    main(end_process=False)\nexcept SystemExit as exc:\n    assert exc.code in (0, None), exc.code\n"
        f"print({after}, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return result.stderr.strip().splitlines()[-1]
