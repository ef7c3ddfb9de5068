"""Repository configuration: `ctepartner.toml`, or `[tool.ctepartner]` in `pyproject.toml`."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ctepartner.assess.engine import Settings
from ctepartner.assess.finding import Severity
from ctepartner.assess.registry import unknown_rules
from ctepartner.errors import UserError
from ctepartner.load.source import Unreadable, read_source
from ctepartner.repository import boundary, enclosure

FailOn = Literal["error", "warning", "info", "never"]
Paper = Literal["letter", "a4"]


class _ConfigModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fail_on: FailOn | None = Field(default=None, alias="fail-on")
    ignore: list[str] = []
    templates: str | None = None
    paper: Paper = "letter"
    severity: dict[str, Severity] = {}


@dataclass(frozen=True)
class RepoConfig:
    """The configuration that applies to one checked path (empty when there is none)."""

    source: Path | None = None
    fail_on: FailOn | None = None
    ignore: tuple[str, ...] = ()
    templates: Path | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    paper: Paper = "letter"  # the page size of every PDF and DOCX

    def settings(self, as_of: dt.date, fail_on: FailOn | None = None,
                 select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Settings:
        """The settings of a run: the options given, over this configuration. The one place
        where the configuration and the command line meet, for `check` and documents alike."""
        failing = fail_on or self.fail_on or "error"
        return Settings(as_of=as_of, fail_on=None if failing == "never" else Severity(failing),
                        select=select, ignore=(*self.ignore, *ignore), severity=self.severity)


def find_config(start: Path) -> RepoConfig:
    """Walk up from `start` (a file's folder) to the root of its repository (or of the
    current folder, when it stands in no repository), never above; the first configuration
    wins. A configuration file is read as a partnership file is: never through a link out of
    the repository, never a pipe or a device, never more than 10 MB."""
    folder = Path(os.path.abspath(start))
    if not folder.is_dir():
        folder = folder.parent
    top = enclosure(folder) or folder
    for candidate in (folder, *folder.parents):
        own = _toml(candidate / "ctepartner.toml")
        if own is not None:
            return _read(candidate / "ctepartner.toml", own)
        tools = (_toml(candidate / "pyproject.toml") or {}).get("tool")
        table = tools.get("ctepartner") if isinstance(tools, dict) else None
        if isinstance(table, dict):
            return _read(candidate / "pyproject.toml", table)
        if candidate == top:
            break
    return RepoConfig()


def _toml(path: Path) -> dict[str, Any] | None:
    """The TOML file's table, or None when there is no such file."""
    try:
        raw = read_source(path, path.parent)
        return None if raw is None else tomllib.loads(raw.decode("utf-8"))
    except Unreadable as error:
        raise UserError(f"{path}: {error}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UserError(f"{path}: cannot read the configuration: {error}") from None


def _read(path: Path, table: dict[str, Any]) -> RepoConfig:
    try:
        parsed = _ConfigModel.model_validate(table)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise UserError(f"{path}: `{where}`: {first['msg']}") from None
    templates = (path.parent / parsed.templates) if parsed.templates else None
    if templates and not templates.resolve().is_relative_to(boundary(path.parent)):
        raise UserError(f"{path}: `templates = {parsed.templates!r}` is outside the repository; "
                        "templates must live in the repository that uses them")
    severity = {rule.upper(): level for rule, level in parsed.severity.items()}
    for key, patterns in (("ignore", parsed.ignore), ("severity", list(severity))):
        unknown = unknown_rules(patterns)
        if unknown:
            raise UserError(f"{path}: `{key}` names no rule {', '.join(unknown)}; "
                            "`ctepartner rules` lists them")
    return RepoConfig(path, parsed.fail_on, tuple(r.upper() for r in parsed.ignore), templates,
                      severity, parsed.paper)
