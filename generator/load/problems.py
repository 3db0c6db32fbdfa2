"""Input problems: everything that stops a project from being read, collected, never raised one by one."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, with where it is and how to fix it."""

    file: str
    line: int | None
    column: int | None
    message: str
    hint: str | None = None

    def location(self) -> str:
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass
class Problems:
    """A collector; loaders append, the caller decides once at the end."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        file: str,
        line: int | None,
        message: str,
        hint: str | None = None,
        column: int | None = None,
    ) -> None:
        self.items.append(Problem(file, line, column, message, hint))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=lambda p: (p.file, p.line or 0, p.column or 0, p.message))


class InputError(Exception):
    """The project cannot be read; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem{'' if len(problems) == 1 else 's'} in the input")
