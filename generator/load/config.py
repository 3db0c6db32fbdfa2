"""Read ``mkdocs.yml``: the docs dir and opsmanual's plugin settings."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from ..model.config import Settings, SiteConfig, SourceSettings
from ..model.dates import Duration
from ..model.names import suggest
from ..model.rules import Rule
from .problems import Problems
from .schema import PluginConfigIn
from .validate import validate
from .yamlio import Positions, YamlPath, read_yaml

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")  # ProperDocs reads both


def find_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def _plugin_entry(plugins: Any, positions: Positions | None = None) -> tuple[Any, Positions, int] | None:
    """The opsmanual entry of ``plugins:`` (a list of names or mappings, or a mapping): its
    settings, their positions and the entry's line."""
    positions = Positions() if positions is None else positions
    if isinstance(plugins, list):
        for index, item in enumerate(plugins):
            line = positions.line((index,))
            if item == "opsmanual":
                return {}, Positions(), line
            if isinstance(item, dict) and "opsmanual" in item:
                found = item["opsmanual"]
                return (found, positions.under(index, "opsmanual"), line) if found else ({}, Positions(), line)
    elif isinstance(plugins, dict) and "opsmanual" in plugins:
        found = plugins["opsmanual"]
        line = positions.get(("opsmanual",)) or 1
        return (found, positions.under("opsmanual"), line) if found else ({}, Positions(), line)
    return None


def load_config(root: Path, problems: Problems, config_file: Path | None = None) -> SiteConfig | None:
    """Read the site config of the project at ``root``; problems are collected."""
    path = config_file or find_config(root)
    if path is None:
        problems.add(
            str(root / "mkdocs.yml"),
            None,
            "no mkdocs.yml found",
            "run opsmanual in the folder that holds mkdocs.yml, or pass that folder as DIR",
        )
        return None
    rel = _relative(path, root)
    data, positions = read_yaml(path, rel, problems, config=True, empty={})
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.add(rel, 1, "mkdocs.yml must be a mapping of settings")
        return None
    data, positions = _inherit(data, positions, path, rel, root, problems)
    entry = _plugin_entry(data.get("plugins"), positions.under("plugins"))
    raw, settings_at, plugin_line = entry if entry else ({}, Positions(), 1)
    if isinstance(raw, dict):
        _keep_unset_env(raw, settings_at, path)
        for key in raw:
            if key == "rules" and isinstance(raw[key], dict):
                _check_rule_ids(raw[key], settings_at.under(key), rel, problems)
    parsed = validate(PluginConfigIn, raw, settings_at, file=rel, problems=problems, default_line=plugin_line,
                      what="opsmanual settings")
    if parsed is None:
        return None
    settings = settings_from(parsed, _source(parsed, settings_at, plugin_line))
    docs_dir = data.get("docs_dir", "docs")
    return SiteConfig(
        file=rel,
        docs_dir=str(docs_dir),
        settings=settings,
        repo_url=_opt_str(data.get("repo_url")),
        edit_uri=_opt_str(data.get("edit_uri")),
        site_url=_opt_str(data.get("site_url")),
        use_directory_urls=data.get("use_directory_urls") is not False,
        plugin_line=plugin_line,
        has_nav=bool(data.get("nav")),
        not_pages=_not_pages(data),
    )


def settings_from(parsed: PluginConfigIn, source: SourceSettings | None = None) -> Settings:
    """The core's ``Settings`` from validated plugin settings: each field as validated, durations
    parsed. ``settings_from(PluginConfigIn())`` is the defaults."""
    found = parsed.metrics_source
    if source is None and found is not None:
        source = SourceSettings(found.url, found.table, found.query)
    values = dict(parsed)  # every field of PluginConfigIn, so a new one must have its Settings field
    values.update(review_every=Duration.parse(parsed.review_every), due_soon=Duration.parse(parsed.due_soon),
                  rules=dict(parsed.rules), metrics_source=source)
    return Settings(**values)


