"""Rewrite the golden documents in tests/golden from the examples, for a person to review.

The test suite only compares documents with these files; it never writes them. After an
intended change to a document, run this, read `git diff tests/golden` line by line, and say
in the commit what changed and why:

    python tools/update_golden.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import AS_OF, EXAMPLES, GOLDEN, golden_build  # noqa: E402


def main() -> int:
    for example in sorted(path.name for path in GOLDEN.iterdir()):
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch) / "out"
            proc = golden_build(EXAMPLES / example, out)
            if proc.returncode != 0:
                sys.stderr.write(f"{example}: build failed: {proc.stderr}")
                return 1
            shutil.rmtree(GOLDEN / example)
            shutil.copytree(out, GOLDEN / example)
    subprocess.run(["git", "-C", str(ROOT), "status", "--short", "--", str(GOLDEN)], check=False)
    print(f"golden files rebuilt as of {AS_OF}; now read `git diff tests/golden` before you "
          "commit them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
