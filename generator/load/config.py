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
from .yamlfile import read_yaml
from .yamlio import LDict

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")  # ProperDocs reads both


def find_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    return None


def _plugin_entry(plugins: Any) -> tuple[Any, int] | None:
    """The opsmanual entry of ``plugins:`` (a list of names or mappings, or a mapping)."""
    if isinstance(plugins, list):
        for index, item in enumerate(plugins):
            line = plugins.lines[index] if hasattr(plugins, "lines") else 1
            if item == "opsmanual":
                return LDict(), line
            if isinstance(item, dict) and "opsmanual" in item:
                return item["opsmanual"] or LDict(), line
    elif isinstance(plugins, dict) and "opsmanual" in plugins:
        return plugins["opsmanual"] or LDict(), plugins.lines.get("opsmanual", 1)
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
    data = read_yaml(path, rel, problems, config=True, empty=LDict())
    if data is None:
        return None
    if not isinstance(data, dict):
        problems.add(rel, 1, "mkdocs.yml must be a mapping of settings")
        return None
    data = _inherit(data, path, rel, root, problems)
    entry = _plugin_entry(data.get("plugins"))
    plugin_line = entry[1] if entry else 1
    raw: Any = entry[0] if entry else LDict()
    if isinstance(raw, dict):
        _keep_unset_env(raw, path)
        for key in raw:
            if key == "rules" and isinstance(raw[key], dict):
                _check_rule_ids(raw[key], rel, problems)
    parsed = validate(PluginConfigIn, raw, file=rel, problems=problems, default_line=plugin_line, what="opsmanual settings")
    if parsed is None:
        return None
    settings = settings_from(parsed, _source(parsed, raw, plugin_line))
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


def _inherit(data: LDict, path: Path, rel: str, root: Path, problems: Problems, depth: int = 0) -> LDict:
    """``INHERIT: base.yml`` as MkDocs reads it: the parent's settings, deep-merged under this file's."""
    parent_name = data.get("INHERIT")
    if not parent_name or depth > 10:
        return data
    parent_path = (path.parent / str(parent_name)).resolve()
    line = data.lines.get("INHERIT", 1)
    if not parent_path.is_file():
        problems.add(rel, line, f"INHERIT: '{parent_name}' does not exist", "fix the path; it is relative to this file")
        return data
    parent = read_yaml(parent_path, _relative(parent_path, root), problems, config=True, empty=LDict())
    if not isinstance(parent, LDict):
        return data
    parent = _inherit(parent, parent_path, _relative(parent_path, root), root, problems, depth + 1)
    return _merge(parent, data)


def _merge(base: LDict, over: LDict) -> LDict:
    merged = LDict(base)
    merged.line, merged.lines = over.line, {**base.lines, **over.lines}
    for key, value in over.items():
        if key == "INHERIT":
            continue
        if isinstance(value, LDict) and isinstance(merged.get(key), LDict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _keep_unset_env(raw: LDict, path: Path) -> None:
    """``url: !ENV NAME`` with NAME unset reads as None, as MkDocs reads it; put the tag back as
    text so that the missing variable is reported by its name (``load/warehouse.resolve_url``)."""
    entry = raw.get("metrics_source")
    if not isinstance(entry, LDict) or "url" not in entry or entry["url"] is not None:
        return
    line = entry.lines.get("url")
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    if line is not None and 0 < line <= len(lines):
        tag = re.search(r"!ENV\s+\[?\s*([A-Za-z_][A-Za-z0-9_]*)", lines[line - 1])
        if tag:
            entry["url"] = f"!ENV {tag.group(1)}"


def _source(parsed: PluginConfigIn, raw: Any, plugin_line: int) -> SourceSettings | None:
    if parsed.metrics_source is None:
        return None
    found = parsed.metrics_source
    line = raw.lines.get("metrics_source", plugin_line) if hasattr(raw, "lines") else plugin_line
    entry = raw.get("metrics_source")
    lines = dict(entry.lines) if hasattr(entry, "lines") else {}
    return SourceSettings(found.url, found.table, found.query, line, lines)


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


def _check_rule_ids(rules: Any, file: str, problems: Problems) -> None:
    for rule_id in list(rules):
        if Rule.get(rule_id) is None:
            near = suggest(str(rule_id), [rule.value for rule in Rule])
            problems.add(
                file,
                rules.lines.get(rule_id) if hasattr(rules, "lines") else None,
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