def _inherit(data: dict[Any, Any], positions: Positions, path: Path, rel: str, root: Path, problems: Problems,
             depth: int = 0) -> tuple[dict[Any, Any], Positions]:
    """``INHERIT: base.yml`` as MkDocs reads it: the parent's settings, deep-merged under this file's."""
    parent_name = data.get("INHERIT")
    if not parent_name or depth > 10:
        return data, positions
    parent_path = (path.parent / str(parent_name)).resolve()
    line = positions.get(("INHERIT",)) or 1
    if not parent_path.is_file():
        problems.add(rel, line, f"INHERIT: '{parent_name}' does not exist", "fix the path; it is relative to this file")
        return data, positions
    parent, parent_positions = read_yaml(parent_path, _relative(parent_path, root), problems, config=True, empty={})
    if not isinstance(parent, dict):
        return data, positions
    parent, parent_positions = _inherit(parent, parent_positions, parent_path, _relative(parent_path, root), root,
                                        problems, depth + 1)
    return _merge(parent, data, parent_positions, positions), parent_positions


def _merge(base: dict[Any, Any], over: dict[Any, Any], into: Positions, over_positions: Positions,
           at: YamlPath = ()) -> dict[Any, Any]:
    """``over`` deep-merged onto ``base``; ``into`` (base's positions) takes over's for each value
    over sets: the lines of the file that wrote the value."""
    merged = dict(base)
    for key, value in over.items():
        if key == "INHERIT":
            continue
        here = (*at, key)
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value, into, over_positions, here)
            into.lines[here] = over_positions.lines.get(here, into.lines.get(here, 1))
            continue
        merged[key] = value
        for table, source in ((into.lines, over_positions.lines), (into.starts, over_positions.starts)):
            for path in [p for p in table if p[: len(here)] == here]:
                del table[path]
            table.update((p, line) for p, line in source.items() if p[: len(here)] == here)
        into.duplicates[:] = [d for d in into.duplicates if d[0][: len(here)] != here]
        into.duplicates.extend(d for d in over_positions.duplicates if d[0][: len(here)] == here)
    into.starts[at] = over_positions.starts.get(at, into.starts.get(at, 1))
    return merged


def _keep_unset_env(raw: dict[Any, Any], positions: Positions, path: Path) -> None:
    """``url: !ENV NAME`` with NAME unset reads as None, as MkDocs reads it; put the tag back as
    text so that the missing variable is reported by its name (``load/warehouse.resolve_url``)."""
    entry = raw.get("metrics_source")
    if not isinstance(entry, dict) or "url" not in entry or entry["url"] is not None:
        return
    line = positions.get(("metrics_source", "url"))
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    if line is not None and 0 < line <= len(lines):
        tag = re.search(r"!ENV\s+\[?\s*([A-Za-z_][A-Za-z0-9_]*)", lines[line - 1])
        if tag:
            entry["url"] = f"!ENV {tag.group(1)}"


def _source(parsed: PluginConfigIn, positions: Positions, plugin_line: int) -> SourceSettings | None:
    if parsed.metrics_source is None:
        return None
    found = parsed.metrics_source
    line = positions.get(("metrics_source",)) or plugin_line
    return SourceSettings(found.url, found.table, found.query, line, positions.under("metrics_source").children())


def _not_pages(data: Any) -> tuple[str, ...]:
    """Patterns of the Markdown files in the docs dir that are not manual pages: MkDocs'
    ``exclude_docs`` (never built) and the posts folder of each blog plugin (Material's
    ``blog``: ``blog_dir``/posts unless ``post_dir`` says otherwise)."""
    patterns: list[str] = []
    exclude = data.get("exclude_docs")
    if isinstance(exclude, str):
        patterns += [line.strip() for line in exclude.splitlines() if line.strip() and not line.strip().startswith("#")]
    plugins = data.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(item)), item[next(iter(item))]) if isinstance(item, dict) and item else (item, None)
        for item in (plugins if isinstance(plugins, list) else []))
    for name, options in entries:
        if str(name).split("/")[-1] != "blog":
            continue
        options = options if isinstance(options, dict) else {}
        blog_dir = str(options.get("blog_dir") or "blog").strip("/") or "."
        post_dir = posixpath.normpath(str(options.get("post_dir") or "{blog}/posts").replace("{blog}", blog_dir))
        post_dir = post_dir.strip("/")
        patterns.append(f"/{post_dir}/" if post_dir not in ("", ".") else "/*")
    return tuple(patterns)


def _check_rule_ids(rules: dict[Any, Any], positions: Positions, file: str, problems: Problems) -> None:
    for rule_id in list(rules):
        if Rule.get(rule_id) is None:
            near = suggest(str(rule_id), [rule.value for rule in Rule])
            problems.add(
                file,
                positions.get((rule_id,)),
                f"unknown rule '{rule_id}' in opsmanual settings",
                f"did you mean '{near}'?" if near else "see docs/RULES.md for rule ids",
            )
            del rules[rule_id]


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
