"""JSON Schema for each file kind, generated from the models, for editors and CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ctepartner.model.files import FILE_MODELS, SCHEMA_VERSION

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(kind: str) -> str:
    """`stakeholders.yaml` -> `stakeholders.schema.json`."""
    return kind.removesuffix(".yaml") + ".schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per file of FORMAT.md, keyed by file name. `schema:` is pinned to the
    one version this release reads, as `check` (CP007) insists."""
    result = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        schema = {"$schema": DIALECT, "title": f"ctepartner {kind}", **schema}
        if "schema" in schema.get("properties", {}):
            schema["properties"]["schema"] = {"const": SCHEMA_VERSION, "title": "Schema",
                                              "description": "The format version."}
        _lists_may_be_empty(schema)
        result[kind] = schema
    return result


_ARRAY_KEYS = ("type", "items", "prefixItems", "minItems", "maxItems", "uniqueItems")


def _lists_may_be_empty(node: Any) -> None:
    """A list key with nothing after it (`steps:`, as `init` writes it) is an empty list to
    the loader, so the schema takes it too: an editor then agrees with `check`."""
    if isinstance(node, list):
        for item in node:
            _lists_may_be_empty(item)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        _lists_may_be_empty(value)
        if key != "properties" or not isinstance(value, dict):
            continue
        for name, prop in value.items():
            if isinstance(prop, dict) and prop.get("type") == "array":
                array = {k: prop.pop(k) for k in _ARRAY_KEYS if k in prop}
                value[name] = {**prop, "anyOf": [array, {"type": "null"}]}


_SEVERITIES = ["error", "warning", "info"]
_ELEMENT = {
    "type": "object", "additionalProperties": False,
    "required": ["number", "name", "status", "score"],
    "properties": {"number": {"type": "integer", "minimum": 1, "maximum": 7},
                   "name": {"type": "string"},
                   "status": {"enum": ["met", "partial", "missing"]},
                   "score": {"type": "integer", "minimum": 0, "maximum": 100}},
}
_FINDING = {
    "type": "object", "additionalProperties": False,
    "required": ["rule", "element", "severity", "suppressed", "message", "hint", "file",
                 "line", "column"],
    "properties": {"rule": {"type": "string", "pattern": "^CP[0-9]{3}$"},
                   "element": {"type": "integer", "minimum": 0, "maximum": 7},
                   "severity": {"enum": _SEVERITIES}, "suppressed": {"type": "boolean"},
                   "message": {"type": "string"}, "hint": {"type": "string"},
                   "file": {"type": "string"},
                   "line": {"type": "integer", "minimum": 1},
                   "column": {"type": "integer", "minimum": 1}},
}


def report_schema() -> dict[str, Any]:
    """The JSON Schema of `check --format json`, version 1 (CLI.md)."""
    partnership = {
        "type": "object", "additionalProperties": False,
        "required": ["path", "id", "name", "score", "elements", "findings"],
        "properties": {"path": {"type": "string"}, "id": {"type": "string"},
                       "name": {"type": "string"},
                       "score": {"type": "integer", "minimum": 0, "maximum": 100},
                       "elements": {"type": "array", "items": _ELEMENT,
                                    "minItems": 7, "maxItems": 7},
                       "findings": {"type": "array", "items": _FINDING}},
    }
    counts = {key: {"type": "integer", "minimum": 0}
              for key in ("partnerships", *_SEVERITIES, "suppressed")}
    return {
        "$schema": DIALECT, "title": "ctepartner check --format json, version 1",
        "type": "object", "additionalProperties": False,
        "required": ["version", "as_of", "partnerships", "summary"],
        "properties": {
            "version": {"const": 1},
            "as_of": {"type": "string", "format": "date"},
            "partnerships": {"type": "array", "items": partnership},
            "summary": {"type": "object", "additionalProperties": False,
                        "required": list(counts), "properties": counts},
        },
    }


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; return the paths written."""
    from ctepartner.fileio import write_atomic

    written = []
    for kind, schema in schemas().items():
        path = folder / schema_name(kind)
        write_atomic(path, json.dumps(schema, indent=2, sort_keys=True) + "\n")
        written.append(path)
    return written
