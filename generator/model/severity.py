"""How serious a finding is: info, warning, error (a rule's default, or the config's choice)."""

from __future__ import annotations

import enum


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    @property
    def label(self) -> str:
        return self.name.lower()

    def at_least(self, other: Severity) -> bool:
        return self >= other


SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)  # the order every report lists them in
