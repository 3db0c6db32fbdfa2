"""Re-read a written project and check it on its own: every entry and front matter block against
the product's input schema, every reference, target, rule id, snapshot file name and page link.
A quick independent pass, not a substitute for ``opsmanual check``; it also prints a rough
expectation of stale reviews and missed targets."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import numpy as np
import yaml

from generator.load.pages import split_front_matter
from generator.load.schema import CATALOG_SCHEMAS, FrontMatterIn, MetricCatalogIn, PluginConfigIn
from generator.model.dates import Duration, is_period
from generator.model.formula import Formula
from generator.model.kpis import Target
from generator.rules.registry import RULES

from .kpis import BETTER, metric_values
from .vocab import MEASURE_NAMES

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CATALOG_OF = {"channel": "channels", "content": "content", "persona": "personas", "stage": "stages"}
LINK = re.compile(r"\]\(([^)]+\.md)\)")


def _invalid(model: type, data: object, label: str, errs: list[str]) -> bool:
    try:
        model.model_validate(data)
    except ValueError as exc:
        first = exc.errors()[0] if hasattr(exc, "errors") else {"loc": (), "msg": str(exc)}
        errs.append(f"{label}: {'.'.join(str(x) for x in first['loc'])}: {first['msg']}")
        return True
    return False


class Checker:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.errs: list[str] = []
        self.ids: dict[str, set[str]] = {}
        self.regions: set[str] = set()
        self.metric_ids: set[str] = set()

    def load(self, rel: str):
        return yaml.load((self.out / rel).read_text(), Loader=Loader)

    def ref(self, kind: str, value, where: str) -> None:
        for x in value if isinstance(value, list) else [value]:
            if x not in self.ids[kind]:
                self.errs.append(f"{where}: unknown {kind} id {x!r}")

    def catalogs(self) -> dict[str, list[dict]]:
        cats = {}
        for name, model in CATALOG_SCHEMAS.items():
            items = self.load(f"data/{name}.yaml")
            if not isinstance(items, list):
                self.errs.append(f"{name}.yaml: not a list")
                items = []
            for e in items:
                _invalid(model, e, f"{name}.yaml {e.get('id')}", self.errs)
            ids = [e.get("id") for e in items]
            if len(set(ids)) != len(ids):
                self.errs.append(f"{name}.yaml: duplicate ids")
            cats[name] = items
            self.ids[name] = set(ids)
        mcat = self.load("data/metrics.yaml")
        if not _invalid(MetricCatalogIn, mcat, "metrics.yaml", self.errs):
            measures = frozenset(mcat.get("measures") or {})
            self.metric_ids = set(measures) | set(mcat.get("metrics") or {})
            for k, v in (mcat.get("metrics") or {}).items():
                try:
                    Formula.parse(v["formula"], measures)
                except ValueError as exc:
                    self.errs.append(f"metrics.yaml {k}: {exc}")
        return cats

    def kpis(self, kpis, where_allowed: bool, label: str) -> None:
        for k in kpis or []:
            if k.get("metric") not in self.metric_ids:
                self.errs.append(f"{label}: unknown metric {k.get('metric')!r}")
            if "target" in k:
                try:
                    Target.parse(k["target"])
                except ValueError as exc:
                    self.errs.append(f"{label}: {exc}")
            w = k.get("where") or {}
            if w and not where_allowed:
                self.errs.append(f"{label}: where on an entity KPI")
            for dim, v in w.items():
                if dim == "region":
                    for x in v if isinstance(v, list) else [v]:
                        if x not in self.regions:
                            self.errs.append(f"{label}: region {x!r} not in any snapshot")
                elif dim in CATALOG_OF:
                    self.ref(CATALOG_OF[dim], v, label)
                else:
                    self.errs.append(f"{label}: unexpected where dimension {dim}")

    def waivers(self, ws, label: str) -> None:
        for w in ws or []:
            if w.get("rule") not in RULES:
                self.errs.append(f"{label}: unknown rule {w.get('rule')!r}")
            if "metric" in w and w["metric"] not in self.metric_ids:
                self.errs.append(f"{label}: waiver metric unknown")

    def entities(self, cats: dict[str, list[dict]]) -> None:
        for e in cats["people"]:
            self.ref("people", e.get("members", []), f"people {e['id']} members")
        for e in cats["personas"]:
            if "owner" in e:
                self.ref("people", e["owner"], f"personas {e['id']}")
            self.ref("channels", e.get("channels", []), f"personas {e['id']}")
        for e in cats["channels"]:
            self.ref("people", e["owner"], f"channels {e['id']}")
            if not e.get("kpis"):
                self.errs.append(f"channels {e['id']}: no kpis")
            self.kpis(e.get("kpis"), False, f"channels {e['id']}")
            self.waivers(e.get("waive"), f"channels {e['id']}")
        for e in cats["content"]:
            label = f"content {e['id']}"
            self.ref("personas", e["personas"], label)
            self.ref("stages", e["stage"], label)
            self.ref("channels", e["channels"], label)
            self.ref("people", e["owner"], label)
            self.kpis(e.get("kpis"), False, label)
            self.waivers(e.get("waive"), label)

    def snapshots(self, measures: set[str]):
        import pandas as pd

        files = sorted((self.out / "data" / "snapshots").glob("*.csv"))
        seen: dict[str, set] = {dim: set() for dim in CATALOG_OF}
        nrows = ncells = nmissing = 0
        for f in files:
            df = pd.read_csv(f, dtype={"period": str})
            nrows += len(df)
            if not is_period(f.stem):
                self.errs.append(f"{f.name}: bad file name")
            if set(df["period"].unique()) != {f.stem}:
                self.errs.append(f"{f.name}: period column does not match")
            for col in df.columns:
                if col in measures:
                    if not pd.api.types.is_numeric_dtype(df[col]):
                        self.errs.append(f"{f.name}: measure {col} is not numeric")
                    ncells += len(df)
                    nmissing += int(df[col].isna().sum())
            for dim in seen:
                if df[dim].isna().any():
                    self.errs.append(f"{f.name}: empty {dim} cells")
                seen[dim] |= set(df[dim].dropna().unique())
            self.regions |= set(df["region"].dropna().unique())
        for dim, values in seen.items():
            bad = values - self.ids[CATALOG_OF[dim]]
            if bad:
                self.errs.append(f"snapshots: unknown {dim} ids {sorted(bad)[:5]}")
        last = pd.read_csv(files[-1], dtype={"period": str}) if files else None
        return files, nrows, nmissing / max(1, ncells), last

    def pages(self) -> list[tuple[Path, dict | None, int]]:
        out = []
        for f in sorted((self.out / "manual").rglob("*.md")):
            text = f.read_text()
            label = str(f.relative_to(self.out))
            try:
                front, _, _ = split_front_matter(text)
            except ValueError as exc:
                self.errs.append(f"{label}: {exc}")
                continue
            fm = None if front is None else (yaml.load(front, Loader=Loader) or {})
            out.append((f, fm, len(text.encode())))
            for link in LINK.findall(text):
                if not (f.parent / link).resolve().exists():
                    self.errs.append(f"{label}: broken link {link}")
            if fm is None or _invalid(FrontMatterIn, fm, label, self.errs):
                continue
            for kind in ("personas", "stages", "channels"):
                self.ref(kind, fm.get(kind, []), label)
            if "owner" in fm:
                self.ref("people", fm["owner"], label)
            self.kpis(fm.get("kpis"), True, label)
            self.waivers(fm.get("waive"), label)
        return out


def expectations(pages, last, settings: PluginConfigIn) -> tuple[int, int, int, int]:
    """(stale reviews, pages with front matter, page KPIs missing their target in the newest period, KPIs)."""
    n_kpis = n_missed = n_stale = n_fm = 0
    for _, fm, _ in pages:
        if fm is None:
            continue
        n_fm += 1
        if "reviewed" in fm:
            every = Duration.parse(str(fm.get("review_every", settings.review_every)))
            n_stale += every.after(fm["reviewed"]) < settings.as_of
        for k in fm.get("kpis") or []:
            n_kpis += 1
            if "target" not in k or last is None:
                continue
            sel = last
            for dim, v in (k.get("where") or {}).items():
                sel = sel[sel[dim].isin(v if isinstance(v, list) else [v])]
            sums = {m: np.array([sel[m].sum() if sel[m].notna().any() else np.nan]) for m in MEASURE_NAMES}
            value = float(metric_values(k["metric"], sums)[0])
            target = Target.parse(k["target"], better_higher=BETTER[k["metric"]] == "higher")
            n_missed += int(value == value and not target.met_by(value))
    return n_stale, n_fm, n_missed, n_kpis


def verify(out: Path) -> list[str]:
    c = Checker(out)
    cats = c.catalogs()
    files, nrows, missing, last = c.snapshots(c.metric_ids & set(MEASURE_NAMES))
    c.entities(cats)
    pages = c.pages()
    mk = c.load("mkdocs.yml")
    if mk.get("docs_dir") != "manual":
        c.errs.append("mkdocs.yml: docs_dir")
    plugin = next((p["opsmanual"] for p in mk.get("plugins", []) if isinstance(p, dict) and "opsmanual" in p), {})
    settings = PluginConfigIn.model_validate(plugin)
    if settings.as_of is None:
        c.errs.append("mkdocs.yml: as_of is not pinned")
        settings = settings.model_copy(update={"as_of": dt.date.today()})
    n_stale, n_fm, n_missed, n_kpis = expectations(pages, last, settings)
    print(
        f"verify: expect roughly {n_stale} stale reviews of {n_fm} pages with front matter, "
        f"{n_missed} of {n_kpis} page KPIs missing target in the newest period",
        file=sys.stderr,
    )
    sizes = [size for _, _, size in pages] or [0]
    print(
        f"verify: {len(pages)} pages ({min(sizes)}..{max(sizes)} bytes, total {sum(sizes) / 1e6:.1f} MB), "
        f"{len(files)} snapshot files, {nrows} rows, {missing:.2%} of measure cells empty, "
        f"{sum(len(v) for v in cats.values())} catalog entries, {len(c.regions)} regions",
        file=sys.stderr,
    )
    return c.errs
