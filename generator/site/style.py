"""The stylesheet the status blocks, charts and generated pages use (installed by the adapters).

One home for colour: a severity has one colour everywhere (chips, rows, charts), taken from the
Okabe-Ito palette so that colour-blind readers can tell them apart, and always paired with a word
or a shape. Material's ``slate`` scheme gets lighter tints of the same hues. Selectors carry
``.md-typeset`` and ``:not([class])`` to outrank the theme's own table rules.
"""

from .labels import HEALTHY, TAG_RULES

_PALETTE = """\
:root {
  --opsmanual-error: #b33c00; --opsmanual-warning: #9a6700; --opsmanual-info: #0068a5;
  --opsmanual-ok: #00785a; --opsmanual-waived: #6b6b6b; --opsmanual-line: #3b5bdb;
  --opsmanual-heat: #0068a5; --opsmanual-bar: #5b7fc7;
}
[data-md-color-scheme="slate"] {
  --opsmanual-error: #ff9a5c; --opsmanual-warning: #f2c14e; --opsmanual-info: #7cc4f0;
  --opsmanual-ok: #5fd3ac; --opsmanual-waived: #b0b0b0; --opsmanual-line: #9db4ff;
  --opsmanual-heat: #56b4e9; --opsmanual-bar: #8fa8e0;
}
"""

