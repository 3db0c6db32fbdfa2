"""Parameter types and options shared by commands."""

from __future__ import annotations

from datetime import date
from typing import Any

import click


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-11-20", param, ctx)


DATE = DateType()


class PeriodType(click.ParamType):
    name = "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from ..model.dates import is_period

        text = str(value).strip()
        if not is_period(text):
            self.fail(f"'{value}' is not a period; write YYYY-MM, e.g. 2026-11", param, ctx)
        return text

project_dir = click.argument(
    "project", default=".", required=False,
    type=click.Path(file_okay=False, dir_okay=True, path_type=str),
)
as_of_option = click.option(
    "--as-of", type=DATE, default=None,
    help="Judge as of this date (YYYY-MM-DD). Default: the config's as_of, else today.",
)
review_date_option = click.option(
    "--as-of", type=DATE, default=None,
    help="The date written as reviewed: (YYYY-MM-DD). Default: the config's as_of, else today.",
)
