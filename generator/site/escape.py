"""Escaping for every value that comes from the sources, and links that can only be safe.

Generated Markdown mixes Markdown (tables, lists, links between pages) with inline HTML (status
blocks, sparklines). :func:`text` makes a value literal in both contexts at once: HTML specials
and every character Markdown or its extensions could act on become numeric entities, so a persona
named ``<script>`` or a title with ``|`` and ``*`` shows exactly those characters. A link whose
target comes from data is written as raw HTML with an escaped ``href`` and only when its scheme is
``http``, ``https`` or ``mailto`` (or it has none: a relative link); anything else is plain text.
"""

from __future__ import annotations

import html
import re

# Characters Python-Markdown, its extensions (tables, attr_list, md_in_html) and pymdownx could
# act on inline. Each becomes a numeric entity, which both Markdown and HTML show literally.
_ENTITIES = {c: f"&#{ord(c)};" for c in "\\`*_[]{}|#!~^=+$:"}
_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_TEXT = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_LIST_START = re.compile(r"^(\d+)([.)])(?=\s|$)|^-(?=[\s-]|$)")
# In a link target from data, characters URLs use all the time and that nothing in Markdown acts
# on inside a raw tag stay readable; the rest get the same entities as text.
_URL_KEEP = frozenset(":=#_~")
_URL = re.compile("[" + re.escape("".join(c for c in _ENTITIES if c not in _URL_KEEP)) + "]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def text(value: object) -> str:
    """``value`` as literal text for Markdown and inline HTML: one line, every special an entity."""
    flat = " ".join(str(value).split())
    escaped = _TEXT.sub(lambda m: _ENTITIES[m.group(0)], flat)
    # "1. x" or "- x" at the start of a line would open a list where a value starts a line.
    return _LIST_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};" if m.group(1) else "&#45;", escaped)


def attr(value: object) -> str:
    """``value`` for a double-quoted HTML attribute: the same entities as :func:`text`.

    Markdown runs over raw HTML before it is stashed, so an attribute must not keep anything
    Markdown acts on either: a label ``[x](onload=...)`` would become an ``<a href="...">`` whose
    quotes close the attribute. Every character Markdown or HTML could act on is an entity here.
    """
    return text(value)


def title(value: object) -> str:
    """``value`` as a page title or tag name: HTML specials as entities, one line.

    Both engines put titles and tags into the navigation, the ``<title>`` element and tag lists
    without escaping them; they are not Markdown there, so only HTML specials need entities.
    """
    return html.escape(" ".join(str(value).split()), quote=True)


def safe_url(url: object) -> str | None:
    """``url`` when it is ``http(s)``, ``mailto`` or relative; None for anything else.

    Whitespace or control characters anywhere, entity-encoded schemes (``javascript&#58;``) and
    protocol-relative ``//host`` links are refused, so what a browser follows is what was checked.
    """
    if not isinstance(url, str) or not url or url != url.strip():
        return None
    if _CONTROL.search(url) or url.startswith(("//", "\\\\", "/\\")):
        return None
    for candidate in (url, html.unescape(url)) if "&" in url else (url,):
        match = _SCHEME.match(candidate)
        if match and match.group(1).lower() not in SAFE_SCHEMES:
            return None
        if not match and ":" in candidate.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
            return None  # "java&#x73;cript:..." style first segments that still hold a colon
    return url


def link(label: object, url: object) -> str:
    """A link to a URL from data (raw HTML, escaped), or just the label when the URL is unsafe."""
    shown = text(label)
    target = safe_url(url)
    if target is None:
        return shown
    return f'<a href="{_URL.sub(lambda m: _ENTITIES[m.group(0)], target)}">{shown}</a>'


def mailto(email: object) -> str:
    """An e-mail address as a ``mailto:`` link, or plain text when it would not be a safe one."""
    address = str(email)
    if "@" not in address or any(c in address for c in "<>\"'?&#"):
        return text(address)
    return link(address, f"mailto:{address}")


def code(value: object) -> str:
    """An id or formula in a code font, escaped (raw ``<code>``, so entities still apply)."""
    return f"<code>{text(value)}</code>"
