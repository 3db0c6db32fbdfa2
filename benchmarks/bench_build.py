#!/usr/bin/env python3
"""Time `opsmanual build` against the bare engine building the same pages, in one run.

    python benchmarks/bench_build.py [--project DIR] [--repeat 3] [--engines mkdocs,zensical]
                                     [--target-ratio 1.3] [--max-rss-mb 1000]

For each engine, two sides run alternately (ABBA), each a fresh child process into a temporary
folder:

  bare       the engine alone (`mkdocs build` / `zensical build`) on the project's mkdocs.yml
             with the opsmanual plugin removed: the same manual pages, the same theme and
             features (navigation.prune as the generated project sets it), no judging, no
             status blocks, no generated pages
  opsmanual  the whole `opsmanual build DIR --engine E` process: load, judge, render every
             generated page and status block, and the engine's build of all of it

Reported per engine: median wall time of each side, the ratio of the medians (opsmanual / bare),
the same ratio of median CPU time (user + system: steadier than wall time on a shared machine) and
the peak RSS of each side (os.wait4 of that child). Results: benchmarks/results/build.json.
Exit status: 0; 1 when --target-ratio or --max-rss-mb is given and missed; 2 when a build fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import run_child, summarise  # noqa: E402

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def bare_config(project: Path, engine: str, folder: Path) -> Path:
    """The project's mkdocs.yml without the opsmanual plugin, written into ``folder`` beside a copy of the pages."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [p for p in config.get("plugins", []) if not (p == "opsmanual" or (isinstance(p, dict) and "opsmanual" in p))]
    config["plugins"] = plugins
    # Zensical wants docs_dir inside the config's folder (a symlink is resolved): the pages are
    # copied there before the timed build.
    shutil.copytree(project / config.get("docs_dir", "docs"), folder / "docs")
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def command(side: str, engine: str, project: Path, folder: Path) -> list[str]:
    if side == "bare":
        config = bare_config(project, engine, folder)
        if engine == "zensical":
            return [str(BIN / "zensical"), "build", "-f", str(config)]
        return [str(BIN / engine), "build", "-q", "-f", str(config), "-d", str(folder / "site")]
    return [str(BIN / "opsmanual"), "build", str(project), "--engine", engine, "-d", str(folder / "site")]


def measure(side: str, engine: str, project: Path) -> dict:
    folder = Path(tempfile.mkdtemp(prefix=f"opsmanual-bench-{side}-"))
    try:
        result = run_child(command(side, engine, project, folder))
        result["html"] = sum(1 for _ in (folder / "site").rglob("*.html")) if (folder / "site").is_dir() else 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=HERE / ".cache" / "enterprise")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", default="mkdocs,zensical")
    parser.add_argument("--target-ratio", type=float, default=None)
    parser.add_argument("--max-rss-mb", type=float, default=None)
    parser.add_argument("--results", type=Path, default=HERE / "results" / "build.json")
    args = parser.parse_args()
    if not (args.project / "mkdocs.yml").is_file():
        print(f"bench: {args.project} has no mkdocs.yml; run benchmarks/bench_check.py first to generate it",
              file=sys.stderr)
        return 2
    engines = args.engines.split(",")
    runs: dict[str, dict[str, list[dict]]] = {e: {"bare": [], "opsmanual": []} for e in engines}
    for index in range(args.repeat):
        for engine in engines:
            sides = ("bare", "opsmanual") if index % 2 == 0 else ("opsmanual", "bare")
            for side in sides:
                result = measure(side, engine, args.project)
                if result["rc"] != 0:
                    print(result["stderr"].decode(errors="replace")[-2000:], file=sys.stderr)
                    print(f"bench: {side} build with {engine} failed (exit {result['rc']})", file=sys.stderr)
                    return 2
                runs[engine][side].append(result)
                print(f"bench: run {index + 1}/{args.repeat} {engine:<9} {side:<9} {result['wall']:.2f} s "
                      f"{result['rss_mb']:.0f} MB", file=sys.stderr)
    summary: dict[str, dict] = {}
    missed = False
    print(f"\n{'engine':<10}{'bare s':>9}{'opsmanual s':>13}{'ratio':>8}{'cpu ratio':>11}{'bare MB':>9}"
          f"{'opsmanual MB':>14}{'html':>12}")
    for engine, sides in runs.items():
        bare, ops = summarise(sides["bare"]), summarise(sides["opsmanual"])
        ratio = ops["median_s"] / bare["median_s"]
        cpu_ratio = ops["cpu_s_median"] / bare["cpu_s_median"]
        missed |= args.target_ratio is not None and ratio > args.target_ratio
        missed |= args.max_rss_mb is not None and ops["peak_rss_mb"] > args.max_rss_mb
        html = f"{sides['bare'][0]['html']}/{sides['opsmanual'][0]['html']}"
        summary[engine] = {"bare": bare, "opsmanual": ops, "ratio": round(ratio, 3),
                           "cpu_ratio": round(cpu_ratio, 3),
                           "html_pages": {"bare": sides["bare"][0]["html"], "opsmanual": sides["opsmanual"][0]["html"]}}
        print(f"{engine:<10}{bare['median_s']:>9.2f}{ops['median_s']:>13.2f}{ratio:>7.2f}x{cpu_ratio:>10.2f}x"
              f"{bare['peak_rss_mb']:>9.0f}{ops['peak_rss_mb']:>14.0f}{html:>12}")
    args.results.parent.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}
    args.results.write_text(json.dumps({"project": str(args.project), "repeat": args.repeat, "machine": machine,
                                        "engines": summary}, indent=2) + "\n")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
