"""A finding's subject is a Subject (kind and id) whose text is what reports have always written."""

from __future__ import annotations

import copy
import json
import pickle

from generator.model.subject import Subject, SubjectKind

from .builders import page


def test_text_kind_and_id():
    channel = Subject(SubjectKind.CHANNEL, "webinar")
    assert (channel, channel.kind, channel.id) == ("channel/webinar", SubjectKind.CHANNEL, "webinar")
    assert Subject(SubjectKind.PAGE, "processes/lead-handoff.md") == "processes/lead-handoff.md"
    assert json.dumps({"subject": channel}) == '{"subject": "channel/webinar"}'
    for again in (pickle.loads(pickle.dumps(channel)), copy.deepcopy(channel)):
        assert (again, again.kind, again.id) == (channel, channel.kind, channel.id)


def test_parse_reads_back_a_reports_text():
    assert Subject.parse("persona/cfo", is_page=False).kind is SubjectKind.PERSONA
    # a page in a folder named like a kind stays a page
    assert Subject.parse("channel/x.md", is_page=True) == Subject(SubjectKind.PAGE, "channel/x.md")
    assert Subject.parse("notes/x.md", is_page=False).kind is SubjectKind.PAGE


def test_every_finding_carries_a_subject_of_its_entity(check):
    files = {
        "manual/index.md": page("personas: [cfo]"),
        "data/personas.yaml": "- id: it\n  name: IT\n",
        "data/stages.yaml": "- id: decision\n  name: Decision\n",
    }
    judgement = check(files)
    kinds = {(f.rule.value, f.subject.kind, f.subject.id) for f in judgement.findings}
    assert ("coverage-gap", SubjectKind.PERSONA, "it") in kinds
    assert ("unknown-reference", SubjectKind.PAGE, "index.md") in kinds
    assert all(isinstance(f.subject, Subject) for f in judgement.findings)
