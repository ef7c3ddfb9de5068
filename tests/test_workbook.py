"""The whole partnership as a workbook, and back: read by openpyxl as a spreadsheet program
would, edited as a convener would, and never a byte changed that was not meant to change."""

import datetime as dt
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from conftest import AS_OF, run


def _export(folder: Path, tmp_path: Path) -> Path:
    book = tmp_path / "partnership.xlsx"
    proc = run("export", "workbook", folder, "--output", book)
    assert proc.returncode == 0, proc.stderr
    return book


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*.yaml")}


@pytest.mark.parametrize("example", ["rutherford", "delaware"])
def test_export_then_import_changes_no_byte(example: str, request: pytest.FixtureRequest,
                                            tmp_path: Path) -> None:
    folder = request.getfixturevalue(example)
    before = _snapshot(folder)
    book = _export(folder, tmp_path)
    proc = run("import", "workbook", book, folder)
    assert proc.returncode == 0 and "0 added, 0 changed" in proc.stdout, proc.stderr
    assert _snapshot(folder) == before


def test_an_agreements_own_clauses_stay_in_the_yaml(rutherford: Path, tmp_path: Path) -> None:
    """Mappings of free keys (an agreement's own clauses, the partnership's translations)
    are no cell of the workbook: it exports, and its import changes no byte of them."""
    partnership = rutherford / "partnership.yaml"
    partnership.write_text(partnership.read_text() + "  clauses:\n"
                           "    media-release: Photos of students need a parent's consent.\n")
    before = _snapshot(rutherford)
    proc = run("import", "workbook", _export(rutherford, tmp_path), rutherford)
    assert proc.returncode == 0 and "0 added, 0 changed" in proc.stdout, proc.stderr
    assert _snapshot(rutherford) == before


UNO = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True,
                     check=False).returncode == 0 if Path("/usr/bin/python3").exists() else False
needs_calc = pytest.mark.skipif(
    not (UNO and Path("/usr/lib/libreoffice/program/libsclo.so").exists()),
    reason="LibreOffice Calc and python3-uno are not installed (.ci/run installs them)")


def _calc(book: Path, out: Path, *edits: str) -> Path:
    """`book` opened in LibreOffice Calc, edited as a person would, saved by Calc."""
    proc = subprocess.run(["/usr/bin/python3", str(Path(__file__).parent / "calc_edit.py"),
                           str(book), str(out), *edits], capture_output=True, text=True,
                          timeout=300, check=False)
    assert proc.returncode == 0 and out.is_file(), proc.stderr
    return out


@pytest.mark.parametrize("example", ["rutherford", "delaware"])
@needs_calc
def test_a_workbook_saved_by_calc_imports_with_no_change(example: str, tmp_path: Path,
                                                         request: pytest.FixtureRequest) -> None:
    """Calc stores a TRUE it shows as the formula =TRUE(): read as a boolean."""
    folder = request.getfixturevalue(example)
    before = _snapshot(folder)
    saved = _calc(_export(folder, tmp_path), tmp_path / "saved.xlsx")
    proc = run("import", "workbook", saved, folder)
    assert proc.returncode == 0 and "0 added, 0 changed" in proc.stdout, proc.stderr
    assert _snapshot(folder) == before


@pytest.mark.parametrize("example", ["rutherford", "delaware"])
def test_a_workbook_as_excel_keeps_it_imports_with_no_change(example: str, tmp_path: Path,
                                                             request: pytest.FixtureRequest
                                                             ) -> None:
    """Excel, as openpyxl can imitate it: a date typed into a General cell is kept as its
    serial number, and a number typed into a Text cell as text."""
    folder = request.getfixturevalue(example)
    before = _snapshot(folder)
    book = _export(folder, tmp_path)
    workbook = load_workbook(book)
    changed = 0
    for page in workbook.worksheets:
        for row in page.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.datetime | dt.date):
                    day = cell.value.date() if isinstance(cell.value, dt.datetime) else cell.value
                    cell.value, cell.number_format = (day - dt.date(1899, 12, 30)).days, "General"
                    changed += 1
                elif isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    cell.value, cell.number_format = f"{cell.value:g}", "@"
                    changed += 1
    assert changed > 20
    workbook.save(book)
    proc = run("import", "workbook", book, folder)
    assert proc.returncode == 0 and "0 added, 0 changed" in proc.stdout, proc.stderr
    assert _snapshot(folder) == before


