"""The one error type a user can fix, and the exit codes of CLI.md."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem the user can fix: printed as one line on stderr, exit 2."""
