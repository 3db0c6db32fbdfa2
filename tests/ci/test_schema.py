"""``opsmanual schema``: the JSON Schemas accept the demo manual as editors read it, reject typos,
agree with the loader, and the VS Code settings are merged, never clobbered."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from generator.cli.main import cli
from generator.load.pages import split_front_matter
from generator.load.problems import InputError
from generator.load.project import load_project
from generator.rules.registry import RULES
from generator.schemas import build_schemas
from generator.vscode import merge_settings, strip_jsonc

from ..projects import FIXTURES, new_file_mode
from .conftest import ROOT, load_yaml12

CATALOGS = ("people", "personas", "stages", "channels", "content")
DEMO_PAGES = sorted((ROOT / "manual").rglob("*.md"))


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["schema", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The schemas as ``opsmanual schema`` writes them, for a project laid out like the demo."""
    project = tmp_path_factory.mktemp("schemas") / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = run(str(project))
    assert result.exit_code == 0, result.output
    folder = project / ".opsmanual" / "schemas"
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


def errors(schema: dict[str, Any], instance: object) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def reasons(schema: dict[str, Any], instance: object) -> list[str]:
    """Every message, including those under an anyOf that failed as a whole."""
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    pending, found = list(validator.iter_errors(instance)), []
    while pending:
        error = pending.pop()
        found.append(error.message)
        pending += error.context or []
    return found


def front_matter(text: str) -> object:
    block, _body, _line = split_front_matter(text)
    return load_yaml12(block) if block is not None else {}


def test_every_schema_is_valid_draft_2020_12(schemas):
    assert len(schemas) == 15
    for name, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        assert schema["title"] and schema["description"], name
        Draft202012Validator.check_schema(schema)


# Keywords that mean the same in draft-07, which the YAML language server behind VS Code implements.
PORTABLE = {"$schema", "$defs", "$ref", "title", "description", "type", "properties", "additionalProperties",
            "patternProperties", "required", "items", "enum", "anyOf", "pattern", "format", "minimum", "minLength",
            "default", "examples"}


