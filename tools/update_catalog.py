"""Extract every message of the documents into the template catalog, and bring each
language's catalog up to it, for a translator to fill in:

    python tools/update_catalog.py

Messages are what the code passes to `gettext` or marks with `N_`, what the templates pass
to `_`, and the words of the enum values documents show (`WORDED`). The
template is `src/ctepartner/locale/ctepartner.pot`; each language's catalog
(`src/ctepartner/locale/<code>.po`) keeps its translations, gains the new messages (empty:
they read in English until translated) and loses the ones no document says any more. The
test suite fails while the template lags the sources or a packaged catalog lacks a
translation (tests/test_language.py).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ctepartner.model.base import Cadence, Sector
from ctepartner.model.files import ActivityStatus, AskKind, Status, Strand
from ctepartner.words import english

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "ctepartner" / "locale"
KEYWORDS = {"gettext": None, "N_": None, "_": None}
JINJA = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
# The enums whose values documents show in words: kinds of asks, sectors, a stakeholder's
# and an activity's status, a metric's strand, a communication's cadence.
WORDED = (AskKind, Sector, Status, ActivityStatus, Strand, Cadence)


def extracted() -> Catalog:
    """Every message of the sources, in the order they first appear."""
    catalog = Catalog(project="ctepartner", charset="utf-8", fuzzy=False)
    for folder, method, options in ((ROOT / "src", [("**.py", "python")], {}),
                                    (ROOT / "templates", [("**.j2", "jinja2")], JINJA)):
        for _file, _line, message, _comments, _context in extract_from_dir(
                str(folder), method_map=method, options_map={"**": options},
                keywords=KEYWORDS):
            if isinstance(message, str) and message:
                catalog.add(message)
    for kind in WORDED:  # enum values as documents word them (`words`), translated as shown
        for value in kind:
            if value is not AskKind.OTHER:
                catalog.add(english(value))
    return catalog


def _written(catalog: Catalog) -> bytes:
    stream = io.BytesIO()
    write_po(stream, catalog, no_location=True, omit_header=False, width=0, sort_output=True)
    return stream.getvalue()


def main() -> int:
    template = extracted()
    (LOCALE / "ctepartner.pot").write_bytes(_written(template))
    for path in sorted(LOCALE.glob("*.po")):
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=path.stem)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.write_bytes(_written(catalog))
        empty = sum(1 for message in catalog if message.id and not message.string)
        print(f"{path.name}: {empty} messages to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
