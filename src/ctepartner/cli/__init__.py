"""The command line: options in, one call, an exit code out. No logic lives here.

Each module of this package registers its commands on the one typer `app` when imported.
A run imports only the module of the command it was asked for: building every command's
options costs more than a small check does (README, Performance).
"""

from __future__ import annotations

import importlib
import sys

import typer

from ctepartner.cli.app import app
from ctepartner.errors import EXIT_USAGE, UserError

__all__ = ["COMMANDS", "app", "load_commands", "run"]

COMMANDS = {  # the command's name -> the module of this package that registers it
    "init": "authoring",
    "set": "authoring",
    "add": "add",
    "check": "check",
    "rules": "check",
    "explain": "check",
    "schema": "check",
    "status": "schedule",
    "calendar": "schedule",
    "import": "roster",
    "export": "roster",
    "report": "documents",
    "packet": "documents",
    "agreement": "documents",
    "build": "documents",
    "templates": "documents",
    "translations": "documents",
    "survey": "survey",
    "portfolio": "portfolio",
}

_GLOBAL_FLAGS = {"-q", "--quiet", "-v", "--verbose", "--no-color"}


def load_commands(argv: list[str]) -> None:
    """Register the command `argv` names, or every command when it names none we know."""
    named = next((arg for arg in argv if not arg.startswith("-")), None)
    modules = [COMMANDS[named]] if named in COMMANDS else dict.fromkeys(COMMANDS.values())
    for module in modules:
        importlib.import_module(f"{__name__}.{module}")


def _hoist_global_flags(argv: list[str]) -> list[str]:
    """Let `-q`, `-v` and `--no-color` stand anywhere, as users type them (`check -q`)."""
    end = argv.index("--") if "--" in argv else len(argv)
    flags = [arg for arg in argv[:end] if arg in _GLOBAL_FLAGS]
    rest = [arg for arg in argv[:end] if arg not in _GLOBAL_FLAGS]
    return [*flags, *rest, *argv[end:]]


def run(argv: list[str]) -> int:
    """Run the command line; every failure becomes one line on stderr and exit 2."""
    argv = _hoist_global_flags(argv)
    try:
        load_commands(argv)
        code = app(args=argv, prog_name="ctepartner", standalone_mode=False)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    except typer.TyperException as error:  # a usage error or a bad option value: one line
        if type(error).__name__ == "NoArgsIsHelpError":  # `ctepartner` alone: the help,
            return EXIT_USAGE  # which typer has printed already
        _fail(_usage(error))
        return EXIT_USAGE
    except typer.Abort:
        _fail("interrupted")
        return 130
    except UserError as error:
        _fail(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except Exception as error:  # a bug: one clear line, the traceback only with -v
        if "-v" in argv or "--verbose" in argv:
            import traceback

            traceback.print_exc()
        _fail(f"internal error: {type(error).__name__}: {error} (run with -v for details, "
              "and please report it)")
        return EXIT_USAGE
    return code if isinstance(code, int) else 0


def _usage(error: Exception) -> str:
    """A usage error as one line, naming the command and where to read more."""
    context = getattr(error, "ctx", None)
    message = " ".join(getattr(error, "format_message", lambda: str(error))().split())
    if context is not None:
        return f"{message} (see `{context.command_path} --help`)"
    return message


def _fail(message: str) -> None:
    sys.stderr.write(f"ctepartner: error: {message}\n")

