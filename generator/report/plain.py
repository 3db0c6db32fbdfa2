"""Values from data on one line of plain text: a line break or control character is shown escaped.

A message, file name or owner id is data; written raw, a newline in it would start a line of its
own (a forged ``::error`` workflow command, a fake finding) and an escape sequence would drive the
terminal. Every plain-text output (reports, errors) passes values through :func:`one_line`.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def one_line(value: object) -> str:
    """``value`` as one line: ``\\n``, ``\\r``, ``\\t`` and other control characters escaped."""
    return _CONTROL.sub(lambda m: _NAMED.get(m.group(0)) or m.group(0).encode("unicode_escape").decode("ascii"),
                        str(value))


def xml_text(value: object) -> str:
    """``value`` with the characters XML 1.0 cannot hold shown escaped (``\\x1b``)."""
    return _NOT_XML.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"),
                        str(value))
