"""The JSON report of the brief: ``{"as_of", "findings": [...], "counts": {...}}``."""

from __future__ import annotations

import json

from ..model.findings import Severity
from ..rules.engine import Judgement


def report_dict(judgement: Judgement) -> dict[str, object]:
    report: dict[str, object] = {
        "as_of": judgement.as_of.isoformat(),
        "findings": [f.to_dict() for f in judgement.findings],
        "counts": judgement.counts(),
        "waived": [f.to_dict() for f in judgement.waived],
    }
    if judgement.changed_files is not None:
        report["changed_files"] = list(judgement.changed_files)
    return report


def render_json(judgement: Judgement, fail_on: Severity | None = None, color: bool = False) -> str:
    return json.dumps(report_dict(judgement), indent=2, sort_keys=False, ensure_ascii=False) + "\n"
