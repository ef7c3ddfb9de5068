"""`ctepartner init`: a new partnership folder that teaches its own format."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ctepartner.author.scaffold import SCHEMA_FOLDER, NewPartnership, scaffold
from ctepartner.errors import UserError
from ctepartner.fileio import write_atomic
from ctepartner.repository import repository_root
from ctepartner.schema import schema_name, schemas
from ctepartner.words import meant

REPO_CONFIG = """\
# ctepartner settings for every partnership in this repository.
fail-on = "error"        # error | warning | info | never: what makes `check` fail in CI
ignore = []              # rules turned off everywhere, e.g. ["CP707"]
# templates = "templates"  # a folder whose templates override the packaged ones
# [severity]
# CP604 = "error"        # raise or lower one rule
"""

# Generated documents, and what a change killed half-way leaves for the next command to
# finish (load/journal.py). The writers' lock lives in `.git` (fileio.lock_path).
GITIGNORE = "out/\n.ctepartner.journal\n.*.yaml.*.tmp\n"


def planned_files(directory: Path, new: NewPartnership) -> dict[Path, str]:
    """Every file `init` writes into `directory`, with its text."""
    files = {directory / name: text for name, text in scaffold(new).items()}
    for kind, schema in schemas().items():
        text = json.dumps(schema, indent=2, sort_keys=True) + "\n"
        files[directory / SCHEMA_FOLDER / schema_name(kind)] = text
    root = repository_root(directory)
    if root is not None:
        for name, text in (("ctepartner.toml", REPO_CONFIG), (".gitignore", GITIGNORE)):
            if not (root / name).exists():
                files[root / name] = text
    return files


def init_partnership(directory: Path, new: NewPartnership) -> tuple[list[Path], list[Path]]:
    """Write the files of a new partnership that are missing; return (written, kept).

    A file that exists is never replaced, whatever it holds: in an existing partnership
    `init` only fills in what is missing. A person who wants a fresh start deletes the file.
    """
    written, kept = [], []
    for path, text in planned_files(directory, new).items():
        if os.path.lexists(path):
            kept.append(path)
            continue
        write_atomic(path, text)
        written.append(path)
    return written, kept


Prompt = Callable[[str, str], str]


def ask(prompt: Prompt, question: str, default: str, choices: Sequence[str] = ()) -> str:
    """Ask until the answer is one of `choices` (any answer when there are none), listing
    the choices in the question and again after a wrong answer."""
    shown = f"{question} ({', '.join(choices)})" if choices else question
    while True:
        answer = prompt(shown, default).strip()
        if not choices:
            return answer
        found = meant(answer, choices)
        if found is not None:
            return found
        shown = f"{answer!r} is not one of them. {question} ({', '.join(choices)})"


def chosen(value: str, option: str, choices: Sequence[str]) -> str:
    """An option's value as one of `choices`, or a user error that lists them."""
    found = meant(value, choices)
    if found is None:
        raise UserError(f"{option} {value!r}: choose one of {', '.join(choices)}")
    return found
