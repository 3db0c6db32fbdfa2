"""JUnit XML: one testcase per subject; a failure per finding at or above ``--fail-on``.

Findings below the threshold are listed in the testcase's ``system-out`` so CI shows them
without turning the test red.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..model.findings import Finding, Severity
from ..rules.engine import Judgement
from .plain import xml_text


def render_junit(judgement: Judgement, fail_on: Severity | None = Severity.ERROR, color: bool = False) -> str:
    by_subject: dict[tuple[str, str], list[Finding]] = {}
    for finding in judgement.findings:
        by_subject.setdefault((finding.file, finding.subject), []).append(finding)
    failures = sum(1 for f in judgement.findings if fail_on is not None and f.severity.at_least(fail_on))
    suite = ET.Element("testsuite", name="opsmanual", tests=str(len(by_subject)), failures=str(failures),
                       errors="0", skipped="0", timestamp=f"{judgement.as_of.isoformat()}T00:00:00")
    for (file, subject), findings in sorted(by_subject.items()):
        case = ET.SubElement(suite, "testcase", classname=xml_text(file), name=xml_text(subject), file=xml_text(file),
                             line=str(findings[0].line))
        out: list[str] = []
        for f in findings:
            text = xml_text(f"{f.file}:{f.line} {f.severity.label} {f.rule}: {f.message}")
            if fail_on is not None and f.severity.at_least(fail_on):
                failure = ET.SubElement(case, "failure", type=xml_text(f.rule), message=xml_text(f.message))
                failure.text = text
            else:
                out.append(text)
        if out:
            ET.SubElement(case, "system-out").text = "\n".join(out)
    root = ET.Element("testsuites", name="opsmanual", tests=suite.get("tests", "0"), failures=str(failures))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
