"""One Jinja environment: the user's templates folder first, then the packaged templates.

Templates may come from a partnership repository, which other organisations edit: they run
sandboxed, with undefined names as errors, and HTML is escaped automatically.
"""

from __future__ import annotations

import os
import re
import traceback
from functools import cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ctepartner.errors import UserError


def packaged_templates() -> Path:
    """The templates shipped in the wheel, or the source tree's `templates/` in development."""
    shipped = Path(__file__).resolve().parent.parent / "templates"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "templates"


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "ctepartner" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


_TICKED = re.compile(r"`([^`]+)`")


def ticks(text: str) -> Markup:
    """User text escaped for HTML, with `ids` in backticks shown as code."""
    return Markup(_TICKED.sub(r"<code>\1</code>", str(escape(text))))


@cache
def environment(user_folder: Path | None = None) -> SandboxedEnvironment:
    """The environment for a templates folder (None: packaged templates only)."""
    loaders = [FileSystemLoader(str(user_folder))] if user_folder else []
    loaders.append(FileSystemLoader(str(packaged_templates())))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        bytecode_cache=_bytecode_cache(),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["ticks"] = ticks
    return env


def render(name: str, user_folder: Path | None, /, **context: object) -> str:
    """Render one template; any template error names the template file and line, exit 2."""
    try:
        return environment(user_folder).get_template(name).render(**context)
    except TemplateSyntaxError as error:
        raise UserError(f"{error.filename or name}:{error.lineno}: template error: "
                        f"{error.message}") from None
    except TemplateError as error:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if frame.filename.endswith(".j2")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else name
        raise UserError(f"{where}: template error: {error}") from None
