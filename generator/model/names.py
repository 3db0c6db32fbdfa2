"""Names a manual uses: the "did you mean" suggestion for an unknown one, and the plan's file names."""

from __future__ import annotations

import difflib

PLAN_NAMES = ("plan.yaml", "plan.yml")  # the plan file of the data folder, either spelling


def suggest(word: str, choices: list[str] | set[str] | tuple[str, ...]) -> str | None:
    """Click-style "did you mean": the closest known name, if one is close."""
    matches = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
