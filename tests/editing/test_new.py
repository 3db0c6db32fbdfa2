"""``opsmanual new``: valid scaffolds, appended byte for byte, never overwriting or reusing an id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.editing.errors import EditError
from generator.editing.scaffold import NewSpec, append_entry, plan_new
from generator.editing.sources import load_sources
from generator.rules.engine import judge

from .conftest import leftovers, loads, run

AS_OF = date(2026, 11, 20)  # pinned in the fixtures' mkdocs.yml


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- pages -----------------------------------------------------------------------------------


def test_new_page_writes_front_matter_and_h1(small: Path) -> None:
    result = run("new", "page", "playbooks/webinars", small, "--owner", "ana", "--title", "Webinar playbook")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Created {small.as_posix()}/manual/playbooks/webinars.md "
        "(owner ana, reviewed 2026-11-20, review every 90d)\n"
    )
    assert result.stderr == ""
    assert (small / "manual/playbooks/webinars.md").read_text(encoding="utf-8") == (
        "---\n"
        "title: Webinar playbook\n"
        "owner: ana\n"
        "reviewed: 2026-11-20\n"
        "review_every: 90d\n"
        "personas: []\n"
        "stages: []\n"
        "kpis: []\n"
        "---\n"
        "# Webinar playbook\n"
    )
    assert leftovers(small) == []


def test_a_new_page_loads_and_has_no_findings(small: Path) -> None:
    assert run("new", "page", "playbooks/webinars", small, "--owner", "ana").exit_code == 0
    project = loads(small)
    page = next(p for p in project.pages if p.path == "playbooks/webinars.md")
    assert (page.title, page.owner, page.reviewed, str(page.review_every)) == ("Webinars", "ana", AS_OF, "90d")
    findings = [f for f in judge(project, AS_OF).findings if f.subject == "playbooks/webinars.md"]
    assert findings == []


def test_new_page_title_is_quoted_when_yaml_needs_it(small: Path) -> None:
    assert run("new", "page", "lead-scoring", small, "--owner", "revops", "--title", "Scoring: v2 #1").exit_code == 0
    text = (small / "manual/lead-scoring.md").read_text(encoding="utf-8")
    assert "title: 'Scoring: v2 #1'\n" in text
    assert loads(small).pages[1].title == "Scoring: v2 #1"


def test_new_page_as_of_overrides_the_config(small: Path) -> None:
    assert run("new", "page", "x", small, "--owner", "ana", "--as-of", "2026-12-01").exit_code == 0
    assert "reviewed: 2026-12-01\n" in (small / "manual/x.md").read_text(encoding="utf-8")


def test_new_page_without_pinned_as_of_uses_today_and_the_default_cadence(folders: Path) -> None:
    config = folders / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      as_of: 2026-11-20\n", ""), encoding="utf-8")
    result = run("new", "page", "guide", folders, "--owner", "ana")
    assert result.exit_code == 0, result.output
    text = (folders / "manual/guide.md").read_text(encoding="utf-8")
    assert f"reviewed: {date.today().isoformat()}\n" in text
    assert "review_every: 180d\n" in text  # the built-in default when the config sets none


def test_new_page_without_owner_says_so(small: Path) -> None:
    result = run("new", "page", "draft", small)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        "No --owner given: set owner: before opening a pull request (missing-owner flags it)."
    )
    assert "owner:\n" in (small / "manual/draft.md").read_text(encoding="utf-8")
    loads(small)


def test_new_page_mentions_the_nav(small: Path) -> None:
    config = small / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - index.md\n", encoding="utf-8")
    result = run("new", "page", "playbooks/seo", small, "--owner", "ana")
    assert result.stdout.splitlines()[-1] == "mkdocs.yml has a nav: add playbooks/seo.md to it to list the page."


def test_new_page_accepts_a_trailing_md(small: Path) -> None:
    assert run("new", "page", "playbooks/seo.md", small, "--owner", "ana").exit_code == 0
    assert (small / "manual/playbooks/seo.md").is_file()


def test_new_page_refuses_to_overwrite(small: Path) -> None:
    before = snapshot(small)
    result = run("new", "page", "processes/nurture", small, "--owner", "ana")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: manual/processes/nurture.md already exists; nothing was written (pick another id, or edit that page)\n"
    )
    assert snapshot(small) == before


@pytest.mark.parametrize(
    ("page_id", "message"),
    [
        ("Playbooks/Webinars", "'Playbooks' is not a valid page id part"),
        ("playbooks/My page", "'My page' is not a valid page id part"),
        ("../outside", "'../outside' is not a page id"),
        ("/abs/page", "'/abs/page' is not a page id"),
        ("playbooks//x", "'playbooks//x' is not a page id"),
        ("health/summary", "'health/summary' would clash with the generated health/ pages"),
        ("owners", "'owners' would clash with the generated owners/ pages"),
    ],
)
def test_new_page_refuses_bad_ids(small: Path, page_id: str, message: str) -> None:
    before = snapshot(small)
    result = run("new", "page", page_id, small, "--owner", "ana")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}")
    assert "Traceback" not in result.output
    assert snapshot(small) == before


def test_bad_id_suggests_a_slug(small: Path) -> None:
    result = run("new", "persona", "IT Director", small)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: 'IT Director' is not a valid id: use lowercase letters, digits, '.', '_' and '-', starting with a "
        "letter or digit (did you mean 'it-director'?)\n"
    )


def test_unknown_owner_is_refused_with_a_suggestion(small: Path) -> None:
    before = snapshot(small)
    result = run("new", "page", "x", small, "--owner", "anna")
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown owner 'anna': it is not in data/people.yaml (did you mean 'ana'?)\n"
    assert snapshot(small) == before


def test_unknown_owner_without_a_near_match_points_to_new_person(small: Path) -> None:
    result = run("new", "channel", "events", small, "--owner", "zoltan")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown owner 'zoltan': it is not in data/people.yaml (add it with: opsmanual new person zoltan)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["person", "dana", "--owner", "ana"], "Error: --owner does not apply to a person"),
        (["page", "x", "--email", "x@y.example"], "Error: --email, --git and --team apply to a person only"),
        (["persona", "x", "--team"], "Error: --email, --git and --team apply to a person only"),
        (["page", "x", "--title", "A", "--name", "B"], "Error: give --title or --name, not both"),
        (["page", "x", "--title", "  "], "Error: the title or name is empty"),
        (["widget", "x"], "Invalid value for '{page|persona|channel|content|person}'"),
    ],
)
def test_usage_errors_exit_2(small: Path, args: list[str], message: str) -> None:
    result = run("new", args[0], args[1], small, *args[2:])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_a_project_that_cannot_be_read_is_reported(small: Path) -> None:
    (small / "data/people.yaml").write_text("- id: ana\n  nam: Ana\n", encoding="utf-8")
    result = run("new", "page", "x", small, "--owner", "ana")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: data/people.yaml:1: missing required key 'name' in a people entry (add it)\n"
        "Error: data/people.yaml:2: unknown key 'nam' in a people entry (did you mean 'name'?)\n"
        "2 problems in the input; nothing was written.\n"
    )
    assert not (small / "manual/x.md").exists()


# --- catalog entries (single file) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "entity_id", "options", "file", "appended"),
    [
        ("persona", "msp-owner", ["--name", "MSP Owner", "--owner", "ana"], "data/personas.yaml",
         "- id: msp-owner\n  name: MSP Owner\n  owner: ana\n  summary:\n  pains: []\n  goals: []\n  channels: []\n"),
        ("channel", "podcast", ["--owner", "revops"], "data/channels.yaml",
         "- id: podcast\n  name: Podcast\n  owner: revops\n  kpis: []\n"),
        ("content", "eb-guide", ["--title", "The guide", "--owner", "ana"], "data/content.yaml",
         "- id: eb-guide\n  title: The guide\n  owner: ana\n  status: draft\n  personas: []\n  stage:\n"
         "  channels: []\n"),
        ("person", "dana-kim", ["--email", "dana@small.example", "--git", "dkim"], "data/people.yaml",
         "- id: dana-kim\n  name: Dana Kim\n  kind: person\n  email: dana@small.example\n  git: dkim\n"),
        ("person", "field", ["--name", "Field marketing", "--team", "--git", "small/field"], "data/people.yaml",
         "- id: field\n  name: Field marketing\n  kind: team\n  git: small/field\n"),
    ],
)
def test_new_entry_is_appended_byte_for_byte(small: Path, kind: str, entity_id: str, options: list[str], file: str,
                                             appended: str) -> None:
    path = small / file
    before = path.read_bytes()
    lines_before = before.count(b"\n")
    result = run("new", kind, entity_id, small, *options)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Added {kind} '{entity_id}' to {small.as_posix()}/{file} at line {lines_before + 1}\n"
    )
    assert path.read_bytes() == before + appended.encode("utf-8")
    project = loads(small)
    catalog = {"persona": project.catalogs.personas, "channel": project.catalogs.channels,
               "content": project.catalogs.content, "person": project.catalogs.people}[kind]
    assert entity_id in catalog
    assert catalog[entity_id].source.line == lines_before + 1
    assert leftovers(small) == []


@pytest.mark.parametrize(
    ("kind", "entity_id", "where"),
    [
        ("persona", "cfo", "data/personas.yaml:4"),
        ("channel", "webinar", "data/channels.yaml:1"),
        ("content", "roi-calculator", "data/content.yaml:9"),
        ("person", "ana", "data/people.yaml:6"),
    ],
)
def test_an_existing_id_is_refused(small: Path, kind: str, entity_id: str, where: str) -> None:
    before = snapshot(small)
    result = run("new", kind, entity_id, small)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {kind} '{entity_id}' already exists ({where}); nothing was written (pick another id)\n"
    assert snapshot(small) == before


def test_the_new_content_asset_is_a_draft_without_findings_of_its_own(small: Path) -> None:
    assert run("new", "content", "eb-guide", small, "--owner", "ana").exit_code == 0
    findings = [f for f in judge(loads(small), AS_OF).findings if f.subject == "content/eb-guide"]
    assert findings == []


def test_entries_separated_by_blank_lines_stay_so(small: Path) -> None:
    path = small / "data/personas.yaml"
    path.write_text("# Personas.\n\n- id: it-director\n  name: IT Director\n\n- id: cfo\n  name: CFO\n",
                    encoding="utf-8")
    assert run("new", "persona", "ciso", small, "--name", "CISO").exit_code == 0
    assert path.read_text(encoding="utf-8").endswith("  name: CFO\n\n- id: ciso\n  name: CISO\n  owner:\n"
                                                     "  summary:\n  pains: []\n  goals: []\n  channels: []\n")
    assert list(loads(small).catalogs.personas) == ["it-director", "cfo", "ciso"]


def test_crlf_and_bom_are_kept(small: Path) -> None:
    path = small / "data/stages.yaml"
    original = b"\xef\xbb\xbf# Journey stages\r\n- id: awareness\r\n  name: Awareness\r\n- id: decision\r\n  name: Decision"
    path.write_bytes(original)  # no newline at the end, either
    people = small / "data/people.yaml"
    people.write_bytes(b"\xef\xbb\xbf" + people.read_bytes().replace(b"\n", b"\r\n"))
    before = people.read_bytes()
    result = run("new", "person", "dana", small, "--name", "Dana")
    assert result.exit_code == 0, result.output
    assert people.read_bytes() == before + b"- id: dana\r\n  name: Dana\r\n  kind: person\r\n"
    assert list(loads(small).catalogs.people) == ["revops", "ana", "dana"]
    assert path.read_bytes() == original


def test_a_catalog_without_a_final_newline_gets_one_before_the_entry() -> None:
    data, line = append_entry(b"- id: a\n  name: A", "stages", {"id": "b", "name": "B"}, "data/stages.yaml")
    assert data == b"- id: a\n  name: A\n- id: b\n  name: B\n"
    assert line == 3


def test_a_catalog_under_its_own_key_keeps_its_indentation() -> None:
    raw = b"personas:\n  - id: a\n    name: A\n"
    data, line = append_entry(raw, "personas", {"id": "b", "name": "B"}, "data/personas.yaml")
    assert data == raw + b"  - id: b\n    name: B\n"
    assert line == 4


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"personas:\n  - id: a\n    name: A\nversion: 2\n", "its list of entries does not end the file"),
        (b"- {id: a, name: A}\n", None),  # block list of flow mappings: fine
        (b"[{id: a, name: A}]\n", "written in flow style"),
        (b"[]\n", "its list is empty and written in flow style"),
        (b"id: a\nname: A\n", "is not a list of entries"),
        (b"- id: a\n  name: [\n", "YAML syntax error"),
    ],
)
def test_appending_refuses_what_it_cannot_do_safely(raw: bytes, message: str | None) -> None:
    entry = {"id": "b", "name": "B"}
    if message is None:
        data, _ = append_entry(raw, "personas", entry, "data/personas.yaml")
        assert data == raw + b"- id: b\n  name: B\n"
        return
    with pytest.raises(EditError) as info:
        append_entry(raw, "personas", entry, "data/personas.yaml")
    assert message in str(info.value)


def test_an_empty_or_comment_only_catalog_gets_its_first_entry() -> None:
    data, line = append_entry(b"# No stages yet.\n", "stages", {"id": "a", "name": "A"}, "data/stages.yaml")
    assert data == b"# No stages yet.\n- id: a\n  name: A\n"
    assert line == 2


def test_a_refused_append_exits_2_and_writes_nothing(small: Path) -> None:
    path = small / "data/channels.yaml"
    path.write_text("[{id: webinar, name: Webinars, owner: ana}]\n", encoding="utf-8")
    before = snapshot(small)
    result = run("new", "channel", "podcast", small)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: cannot append to data/channels.yaml: its entries are written in flow style ([...]) "
        "(write them as a block list ('- id: ...') or add the entry by hand)\n"
    )
    assert snapshot(small) == before


# --- catalog entries (folders, and no catalog yet) -------------------------------------------


def test_a_folder_catalog_gets_a_new_file(folders: Path) -> None:
    result = run("new", "persona", "ciso", folders, "--name", "CISO", "--owner", "revops")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Created {folders.as_posix()}/data/personas/ciso.yaml (persona 'ciso')\n"
    assert (folders / "data/personas/ciso.yaml").read_text(encoding="utf-8") == (
        "name: CISO\nowner: revops\nsummary:\npains: []\ngoals: []\nchannels: []\n"
    )
    project = loads(folders)
    assert project.catalogs.personas["ciso"].owner == "revops"


def test_a_folder_catalog_checks_ids_declared_inside_other_files(folders: Path) -> None:
    before = snapshot(folders)
    result = run("new", "persona", "cfo", folders)  # cfo lives in chief-financial-officer.yaml
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: persona 'cfo' already exists (data/personas/chief-financial-officer.yaml:1); nothing was written "
        "(pick another id)\n"
    )
    assert snapshot(folders) == before


def test_a_folder_catalog_refuses_a_file_that_exists_under_another_id(folders: Path) -> None:
    (folders / "data/personas/ciso.yaml").write_text("id: security-lead\nname: Security lead\n", encoding="utf-8")
    result = run("new", "persona", "ciso", folders)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: data/personas/ciso.yaml already exists; nothing was written")


def test_a_missing_catalog_is_created_as_a_single_file(folders: Path) -> None:
    assert not (folders / "data/channels.yaml").exists()
    result = run("new", "channel", "webinar", folders, "--name", "Webinars", "--owner", "ana")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Created {folders.as_posix()}/data/channels.yaml (channel 'webinar')\n"
    assert (folders / "data/channels.yaml").read_text(encoding="utf-8") == (
        "- id: webinar\n  name: Webinars\n  owner: ana\n  kpis: []\n"
    )
    assert "webinar" in loads(folders).catalogs.channels


@pytest.mark.parametrize("kind", ["page", "persona", "channel", "content", "person"])
def test_every_kind_still_loads_in_both_layouts(copy_fixture, kind: str) -> None:
    for layout in ("small", "folders"):
        root = copy_fixture(layout)
        owner = [] if kind == "person" else ["--owner", "ana"]
        result = run("new", kind, "brand-new", root, *owner)
        assert result.exit_code == 0, result.output
        loads(root)


# --- the pure planner --------------------------------------------------------------------------


def test_plan_new_is_pure_until_written(small: Path) -> None:
    before = snapshot(small)
    plan = plan_new(load_sources(small), NewSpec("page", "a/b", owner="ana"), date(2027, 1, 2))
    assert (plan.rel, plan.create, plan.line) == ("manual/a/b.md", True, 1)
    assert b"reviewed: 2027-01-02\n" in plan.data
    assert snapshot(small) == before
