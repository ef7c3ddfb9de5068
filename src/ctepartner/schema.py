"""JSON Schema for each file kind, generated from the models, for editors and CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ctepartner.model.files import FILE_MODELS

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(kind: str) -> str:
    """`stakeholders.yaml` -> `stakeholders.schema.json`."""
    return kind.removesuffix(".yaml") + ".schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per file of FORMAT.md, keyed by file name."""
    result = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        schema = {"$schema": DIALECT, "title": f"ctepartner {kind}", **schema}
        result[kind] = schema
    return result


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; return the paths written."""
    from ctepartner.fileio import write_atomic

    written = []
    for kind, schema in schemas().items():
        path = folder / schema_name(kind)
        write_atomic(path, json.dumps(schema, indent=2, sort_keys=True) + "\n")
        written.append(path)
    return written
