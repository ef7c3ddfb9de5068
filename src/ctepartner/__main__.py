"""Entry point: `ctepartner` and `python -m ctepartner`.

`--version` is answered before anything heavy is imported, so it returns at once.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from ctepartner import __version__

        print(f"ctepartner {__version__}")
        return
    from ctepartner.cli import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
