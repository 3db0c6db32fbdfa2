"""Errors an engine adapter reports to the user (never a traceback)."""


class BuildError(Exception):
    """The site could not be built; the previous site is left untouched."""


class SiteDirError(BuildError):
    """The site dir may not be replaced (it overlaps the sources or is not a site): a usage error."""
