"""`ctepartner init`: a new partnership folder that teaches its own format."""

from __future__ import annotations

import json
from pathlib import Path

from ctepartner.author.scaffold import SCHEMA_FOLDER, NewPartnership, scaffold
from ctepartner.errors import UserError
from ctepartner.fileio import write_atomic
from ctepartner.load.source import repository_root
from ctepartner.schema import schema_name, schemas

REPO_CONFIG = """\
# ctepartner settings for every partnership in this repository.
fail-on = "error"        # error | warning | info | never: what makes `check` fail in CI
ignore = []              # rules turned off everywhere, e.g. ["CP707"]
# templates = "templates"  # a folder whose templates override the packaged ones
# [severity]
# CP604 = "error"        # raise or lower one rule
"""

# Generated documents, and the lock file that writers of a partnership share.
GITIGNORE = "out/\n.ctepartner.lock\n"


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


def init_partnership(directory: Path, new: NewPartnership, *, force: bool = False) -> list[Path]:
    """Write the new partnership; refuse, naming the file, if any exists (unless `force`)."""
    files = planned_files(directory, new)
    existing = [path for path in files if path.exists()]
    if existing and not force:
        raise UserError(f"{existing[0]} already exists; init never overwrites a file "
                        "(use --force to replace the scaffold's files)")
    for path, text in files.items():
        write_atomic(path, text)
    return list(files)

