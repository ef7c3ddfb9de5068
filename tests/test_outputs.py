"""The machine-readable outputs: SARIF, JSON Schema export, the generated rule reference."""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import AS_OF, EXAMPLES, ROOT, run
from ctepartner.assess.registry import all_rules
from ctepartner.check import CheckRequest, run_check
from ctepartner.output.rulebook import rules_markdown
from ctepartner.reporters import sarif
from ctepartner.schema import schemas

# The parts of the SARIF 2.1.0 schema that code-scanning uploads rely on.
SARIF_SHAPE = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["tool", "results"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {
                    "driver": {"type": "object", "required": ["name", "rules"], "properties": {
                        "rules": {"type": "array", "items": {
                            "type": "object", "required": ["id", "shortDescription"]}}}}}},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["ruleId", "ruleIndex", "level", "message", "locations"],
                    "properties": {
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": {"type": "object", "required": ["text"]},
                        "locations": {"type": "array", "items": {
                            "type": "object", "required": ["physicalLocation"]}},
                    }}},
            }}},
    },
}


def _assessments() -> list:
    return run_check(CheckRequest(paths=(EXAMPLES,), as_of=dt.date.fromisoformat(AS_OF)))


def test_sarif_has_one_rule_per_id_and_points_results_at_them() -> None:
    log = sarif.document(_assessments())
    jsonschema.validate(log, SARIF_SHAPE)
    run = log["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rule_ids == list(all_rules())
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert any(r["ruleId"] == "CP606" and r["level"] == "warning" for r in run["results"])


def test_json_schemas_are_valid_and_accept_the_examples() -> None:
    exported = schemas()
    for kind, schema in exported.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for example in ("rutherford", "delaware"):
            data = yaml.safe_load((EXAMPLES / example / kind).read_text())
            as_json = json.loads(json.dumps(data, default=str))  # dates as YYYY-MM-DD text
            errors = [e.message for e in validator.iter_errors(as_json)]
            assert errors == [], (kind, example, errors)


def test_schema_rejects_an_unknown_key() -> None:
    validator = jsonschema.Draft202012Validator(schemas()["roles.yaml"])
    assert not validator.is_valid({"roles": [{"id": "x", "titel": "X"}]})


def test_rules_reference_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(), (
        "docs/rules.md is stale: run `python -m ctepartner.output.rulebook > docs/rules.md`")


def test_every_rule_documents_why_and_how_to_fix() -> None:
    for rule in all_rules().values():
        assert rule.summary and rule.hint, rule.id
        if rule.element:
            assert "Why:" in rule.doc or "How it is counted" in rule.doc, rule.id
        assert "Fix:" in rule.doc, rule.id


def test_schema_command_writes_files(tmp_path: Path) -> None:
    from ctepartner.schema import write_schemas

    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(
        k.removesuffix(".yaml") + ".schema.json" for k in schemas())


def test_every_format_has_a_reporter_and_an_unknown_one_is_refused() -> None:
    import io

    from ctepartner.reporters import REPORTERS, Options

    for name, reporter in REPORTERS.items():
        stream = io.StringIO()
        reporter.load()([], stream, Options(as_of=dt.date.fromisoformat(AS_OF)))
        assert stream.getvalue().strip() or name == "github", name  # no finding, no annotation
    proc = run("check", EXAMPLES, "--format", "yaml")
    assert proc.returncode == 2 and "choose one of text, json, github, sarif, junit" in proc.stderr


def test_a_rule_filed_in_another_elements_module_is_refused() -> None:
    from ctepartner.assess.registry import rule

    def cp299(p: object, as_of: object) -> list[object]:
        """A rule of element 2, written in element 1's module."""
        return []

    cp299.__module__ = "ctepartner.assess.rules.e1_convener"
    with pytest.raises(RuntimeError, match="its id must be CP1NN"):
        rule("CP299", "warning", "hint")(cp299)  # type: ignore[arg-type]
