"""Read one YAML file of a project, reporting what goes wrong as a problem with its file and line."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from .files import MAX_TEXT_BYTES
from .problems import Problems
from .yamlfast import load_yaml_fast
from .yamlio import YamlSyntaxError, load_yaml


def read_yaml(path: Path, rel: str, problems: Problems, *, config: bool = False, empty: Any = None) -> Any:
    """Parse one YAML file (``config``: as ``mkdocs.yml``, YAML 1.1 with MkDocs' tags); ``empty``
    for an empty document. On failure add a problem and return None."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            problems.add(rel, None, "not a regular file (a FIFO, socket or device)", "pass a YAML file")
            return None
        if info.st_size > MAX_TEXT_BYTES:
            problems.add(rel, None, f"the file is {info.st_size:,} bytes, more than the {MAX_TEXT_BYTES:,} it may have")
            return None
        text = path.read_text(encoding="utf-8-sig")
        data = load_yaml(text, config=True) if config else load_yaml_fast(text)
        return empty if data is None else data
    except YamlSyntaxError as exc:
        problems.add(rel, exc.line, exc.message, column=exc.column)
    except UnicodeDecodeError:
        problems.add(rel, None, "the file is not UTF-8 text", "save it as UTF-8")
    except OSError as exc:
        problems.add(rel, None, f"cannot read the file: {exc.strerror}")
    return None
