"""One Jinja environment: the user's templates folder first, then the packaged templates.

Templates may come from a partnership repository, which other organisations edit: they run
sandboxed, with undefined names as errors, and HTML is escaped automatically.
"""

from __future__ import annotations

import os
import re
import stat
import traceback
from functools import cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    FileSystemBytecodeCache,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from markupsafe import Markup, escape

from ctepartner.errors import UserError
from ctepartner.language import current, gettext, money, ngettext, number, percent
from ctepartner.render.sandbox import BoundedSandbox, FolderLoader, TemplateLimit, limits
from ctepartner.render.tree import HEAT


def packaged_templates() -> Path:
    """The templates shipped in the wheel, or the source tree's `templates/` in development."""
    shipped = Path(__file__).resolve().parent.parent / "templates"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[3] / "templates"


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """A cache of compiled templates, only in a folder that this user alone owns and can write
    (mode 0700): the cache is unpickled, so a planted file there would run as code. Where
    ownership cannot be checked so (Windows), templates are compiled each run instead."""
    if not hasattr(os, "geteuid"):
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "ctepartner" / "jinja"
    try:
        for level in (folder.parent, folder):
            level.mkdir(mode=0o700, parents=True, exist_ok=True)
            status = level.lstat()
            if (not stat.S_ISDIR(status.st_mode) or status.st_uid != os.geteuid()
                    or status.st_mode & 0o077):
                return None
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


_TICKED = re.compile(r"`([^`]+)`")


def ticks(text: str) -> Markup:
    """User text escaped for HTML, with `ids` in backticks shown as code."""
    return Markup(_TICKED.sub(r"<code>\1</code>", str(escape(text))))


@cache
def environment(user_folder: Path | None = None) -> BoundedSandbox:
    """The environment for a templates folder (None: packaged templates only)."""
    loaders = [FolderLoader(user_folder)] if user_folder else []
    loaders.append(FolderLoader(packaged_templates()))
    env = BoundedSandbox(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_bytecode_cache(),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["ticks"] = ticks
    # _("...") and {% trans %}: the current language's words (language.speaking)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True  # a {% trans %} block's lines are one message
    env.filters["number"] = number  # "1,200", "4.5": as every document writes a number
    env.filters["percent"] = lambda value: percent(number(round(value)))  # "27%"
    env.filters["money"] = money  # "$1,000,000": dollars as the language writes them
    env.globals["lang"] = current  # the document's language, for <html lang>
    env.globals["heat"] = HEAT  # the heat map's shades, alike in HTML, PDF and Word
    return env


def render(name: str, user_folder: Path | None, /, **context: object) -> str:
    """Render one template; any template error names the template file and line, exit 2."""
    try:
        template = environment(user_folder).get_template(name)
        with limits():
            return template.render(**context)
    except TemplateSyntaxError as error:
        raise UserError(f"{error.filename or name}:{error.lineno}: template error: "
                        f"{error.message}") from None
    except (TemplateError, TemplateLimit, RecursionError, ArithmeticError, ValueError,
            TypeError, LookupError) as error:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if frame.filename.endswith(".j2")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else name
        what = "too deeply nested (a macro that calls itself?)" if isinstance(
            error, RecursionError) else str(error)
        raise UserError(f"{where}: template error: {what}") from None
