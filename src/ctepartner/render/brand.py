"""A consultant's brand on every document: a logo, a colour for headings and rules, a font.

`[brand]` in `ctepartner.toml` names the files (in the repository; see `config.BrandFiles`).
They are read once per command, as partnership files are read (never through a link out of
the repository, never more than a set size), and given to every format: the HTML embeds
them (a self-contained page), the PDF typesets with them, the Word file takes the colour and
names the font. The logo's text alternative is the convener's name.
"""

from __future__ import annotations

import base64
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctepartner.errors import UserError
from ctepartner.printable import shown

if TYPE_CHECKING:  # the PDF writer imports this module: it stays light
    from ctepartner.config import BrandFiles

INK = "#14365d"  # headings and rules, unless a brand gives its own colour
MAX_LOGO = 1024 * 1024  # bytes: a logo is a few KB
MAX_FONT = 8 * 1024 * 1024  # bytes: a font file with many scripts is a few MB
_MEDIA = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
          ".svg": "image/svg+xml", ".ttf": "font/ttf", ".otf": "font/otf"}


@dataclass(frozen=True)
class Brand:
    """What a template and the writers see of the brand."""

    color: str = INK
    logo: str = ""  # a data: URI, "" for none
    logo_alt: str = ""
    font_family: str = ""  # "" for the packaged fonts
    font_faces: str = ""  # the HTML's @font-face rules, each face's file a data: URI: made
    # of the checked family name, base64 and Typst's style words, so written as they are
    fonts: Path | None = None  # a private folder holding the font, for Typst
    _keep: Any = field(default=None, repr=False, compare=False)  # the folder's lifetime


def _read(path: Path, limit: int, what: str) -> bytes:
    from ctepartner.load.source import Unreadable, read_source

    try:
        data = read_source(path, path.parent)
    except Unreadable as error:
        raise UserError(f"{shown(path)}: {error}") from None
    if data is None:
        raise UserError(f"{shown(path)}: no such {what} file (named in ctepartner.toml's "
                        "[brand])")
    if len(data) > limit:
        raise UserError(f"{shown(path)}: a {what} of {len(data) // 1024:,} KB; at most "
                        f"{limit // 1024:,} KB is read")
    return data


def _uri(path: Path, data: bytes) -> str:
    return f"data:{_MEDIA[path.suffix.lower()]};base64,{base64.b64encode(data).decode()}"


def load_brand(files: BrandFiles, alt: str) -> Brand:
    """The brand the configuration names, read and checked; the packaged look without one."""
    if files.logo is None and files.color is None and files.font is None:
        return Brand()
    logo = ""
    if files.logo is not None:
        data = _read(files.logo, MAX_LOGO, "logo")
        if files.logo.suffix.lower() == ".svg" and b"<svg" not in data[:4096]:
            raise UserError(f"{shown(files.logo)}: not an SVG picture")
        logo = _uri(files.logo, data)
    if files.font is None:
        return Brand(files.color or INK, logo, alt)
    folder = tempfile.TemporaryDirectory(prefix="ctepartner-font-")
    try:
        family, faces = _fonts(files.font, Path(folder.name))
    except UserError:
        folder.cleanup()
        raise
    return Brand(files.color or INK, logo, alt, family, faces, Path(folder.name), folder)


MAX_FACES = 8  # regular, bold, italic, bold italic, and a few weights more


def _fonts(named: Path, into: Path) -> tuple[str, str]:
    """The brand's font files (one file, or a folder of a family's faces) copied into a
    private folder for Typst; the family's name, and the HTML's @font-face rules."""
    import typst

    from ctepartner.config import FONT_TYPES

    paths = sorted(path for path in named.iterdir() if path.suffix.lower() in FONT_TYPES
                   ) if named.is_dir() else [named]
    if not paths or len(paths) > MAX_FACES:
        raise UserError(f"{shown(named)}: a brand's font is one .ttf or .otf file, or a "
                        f"folder of 1 to {MAX_FACES} of them (found {len(paths)})")
    files = {}
    for index, path in enumerate(paths):
        data = _read(path, MAX_FONT, "font")
        copy = into / f"face-{index}{path.suffix.lower()}"
        copy.write_bytes(data)
        files[str(copy)] = (path, data)
    faces = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(into)]).fonts()
    if not faces:
        raise UserError(f"{shown(named)}: not a font file Typst can read (TrueType or "
                        "OpenType)")
    family = faces[0].family
    if not all(char.isalnum() or char in " -_." for char in family):
        raise UserError(f"{shown(named)}: its family name {family!r} has characters a style "
                        "sheet cannot name")
    rules = []
    for face in faces:
        if face.family == family and face.path in files:
            path, data = files[face.path]
            rules.append(f'@font-face {{ font-family: "{family}"; src: url({_uri(path, data)});'
                         f" font-weight: {face.weight}; font-style: {face.style}; }}")
    return family, "\n".join(rules)
