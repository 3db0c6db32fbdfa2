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

import yaml

from ..load.yamlblocks import append_items, block_text
from ..load.yamlio import parse_yaml
from ..pipeline import Prepared
from ..site.bundle import NOT_IN_SEARCH, REPORT_FILE, STYLESHEET
from .errors import BuildError
from .held import Held
from .source import HEADING_EXTENSIONS, decorate, generated_source, page_url

SEARCH_LIMIT_CHARS = 200_000


def write_tree(prepared: Prepared, work: Path, held: Held | None = None) -> Path:
    """Write the pre-rendered docs into ``work/docs`` and its config; return the config path.

    Every HTML block opsmanual adds (status blocks, footers, generated pages' lists and tables)
    reaches Zensical as a hidden element holding only its searchable words (none on a page kept
    out of search), and is kept whole in ``held`` for :func:`fill_late` to put into the built
    pages. Zensical keeps every page it renders in memory until it writes the site (its peak),
    and its Markdown conversion still walks a raw HTML block tag by tag: the markup (links,
    anchors, table cells, chips, the KPI tables and charts) is most of what opsmanual adds, and
    none of it is searched. The headings stay Markdown, for Zensical's table of contents.

    The held blocks' links are the built page's URLs (:func:`page_href`). Zensical would resolve a
    raw block's links itself, relative to the Markdown file: given the built page's URL it added
    one ``../`` too many on every page not named index."""
    held = held if held is not None else Held()
    project = prepared.project
    bundle = prepared.bundle
    docs_src = project.root / project.config.docs_dir
    docs = work / "docs"
    urls = project.config.use_directory_urls
    shutil.copytree(docs_src, docs, ignore=_hidden_folders)
    for page in project.pages:
        target = docs / page.path
        source = (docs_src / page.path).read_text(encoding="utf-8-sig")
        target.write_text(decorate(source, bundle.decorations.get(page.path), bundle.footer, page.path, urls,
                                   hold=held.hold_late(page.path, words=True)), encoding="utf-8")
    for generated in bundle.pages:
        target = docs / generated.path
        if target.exists():  # the site's own page at that path is kept
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        meta: dict[str, object] = {}
        if len(generated.markdown) > SEARCH_LIMIT_CHARS:
            # Zensical's search index refuses a section of more than 65,536 token positions; a
            # generated listing that large (the content map of thousands of assets) is left out
            # of search, and what it lists stays searchable on the persona and owner pages.
            meta.update(NOT_IN_SEARCH)
        words = _searched({**generated.meta, **meta})
        target.write_text(generated_source(generated, bundle.footer, meta, directory_urls=urls,
                                           hold=held.hold_late(generated.path, words)), encoding="utf-8")
    if bundle.stylesheet:
        (docs / STYLESHEET).parent.mkdir(parents=True, exist_ok=True)
        (docs / STYLESHEET).write_text(bundle.stylesheet, encoding="utf-8")
    (docs / REPORT_FILE).write_text(bundle.report.to_json(), encoding="utf-8")
    config = work / "mkdocs.yml"
    original = (project.root / project.config.file).resolve()
    overlay = f"INHERIT: {json.dumps(str(original))}\ndocs_dir: docs\nsite_dir: site\n"
    original_text = original.read_text(encoding="utf-8-sig")
    user = parse_yaml(original_text, config=True)[0] or {}
    overlay += _extensions_block(user, original_text, original.name)
    overlay += _relative_paths(user, original.parent)
    if bundle.stylesheet:
        css = [str(c) for c in (user.get("extra_css") or [])]
        overlay += yaml.safe_dump({"extra_css": [*css, STYLESHEET]}, sort_keys=False)
    config.write_text(overlay, encoding="utf-8")
    return config


def _searched(meta: dict[str, object]) -> bool:
    search = meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude") is True)


def _extensions_block(user: dict, text: str, config_name: str) -> str:
    """The overlay's markdown_extensions: the user's plus those opsmanual's headings need
    (``HEADING_EXTENSIONS``; the rest reaches Zensical as raw HTML), or "" when none is missing. A
    site that lists none gets Zensical's own defaults, as a bare Zensical build gives it (they
    hold both): a list here would replace them, and the site's own pages would lose what they
    were written for (superfences, tabs, emoji ...). A list holding YAML tags
    (``!!python/name:`` ...) is copied as text, with the missing names appended, so that the tags
    reach the engine as written."""
    if user.get("markdown_extensions") is None:
        return ""
    current = list(user.get("markdown_extensions") or [])
    names = {next(iter(item)) if isinstance(item, dict) else item for item in current}
    missing = [name for name in HEADING_EXTENSIONS if name not in names]
    if not missing:
        return ""
    if "!" not in json.dumps(current, default=str):
        return yaml.safe_dump({"markdown_extensions": [_plain(item) for item in current] + missing}, sort_keys=False)
    extended = append_items(text, "markdown_extensions", missing)
    block = block_text(extended, "markdown_extensions") if extended is not None else None
    if block is None:
        raise BuildError(
            f"add {', '.join(missing)} to markdown_extensions in {config_name}: the headings of opsmanual's pages "
            "need them, and it cannot rewrite that list"
        )
    return block


def _hidden_folders(folder: str, names: list[str]) -> set[str]:
    """Hidden folders (``.git``, ``.cache``) stay behind; hidden files that plugins read
    (the blog's ``.authors.yml``, the meta plugin's ``.meta.yml``) come along."""
    return {name for name in names if name.startswith(".") and (Path(folder) / name).is_dir()}


def _relative_paths(user: dict, base: Path) -> str:
    """The settings whose relative paths are relative to mkdocs.yml (the theme's ``custom_dir``,
    ``hooks``), made absolute: the overlay config lives elsewhere."""
    overlay: dict[str, object] = {}
    theme = user.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        overlay["theme"] = {"custom_dir": str((base / theme["custom_dir"]).resolve())}
    hooks = user.get("hooks")
    if isinstance(hooks, list) and all(isinstance(h, str) for h in hooks):
        overlay["hooks"] = [str((base / h).resolve()) for h in hooks]
    return yaml.safe_dump(overlay, sort_keys=False) if overlay else ""


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def build(prepared: Prepared, work: Path, quiet: bool = True) -> Path:
    """Build with Zensical inside ``work``; return the folder holding the built site."""
    held = Held()
    config = write_tree(prepared, work, held)
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
    fill_late(held, work / "site", prepared.project.config.use_directory_urls)
    return work / "site"


def fill_late(held: Held, site: Path, directory_urls: bool) -> None:
    """Put the held blocks into the built pages (after Zensical indexed their words for search)."""
    for path, blocks in held.late.items():
        if not blocks:
            continue
        url = page_url(path, directory_urls)
        page = site / (url + "index.html" if url.endswith("/") else url)
        if page.is_file():
            page.write_text(held.fill_late(path, page.read_text(encoding="utf-8")), encoding="utf-8")
