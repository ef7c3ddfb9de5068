"""Edit a workbook in LibreOffice Calc as a person would, and save it as Calc saves it:
`/usr/bin/python3 calc_edit.py BOOK.xlsx OUT.xlsx [delete SHEET ROW] [rename OLD NEW]...`

Run with Debian's Python, which has LibreOffice's `uno` module (python3-uno); Calc runs
headless for the length of the edit. tests/test_workbook.py calls it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _property(name: str, value: object) -> PropertyValue:
    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def main(source: str, target: str, *edits: str) -> None:
    pipe = f"ctepartner{time.monotonic_ns()}"
    with tempfile.TemporaryDirectory() as home:
        office = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
             f"--accept=pipe,name={pipe};urp;"], env={"HOME": home, "PATH": "/usr/bin:/bin"},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local)
            for _attempt in range(600):  # Calc starts in a few seconds; give it a minute
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;"
                                               "StarOffice.ComponentContext")
                    break
                except Exception:
                    time.sleep(0.1)
            else:
                raise SystemExit("LibreOffice did not start")
            desktop = context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context)
            document = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(str(Path(source).resolve())), "_blank", 0,
                (_property("Hidden", True),))
            sheets = document.Sheets
            words = list(edits)
            while words:
                action = words.pop(0)
                if action == "delete":
                    sheet, row = words.pop(0), int(words.pop(0))
                    sheets.getByName(sheet).Rows.removeByIndex(row - 1, 1)
                elif action == "rename":
                    old, new = words.pop(0), words.pop(0)
                    sheets.getByName(old).Name = new
                else:
                    raise SystemExit(f"unknown edit {action!r}")
            document.storeToURL(uno.systemPathToFileUrl(str(Path(target).resolve())),
                                (_property("FilterName", "Calc Office Open XML"),))
            document.close(True)
        finally:
            office.terminate()
            office.wait(timeout=60)


if __name__ == "__main__":
    main(*sys.argv[1:])