@needs_calc
def test_a_deleted_row_and_a_renamed_sheet_in_calc(rutherford: Path, tmp_path: Path) -> None:
    """A row deleted in Calc deletes nothing (import never deletes) and a sheet renamed
    only in case or spacing is still that sheet; a sheet renamed to something else is named
    in the error, never silently dropped."""
    book = _export(rutherford, tmp_path)
    before = _snapshot(rutherford)
    kept = _calc(book, tmp_path / "kept.xlsx", "delete", "stakeholders", "3",
                 "rename", "meetings", "Meetings", "rename", "meeting actions",
                 "Meeting_Actions")
    proc = run("import", "workbook", kept, rutherford)
    assert proc.returncode == 0 and "0 added, 0 changed" in proc.stdout, proc.stderr
    assert _snapshot(rutherford) == before
    renamed = _calc(book, tmp_path / "renamed.xlsx", "rename", "log", "Log book")
    proc = run("import", "workbook", renamed, rutherford)
    assert proc.returncode == 2 and "Log book!A1: this sheet is none of the workbook's" in (
        proc.stderr), proc.stderr
    assert _snapshot(rutherford) == before


def test_the_workbook_is_what_a_spreadsheet_program_expects(delaware: Path,
                                                            tmp_path: Path) -> None:
    book = load_workbook(_export(delaware, tmp_path))
    assert book.sheetnames[:3] == ["settings", "stakeholders", "observations"]
    stakeholders = book["stakeholders"]
    heads = [cell.value for cell in stakeholders[1]]
    assert heads[0] == "id" and "contact.email" in heads and "agreement.status" in heads
    assert stakeholders.freeze_panes == "A2"
    since = stakeholders.cell(2, heads.index("status_since") + 1)
    assert isinstance(since.value, dt.datetime) and since.is_date  # a real date
    ranges = [str(v.sqref) for v in stakeholders.data_validations.dataValidation]
    letter = stakeholders.cell(1, heads.index("sector") + 1).column_letter
    assert any(r.startswith(f"{letter}2") for r in ranges)  # a drop-down of sectors
    observations = [cell.value for cell in book["observations"][1]]
    assert observations == ["metric", "date", "value", "note"]
    settings = {row[0].value: row[1].value for row in book["settings"].iter_rows(min_row=2)}
    assert settings["partnership.convener.lead.email"] == "cte-stem@doe.example.org"
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows()
               for cell in row)


def _edited(book_path: Path, status: str, out: Path) -> Path:
    book = load_workbook(book_path)
    sheet = book["stakeholders"]
    heads = [cell.value for cell in sheet[1]]
    sheet.cell(4, heads.index("status") + 1).value = status  # coastal-district
    row = sheet.max_row + 1
    for key, value in {"id": "acme-precision", "organization": "Acme Precision, Inc.",
                       "sector": "business", "status": "identified"}.items():
        sheet.cell(row, heads.index(key) + 1).value = value
    book["observations"].append(["pathway-enrollment", dt.date(2026, 10, 31), 17500,
                                 "Fall count"])
    for cells in book["settings"].iter_rows(min_row=2):
        if cells[0].value == "partnership.convener.lead.title":
            cells[1].value = "Director, CTE"
    book.save(out)
    return out


def test_an_edited_workbook_gives_one_error_then_writes_only_its_lines(
        delaware: Path, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(delaware)], check=True)
    subprocess.run(["git", "-C", str(delaware), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(delaware), "-c", "user.name=t", "-c",
                    "user.email=t@example.org", "commit", "-qm", "start"], check=True)
    book = _export(delaware, tmp_path)
    before = _snapshot(delaware)
    proc = run("import", "workbook", _edited(book, "activ", tmp_path / "bad.xlsx"), delaware)
    assert proc.returncode == 2
    errors = [line for line in proc.stderr.splitlines() if "!" in line]
    assert len(errors) == 1 and "stakeholders!" in errors[0] and "`activ`" in errors[0]
    assert _snapshot(delaware) == before
    proc = run("import", "workbook", _edited(book, "active", tmp_path / "good.xlsx"), delaware)
    assert proc.returncode == 0, proc.stderr
    diff = subprocess.run(["git", "-C", str(delaware), "diff", "-U0"], capture_output=True,
                          text=True, check=True).stdout
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert sorted(changed) == sorted([
        "-    title: Director", "+    title: Director, CTE",
        "+      - {date: 2026-10-31, value: 17500, note: Fall count}",
        "+  - id: acme-precision", '+    organization: "Acme Precision, Inc."',
        "+    sector: business", "+    status: identified"])
    assert run("check", delaware, "--as-of", AS_OF, "-q").returncode == 0