def keywords(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(key)
            if key in ("properties", "patternProperties", "$defs"):
                for sub in value.values():
                    found |= keywords(sub)
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                found |= keywords(value)
            elif key == "anyOf":
                for sub in value:
                    found |= keywords(sub)
    return found


def test_schemas_use_only_keywords_draft_07_reads_the_same(schemas):
    for name, schema in schemas.items():
        assert keywords(schema) <= PORTABLE, (name, keywords(schema) - PORTABLE)


@pytest.mark.parametrize("catalog", CATALOGS)
def test_demo_catalogs_validate(schemas, catalog):
    data = load_yaml12((ROOT / "data" / f"{catalog}.yaml").read_text(encoding="utf-8"))
    assert data, catalog
    assert errors(schemas[f"{catalog}.schema.json"], data) == []


def test_demo_metric_catalog_and_config_validate(schemas):
    metrics = load_yaml12((ROOT / "data" / "metrics.yaml").read_text(encoding="utf-8"))
    assert errors(schemas["metrics.schema.json"], metrics) == []
    config = load_yaml12((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert errors(schemas["mkdocs.schema.json"], config) == []
    plugin = next(p["opsmanual"] for p in config["plugins"] if isinstance(p, dict) and "opsmanual" in p)
    assert errors(schemas["opsmanual-settings.schema.json"], plugin) == []


def test_demo_plan_validates_and_typos_fail(schemas):
    plan = load_yaml12((ROOT / "data" / "plan.yaml").read_text(encoding="utf-8"))
    schema = schemas["plan.schema.json"]
    assert errors(schema, plan) == []
    assert errors(schema, plan["plan"]) == []  # a bare list of entries
    assert errors(schema, [{"period": 2026, "channel": "seo", "results": {"sqls": 480}}]) == []
    assert reasons(schema, [{"period": "2026-Q5", "channel": "seo", "spend": 1}])
    assert "Additional properties are not allowed ('spnd' was unexpected)" in reasons(
        schema, [{"period": "2026-10", "channel": "seo", "spnd": 1}])
    grouped = {"2026-Q4": {"webinar": {"spend": 18000, "sqls": 60}, "seo": {"results": {"sqls": 40}}}}
    assert errors(schema, grouped) == []
    assert reasons(schema, {"2026-Q5": {"webinar": {"spend": 1}}})
    per_entry = {"plan": [{"period": "2026-Q4", "channels": {"webinar": {"spend": 18000, "sqls": 60}}}]}
    assert errors(schema, per_entry) == []
    assert reasons(schema, {"plan": [{"period": "2026-Q4", "channels": {"webinar": {"spend": "lots"}}}]})


def test_demo_has_pages():
    assert len(DEMO_PAGES) >= 30


@pytest.mark.parametrize("page", DEMO_PAGES, ids=lambda p: p.relative_to(ROOT / "manual").as_posix())
def test_every_demo_page_front_matter_validates(schemas, page):
    assert errors(schemas["front-matter.schema.json"], front_matter(page.read_text(encoding="utf-8"))) == []


def test_folder_catalog_entries_validate(schemas):
    checked = 0
    for catalog in CATALOGS:
        for path in sorted((FIXTURES / "folders" / "data" / catalog).rglob("*.yaml")):
            data = load_yaml12(path.read_text(encoding="utf-8"))
            assert errors(schemas[f"{catalog}-entry.schema.json"], data) == [], path
            checked += 1
    assert checked >= 5


def test_a_typo_key_fails_validation(schemas):
    front = {"owner": "revops", "date": "2026-09-14", "kpis": [{"metric": "sqls", "tagret": 1}]}
    found = errors(schemas["front-matter.schema.json"], front)  # front matter is shared: only nested keys are closed
    assert found == ["kpis/0: Additional properties are not allowed ('tagret' was unexpected)"]
    person = [{"id": "ana", "nmae": "Ana"}]
    assert "Additional properties are not allowed ('nmae' was unexpected)" in reasons(schemas["people.schema.json"],
                                                                                      person)
    entry = {"name": "Ana", "emial": "ana@example.com"}  # a folder entry may omit id, not misspell a key
    assert errors(schemas["people-entry.schema.json"], entry) == [
        ": Additional properties are not allowed ('emial' was unexpected)"]


def test_rule_ids_are_enums(schemas):
    waiver = schemas["front-matter.schema.json"]["$defs"]["WaiverIn"]["properties"]["rule"]
    assert waiver["enum"] == sorted(RULES)
    rules = schemas["opsmanual-settings.schema.json"]["$defs"]["PluginConfigIn"]["properties"]["rules"]
    assert sorted(rules["properties"]) == sorted(RULES)
    assert rules["additionalProperties"] is False
    settings = schemas["opsmanual-settings.schema.json"]
    assert errors(settings, {"rules": {"coverage-gap": "info", "review-due": "off"}}) == []
    assert errors(settings, {"rules": {"coverage-gaps": "info"}})
    assert errors(schemas["front-matter.schema.json"],
                  {"waive": [{"rule": "kpi-below-targets", "until": "2026-12-31", "reason": "x"}]})


# Front matter the loader accepts and the schema must accept too (no false alarm in the editor),
# and front matter the loader rejects and the schema must reject too.
ACCEPTED = [
    {"personas": "it-director"},
    {"personas": ["it-director", "cfo"], "review_every": "3mo"},
    {"reviewed": "2026-09-14", "kpis": [{"metric": "sql_rate", "where": {"channel": ["webinar", "seo"]},
                                          "target": ">= 25%"}]},
    {"kpis": [{"metric": "leads", "target": 400}], "hide": "toc"},
    {"owner": None, "title": None},
    {"experiment": {"hypothesis": "H", "metric": "sql_rate", "where": {"channel": "webinar"}, "start": "2026-09-01",
                    "decide_by": "2026-11-01", "success": ">= 0.30", "decision": "keep", "decided": "2026-11-03"}},
    {"experiment": {"hypothesis": "H", "metric": "sqls", "start": "2026-09-01", "decide_by": "2026-11-01"}},
]
REJECTED = [
    {"review_every": "90 days"},
    {"reviewed": "2026-13-45"},
    {"kpis": [{"where": {"channel": "webinar"}}]},
    {"waive": [{"rule": "stale-review", "until": "2026-12-31"}]},
    {"personas": [1, 2]},
    {"experiment": {"hypothesis": "H", "metric": "sqls", "start": "2026-09-01"}},
    {"experiment": {"hypothesis": "H", "metric": "sqls", "start": "2026-09-01", "decide_by": "2026-11-01",
                    "decision": "maybe"}},
    {"experiment": {"hypothesis": "H", "metric": "sqls", "start": "2026-09-01", "decide_by": "2026-11-01",
                    "decison": "keep"}},
]


def _load_page(tmp_path: Path, matter: dict[str, Any]) -> bool:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "small", project)
    block = json.dumps(matter)  # JSON is YAML
    (project / "manual" / "probe.md").write_text(f"---\n{block}\n---\n# Probe\n", encoding="utf-8")
    try:
        load_project(project)
    except InputError:
        return False
    return True


@pytest.mark.parametrize("matter", ACCEPTED, ids=str)
def test_schema_accepts_what_the_loader_accepts(schemas, tmp_path, matter):
    assert _load_page(tmp_path, matter)
    assert errors(schemas["front-matter.schema.json"], matter) == []


@pytest.mark.parametrize("matter", REJECTED, ids=str)
def test_schema_rejects_what_the_loader_rejects(schemas, tmp_path, matter):
    assert not _load_page(tmp_path, matter)
    assert errors(schemas["front-matter.schema.json"], matter)


def test_settings_accept_percentages_and_reject_bad_durations(schemas):
    settings = schemas["opsmanual-settings.schema.json"]
    assert errors(settings, {"decline_threshold": "10%", "due_soon": "2w", "as_of": "2026-11-20"}) == []
    assert errors(settings, {"decline_threshold": 0.1, "stale_after": 0}) == []
    assert errors(settings, {"review_every": "six months"})
    assert errors(settings, {"decline_periods": 1})
    mkdocs = schemas["mkdocs.schema.json"]
    assert errors(mkdocs, {"site_name": "x", "plugins": ["search", {"opsmanual": None}]}) == []
    assert errors(mkdocs, {"plugins": {"opsmanual": {"data_dir": "data"}}}) == []
    assert errors(mkdocs, {"plugins": [{"opsmanual": {"data_dri": "data"}}]})


def test_schemas_do_not_depend_on_the_project():
    """Only the globs of the editor settings follow data_dir; the schema text never changes."""
    plain = {f.name: f.text() for f in build_schemas("data")}
    moved = {f.name: f.text() for f in build_schemas("content/data")}
    assert plain == moved
    globs = {f.name: f.globs for f in build_schemas("content/data")}
    assert globs["people.schema.json"] == ("content/data/people.yaml", "content/data/people.yml")
    assert globs["content-entry.schema.json"] == ("content/data/content/**/*.yaml", "content/data/content/**/*.yml")
    assert globs["front-matter.schema.json"] == ()


# --- the command -------------------------------------------------------------------------------


@pytest.fixture
def project(small: Path) -> Path:
    return small


def settings_of(root: Path) -> dict[str, Any]:
    return json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))


