"""Errors an engine adapter reports to the user (never a traceback)."""


class BuildError(Exception):
    """The site could not be built; the previous site is left untouched."""
