"""A refused edit: what is wrong and how to fix it. Nothing has been written when one is raised."""

from __future__ import annotations


class EditError(Exception):
    """An edit that cannot be made as asked; ``str()`` is the message, ``hint`` how to fix it."""

    def __init__(self, message: str, hint: str | None = None):
        self.message = message
        self.hint = hint
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message
