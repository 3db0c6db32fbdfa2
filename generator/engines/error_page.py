"""What the preview shows while the manual cannot be built: every problem, in the browser.

Pure functions over the problems; ``serve.py`` and the MkDocs plugin put them in front of the
user instead of a page that never loads.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..load.problems import Problem

TITLE = "The manual cannot be built"
FIX = "Fix the file and save it: this page reloads by itself and the site comes back."


def _items(problems: Sequence[Problem | str]) -> str:
    rows = []
    for problem in problems:
        if isinstance(problem, Problem):
            hint = f' <em class="opsmanual-hint">({html.escape(problem.hint)})</em>' if problem.hint else ""
            rows.append(f"<li><code>{html.escape(problem.location())}</code>: {html.escape(problem.message)}{hint}</li>")
        else:
            rows.append(f"<li><pre>{html.escape(str(problem))}</pre></li>")
    return "\n".join(rows)


def _count(problems: Sequence[object]) -> str:
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"


def error_markdown(problems: Sequence[Problem | str]) -> str:
    """The body of every page of a site built in error (rendered by the site's own theme)."""
    return (f"# {TITLE}\n\n"
            f'<div class="admonition failure opsmanual-errors">\n'
            f'<p class="admonition-title">{_count(problems)} in the input</p>\n'
            f"<ul>\n{_items(problems)}\n</ul>\n<p>{html.escape(FIX)}</p>\n</div>\n")


def error_html(problems: Sequence[Problem | str]) -> str:
    """A standalone page, for when not even the engine could run (mkdocs.yml itself is broken)."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{TITLE}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
h1{{color:#b00020}}li{{margin:.4rem 0}}code{{background:#f3f3f3;padding:0 .2rem}}em{{color:#555}}</style>
</head><body>
<h1>{TITLE}</h1>
<div class="opsmanual-errors"><p>{_count(problems)} in the input:</p>
<ul>
{_items(problems)}
</ul></div>
<p>{html.escape(FIX)}</p>
</body></html>
"""
