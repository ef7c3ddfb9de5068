"""LibreOffice, headless, standing in for the convener's word processor and spreadsheet.

`soffice --convert-to` returns when it is done, so there is no time to wait for. A program
that fails to start (a profile still locked by the last run, a slow machine) is tried once
more, then reported with what it printed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

WRITER = Path("/usr/lib/libreoffice/program/libswlo.so")  # Debian's LibreOffice Writer
SOFFICE = shutil.which("soffice") if WRITER.exists() else None


def convert(files: list[Path], to: str, folder: Path) -> list[Path]:
    """Each file converted by LibreOffice into `folder`, as `to` (`pdf`, `xlsx`...)."""
    wanted = [folder / f"{path.stem}.{to.split(':')[0]}" for path in files]
    printed = ""
    for _attempt in (1, 2):
        missing = [path for path, out in zip(files, wanted, strict=True) if not out.exists()]
        if not missing:
            return wanted
        proc = subprocess.run(
            [SOFFICE or "soffice", "--headless", "--norestore", "--convert-to", to, "--outdir",
             str(folder), *map(str, missing)], capture_output=True, text=True, timeout=600,
            check=False, env={"HOME": str(folder / ".office"), "PATH": "/usr/bin:/bin"})
        printed = proc.stdout[-500:] + proc.stderr[-500:]
    missing = [out.name for out in wanted if not out.exists()]
    raise AssertionError(f"LibreOffice did not convert {', '.join(missing)}: {printed}")
