"""Render a :class:`~generator.rules.engine.Judgement` for people and machines. Pure functions.

:data:`FORMATS` names every renderer; each is imported when it is first used, so that a run (or
an error message that needs only ``plain``) pays for none of the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.findings import Severity
    from ..rules.engine import Judgement

Renderer = Callable[["Judgement", "Severity | None", bool], str]

_RENDERERS = {
    "text": ("text", "render_text"),
    "json": ("json_report", "render_json"),
    "junit": ("junit", "render_junit"),
    "github": ("github", "render_github"),
    "markdown": ("markdown", "render_markdown"),
}


class _Formats(Mapping[str, Renderer]):
    """Format name -> renderer, imported on first use."""

    def __getitem__(self, name: str) -> Renderer:
        module, function = _RENDERERS[name]
        renderer: Renderer = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        return renderer

    def __iter__(self) -> Iterator[str]:
        return iter(_RENDERERS)

    def __len__(self) -> int:
        return len(_RENDERERS)


FORMATS: Mapping[str, Renderer] = _Formats()

__all__ = ["FORMATS", "Renderer"]