def _book(tmp_path: Path, name: str, fill: object) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "stakeholders"
    sheet.append(["id", "organization", "sector", "status"])
    if callable(fill):
        fill(sheet)
    path = tmp_path / name
    book.save(path)
    return path


def _day_sixty(sheet: Any) -> None:
    """Serial day 60, which spreadsheets count as 29 February 1900, a day that never was."""
    sheet.cell(1, 5, "status_since")
    sheet.append(["coastal-district", "Coastal school district", "k12", "active", 60])
    sheet.cell(2, 5).number_format = "yyyy-mm-dd"


def _hidden_twin(sheet: Any) -> None:
    """A second, very hidden sheet of stakeholders that no one saving the file would see."""
    twin = sheet.parent.create_sheet("stakeholders (2)")
    twin.append(["id", "organization", "sector", "status"])
    twin.append(["planted", "Planted Org", "business", "active"])
    twin.sheet_state = "veryHidden"


def test_bad_workbooks_end_in_one_line_and_write_nothing(delaware: Path,
                                                         tmp_path: Path) -> None:
    before = _snapshot(delaware)
    not_a_book = tmp_path / "notes.xlsx"
    not_a_book.write_text("just text")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 200_000_000)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook>" + bytes(range(256)) * 64)
    raw = bytearray(damaged.read_bytes())
    raw[60:90] = b"\xff" * 30  # inside the compressed data of the one part
    damaged.write_bytes(bytes(raw))
    cases = {
        "not a workbook": (not_a_book, "not a workbook"),
        "a damaged part": (damaged, "not a workbook"),
        "a zip bomb": (bomb, "unpacks to 191 MB"),
        "a formula": (_book(tmp_path, "formula.xlsx", lambda s: s.append(
            ["x", "=HYPERLINK(\"http://x.example\")", "business", "identified"])), "a formula"),
        "text in a date": (_book(tmp_path, "date.xlsx", lambda s: (
            s.cell(1, 5, "status_since"), s.append(["coastal-district", "Coastal school "
                                                    "district", "k12", "active", "soon"]))),
            "stakeholders!E2"),
        "an unknown column": (_book(tmp_path, "column.xlsx", lambda s: s.cell(1, 5, "favourite")),
                              "stakeholders!E1"),
        "100,000 empty rows": (_book(tmp_path, "empty.xlsx", lambda s: s.cell(100_001, 1, " ")),
                               None),
        "a broken formula's error": (_book(tmp_path, "ref.xlsx", lambda s: s.append(
            ["x", "#REF!", "business", "identified"])), "stakeholders!B2: the error #REF!"),
        "serial day 60": (_book(tmp_path, "day60.xlsx", _day_sixty), "before 1 March 1900"),
        "a very hidden sheet": (_book(tmp_path, "hidden.xlsx", _hidden_twin),
                                "hidden sheets ('stakeholders (2)')"),
    }
    for name, (path, message) in cases.items():
        proc = run("import", "workbook", path, delaware)
        if message is None:
            assert proc.returncode == 0, (name, proc.stderr)
        else:
            assert proc.returncode == 2, (name, proc.stdout)
            assert message in proc.stderr, (name, proc.stderr)
            assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
        assert _snapshot(delaware) == before, name


def test_a_workbook_of_too_many_cells_is_refused_as_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ctepartner.author import workbook
    from ctepartner.errors import UserError

    book = Workbook()
    page = book.active
    assert page is not None
    for n in range(30):
        page.append([f"s-{n}"] * 10)
    path = tmp_path / "many.xlsx"
    book.save(path)
    monkeypatch.setattr(workbook, "MAX_CELLS", 100)  # two million cells take minutes to make
    with pytest.raises(UserError, match="more than 100 cells"):
        workbook.read_workbook(path)
