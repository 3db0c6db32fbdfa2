"""Time `opsmanual build` of the enterprise project with each engine, and opsmanual's own share.

    python benchmarks/bench_build.py [--project DIR] [--repeat 3] [--engines mkdocs,zensical]

Each run is a fresh child process that builds into a temporary folder and reports:
  total      the whole build_site() + prepare() wall time
  core       prepare(): load, judge and render every status block and generated page
  adapter    time inside opsmanual's engine hooks (decorating page sources)
  engine     the rest: MkDocs + Material (or Zensical) doing their own work
The share of opsmanual's own code is (core + adapter) / total; the target is under 20% of an
MkDocs build. Medians over --repeat runs, runs alternating between engines.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, shutil, sys, tempfile, time
from pathlib import Path
from generator.engines import source
from generator.engines.build import build_site
from generator.pipeline import prepare

project, engine = Path(sys.argv[1]), sys.argv[2]
spent = [0.0]
original = source.decorate
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return original(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - start
source.decorate = timed
import generator.engines.mkdocs_plugin as plugin, generator.engines.zensical_tree as tree
plugin.decorate = timed
tree.decorate = timed
out = Path(tempfile.mkdtemp(prefix="opsmanual-bench-")) / "site"
t0 = time.perf_counter()
prepared = prepare(project)
t1 = time.perf_counter()
build_site(prepared, engine=engine, site_dir=out)
t2 = time.perf_counter()
pages = sum(1 for _ in out.rglob("*.html"))
shutil.rmtree(out.parent)
print(json.dumps({"total": t2 - t0, "core": t1 - t0, "adapter": spent[0], "engine": t2 - t1 - spent[0], "html": pages}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=HERE / ".cache" / "enterprise")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="mkdocs,zensical")
    parser.add_argument("--results", type=Path, default=HERE / "results" / "build.json")
    args = parser.parse_args()
    if not (args.project / "mkdocs.yml").is_file():
        print(f"bench: {args.project} has no mkdocs.yml; run benchmarks/bench_check.py first to generate it",
              file=sys.stderr)
        return 2
    engines = args.engines.split(",")
    runs: dict[str, list[dict]] = {e: [] for e in engines}
    for index in range(args.repeat):
        for engine in engines if index % 2 == 0 else reversed(engines):
            proc = subprocess.run([sys.executable, "-c", CHILD, str(args.project), engine],
                                  capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                print(proc.stderr[-2000:], file=sys.stderr)
                return 2
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            runs[engine].append(result)
            print(f"bench: run {index + 1}/{args.repeat} {engine:<9} {result['total']:.2f} s", file=sys.stderr)
    summary = {}
    print(f"\n{'engine':<10}{'total s':>9}{'core s':>9}{'adapter s':>11}{'engine s':>10}{'own share':>11}{'html':>7}")
    for engine, items in runs.items():
        med = {k: statistics.median(r[k] for r in items) for k in ("total", "core", "adapter", "engine")}
        share = (med["core"] + med["adapter"]) / med["total"]
        summary[engine] = {**{k: round(v, 3) for k, v in med.items()}, "own_share": round(share, 4),
                           "html_pages": items[0]["html"], "runs": items}
        print(f"{engine:<10}{med['total']:>9.2f}{med['core']:>9.2f}{med['adapter']:>11.2f}{med['engine']:>10.2f}"
              f"{share:>10.1%}{items[0]['html']:>7}")
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps({"project": str(args.project), "repeat": args.repeat, "engines": summary},
                                       indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