def test_writes_schemas_and_vscode_settings(project):
    result = run(str(project))
    assert result.exit_code == 0, result.output
    assert "15 (15 new, 0 updated, 0 unchanged)" in result.output
    assert "front-matter.schema.json is for reference" in result.output
    mapping = settings_of(project)["yaml.schemas"]
    assert mapping["./.opsmanual/schemas/people.schema.json"] == ["data/people.yaml", "data/people.yml"]
    assert mapping["./.opsmanual/schemas/people-entry.schema.json"] == ["data/people/**/*.yaml",
                                                                       "data/people/**/*.yml"]
    assert mapping["./.opsmanual/schemas/mkdocs.schema.json"] == ["mkdocs.yml", "mkdocs.yaml"]
    assert len(mapping) == 13  # every schema but front matter and the bare settings
    assert mapping["./.opsmanual/schemas/plan.schema.json"] == ["data/plan.yaml", "data/plan.yml"]
    for path in mapping:
        assert (project / path).is_file()


def test_written_files_get_ordinary_permissions(project):
    (project / ".vscode").mkdir()
    settings = project / ".vscode" / "settings.json"
    settings.write_text("{}\n", encoding="utf-8")
    settings.chmod(0o644)
    assert run(str(project)).exit_code == 0
    assert settings.stat().st_mode & 0o777 == 0o644  # an existing file keeps its mode
    for path in (project / ".opsmanual" / "schemas").glob("*.json"):
        assert path.stat().st_mode & 0o777 == new_file_mode(), path.name  # 0666 minus the umask, not 0600


def test_output_is_deterministic(tmp_path, project):
    other = tmp_path / "other"
    shutil.copytree(FIXTURES / "small", other)
    assert run(str(project)).exit_code == 0
    assert run(str(other)).exit_code == 0
    for path in sorted((project / ".opsmanual").rglob("*.json")):
        twin = other / path.relative_to(project)
        assert path.read_bytes() == twin.read_bytes()
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_rerun_with_identical_content_is_a_no_op(project):
    assert run(str(project)).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in project.rglob("*.json")}
    again = run(str(project))
    assert again.exit_code == 0
    assert "15 (0 new, 0 updated, 15 unchanged)" in again.output
    assert "already points" in again.output
    assert {p: p.stat().st_mtime_ns for p in project.rglob("*.json")} == before


