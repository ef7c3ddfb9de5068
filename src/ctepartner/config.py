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


class _BrandModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    logo: str | None = None
    color: str | None = Field(default=None, pattern=r"^#[0-9A-Fa-f]{6}$")
    font: str | None = None


class _ConfigModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fail_on: FailOn | None = Field(default=None, alias="fail-on")
    ignore: list[str] = []
    templates: str | None = None
    paper: Paper = "letter"
    severity: dict[str, Severity] = {}
    brand: _BrandModel = _BrandModel()
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$")
    translations: str | None = None  # a folder of the repository's own catalogs (<code>.po)


LOGO_TYPES = (".png", ".jpg", ".jpeg", ".svg")
FONT_TYPES = (".ttf", ".otf")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for text, against the white page


@dataclass(frozen=True)
class BrandFiles:
    """A consultant's brand, from `[brand]`: a logo and a font file in the repository, and a
    colour for headings and rules that reads on white."""

    logo: Path | None = None
    color: str | None = None
    font: Path | None = None


def contrast(color: str, background: str = "#ffffff") -> float:
    """The WCAG contrast ratio of two `#rrggbb` colours."""
    def luminance(value: str) -> float:
        channels = [int(value[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(color), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class RepoConfig:
    """The configuration that applies to one checked path (empty when there is none)."""

    source: Path | None = None
    fail_on: FailOn | None = None
    ignore: tuple[str, ...] = ()
    templates: Path | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    paper: Paper = "letter"  # the page size of every PDF and DOCX
    brand: BrandFiles = BrandFiles()
    language: str = "en"  # the documents' language, unless --lang says
    translations: Path | None = None  # the repository's own catalogs, before the packaged

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
    templates = _inside(path, "templates", parsed.templates)
    severity = {rule.upper(): level for rule, level in parsed.severity.items()}
    for key, patterns in (("ignore", parsed.ignore), ("severity", list(severity))):
        unknown = unknown_rules(patterns)
        if unknown:
            raise UserError(f"{path}: `{key}` names no rule {', '.join(unknown)}; "
                            "`ctepartner rules` lists them")
    return RepoConfig(path, parsed.fail_on, tuple(r.upper() for r in parsed.ignore), templates,
                      severity, parsed.paper, _brand(path, parsed.brand), parsed.language,
                      _inside(path, "translations", parsed.translations))


def _inside(config: Path, key: str, value: str | None) -> Path | None:
    """A path the configuration names, which must be in the repository that uses it."""
    if value is None:
        return None
    found = config.parent / value
    if not found.resolve().is_relative_to(boundary(config.parent)):
        raise UserError(f"{config}: `{key} = {value!r}` is outside the repository; what "
                        "a configuration names must live in the repository that uses it")
    return found


def _brand(config: Path, brand: _BrandModel) -> BrandFiles:
    logo = _inside(config, "brand.logo", brand.logo)
    font = _inside(config, "brand.font", brand.font)
    for key, found, kinds in (("logo", logo, LOGO_TYPES), ("font", font, FONT_TYPES)):
        if found is not None and found.suffix.lower() not in kinds and not (
                key == "font" and found.is_dir()):
            raise UserError(f"{config}: `brand.{key}` must be a {' or '.join(kinds)} file"
                            f"{' (or a folder of them)' if key == 'font' else ''}, not "
                            f"{found.name!r}")
    if brand.color and contrast(brand.color) < MIN_CONTRAST:
        raise UserError(f"{config}: `brand.color = {brand.color!r}` has a contrast of "
                        f"{contrast(brand.color):.1f}:1 on white; headings need "
                        f"{MIN_CONTRAST}:1 to be read (WCAG 2.1 AA): choose a darker shade")
    return BrandFiles(logo, brand.color.lower() if brand.color else None, font)
