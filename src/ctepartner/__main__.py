"""Entry point: `ctepartner` and `python -m ctepartner`.

`--version` is answered before anything heavy is imported, so it returns at once.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from ctepartner import __version__

        print(f"ctepartner {__version__}")
        return
    import signal

    if hasattr(signal, "SIGPIPE"):  # `ctepartner check | head`: end quietly, as Unix tools do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # Our models use no pydantic plugins; looking for installed ones costs 10 ms at start-up.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _streams_for_any_code_page()
    from ctepartner.cli import run

    try:
        sys.exit(run(sys.argv[1:]))
    except BrokenPipeError:  # stdout closed while SIGPIPE was ignored (see check.py)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(128 + getattr(signal, "SIGPIPE", 13))  # 141, as a shell reports it


def _streams_for_any_code_page() -> None:
    """Output that survives a Windows code page: redirected output (a file, a pipe, a CI log)
    is UTF-8, as JSON, SARIF and the documents must be; a console whose code page lacks a
    character shows "?" in its place instead of stopping the command."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding in ("utf8", "utf_8") or not hasattr(stream, "reconfigure"):
            continue
        if stream.isatty():
            stream.reconfigure(errors="replace")
        else:
            stream.reconfigure(encoding="utf-8")


if __name__ == "__main__":
    main()
