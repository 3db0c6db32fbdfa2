"""Fixtures for the CI and editor-integration tests: scratch git repositories and YAML as editors read it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from ..projects import FIXTURES, git_env

__all__ = ["git_env"]

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 20)  # the as_of that the fixtures pin


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur once) by ``new`` in a text file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


class Yaml12Loader(yaml.SafeLoader):
    """YAML as the YAML language server reads it (YAML 1.2 core): dates stay text, only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def load_yaml12(text: str) -> object:
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader subclass


@pytest.fixture
def git(tmp_path: Path) -> Callable[..., str]:
    """Run git in a folder with a scratch HOME: ``git(cwd, "commit", "-m", "x")`` -> stdout."""
    env = {**os.environ, **git_env(tmp_path)}

    def run(cwd: Path, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"git {' '.join(args)} failed: {done.stderr}"
        return done.stdout

    return run


@pytest.fixture
def repo(tmp_path: Path, git: Callable[..., str]) -> Callable[..., Path]:
    """``repo(fixture="small", subdir="")`` -> a git repository (branch main, one commit) holding a copy of
    ``tests/fixtures/<fixture>``, at its root or in ``subdir``; returns the project folder."""

    def make(fixture: str = "small", subdir: str = "") -> Path:
        top = tmp_path / "repo"
        project = top / subdir if subdir else top
        shutil.copytree(FIXTURES / fixture, project)
        (top / "README.md").write_text("A repository that holds a manual.\n", encoding="utf-8")
        git(top, "init", "-q", "-b", "main")
        git(top, "add", "-A")
        git(top, "commit", "-q", "-m", "base")
        git(top, "switch", "-q", "-c", "change")
        return project

    return make
