#!/usr/bin/env python3
"""Benchmark `opsmanual check` against a bare DuckDB scan of the same snapshots.

    python benchmarks/bench_check.py [--project DIR] [--repeat 3] [--warmup 1]
                                     [--target-ratio 3] [--max-rss-mb 1500]

Without --project, an enterprise-scale project is generated (benchmarks/generate.py, default
parameters) into benchmarks/.cache/enterprise and reused while its parameter stamp matches.

Measured, alternately in the same run so that both sides share the machine's noise:

  check  the whole `opsmanual check DIR --format json --fail-on never` process
  scan   a Python process that runs DuckDB's read_csv over data/snapshots/*.csv and one
         GROUP BY channel, period summing every measure

Each measurement is one fresh child process: wall time from spawn to exit, peak RSS from
os.wait4 (that child's own rusage). Reported: the median, min and max of each over --repeat
runs, the ratio of medians (check / scan) and the peak RSS of each. Results are also written
to benchmarks/results/check.json.

Exit status: 0; 1 if --target-ratio or --max-rss-mb is given and missed; 2 if the check cannot
run or reports unreadable input (exit code 2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GENERATE = HERE / "generate.py"
CACHE = HERE / ".cache"
RESULTS = HERE / "results" / "check.json"

sys.path.insert(0, str(HERE))
from generate import DEFAULTS, GEN_PARAMS, SOURCES  # noqa: E402  (the generator's defaults are the benchmark's)

SCAN_SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
import duckdb
glob, measures = sys.argv[1], json.loads(sys.argv[2])
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")  # its bar would go to stdout
sums = ", ".join(f'sum("{m}") AS "{m}"' for m in measures)
rows = con.execute(
    f"SELECT channel, period, count(*) AS n, {sums} "
    f"FROM read_csv(?, header = true) GROUP BY channel, period", [glob]).fetchall()
print(json.dumps({
    "groups": len(rows),
    "rows": sum(r[2] for r in rows),
    "threads": con.execute("SELECT current_setting('threads')").fetchone()[0],
    "duckdb": duckdb.__version__,
    "seconds_inside": round(time.perf_counter() - t0, 3),
}))
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Project
# --------------------------------------------------------------------------------------------


def generator_digest() -> str:
    """A hash of generate.py and benchmarks/projectgen/: a change to either regenerates the cache."""
    digest = hashlib.sha256()
    for path in SOURCES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_project(args) -> tuple[Path, dict | None]:
    """The project to measure; generated into the cache when needed. Returns (dir, generation stats)."""
    if args.project:
        p = Path(args.project).resolve()
        if not (p / "mkdocs.yml").is_file():
            log(f"bench: {p} has no mkdocs.yml")
            sys.exit(2)
        return p, None
    params = {k: getattr(args, k) for k in GEN_PARAMS}
    is_default = all(params[k] == DEFAULTS[k] for k in GEN_PARAMS)
    stamp = {"params": params, "end_period": DEFAULTS["end_period"], "generator": generator_digest()}
    name = (
        "enterprise"
        if is_default
        else "p-" + hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:10]
    )
    out = CACHE / name
    stamp_file = CACHE / f"{name}.stamp.json"
    if out.is_dir() and stamp_file.is_file():
        try:
            old = json.loads(stamp_file.read_text())
        except ValueError:
            old = None
        if old and {k: old.get(k) for k in stamp} == stamp:
            log(f"bench: reusing {out} (stamp matches)")
            return out, old.get("generation")
        log(f"bench: cached project {out} is out of date; regenerating")
    CACHE.mkdir(parents=True, exist_ok=True)
    stamp_file.unlink(missing_ok=True)
    cmd = [sys.executable, str(GENERATE), str(out), "--force"]
    for k in GEN_PARAMS:
        cmd += [f"--{k}", str(params[k])]
    log("bench: generating " + " ".join(cmd[1:]))
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        log(f"bench: generation failed (exit {proc.returncode})")
        sys.exit(2)
    gen = json.loads(proc.stdout.strip().splitlines()[-1])
    gen["wall_seconds"] = round(wall, 2)
    stamp_file.write_text(json.dumps({**stamp, "generation": gen}, indent=2) + "\n")
    return out, gen


def measures_of(project: Path) -> tuple[list[str], Path]:
    """The catalog's measure names and the snapshot folder."""
    import yaml

    cfg = yaml.safe_load((project / "mkdocs.yml").read_text()) or {}
    data_dir = "data"
    for p in cfg.get("plugins") or []:
        if isinstance(p, dict) and isinstance(p.get("opsmanual"), dict):
            data_dir = p["opsmanual"].get("data_dir", data_dir)
    cat = yaml.safe_load((project / data_dir / "metrics.yaml").read_text())
    return list(cat["measures"]), project / data_dir / "snapshots"


