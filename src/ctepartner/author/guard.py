"""What every edit of a partnership file does: read it by the rule `check` reads by, and
refuse a change that adds a problem to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ctepartner.errors import UserError
from ctepartner.fileio import write_atomic
from ctepartner.load.source import Unreadable, read_source, write_target
from ctepartner.load.validate import Located, validate_file
from ctepartner.load.yamlfile import parse


@dataclass(frozen=True)
class Edit:
    """A partnership file opened for editing: its text with `\n` line ends, and how it was
    written (a byte-order mark, CRLF line ends), so that a change keeps both."""

    directory: Path  # the partnership
    name: str  # the file's kind: stakeholders.yaml
    path: Path  # where it is written (a link inside the repository resolved)
    text: str
    bom: bool = False
    newline: str = "\n"

    def save(self, after: str, *, references: bool = True,
             known: list[str] | None = None) -> None:
        """Write `after` in the file's own style, once `check` finds it no worse. Without
        `references`, the ids it refers to are not checked again: for a caller that has
        resolved every id it writes (`survey import`), which saves two loads. `known`: the
        file's problems as the caller's load found them, so it is not read twice."""
        self.check(after, references=references, known=known)
        self.write(after)

    def check(self, after: str, *, references: bool = True,
              known: list[str] | None = None) -> None:
        """A user error if `after` adds a problem to the file, a reference to an id that
        does not exist, or a second item with an existing id."""
        refuse_new_problems(self.path, self.name, self.text, after, known)
        if not references:
            return
        before = self._references(None)
        new = [message for message in self._references(after) if message not in before]
        if new:
            raise UserError(f"{self.path}: {new[0]}; nothing was written")

    def write(self, after: str) -> None:
        """Write `after` in the file's own style (its byte-order mark and line ends)."""
        write_atomic(self.path, ("\ufeff" if self.bom else "") + after.replace("\n", self.newline))

    def _references(self, text: str | None) -> list[str]:
        """What CP005 and CP006 say of the partnership, with this file's text replaced."""
        from ctepartner.assess.registry import get
        from ctepartner.load.partnership import load

        partnership = load(self.directory, None if text is None else {self.name: text})
        return [hit.message for rule_id in ("CP005", "CP006")
                for hit in get(rule_id).check(partnership, dt.date.today())]


def read_for_edit(directory: Path, name: str) -> Edit:
    """Partnership file `name` opened for editing (empty text when it is absent).

    A link out of the repository, a pipe, a device or an oversized file is refused the way
    `check` refuses it, so an edit can never copy an outside file into the partnership.
    """
    path = directory / name
    try:
        target = write_target(path, directory)
        raw = read_source(path, directory)
    except Unreadable as error:
        raise UserError(f"{path}: {error}; nothing was written") from None
    if raw is None:
        return Edit(directory, name, target, "")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text; save it as UTF-8 and try again") from None
    bom = text.startswith("\ufeff")
    newline = "\r\n" if "\r\n" in text else "\n"
    return Edit(directory, name, target, text.removeprefix("\ufeff").replace("\r\n", "\n"),
                bom, newline)


def _problems(kind: str, name: Path, text: str) -> list[str]:
    parsed = parse(name, text.encode("utf-8"))
    problems = list(parsed.problems)
    if parsed.data is not None:
        located: Located = {}
        problems += validate_file(kind, parsed.data, located)[1]
    return [problem.message for problem in problems]


def refuse_new_problems(target: Path, kind: str, before: str, after: str,
                        known: list[str] | None = None) -> None:
    """A user error, naming the first new problem, if `after` is worse than `before` (whose
    problems are `known`, when the caller has them)."""
    old = _problems(kind, target, before) if known is None else known
    new = [message for message in _problems(kind, target, after) if message not in old]
    if new:
        raise UserError(f"{target}: the change would make the file invalid ({new[0]}); "
                        "nothing was written")
