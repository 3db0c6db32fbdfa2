"""Render a :class:`~generator.rules.engine.Judgement` for people and machines. Pure functions."""

from __future__ import annotations

from collections.abc import Callable

from ..model.findings import Severity
from ..rules.engine import Judgement
from .github import render_github
from .json_report import render_json
from .junit import render_junit
from .markdown import render_markdown
from .text import render_text

Renderer = Callable[[Judgement, Severity | None, bool], str]

FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "github": render_github,
    "markdown": render_markdown,
}

__all__ = ["FORMATS", "Renderer"]
