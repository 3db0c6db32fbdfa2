"""Run an in-process MkDocs build with the opsmanual plugin holding a prepared bundle."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ..load.problems import InputError
from ..pipeline import Prepared
from .errors import BuildError
from .handover import Streamed, facts_of
from .mkdocs_plugin import OpsmanualPlugin

# Engine banners that say nothing about the user's manual.
_NOISE = ("MkDocs 2.0", "mkdocs-material", "Material for MkDocs", "end of life", "squidfunk")


def is_noise(line: str) -> bool:
    """An engine banner that says nothing about the user's manual."""
    return any(marker in line for marker in _NOISE)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


def _origin(exc: BaseException) -> str:
    """`` (raised in hooks/x.py:12)``: the last frame of the traceback, where the error came from."""
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    return f" (raised in {frames[-1].filename}:{frames[-1].lineno})" if frames else ""


def load(prepared: Prepared | Streamed, site_dir: Path, version_selector: bool = False,
         progress: Callable[[int, int], None] | None = None) -> MkDocsConfig:
    facts = facts_of(prepared)
    config = load_config(config_file=str(facts.root / facts.config_file), site_dir=str(site_dir))
    plugin = config.plugins.get("opsmanual")
    if not isinstance(plugin, OpsmanualPlugin):
        raise BuildError(f"{facts.config_file} does not list the opsmanual plugin; add '- opsmanual' under plugins:")
    # MkDocs keeps one plugin per configuration for the whole process: both are set, so that
    # nothing of an earlier build (one that failed before on_post_build) is used again.
    plugin.sources = prepared if isinstance(prepared, Streamed) else None
    plugin.prepared = prepared if not isinstance(prepared, Streamed) else None
    plugin.version_selector = version_selector
    plugin.progress = progress
    return config


def build(prepared: Prepared | Streamed, site_dir: Path, *, quiet: bool = True, version_selector: bool = False,
          progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Build; return the engine's warnings about the manual (banners dropped)."""
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    level = logger.level
    logger.addHandler(handler)
    echo = None
    if quiet:
        logger.setLevel(logging.WARNING)
    else:
        echo = logging.StreamHandler(sys.stderr)
        echo.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.setLevel(logging.INFO)
        logger.addHandler(echo)
    banner = io.StringIO()
    try:
        with redirect_stdout(banner), redirect_stderr(banner):
            config = load(prepared, site_dir, version_selector, progress)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except InputError:  # the manual's snapshots have problems, found after the engine started: exit 2
        raise
    except MkDocsException as exc:
        logged = [m.split(": ", 1)[1] for m in handler.messages if m.startswith("ERROR")]
        detail = "\n".join(logged) or str(exc)
        raise BuildError(f"the MkDocs build failed: {detail}") from None
    except Exception as exc:  # a plugin or hook of the site's own failed: say which error, no traceback
        where = _origin(exc)
        raise BuildError(f"the MkDocs build failed: {type(exc).__name__}: {exc}{where}") from None
    finally:
        logger.removeHandler(handler)
        if echo is not None:
            logger.removeHandler(echo)
        logger.setLevel(level)
    printed = banner.getvalue().splitlines() if not quiet else []
    lines = handler.messages + printed
    return [line for line in dict.fromkeys(lines) if line.strip() and not is_noise(line)]
