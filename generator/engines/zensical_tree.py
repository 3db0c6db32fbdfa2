"""The Zensical adapter: Zensical reads ``mkdocs.yml`` but runs no MkDocs plugins, so opsmanual
writes a pre-rendered tree (decorated pages + generated pages) and a config that ``INHERIT``s the
user's one, then runs ``zensical build`` on it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from ..pipeline import Prepared
from .errors import BuildError
from .mkdocs_plugin import REPORT_FILE
from .source import decorate


def write_tree(prepared: Prepared, work: Path) -> Path:
    """Write the pre-rendered docs into ``work/docs`` and its config; return the config path."""
    project = prepared.project
    bundle = prepared.bundle
    docs_src = project.root / project.config.docs_dir
    docs = work / "docs"
    shutil.copytree(docs_src, docs, ignore=shutil.ignore_patterns(".*"))
    for page in project.pages:
        target = docs / page.path
        source = (docs_src / page.path).read_text(encoding="utf-8-sig")
        target.write_text(decorate(source, bundle.decorations.get(page.path), bundle.footer), encoding="utf-8")
    for generated in bundle.pages:
        target = docs / generated.path
        if target.exists():
            raise BuildError(f"{project.config.docs_dir}/{generated.path} would be replaced by a generated page; rename it")
        target.parent.mkdir(parents=True, exist_ok=True)
        footer = "\n\n" + bundle.footer if bundle.footer else ""
        target.write_text(generated.markdown.rstrip("\n") + footer + "\n", encoding="utf-8")
    (docs / REPORT_FILE).write_text(json.dumps(bundle.report, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    config = work / "mkdocs.yml"
    original = (project.root / project.config.file).resolve()
    config.write_text(
        f"INHERIT: {json.dumps(str(original))}\ndocs_dir: docs\nsite_dir: site\n", encoding="utf-8"
    )
    return config


def build(prepared: Prepared, work: Path, quiet: bool = True) -> Path:
    """Build with Zensical inside ``work``; return the folder holding the built site."""
    config = write_tree(prepared, work)
    command = [sys.executable, "-m", "zensical", "build", "-f", str(config)]
    zensical = Path(sys.executable).with_name("zensical")
    if zensical.exists():
        command = [str(zensical), "build", "-f", str(config)]
    result = subprocess.run(command, cwd=work, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (work / "site" / "index.html").exists():
        output = (result.stdout + result.stderr).strip()
        raise BuildError(f"zensical build failed:\n{output}")
    if not quiet:
        sys.stderr.write(result.stdout)
    return work / "site"