_LAYOUT = """\
/* opsmanual: status blocks, charts and generated pages */
.md-typeset .opsmanual-status table:not([class]) { font-size: .62rem; }
.md-typeset .opsmanual-status svg { vertical-align: middle; }
.md-typeset .opsmanual-wide table:not([class]) { font-size: .6rem; display: table; width: 100%; }
.md-typeset .opsmanual-wide table:not([class]) th,
.md-typeset .opsmanual-wide table:not([class]) td { padding: .55em .6em; min-width: 0; }
.md-typeset .opsmanual-wide td svg { min-width: 5.5em; }
.md-typeset .opsmanual-matrix table:not([class]) { font-size: .62rem; }
.md-typeset .opsmanual-matrix table:not([class]) th,
.md-typeset .opsmanual-matrix table:not([class]) td { padding: .6em .7em; vertical-align: top; min-width: 8em; }
.md-typeset .opsmanual-matrix .opsmanual-cell-metric { display: block; font-weight: 700; margin-bottom: .3em; }
.md-typeset .opsmanual-matrix .opsmanual-gap { color: var(--opsmanual-error); font-weight: 700; }
/* ids and dates never break mid-token; long prose wraps instead of widening the table */
.md-typeset table:not([class]) code, .md-typeset .opsmanual-nobreak { white-space: nowrap; word-break: keep-all; overflow-wrap: normal; }
.md-typeset table:not([class]) td { overflow-wrap: anywhere; }
.md-typeset table:not([class]) td code, .md-typeset table:not([class]) td a { overflow-wrap: normal; }
/* severity chips: a word on a tinted ground with a coloured edge, never a topic tag's grey */
.md-typeset .opsmanual-chip { display: inline-block; white-space: nowrap; font-size: .85em; font-weight: 700;
  padding: 0 .45em; border-radius: .2em; border-left: .3em solid currentColor; line-height: 1.5; }
.md-typeset .opsmanual-sev-error { color: var(--opsmanual-error); }
.md-typeset .opsmanual-sev-warning { color: var(--opsmanual-warning); }
.md-typeset .opsmanual-sev-info { color: var(--opsmanual-info); }
.md-typeset .opsmanual-sev-ok { color: var(--opsmanual-ok); }
.md-typeset .opsmanual-sev-waived { color: var(--opsmanual-waived); border-left-style: dashed; }
.md-typeset .opsmanual-chip.opsmanual-sev-error { background: color-mix(in srgb, var(--opsmanual-error) 12%, transparent); }
.md-typeset .opsmanual-chip.opsmanual-sev-warning { background: color-mix(in srgb, var(--opsmanual-warning) 12%, transparent); }
.md-typeset .opsmanual-chip.opsmanual-sev-info { background: color-mix(in srgb, var(--opsmanual-info) 12%, transparent); }
.md-typeset .opsmanual-chip.opsmanual-sev-ok { background: color-mix(in srgb, var(--opsmanual-ok) 12%, transparent); }
.md-typeset .opsmanual-chip.opsmanual-sev-waived { background: color-mix(in srgb, var(--opsmanual-waived) 12%, transparent); }
.md-typeset .admonition.opsmanual-waived { border-color: var(--opsmanual-waived); }
/* the first screen: what to act on */
.md-typeset .opsmanual-actions ol { margin-top: .3em; }
.md-typeset .opsmanual-actions li { margin-bottom: .2em; }
/* charts */
.md-typeset .opsmanual-charts { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
.md-typeset figure.opsmanual-chart { margin: .6em 0; max-width: 100%; display: block; }
.md-typeset figure.opsmanual-chart svg { max-width: 100%; height: auto; color: var(--md-default-fg-color); }
.md-typeset figure.opsmanual-chart figcaption { font-size: .62rem; max-width: 36em; margin: .2em 0 0; text-align: left; font-style: normal; }
.md-typeset figure.opsmanual-chart details { margin: .3em 0; font-size: .62rem; }
.md-typeset figure.opsmanual-chart summary { cursor: pointer; }
.md-typeset .opsmanual-chart-numbers { font-size: .6rem; border-collapse: collapse; }
.md-typeset .opsmanual-chart-numbers td, .md-typeset .opsmanual-chart-numbers th { padding: .1em .6em; text-align: left; white-space: nowrap; }
.opsmanual-chart-svg text { font-size: 11px; fill: currentColor; font-family: var(--md-text-font-family, sans-serif); }
.opsmanual-chart-svg .opsmanual-tick { fill-opacity: .75; }
.opsmanual-chart-svg .opsmanual-axis { stroke: currentColor; stroke-opacity: .35; stroke-width: 1; }
.opsmanual-chart-svg .opsmanual-line { fill: none; stroke: var(--opsmanual-line); stroke-width: 2; stroke-linejoin: round; }
.opsmanual-chart-svg .opsmanual-point { fill: var(--opsmanual-line); }
.opsmanual-chart-svg .opsmanual-missed { stroke: var(--opsmanual-error); stroke-width: 2.2; fill: none; }
.opsmanual-chart-svg .opsmanual-target { stroke: var(--opsmanual-ok); stroke-width: 1.6; stroke-dasharray: 5 3; }
.opsmanual-chart-svg .opsmanual-target-label { fill: var(--opsmanual-ok); font-size: 10px; }
.opsmanual-chart-svg .opsmanual-newest { font-weight: 700; }
.opsmanual-chart-svg .opsmanual-bar { fill: var(--opsmanual-bar); }
.opsmanual-chart-svg .opsmanual-bar-over { fill: var(--opsmanual-error); }
.opsmanual-chart-svg .opsmanual-bar-error { fill: var(--opsmanual-error); }
.opsmanual-chart-svg .opsmanual-bar-warning { fill: var(--opsmanual-warning); }
.opsmanual-chart-svg .opsmanual-bar-info { fill: var(--opsmanual-info); }
.opsmanual-chart-svg .opsmanual-heat { fill: var(--opsmanual-heat); }
.opsmanual-chart-svg .opsmanual-heat-gap { fill: none; stroke: var(--opsmanual-error); stroke-width: 1.5; stroke-dasharray: 3 2; }
.opsmanual-chart-svg .opsmanual-gap-label { fill: var(--opsmanual-error); font-weight: 700; }
.opsmanual-chart-svg .opsmanual-heat-label { font-weight: 700; }
.opsmanual-chart-svg .opsmanual-heat-none { fill: none; stroke: currentColor; stroke-opacity: .35; stroke-dasharray: 2 3; }
/* on a phone the KPI table stacks: one card per KPI, each value labelled */
@media screen and (max-width: 44.9375em) {
  .md-typeset .opsmanual-kpis table:not([class]),
  .md-typeset .opsmanual-kpis table:not([class]) tbody,
  .md-typeset .opsmanual-kpis table:not([class]) tr,
  .md-typeset .opsmanual-kpis table:not([class]) td { display: block; width: 100%; box-sizing: border-box; }
  .md-typeset .opsmanual-kpis table:not([class]) thead { display: none; }
  .md-typeset .opsmanual-kpis table:not([class]) tr { border-top: .05rem solid var(--md-typeset-table-color, #ddd); padding: .3em 0; }
  .md-typeset .opsmanual-kpis table:not([class]) td { border: 0; padding: .1em .6em; text-align: left !important; }
  .md-typeset .opsmanual-kpis table:not([class]) td:nth-child(1) { font-weight: 700; }
  .md-typeset .opsmanual-kpis td:nth-child(2)::before { content: "Slice: "; opacity: .7; }
  .md-typeset .opsmanual-kpis td:nth-child(3)::before { content: "Latest: "; opacity: .7; }
  .md-typeset .opsmanual-kpis td:nth-child(4)::before { content: "Target: "; opacity: .7; }
  .md-typeset .opsmanual-kpis td:nth-child(5)::before { content: "Status: "; opacity: .7; }
  .md-typeset .opsmanual-kpis .md-typeset__scrollwrap, .md-typeset .opsmanual-kpis .md-typeset__table { overflow: visible; margin: 0; }
}
"""


def _tag_css() -> str:
    """Status tags (``stale``, ``underperforming`` ...) look unlike a page's topic tags."""
    flagged = ", ".join(f'.md-typeset .md-tag[href$="tag:{tag}"]' for tag, _ in TAG_RULES)
    return (
        f"{flagged} {{ color: var(--opsmanual-warning); background: color-mix(in srgb, var(--opsmanual-warning) "
        "12%, transparent); border-left: .25em solid currentColor; font-weight: 700; }\n"
        f'.md-typeset .md-tag[href$="tag:{HEALTHY}"] {{ color: var(--opsmanual-ok); border-left: .25em solid '
        "currentColor; }\n"
    )


STYLE = _PALETTE + _LAYOUT + _tag_css()