def project_size(project: Path, snaps: Path) -> dict:
    pages = list((project / "manual").rglob("*.md")) if (project / "manual").is_dir() else []
    csvs = sorted(snaps.glob("*.csv"))
    return {
        "pages": len(pages),
        "page_mb": round(sum(f.stat().st_size for f in pages) / 1e6, 1),
        "snapshot_files": len(csvs),
        "snapshot_mb": round(sum(f.stat().st_size for f in csvs) / 1e6, 1),
        "catalog_mb": round(sum(f.stat().st_size for f in (snaps.parent).glob("*.yaml")) / 1e6, 2),
    }


# --------------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------------


def run_child(cmd: list[str], cwd: Path | None = None) -> dict:
    """Run one child; wall time and its own peak RSS (os.wait4), stdout/stderr captured to files."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen consistent
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    rss_mb = ru.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return {
        "wall": wall,
        "rss_mb": rss_mb,
        "rc": proc.returncode,
        "user": ru.ru_utime,
        "sys": ru.ru_stime,
        "stdout": stdout,
        "stderr": stderr,
    }


def summarise(runs: list[dict]) -> dict:
    walls = [r["wall"] for r in runs]
    return {
        "median_s": round(statistics.median(walls), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "times_s": [round(w, 3) for w in walls],
        "cpu_s_median": round(statistics.median(r["user"] + r["sys"] for r in runs), 3),
        "peak_rss_mb": round(max(r["rss_mb"] for r in runs), 1),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--project", help="an existing manual project (default: generate one into the cache)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each side (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs of each side first (default 1)")
    ap.add_argument("--target-ratio", type=float, help="fail (exit 1) if check/scan median ratio exceeds this")
    ap.add_argument("--max-rss-mb", type=float, help="fail (exit 1) if the check's peak RSS exceeds this")
    ap.add_argument(
        "--results", default=str(RESULTS), help=f"JSON results file (default {RESULTS.relative_to(HERE.parent)})"
    )
    g = ap.add_argument_group("generated project (ignored with --project)")
    for k in GEN_PARAMS:
        g.add_argument(f"--{k}", type=int, default=DEFAULTS[k])
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0:
        ap.error("--repeat must be >= 1 and --warmup >= 0")

    opsmanual = Path(sys.executable).parent / "opsmanual"
    if not opsmanual.exists():
        log(f"bench: {opsmanual} not found (is the package installed in this environment?)")
        return 2

    project, generation = ensure_project(args)
    measures, snaps = measures_of(project)
    size = project_size(project, snaps)
    check_cmd = [str(opsmanual), "check", str(project), "--format", "json", "--fail-on", "never"]
    scan_cmd = [sys.executable, "-c", SCAN_SCRIPT, str(snaps / "*.csv"), json.dumps(measures)]

    def run_check():
        r = run_child(check_cmd)
        if r["rc"] != 0:
            log(f"bench: opsmanual check exited {r['rc']}:")
            log(r["stderr"].decode(errors="replace")[-4000:] or r["stdout"].decode(errors="replace")[:4000])
            sys.exit(2)
        return r

    def run_scan():
        r = run_child(scan_cmd)
        if r["rc"] != 0:
            log(f"bench: duckdb scan exited {r['rc']}:\n" + r["stderr"].decode(errors="replace")[-4000:])
            sys.exit(2)
        return r

    log(
        f"bench: project {project} ({size['pages']} pages, {size['snapshot_files']} snapshots, "
        f"{size['snapshot_mb']} MB CSV)"
    )
    for i in range(args.warmup):
        log(f"bench: warm-up {i + 1}/{args.warmup}")
        run_check()
        run_scan()
    checks, scans = [], []
    for i in range(args.repeat):
        # Alternate the order (ABBA...) so that neither side always runs on a warmer machine.
        order = (("check", run_check), ("scan", run_scan))
        if i % 2:
            order = order[::-1]
        for name, fn in order:
            r = fn()
            (checks if name == "check" else scans).append(r)
            log(f"bench: run {i + 1}/{args.repeat} {name:5s} {r['wall']:8.2f} s  {r['rss_mb']:7.1f} MB")

    report = json.loads(checks[-1]["stdout"])
    counts = report.get("counts", {})
    by_rule: dict[str, int] = {}
    for f in report.get("findings", []):
        by_rule[f.get("rule")] = by_rule.get(f.get("rule"), 0) + 1
    scan_out = json.loads(scans[-1]["stdout"])
    c, s = summarise(checks), summarise(scans)
    ratio = c["median_s"] / s["median_s"] if s["median_s"] > 0 else float("inf")

    failures = []
    if args.target_ratio is not None and ratio > args.target_ratio:
        failures.append(f"ratio {ratio:.2f} > target {args.target_ratio:g}")
    if args.max_rss_mb is not None and c["peak_rss_mb"] > args.max_rss_mb:
        failures.append(f"check peak RSS {c['peak_rss_mb']:.0f} MB > {args.max_rss_mb:g} MB")

    print()
    print(f"project: {project}")
    print(
        f"         {size['pages']} pages ({size['page_mb']} MB), {size['snapshot_files']} snapshot files "
        f"({size['snapshot_mb']} MB, {scan_out['rows']} rows), as measured over {args.repeat} runs "
        f"after {args.warmup} warm-up"
    )
    print()
    print(f"{'':24s}{'median s':>10s}{'min s':>9s}{'max s':>9s}{'cpu s':>9s}{'peak RSS MB':>13s}")
    for name, v in (("opsmanual check", c), (f"duckdb scan ({scan_out['threads']} thr)", s)):
        print(
            f"{name:24s}{v['median_s']:10.2f}{v['min_s']:9.2f}{v['max_s']:9.2f}{v['cpu_s_median']:9.2f}"
            f"{v['peak_rss_mb']:13.0f}"
        )
    print(f"{'ratio check / scan':24s}{ratio:10.2f}")
    print()
    print(
        f"findings: {len(report.get('findings', []))} "
        f"({', '.join(f'{k} {v}' for k, v in counts.items())}); "
        + ", ".join(f"{k} {v}" for k, v in sorted(by_rule.items(), key=lambda kv: -kv[1]))
    )
    if args.target_ratio is not None or args.max_rss_mb is not None:
        print(
            "targets: "
            + (
                "; ".join(failures)
                if failures
                else f"met (ratio <= {args.target_ratio}, check RSS <= {args.max_rss_mb} MB)"
            )
        )

    results = {
        "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "project": str(project),
        "project_size": size,
        "generation": generation,
        "repeat": args.repeat,
        "warmup": args.warmup,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "duckdb": scan_out.get("duckdb"),
            "duckdb_threads": scan_out.get("threads"),
        },
        "check": {
            **c,
            "command": check_cmd[1:],
            "counts": counts,
            "findings": len(report.get("findings", [])),
            "by_rule": by_rule,
        },
        "scan": {**s, "groups": scan_out["groups"], "rows": scan_out["rows"]},
        "ratio": round(ratio, 3),
        "targets": {"ratio": args.target_ratio, "max_rss_mb": args.max_rss_mb, "failures": failures},
    }
    out = Path(args.results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    log(f"bench: results written to {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
