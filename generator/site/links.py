"""Links between pages of the site: relative ``.md`` paths that MkDocs resolves and validates.

Every path here is relative to the docs dir (``processes/nurture.md``). A link written on one page
to another is made relative to the linking page's folder, as MkDocs expects, and percent-encoded
so that spaces or parentheses in a file name cannot break the Markdown link syntax.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import quote

from .escape import text

HEALTH = "health/index.md"
OWNERS = "owners/index.md"
PERSONAS = "personas/index.md"
CONTENT_MAP = "content-map/index.md"
CHANNELS = "channels/index.md"
METRICS = "metrics/index.md"
CHANGES = "changes/index.md"
EXPERIMENTS = "experiments/index.md"
ALL_FINDINGS = "all-findings"  # the anchor of the health page's list of findings
INDEX_PAGES = (HEALTH, OWNERS, PERSONAS, CONTENT_MAP, CHANNELS, METRICS, CHANGES, EXPERIMENTS)

_NOT_ANCHOR = re.compile(r"[^a-z0-9_-]+")


def owner_page(owner_id: str) -> str:
    return f"owners/{owner_id}.md"


def persona_page(persona_id: str) -> str:
    return f"personas/{persona_id}.md"


def anchor(kind: str, entity_id: str) -> str:
    """A stable HTML id for an entity on a list page: ``channel-paid-social``."""
    return f"{kind}-" + (_NOT_ANCHOR.sub("-", entity_id.lower()).strip("-") or "x")


@functools.lru_cache(maxsize=65536)
def _relative_path(from_page: str, to_page: str) -> str:
    if to_page == from_page:
        return ""
    start = posixpath.dirname(from_page) or "."
    return quote(posixpath.relpath(to_page, start), safe="/.-_~")


def relative(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """The link from ``from_page`` to ``to_page`` (both docs-relative), e.g. ``../owners/ana.md``."""
    target = _relative_path(from_page, to_page)
    if fragment:
        target += "#" + quote(fragment, safe="-_")
    return target or "#"


def md_link(label_markdown: str, from_page: str, to_page: str, fragment: str | None = None) -> str:
    """A Markdown link with an already escaped label (see :func:`generator.site.escape.text`)."""
    return f"[{label_markdown}]({relative(from_page, to_page, fragment)})"


def text_link(label: object, from_page: str, to_page: str, fragment: str | None = None) -> str:
    """A Markdown link whose label is a raw value (escaped here)."""
    return md_link(text(label), from_page, to_page, fragment)
