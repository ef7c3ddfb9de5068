"""Coverage-guided fuzzing of the loader with atheris, bounded in time.

    pip install atheris
    python tools/fuzz_loader.py -max_total_time=120 [corpus_dir]

Every input must end in data or in located problems: any exception escaping `parse` or
`validate_file` is a crash, which libFuzzer saves as `crash-*`; turn it into a case in
tests/test_load.py. Seeds: the example partnerships' files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from ctepartner.load.validate import Located, validate_file
    from ctepartner.load.yamlfile import parse
    from ctepartner.model.files import FILE_MODELS

NAME = Path("fuzz.yaml")


def check_one(data: bytes) -> None:
    parsed = parse(NAME, data)
    for problem in parsed.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
    if parsed.data is not None:
        for kind in FILE_MODELS:
            located: Located = {}
            validate_file(kind, parsed.data, located)


def main() -> None:
    seeds = Path(__file__).resolve().parent.parent / "examples"
    arguments = list(sys.argv)
    if not any(not argument.startswith("-") for argument in arguments[1:]):
        corpus = Path("fuzz-corpus")
        corpus.mkdir(exist_ok=True)
        for seed in seeds.glob("*/*.yaml"):
            (corpus / f"{seed.parent.name}-{seed.name}").write_bytes(seed.read_bytes())
        arguments.append(str(corpus))
    atheris.Setup(arguments, check_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
