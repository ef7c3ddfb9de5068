"""The reader's language: the catalog a document's words are translated from, and how that
language writes a day and a number.

Documents are written in one language at a time (`speaking("es")`); every word a reader
sees goes through `gettext`, with a catalog in gettext's own format (`locale/<code>.po`,
read by Babel), so translators use the tools they know. A sentence a catalog lacks is
written in English, and `missing` says which. English needs no catalog: it is the text of
the code and the templates. Days and numbers are written by Babel's rules for the language
("29 de noviembre de 2026", "16.900"), English ones as before ("November 29, 2026", "16,900").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from types import MappingProxyType

ENGLISH = "en"
LOCALE = Path(__file__).resolve().parent / "locale"  # packaged catalogs: es.po, ...
TEMPLATE = LOCALE / "ctepartner.pot"  # every English message, as extracted from the sources
_CURRENT: ContextVar[str] = ContextVar("language", default=ENGLISH)
_FOLDERS: ContextVar[tuple[Path, ...]] = ContextVar("catalogs", default=())
_THEIRS: ContextVar[Mapping[str, str]] = ContextVar("theirs", default=MappingProxyType({}))


@contextmanager
def speaking(code: str, folders: tuple[Path, ...] = (),
             own: Mapping[str, str] | None = None) -> Iterator[None]:
    """Write in `code` until the block ends; `folders` hold a repository's own catalogs,
    looked in before the packaged ones; `own` is the partnership's translation of its own
    words (partnership.yaml's `translations`)."""
    own = {_spaced(text): translation for text, translation in (own or {}).items()}
    token, more, words = _CURRENT.set(code), _FOLDERS.set(folders), _THEIRS.set(own)
    try:
        yield
    finally:
        _CURRENT.reset(token)
        _FOLDERS.reset(more)
        _THEIRS.reset(words)


def theirs(text: str) -> str:
    """What the partnership wrote, in the current language when it gave a translation
    (matched with its spaces and line breaks as one space each, so a long text may be
    wrapped as the file wraps it)."""
    return _THEIRS.get().get(_spaced(text)) or text


def _spaced(text: str) -> str:
    return " ".join(text.split())


def current() -> str:
    return _CURRENT.get()


def catalog_path(code: str, folders: tuple[Path, ...] = ()) -> Path | None:
    """The catalog of `code`: a repository's first, then the packaged one."""
    for folder in (*folders, LOCALE):
        if (folder / f"{code}.po").is_file():
            return folder / f"{code}.po"
    return None


def available(folders: tuple[Path, ...] = ()) -> list[str]:
    """Every language a document can be written in."""
    found = {path.stem for folder in (*folders, LOCALE) for path in folder.glob("*.po")}
    return [ENGLISH, *sorted(found - {ENGLISH})]


def language_name(code: str, *, in_english: bool = False) -> str:
    """A language as its own speakers name it ("English", "Español"), or as the command
    line, in English, does ("Spanish")."""
    if code == ENGLISH:
        return "English"
    from babel import Locale, UnknownLocaleError

    try:
        named = Locale.parse(code).get_display_name(ENGLISH if in_english else code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return capitalized(named)


def capitalized(text: str) -> str:
    """`text` with a capital first letter, the rest as it is: a heading's or a list's
    first word, in any language ("en curso" -> "En curso")."""
    return text[:1].upper() + text[1:]


MAX_CATALOG = 10 * 2**20  # bytes: a catalog of every document is a few hundred KB
_PLACEHOLDER = re.compile(r"\{(\w+)\}|%\((\w+)\)s")


def fits(message: str, translation: str) -> bool:
    """Whether `translation` can stand for `message`: the same placeholders, and no brace or
    percent sign more or less, so that filling it in cannot fail."""
    return (sorted(_PLACEHOLDER.findall(message)) == sorted(_PLACEHOLDER.findall(translation))
            and all(message.count(mark) == translation.count(mark) for mark in "{}%"))


@cache
def _read(path: Path) -> dict[str, str]:
    """A catalog's translations, by English message, never read through a link out of its
    folder nor past 10 MB. Fuzzy or empty ones are left out, and so is one whose
    placeholders do not fit its message: those read in English."""
    import io
    import stat

    from babel.messages.pofile import read_po

    from ctepartner.errors import UserError

    real = path.resolve()
    if not real.is_relative_to(path.parent.resolve()):
        raise UserError(f"{path}: a link out of its folder; a catalog is read only from it")
    status = real.stat()
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_CATALOG:
        raise UserError(f"{path}: not a catalog file of at most {MAX_CATALOG // 2**20} MB")
    try:
        catalog = read_po(io.BytesIO(real.read_bytes()))
    except Exception as error:  # Babel's parser: any catalog that is not gettext's format
        raise UserError(f"{path}: not a gettext catalog ({error})") from None
    return {str(message.id): str(message.string) for message in catalog
            if message.id and isinstance(message.id, str) and isinstance(message.string, str)
            and message.string and not message.fuzzy and fits(message.id, message.string)}


def translations(code: str, folders: tuple[Path, ...] = ()) -> dict[str, str]:
    path = catalog_path(code, folders)
    return {} if path is None else _read(path)


def gettext(message: str) -> str:
    """`message` in the current language: its translation, or itself in English."""
    code = _CURRENT.get()
    if code == ENGLISH:
        return message
    return translations(code, _FOLDERS.get()).get(message) or message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or the plural message, as `count` asks, in the current language."""
    return gettext(singular if count == 1 else plural)


def N_(message: str) -> str:
    """Marks `message` for the catalog where it is defined; it is translated (`gettext`)
    where a reader sees it."""
    return message


@cache
def english() -> tuple[str, ...]:
    """Every message of the documents, from the template catalog."""
    from babel.messages.pofile import read_po

    with TEMPLATE.open("rb") as stream:
        return tuple(str(message.id) for message in read_po(stream) if message.id)


def missing(code: str, folders: tuple[Path, ...] = ()) -> list[str]:
    """The messages `code`'s catalog does not translate (they are written in English)."""
    if code == ENGLISH:
        return []
    found = translations(code, folders)
    return [message for message in english() if not found.get(message)]


def long_date(value: dt.date | None) -> str:
    """A day as a reader writes it: "August 1, 2025", "1 de agosto de 2025" ("" for none)."""
    if value is None:
        return ""
    code = _CURRENT.get()
    if code == ENGLISH:
        return f"{value:%B} {value.day}, {value.year}"
    from babel.dates import format_date

    return format_date(value, "long", locale=code)


def month_year(day: dt.date) -> str:
    """"October 2026", "octubre de 2026"."""
    code = _CURRENT.get()
    if code == ENGLISH:
        return f"{day:%B} {day.year}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=code)


def short_month(day: dt.date) -> str:
    """"Jun 2025", where a chart's axis has room for no more."""
    code = _CURRENT.get()
    if code == ENGLISH:
        return f"{day:%b} {day.year}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", day, locale=code)


def number(value: float | None, decimals: int | None = None) -> str:
    """A number as a reader expects it: "16,900", "4.4" ("16.900", "4,4" in Spanish), at
    most two decimals, none that are zero, or exactly `decimals` ("4.0" for a mean); ""
    for none."""
    if value is None:
        return ""
    code = _CURRENT.get()
    if code == ENGLISH:
        if decimals is not None:
            return f"{value:,.{decimals}f}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    from babel.numbers import format_decimal

    pattern = "#,##0." + ("0" * decimals if decimals is not None else "##")
    return format_decimal(round(value, 2 if decimals is None else decimals), pattern,
                          locale=code)


def money(value: float) -> str:
    """An amount in US dollars as the language writes it: "$1,000,000", "$12.50";
    "1.000.000 US$" in Spanish. No cents on a whole amount."""
    code = _CURRENT.get()
    whole = float(value).is_integer()
    if code == ENGLISH:
        shown = f"{abs(value):,.0f}" if whole else f"{abs(value):,.2f}"
        return f"-${shown}" if value < 0 else f"${shown}"
    from babel import Locale
    from babel.numbers import format_currency

    pattern = Locale.parse(code).currency_formats["standard"].pattern
    if whole:
        pattern = pattern.replace(".00", "")
    return format_currency(value, "USD", format=pattern, locale=code, currency_digits=False)


def percent(shown: str) -> str:
    """A number already written (`number`) as a percentage: "86%", "86 %" in Spanish."""
    return f"{shown}%" if _CURRENT.get() == ENGLISH else f"{shown}\u00a0%"
