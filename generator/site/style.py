"""The small stylesheet the status blocks and generated pages use (installed by the adapters).

Only layout: colours come from the theme's variables, so light and dark schemes both work.
Selectors carry ``.md-typeset`` and ``:not([class])`` to outrank the theme's own table rules.
"""

STYLE = """\
/* opsmanual: status blocks and generated pages */
.md-typeset .opsmanual-status table:not([class]) { font-size: .62rem; }
.md-typeset .opsmanual-status svg { vertical-align: middle; }
.md-typeset .opsmanual-wide table:not([class]) { font-size: .6rem; }
.md-typeset .opsmanual-wide table:not([class]) th,
.md-typeset .opsmanual-wide table:not([class]) td { padding: .55em .6em; min-width: 0; }
.md-typeset .opsmanual-wide td svg { min-width: 5.5em; }
.md-typeset .opsmanual-matrix table:not([class]) { font-size: .62rem; }
.md-typeset .opsmanual-matrix table:not([class]) th,
.md-typeset .opsmanual-matrix table:not([class]) td { padding: .6em .7em; vertical-align: top; min-width: 8em; }
.md-typeset .opsmanual-matrix .opsmanual-cell-metric { display: block; font-weight: 700; margin-bottom: .3em; }
.md-typeset .opsmanual-matrix .opsmanual-gap { color: var(--md-code-hl-number-color, #c62828); font-weight: 700; }
"""
