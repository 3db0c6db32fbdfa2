"""``opsmanual init``: start a manual, or add opsmanual to an existing MkDocs site.

In a folder without ``mkdocs.yml`` it plans the files of a new manual (``starter.py``); when the
folder already holds Markdown, ``docs_dir`` points at it and only the missing files are planned.
In a folder with ``mkdocs.yml`` it plans one edit: the ``- opsmanual`` line added to ``plugins:``,
as text, so that every other byte (comments, tags such as ``!ENV``, order) stays as it was.
Nothing that exists is ever overwritten; every plan is checked before it is returned.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from ..load.config import CONFIG_NAMES, _plugin_entry
from ..load.schema import slugify
from ..load.yamlblocks import append_items, find_key
from ..load.yamlio import YamlSyntaxError, parse_yaml
from . import starter
from .errors import EditError

LARGE = 200  # pages: from here on a new config turns on navigation.prune


@dataclass(frozen=True)
class NewFile:
    rel: str
    text: str


@dataclass
class InitPlan:
    root: Path
    config_rel: str
    existing_site: bool
    files: list[NewFile] = field(default_factory=list)
    config_text: str | None = None  # the new mkdocs.yml of an existing site
    diff: str = ""
    already: bool = False  # opsmanual is already in plugins: nothing to do
    docs_dir: str = "manual"
    prune_tip: bool = False  # a large Material site without navigation.prune


def add_plugin_line(text: str) -> str:
    """``text`` (an mkdocs.yml) with ``- opsmanual`` added to ``plugins:``; every other line kept.

    A block list gets the line after its last item, at the items' indent; a flow list
    (``plugins: [search, blog]``) gets ``, opsmanual``; a block mapping gets ``opsmanual: {}``. A
    config without ``plugins:`` gets one with ``search`` (MkDocs' default, which an explicit list
    would otherwise turn off) and ``opsmanual``.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    if find_key(text.splitlines(keepends=True), "plugins") is None:
        tail = "" if not text or text.endswith(("\n", "\r")) else newline
        return f"{text}{tail}plugins:{newline}  - search{newline}  - opsmanual{newline}"
    new = append_items(text, "plugins", ["opsmanual"])
    if new is None:
        raise EditError("plugins: in mkdocs.yml is neither a list nor a mapping", "add '- opsmanual' to it by hand")
    return new


def _count_pages(docs: Path) -> int:
    return sum(1 for p in docs.rglob("*.md") if not any(part.startswith(".") for part in p.relative_to(docs).parts))


def _markdown_folder(root: Path) -> str | None:
    """Where the Markdown of a folder without mkdocs.yml lives: docs/ or manual/ if they hold any, else
    the folder itself when it holds any."""
    for name in ("docs", "manual"):
        if (root / name).is_dir() and _count_pages(root / name):
            return name
    return "." if any(root.glob("*.md")) else None


def plan_init(root: Path, *, today: str, person: tuple[str, str | None] | None = None) -> InitPlan:
    """What ``init`` would do in ``root``; ``person`` is (name, e-mail) of the first owner."""
    config = next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)
    if config is not None:
        return _plan_existing(root, config)
    return _plan_new(root, today, person)


def _plan_existing(root: Path, config: Path) -> InitPlan:
    rel = config.name
    raw = config.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
        data = parse_yaml(text, config=True)[0]
    except (UnicodeDecodeError, YamlSyntaxError) as exc:
        raise EditError(f"{rel} cannot be read: {exc}", "fix it so that mkdocs build reads it, then run init again") \
            from None
    data = data if isinstance(data, dict) else {}
    docs_dir = str(data.get("docs_dir") or "docs")
    plan = InitPlan(root, rel, True, docs_dir=docs_dir)
    theme = data.get("theme")
    features = theme.get("features") if isinstance(theme, dict) else None
    material = isinstance(theme, dict) and theme.get("name") == "material"
    large = (root / docs_dir).is_dir() and _count_pages(root / docs_dir) >= LARGE
    plan.prune_tip = material and large and "navigation.prune" not in (features or [])
    if _plugin_entry(data.get("plugins")) is not None:
        plan.already = True
        return plan
    new_text = add_plugin_line(text)
    try:
        after = parse_yaml(new_text, config=True)[0]
    except YamlSyntaxError as exc:
        raise EditError(f"adding the plugin line would break {rel}: {exc.message}", "add '- opsmanual' by hand") \
            from None
    if not isinstance(after, dict) or _plugin_entry(after.get("plugins")) is None:
        raise EditError(f"could not add the plugin line to {rel}", "add '- opsmanual' under plugins: by hand")
    plan.config_text = ("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "") + new_text
    plan.diff = "".join(difflib.unified_diff(text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                                             f"a/{rel}", f"b/{rel}"))
    return plan


def _plan_new(root: Path, today: str, person: tuple[str, str | None] | None) -> InitPlan:
    name, email = person or ("Manual editor", None)
    person_id = slugify(name) or "editor"
    found = _markdown_folder(root) if root.is_dir() else None
    docs_dir = found or "manual"
    pages = _count_pages(root / docs_dir) if found else 0
    site_name = (root.resolve().name.replace("-", " ").replace("_", " ").strip() or "Operating manual").title()
    plan = InitPlan(root, "mkdocs.yml", False, docs_dir=docs_dir)
    files = [NewFile("mkdocs.yml", starter.mkdocs_yml(site_name, docs_dir, pages >= LARGE))]
    index = "index.md" if docs_dir == "." else f"{docs_dir}/index.md"
    if not (root / index).exists() and not (found and (root / docs_dir / "README.md").exists()):
        files.append(NewFile(index, starter.home_page(person_id, today)))
    files += [
        NewFile("data/people.yaml", starter.people_yaml(person_id, name, email)),
        NewFile("data/metrics.yaml", starter.METRICS_YAML),
        NewFile(".github/workflows/manual-check.yml", starter.check_workflow()),
        NewFile(".github/workflows/manual-publish.yml", starter.publish_workflow()),
        NewFile(".gitignore", starter.GITIGNORE),
    ]
    plan.files = [f for f in files if not (root / f.rel).exists()]
    return plan
