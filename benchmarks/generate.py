#!/usr/bin/env python3
"""Generate an enterprise-scale opsmanual project, for benchmarks.

    python benchmarks/generate.py OUT_DIR [--pages 1000 --assets 5000 --channels 40
                                           --periods 24 --rows 80000 --seed 1] [--force]
                                          [--verify]

Writes into OUT_DIR:

    mkdocs.yml                  docs_dir manual, Material theme, opsmanual plugin with a pinned as_of
    manual/**.md                ~--pages pages in a few dozen folders, with front matter
    data/people.yaml            60 owners (teams and people)
    data/personas.yaml          8 buyer personas
    data/stages.yaml            4 journey stages
    data/channels.yaml          --channels channels, each with KPIs
    data/content.yaml           --assets content assets, some with KPIs
    data/metrics.yaml           7 measures and 5 derived metrics
    data/snapshots/YYYY-MM.csv  --periods monthly files of --rows rows each

The output is a pure function of the parameters (same seed, same bytes). The data is valid per
docs/FORMATS.md (every entry is validated with the product's input schema before it is written)
but realistically imperfect, so that `opsmanual check` has findings: some stale or missing
reviews, KPIs below target or declining, expired content and waivers, one persona x stage
coverage gap, a few activity-only pages. The parts live in benchmarks/projectgen/.

`--verify` re-reads the written project and checks every reference and key (an independent,
quick pass; it does not replace `opsmanual check`).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.model.dates import is_period  # noqa: E402

DEFAULTS = {
    "pages": 1000,
    "assets": 5000,
    "channels": 40,
    "periods": 24,
    "rows": 80000,
    "seed": 1,
    "end_period": "2026-10",
}
GEN_PARAMS = ("pages", "assets", "channels", "periods", "rows", "seed")  # the size knobs, all ints
SOURCES = [Path(__file__).resolve(), *sorted((Path(__file__).resolve().parent / "projectgen").glob("*.py"))]


def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("out_dir", metavar="OUT_DIR")
    for name in GEN_PARAMS:
        ap.add_argument(f"--{name}", type=int, default=DEFAULTS[name],
                        help="rows per snapshot file" if name == "rows" else None)
    ap.add_argument("--end-period", default=DEFAULTS["end_period"], help="newest period, YYYY-MM")
    ap.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty OUT_DIR (replaces its mkdocs.yml, manual/ and data/)",
    )
    ap.add_argument("--verify", action="store_true", help="re-read the project and check references")
    ap.add_argument("--verify-only", action="store_true", help="only verify an existing OUT_DIR")
    a = ap.parse_args(argv)
    for k in ("pages", "assets", "channels", "periods", "rows"):
        if getattr(a, k) < 1:
            ap.error(f"--{k} must be at least 1")
    if a.periods < 4:
        ap.error("--periods must be at least 4")
    if not is_period(a.end_period):
        ap.error("--end-period must be YYYY-MM")
    return a


def main(argv=None) -> int:
    a = parse_args(argv)
    out = Path(a.out_dir)
    if a.verify_only:
        return report_verify(out)
    if out.exists() and not out.is_dir():
        print(f"generate: {out} exists and is not a directory", file=sys.stderr)
        return 2
    if out.exists() and any(out.iterdir()):
        if not a.force:
            print(f"generate: {out} is not empty; use --force to overwrite", file=sys.stderr)
            return 2
        for name in ("manual", "data"):
            if (out / name).is_dir():
                shutil.rmtree(out / name)
        if (out / "mkdocs.yml").exists():
            (out / "mkdocs.yml").unlink()
    out.mkdir(parents=True, exist_ok=True)
    from projectgen.build import generate

    stats = generate(a)
    print(
        f"generated {out} in {stats['seconds']} s (snapshots {stats['snapshot_seconds']} s): "
        f"{stats['pages']} pages ({stats['page_bytes'] / 1e6:.1f} MB), {stats['snapshot_files']} snapshots, "
        f"{stats['snapshot_rows']} rows ({stats['snapshot_bytes'] / 1e6:.1f} MB), as_of {stats['as_of']}",
        file=sys.stderr,
    )
    print(json.dumps(stats))
    return report_verify(out) if a.verify else 0


def report_verify(out: Path) -> int:
    from projectgen.verify import verify

    errs = verify(out)
    for e in errs[:50]:
        print(f"verify: {e}", file=sys.stderr)
    if errs:
        print(f"verify: {len(errs)} problems", file=sys.stderr)
        return 1
    print("verify: ok", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
