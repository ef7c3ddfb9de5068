"""The check every write makes: the new text must not add a problem to the file."""

from __future__ import annotations

from pathlib import Path

from ctepartner.errors import UserError
from ctepartner.load.validate import Located, validate_file
from ctepartner.load.yamlfile import parse


def _problems(kind: str, name: Path, text: str) -> list[str]:
    parsed = parse(name, text.encode("utf-8"))
    problems = list(parsed.problems)
    if parsed.data is not None:
        located: Located = {}
        problems += validate_file(kind, parsed.data, located)[1]
    return [problem.message for problem in problems]


def refuse_new_problems(target: Path, kind: str, before: str, after: str) -> None:
    """A user error, naming the first new problem, if `after` is worse than `before`."""
    old = _problems(kind, target, before)
    new = [message for message in _problems(kind, target, after) if message not in old]
    if new:
        raise UserError(f"{target}: the change would make the file invalid ({new[0]}); "
                        "nothing was written")