def test_refuses_to_overwrite_a_changed_schema_without_force(project):
    assert run(str(project)).exit_code == 0
    edited = project / ".opsmanual" / "schemas" / "people.schema.json"
    edited.write_text("{}\n", encoding="utf-8")
    refused = run(str(project))
    assert refused.exit_code == 2
    assert f"Error: {edited} exists and differs" in refused.output
    assert "Nothing was written; pass --force to overwrite." in refused.output
    assert "Traceback" not in refused.output
    assert edited.read_text(encoding="utf-8") == "{}\n"
    forced = run(str(project), "--force")
    assert forced.exit_code == 0, forced.output
    assert "(0 new, 1 updated, 14 unchanged)" in forced.output
    assert json.loads(edited.read_text(encoding="utf-8"))["title"].startswith("opsmanual people")


def test_merges_into_existing_vscode_settings(project):
    existing = {
        "editor.rulers": [100],
        "yaml.schemas": {
            "https://squidfunk.github.io/mkdocs-material/schema.json": "mkdocs.yml",
            "./other.schema.json": ["other/*.yaml"],
        },
    }
    (project / ".vscode").mkdir()
    (project / ".vscode" / "settings.json").write_text(json.dumps(existing), encoding="utf-8")
    result = run(str(project))
    assert result.exit_code == 0, result.output
    merged = settings_of(project)
    assert merged["editor.rulers"] == [100]
    mapping = merged["yaml.schemas"]
    assert mapping["./other.schema.json"] == ["other/*.yaml"]
    # mkdocs.yml stays with Material's schema; ours takes only the glob nobody else claims
    assert mapping["https://squidfunk.github.io/mkdocs-material/schema.json"] == "mkdocs.yml"
    assert mapping["./.opsmanual/schemas/mkdocs.schema.json"] == ["mkdocs.yaml"]
    assert "Note: mkdocs.yml is already mapped to another schema" in result.output
    assert "./.opsmanual/schemas/channels.schema.json" in mapping


def test_settings_with_comments_are_rewritten_only_with_force(project):
    (project / ".vscode").mkdir()
    path = project / ".vscode" / "settings.json"
    path.write_text('{\n  // wrap at 100\n  "editor.rulers": [100],\n}\n', encoding="utf-8")
    refused = run(str(project))
    assert refused.exit_code == 2
    assert "has comments that rewriting it would drop" in refused.output
    assert not (project / ".opsmanual").exists()
    forced = run(str(project), "--force")
    assert forced.exit_code == 0, forced.output
    assert settings_of(project)["editor.rulers"] == [100]


def test_unreadable_settings_are_an_error_not_clobbered(project):
    (project / ".vscode").mkdir()
    path = project / ".vscode" / "settings.json"
    path.write_text('{"editor.rulers": [100', encoding="utf-8")
    result = run(str(project), "--force")
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: cannot merge into {path}: it is not valid JSON")
    assert path.read_text(encoding="utf-8") == '{"editor.rulers": [100'


def test_out_dir_and_data_dir(tmp_path, project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - opsmanual:\n",
                                                                 "  - opsmanual:\n      data_dir: facts\n"),
                      encoding="utf-8")
    (project / "data").rename(project / "facts")
    out = tmp_path / "elsewhere"
    result = run(str(project), "--out", str(out))
    assert result.exit_code == 0, result.output
    mapping = settings_of(project)["yaml.schemas"]
    key = f"{out.resolve().as_posix()}/stages.schema.json"
    assert mapping[key] == ["facts/stages.yaml", "facts/stages.yml"]
    assert (out / "stages.schema.json").is_file()


def test_needs_a_manual_project(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.output == f"Error: no mkdocs.yml in {tmp_path}; pass the folder that holds mkdocs.yml\n"
    assert not (tmp_path / ".vscode").exists()


def test_help_has_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "opsmanual schema ." in result.output
    assert "--force" in result.output and "--out" in result.output


def test_jsonc_comments_and_trailing_commas_are_read_strings_are_kept():
    text = ('{\n  // the team\'s schemas\n  "yaml.schemas": {"https://example.com/a.json": "a.yaml",},\n'
            '  /* block */ "x": "say \\"//\\" /* not a comment */",\n}\n')
    plain, had_comments = strip_jsonc(text)
    assert had_comments
    assert json.loads(plain) == {"yaml.schemas": {"https://example.com/a.json": "a.yaml"},
                                 "x": 'say "//" /* not a comment */'}
    merged = merge_settings(text, {"./s.json": ["b.yaml"]})
    assert merged.changed and merged.drops_comments
    assert json.loads(merged.text)["yaml.schemas"] == {"https://example.com/a.json": "a.yaml", "./s.json": ["b.yaml"]}
    same = merge_settings(merged.text, {"./s.json": ["b.yaml"]})
    assert not same.changed and same.text == merged.text
