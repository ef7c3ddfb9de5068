"""Where a repository begins and ends: the one rule for every path the tool reads or writes.

A repository of partnerships may come from a stranger's pull request, and a link in it may
lead anywhere: `parts/p -> /home/ci/.ssh`, `reports -> /etc`. So every path the tool is
given or finds (a partnership folder, a configuration file, an output file and each folder
on the way to it) is resolved, links and all, and must stay inside the repository it stands
in, or inside the current folder when it stands in no repository. A path the user names
outside every repository and outside the current folder is theirs to choose: the tool goes
there.
"""

from __future__ import annotations

import os
from pathlib import Path

from ctepartner.errors import UserError
from ctepartner.printable import printable


def repository_root(directory: Path) -> Path | None:
    """The root of the git repository holding `directory` (links resolved), if any."""
    folder = directory.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def boundary(directory: Path) -> Path:
    """What a partnership's files may point into: its repository, or the partnership folder
    itself when it is in none."""
    return repository_root(directory) or directory.resolve()


def enclosure(path: Path) -> Path | None:
    """The folder `path` must stay inside, judged by where it is written (no link followed):
    the repository it stands in, else the current folder if it stands in that, else none."""
    lexical = Path(os.path.abspath(path))
    for candidate in (lexical, *lexical.parents):
        if (candidate / ".git").exists():
            return candidate
    current = Path(os.path.abspath(os.curdir))
    return current if lexical.is_relative_to(current) else None


def confined(path: Path, what: str = "path", within: Path | None = None) -> Path:
    """`path`, once it is known to lead where it says: a user error if, with every link on
    the way resolved, it leaves `within` (by default, the repository or current folder it
    stands in)."""
    within = within or enclosure(path)
    if within is None:
        return path
    real, limit = Path(os.path.realpath(path)), Path(os.path.realpath(within))
    if not real.is_relative_to(limit):
        raise UserError(f"{printable(str(path))}: the {what} leads out of the repository "
                        f"({printable(str(within))}) through a link, to "
                        f"{printable(str(real))}; ctepartner reads and writes only inside it")
    return path
