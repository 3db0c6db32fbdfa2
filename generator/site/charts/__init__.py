"""Charts drawn at build time as static SVG: no script, no CDN, the same bytes for the same data.

Every chart is a ``<figure>`` holding the ``<svg>`` (with ``role="img"`` and a label), a caption
that says what it shows in words, and its numbers as a table under a ``<details>``: the drawing is
never the only way to read a value. Colours come from CSS classes (see ``site/style.py``), so the
light and dark palettes and the severity colours have one home.

Measured before choosing (docs/ARCHITECTURE.md): Vega-Lite through Altair and vl-convert costs
about 1.7 s to start and 150 ms per chart; these modules cost well under 1 ms per chart.
"""

from .bars import Bar, bar_chart
from .heatmap import heatmap
from .trend import trend_chart

__all__ = ["Bar", "bar_chart", "heatmap", "trend_chart"]
