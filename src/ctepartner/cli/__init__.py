"""The command line: options in, one call, an exit code out. No logic lives here."""

from __future__ import annotations

import sys

from ctepartner.cli import add, authoring, check, documents, roster, schedule
from ctepartner.cli.app import app
from ctepartner.errors import EXIT_USAGE, UserError

__all__ = ["add", "app", "authoring", "check", "documents", "roster", "run", "schedule"]

_GLOBAL_FLAGS = {"-q", "--quiet", "-v", "--verbose", "--no-color"}


def _hoist_global_flags(argv: list[str]) -> list[str]:
    """Let `-q`, `-v` and `--no-color` stand anywhere, as users type them (`check -q`)."""
    end = argv.index("--") if "--" in argv else len(argv)
    flags = [arg for arg in argv[:end] if arg in _GLOBAL_FLAGS]
    rest = [arg for arg in argv[:end] if arg not in _GLOBAL_FLAGS]
    return [*flags, *rest, *argv[end:]]


def run(argv: list[str]) -> int:
    """Run the command line; every failure becomes one line on stderr and exit 2."""
    try:
        app(args=_hoist_global_flags(argv), prog_name="ctepartner")
    except SystemExit as done:  # typer's own exit, usage errors included (code 2)
        return done.code if isinstance(done.code, int) else EXIT_USAGE
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
    return 0


def _fail(message: str) -> None:
    sys.stderr.write(f"ctepartner: error: {message}\n")

