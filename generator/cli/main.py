"""The ``opsmanual`` command group.

Commands are imported when they run, not when the group loads: ``opsmanual check`` in CI must
not pay for the site engine, mike or the ingest readers.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import threading

import click

from .. import __version__

COMMANDS: dict[str, str] = {
    "check": "generator.cli.check:check",
    "build": "generator.cli.site:build",
    "serve": "generator.cli.site:serve",
    "publish": "generator.cli.publish:publish",
    "new": "generator.cli.editing:new",
    "review": "generator.cli.editing:review",
    "report": "generator.cli.report:report",
    "codeowners": "generator.cli.editing:codeowners",
    "schema": "generator.cli.schema:schema",
    "ingest": "generator.cli.ingest:ingest",
    "init": "generator.cli.init:init",
    "pull": "generator.cli.pull:pull",
}


class LazyGroup(click.Group):
    """A group whose commands are named up front and imported on first use (click's documented pattern)."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attr = self.lazy[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; any OS error it meets (a read-only folder, a full disk, a file that
        vanished) is ``Error: ...`` and exit 2, never a traceback."""
        from .problems import fail, os_error

        try:
            return super().invoke(ctx)
        except OSError as exc:
            fail(os_error(exc))
        except RecursionError:
            fail("the input is nested too deeply to read")
        except MemoryError:
            fail("the input is too large to read into memory")
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
            if os.environ.get("OPSMANUAL_TRACEBACK"):
                raise
            fail(f"unexpected {type(exc).__name__}: {exc} (a bug in opsmanual, not in your manual; "
                 "run again with OPSMANUAL_TRACEBACK=1 and report the traceback)", 2)

    @property
    def all_commands(self) -> dict[str, click.Command]:
        """Every command, imported (for documentation tests and tooling)."""
        ctx = click.Context(self)
        return {name: command for name in self.list_commands(ctx) if (command := self.get_command(ctx, name))}


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="opsmanual")
def cli() -> None:
    """opsmanual: an operating manual that tells the truth about itself.

    Joins Markdown pages, YAML catalogs and CSV metric snapshots, and flags what is stale or
    underperforming. Start with: opsmanual check DIR
    """


# What a command leaves for the process's end instead of freeing it (``load_and_judge`` puts the
# loaded manual and its judgement here); a list only while ``main`` runs the command.
kept: list[object] | None = None


def main(end_process: bool = True) -> None:
    """The console script. When the command kept what it built (a loaded manual: a third of a
    million objects at 1,000 pages, 0.04 s to free one by one) and nothing else runs, the process
    ends at once once its output is flushed, and the memory goes back with it; else (or with
    ``end_process`` false) SystemExit is raised, as ``sys.exit`` does."""
    global kept
    kept = []
    code: str | int | None = None
    try:
        cli(prog_name="opsmanual")
    except SystemExit as exc:
        code = exc.code
    finally:
        # The process ends here. Its last act would be a cycle collection walking every object
        # still alive (a loaded manual is millions): frozen, they are skipped, and the memory goes
        # back with the process.
        gc.freeze()
    if end_process and kept and isinstance(code, int) and threading.active_count() == 1 and _flushed():
        os._exit(code)
    sys.exit(code)


def _flushed() -> bool:
    """Whether standard output and error took what was written to them (else Python's own exit
    reports it, as it always did)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return False
    return True
