"""What every edit of a partnership file does: read it by the rule `check` reads by, and
refuse a change that adds a problem to it.

An edit starts from the partnership as it was loaded, under the lock, once: the change is
checked by parsing and validating only the changed files again, beside the others as
loaded, and by the loader's own reference checks (CP005, CP006)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctepartner.errors import UserError
from ctepartner.load.journal import commit
from ctepartner.load.partnership import Partnership, with_changes
from ctepartner.load.references import Located, dangling, duplicates
from ctepartner.load.source import Unreadable, read_source, write_target
from ctepartner.survey.bank import questions


@dataclass(frozen=True)
class Edit:
    """A partnership file opened for editing: its text with `\n` line ends, and how it was
    written (a byte-order mark, CRLF line ends), so that a change keeps both."""

    partnership: Partnership  # as loaded before the change
    name: str  # the file's kind: stakeholders.yaml
    path: Path  # where it is written (a link inside the repository resolved)
    text: str
    bom: bool = False
    newline: str = "\n"

    def save(self, after: str, *, references: bool = True) -> None:
        """Write `after` in the file's own style, once `check` finds it no worse. Without
        `references`, the ids it refers to are not checked again: for a caller that has
        resolved every id it writes (`survey import`)."""
        self.check(after, references=references)
        self.write(after)

    def check(self, after: str, *, references: bool = True) -> None:
        """A user error if `after` adds a problem to the file, a reference to an id that
        does not exist, or a second item with an existing id."""
        refuse_worse(self.partnership, {self.name: after}, references=references)

    def write(self, after: str) -> None:
        """Write `after` in the file's own style (its byte-order mark and line ends)."""
        write_all([(self, after)])


def write_all(changes: list[tuple[Edit, str]]) -> None:
    """Write each edit's new text in its file's own style (byte-order mark, line ends), all
    files or none, even if the command is killed half-way (see `load.journal`)."""
    if changes:
        directory = changes[0][0].partnership.directory
        commit(directory, [(edit.name, edit.path, (("\ufeff" if edit.bom else "")
                                                   + text.replace("\n", edit.newline)).encode())
                           for edit, text in changes])


def refuse_worse(before: Partnership, changes: dict[str, str], *,
                 references: bool = True) -> None:
    """A user error, naming the file and its first new problem, if the partnership with
    `changes` (file kind -> new text) is worse than `before`; nothing has been written."""
    after = with_changes(before, changes)
    for name in changes:
        path = before.directory / name
        old = _messages(before, path)
        new = [message for message in _messages(after, path) if message not in old]
        if new:
            raise UserError(f"{path}: the change would make the file invalid ({new[0]}); "
                            "nothing was written")
    if not references:
        return
    old_references = {message for _, message in _reference_problems(before)}
    for spot, message in _reference_problems(after):
        if message not in old_references:
            raise UserError(f"{spot.path}: {message}; nothing was written")


def _messages(partnership: Partnership, path: Path) -> list[str]:
    return [problem.message for spot, problem in partnership.problems if spot.path == path]


def _reference_problems(partnership: Partnership) -> list[Located]:
    return [*dangling(partnership, set(questions(partnership))), *duplicates(partnership)]


def read_for_edit(partnership: Partnership, name: str) -> Edit:
    """Partnership file `name` opened for editing (empty text when it is absent).

    A link out of the repository, a pipe, a device or an oversized file is refused the way
    `check` refuses it, so an edit can never copy an outside file into the partnership.
    """
    directory = partnership.directory
    path = directory / name
    try:
        target = write_target(path, directory)
        raw = read_source(path, directory)
    except Unreadable as error:
        raise UserError(f"{path}: {error}; nothing was written") from None
    if raw is None:
        return Edit(partnership, name, target, "")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text; save it as UTF-8 and try again") from None
    bom = text.startswith("\ufeff")
    newline = "\r\n" if "\r\n" in text else "\n"
    return Edit(partnership, name, target, text.removeprefix("\ufeff").replace("\r\n", "\n"),
                bom, newline)


def fix_first(edit: Edit) -> None:
    """A user error if the file to edit is not readable YAML: an edit cannot place a line
    in a file it cannot parse, so the file is fixed first."""
    source = edit.partnership.sources[edit.name]
    if not edit.text or source.data is not None:
        return
    problem = next(problem for spot, problem in edit.partnership.problems
                   if spot.path == source.path)
    raise UserError(f"{edit.path}:{problem.line}:{problem.column}: fix the file first: "
                    f"{problem.message}")
