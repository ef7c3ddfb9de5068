"""Coverage-guided fuzzing of everything that reads untrusted input, with atheris.

    pip install atheris
    python tools/fuzz_loader.py [--target NAME] -max_total_time=120 [corpus_dir]

Targets:
- `loader` (default): any bytes as a partnership file end in data or located problems.
- `import-csv`, `import-xlsx`: any file as a roster ends in rows or a user error.
- `values`: any text written by `add` (the YAML emitter) reads back as exactly that text,
  or as a reported problem when it holds control characters.
- `template`: any template source compiles and renders, or ends in a user error (the
  sandbox's limits, which compiling is under too: no constant is folded).
- `workbook`: any file as a partnership workbook ends in sheets or a user error.
- `portfolio-part`: any file as a portfolio part ends in summaries or a user error.

Any other exception is a crash, which libFuzzer saves as `crash-*`; turn it into a case in
tests/test_trust.py or tests/test_load.py. Seeds: the example partnerships' files.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from ctepartner.author import roster
    from ctepartner.author.scalars import scalar
    from ctepartner.author.workbook import read_workbook
    from ctepartner.errors import UserError
    from ctepartner.load.validate import Located, validate_file
    from ctepartner.load.yamlfile import parse
    from ctepartner.model.files import FILE_MODELS
    from ctepartner.portfolio.view import merge
    from ctepartner.render.environment import render

NAME = Path("fuzz.yaml")
SCRATCH = Path(tempfile.mkdtemp(prefix="ctepartner-fuzz-"))


def loader(data: bytes) -> None:
    parsed = parse(NAME, data)
    for problem in parsed.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
    if parsed.data is not None:
        for kind in FILE_MODELS:
            located: Located = {}
            validate_file(kind, parsed.data, located)


def _roster(suffix: str) -> Callable[[bytes], None]:
    def target(data: bytes) -> None:
        sheet = SCRATCH / f"roster{suffix}"
        sheet.write_bytes(data)
        try:
            rows = roster.read_table(sheet)
        except UserError:
            return
        roster.plan_import([], rows, {})
    return target


def values(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(200)
    parsed = parse(NAME, f"key: {scalar(text)}\n".encode())
    assert parsed.data is not None, (text, parsed.problems)
    if parsed.problems:
        assert all(problem.rule == "CP002" for problem in parsed.problems), parsed.problems
    else:
        assert parsed.data["key"] == text, (text, parsed.data["key"])


def template(data: bytes) -> None:
    source = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(400)
    (SCRATCH / "fuzz.txt.j2").write_text(source, encoding="utf-8")
    with contextlib.suppress(UserError):  # a template error or a limit: a clean refusal
        render("fuzz.txt.j2", SCRATCH, v={"name": "Rutherford Works", "score": 87})


def workbook(data: bytes) -> None:
    book = SCRATCH / "partnership.xlsx"
    book.write_bytes(data)
    with contextlib.suppress(UserError):
        read_workbook(book)


def portfolio_part(data: bytes) -> None:
    part = SCRATCH / "part-1.json"
    part.write_bytes(data)
    with contextlib.suppress(UserError):
        merge([part])


TARGETS: dict[str, Callable[[bytes], None]] = {
    "loader": loader,
    "import-csv": _roster(".csv"),
    "import-xlsx": _roster(".xlsx"),
    "values": values,
    "template": template,
    "workbook": workbook,
    "portfolio-part": portfolio_part,
}


def main() -> None:
    arguments = [argument for argument in sys.argv if not argument.startswith("--target")]
    chosen = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--target=")] or ["loader"]
    seeds = Path(__file__).resolve().parent.parent / "examples"
    if not any(not argument.startswith("-") for argument in arguments[1:]):
        corpus = Path("fuzz-corpus") / chosen[0]
        corpus.mkdir(parents=True, exist_ok=True)
        for seed in seeds.glob("*/*.yaml"):
            (corpus / f"{seed.parent.name}-{seed.name}").write_bytes(seed.read_bytes())
        arguments.append(str(corpus))
    atheris.Setup(arguments, TARGETS[chosen[0]])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
