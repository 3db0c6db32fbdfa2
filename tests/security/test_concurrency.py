"""Commands that change the project run one at a time: concurrent writers never lose a change."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from .cli import OPSMANUAL


def _all(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    processes = [subprocess.Popen([OPSMANUAL, *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for c in commands]
    results = []
    for process, command in zip(processes, commands, strict=True):
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    return results


def test_concurrent_new_persona_keeps_every_entry(small: Path) -> None:
    for trial in range(3):
        ids = [f"p{trial}-{i}" for i in range(6)]
        results = _all([["new", "persona", i, str(small), "--name", i.upper(), "--owner", "ana"] for i in ids])
        assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
        personas = yaml.safe_load((small / "data" / "personas.yaml").read_text(encoding="utf-8"))
        assert set(ids) <= {p["id"] for p in personas}


def test_concurrent_ingest_merge_keeps_every_export(small: Path) -> None:
    exports = []
    for i, column in enumerate(["Leads", "MQLs", "SQLs", "Cost"]):
        export = small / f"export-{i}.csv"
        export.write_text(f"Channel,{column}\nwebinar,{i + 1}\npaid-social,{i + 10}\n", encoding="utf-8")
        exports.append(export)
    for trial in range(3):
        period = f"2027-0{trial + 1}"
        results = _all([["ingest", str(e), str(small), "--period", period, "--format", "generic", "--merge"]
                        for e in exports])
        assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
        header = (small / "data" / "snapshots" / f"{period}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert {"leads", "mqls", "sqls", "cost"} <= set(header.split(",")), header
