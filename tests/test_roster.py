"""import and export of the stakeholder roster: merge by id, never delete, keep comments."""

import csv
import difflib
import io
from pathlib import Path

import pytest

from conftest import run
from ctepartner.author import roster
from ctepartner.author.scalars import scalar
from ctepartner.errors import UserError


def test_export_import_round_trip_changes_nothing(delaware: Path, tmp_path: Path) -> None:
    before = (delaware / "stakeholders.yaml").read_bytes()
    for name in ("roster.csv", "roster.xlsx"):
        target = tmp_path / name
        assert run("export", "stakeholders", delaware, "--output", target).returncode == 0
        proc = run("import", "stakeholders", target, delaware)
        assert proc.returncode == 0 and "adds 0, updates 0" in proc.stdout
        assert (delaware / "stakeholders.yaml").read_bytes() == before


def test_export_csv_to_stdout(delaware: Path) -> None:
    proc = run("export", "stakeholders", delaware)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [row["id"] for row in rows][:2] == ["delaware-tech", "capital-district"]
    assert rows[0]["contributes"] == "Employer engagement; Work-based learning placements"


def test_import_updates_adds_and_keeps_comments(delaware: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "update.csv"
    sheet.write_text("Org Name,id,status,contact_email,sector\n"
                     "Coastal school district,coastal-district,paused,,\n"
                     "Harbor Health,,contacted,hr@harbor.example.org,business\n")
    path = delaware / "stakeholders.yaml"
    before = path.read_text()
    dry = run("import", "stakeholders", sheet, delaware, "--map", "Org Name=organization",
              "--dry-run")
    assert dry.returncode == 0 and "would add 1, would update 1" in dry.stdout
    assert path.read_text() == before
    done = run("import", "stakeholders", sheet, delaware, "--map", "Org Name=organization")
    assert done.returncode == 0, done.stderr
    after = path.read_text()
    assert after.startswith("# Organisations other than")  # the comment is kept
    assert after.count("status: paused") == 1
    assert "  - id: harbor-health\n    organization: Harbor Health\n" in after
    assert "contact: {email: hr@harbor.example.org}" in after
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert [line for line in diff if line.startswith("- ")] == ["-     status: active"]
    assert len([line for line in diff if line.startswith("+ ")]) == 6  # status, and 5 new


def test_bad_rows_are_reported_by_number_and_nothing_is_written(delaware: Path,
                                                                 tmp_path: Path) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("organization,sector\nGood Co,business\nBad Co,retail\n,k12\n")
    before = (delaware / "stakeholders.yaml").read_bytes()
    proc = run("import", "stakeholders", sheet, delaware)
    assert proc.returncode == 2
    assert "row 3 (bad-co): `sector` cannot be `retail`" in proc.stderr
    assert "row 4: no id" in proc.stderr
    assert (delaware / "stakeholders.yaml").read_bytes() == before


def test_map_must_name_a_field() -> None:
    with pytest.raises(UserError, match="--map"):
        roster.parse_map(["Org Name=company"])


FORMULAS = ['=HYPERLINK("http://x.example","Coastal")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("name", FORMULAS)
def test_spreadsheets_are_data_never_code(delaware: Path, tmp_path: Path, name: str) -> None:
    from openpyxl import load_workbook

    path = delaware / "stakeholders.yaml"
    path.write_text(path.read_text().replace("organization: Coastal school district",
                                             f"organization: {scalar(name)}", 1))
    before = path.read_bytes()
    csv_text = run("export", "stakeholders", delaware).stdout
    assert f"'{name[:5]}" in csv_text  # guarded, as Excel writes it
    sheet = tmp_path / "roster.xlsx"
    assert run("export", "stakeholders", delaware, "--output", sheet).returncode == 0
    cells = [c for row in load_workbook(sheet).active.iter_rows() for c in row
             if c.value == name]
    assert cells and all(cell.data_type == "s" for cell in cells)  # text, not a formula
    for exported in ("roster.csv", "roster.xlsx"):
        target = tmp_path / exported
        run("export", "stakeholders", delaware, "--output", target)
        proc = run("import", "stakeholders", target, delaware)
        assert proc.returncode == 0 and "adds 0, updates 0" in proc.stdout, proc.stderr
        assert path.read_bytes() == before


def test_headers_match_whatever_their_case_and_unknown_columns_are_named(
        delaware: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "roster.csv"
    sheet.write_text("Organization,Sector,Contact Email,Notes\n"
                     "Acme Precision,business,hr@acme.example.org,met at the fair\n")
    proc = run("import", "stakeholders", sheet, delaware, "--dry-run")
    assert proc.returncode == 2
    assert "column 'Notes' is not a roster field" in proc.stderr and "--map" in proc.stderr
    proc = run("import", "stakeholders", sheet, delaware, "--map", "notes=")
    assert proc.returncode == 0, proc.stderr
    text = (delaware / "stakeholders.yaml").read_text()
    assert "id: acme-precision" in text and "hr@acme.example.org" in text


def test_one_header_vocabulary_for_the_roster_and_the_workbook(rutherford: Path,
                                                               tmp_path: Path) -> None:
    """The workbook's stakeholders sheet saved as CSV imports with no --map, and the roster
    export speaks the same columns; an unknown column lists the fields there are."""
    from openpyxl import load_workbook

    book = tmp_path / "book.xlsx"
    assert run("export", "workbook", rutherford, "--output", book).returncode == 0
    sheet = load_workbook(book)["stakeholders"]
    heads = [cell.value for cell in sheet[1]]
    exported = next(csv.reader(io.StringIO(run("export", "stakeholders", rutherford).stdout)))
    assert exported == heads
    saved = tmp_path / "stakeholders.csv"  # as a spreadsheet program saves the one sheet
    with saved.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        for row in sheet.iter_rows():
            writer.writerow(["" if cell.value is None else
                             cell.value.strftime("%Y-%m-%d") if cell.is_date else cell.value
                             for cell in row])
    before = (rutherford / "stakeholders.yaml").read_bytes()
    proc = run("import", "stakeholders", saved, rutherford)
    assert proc.returncode == 0 and "adds 0, updates 0 stakeholder(s)" in proc.stdout, (
        proc.stdout + proc.stderr)
    assert (rutherford / "stakeholders.yaml").read_bytes() == before
    odd = tmp_path / "odd.csv"
    odd.write_text("organization,Email,sector\nAcme,a@example.org,business\n")
    proc = run("import", "stakeholders", odd, rutherford)
    assert proc.returncode == 2 and "contact.email" in proc.stderr
    assert "the fields are: id, organization" in proc.stderr


@pytest.mark.parametrize(("name", "content", "encoding"), [
    ("european.csv", "organization;sector;status\nPeña & Sons Welding;Business;identified\n",
     "utf-8-sig"),
    ("unicode.txt", "organization\tsector\tstatus\nPeña & Sons Welding\tK-12\tidentified\n",
     "utf-16"),
    ("windows.csv", "organization,sector,status\nPeña & Sons Welding,business,identified\n",
     "cp1252"),
    ("tabs.tsv", "organization\tsector\tstatus\nPeña & Sons Welding\tbusiness\tidentified\n",
     "utf-8")])
def test_csv_as_spreadsheet_programs_save_it(rutherford: Path, tmp_path: Path, name: str,
                                             content: str, encoding: str) -> None:
    """Semicolons (Excel in much of Europe), UTF-16 "Unicode text", Windows text, tabs: each
    imports with no option, and the name keeps its ñ."""
    sheet = tmp_path / name
    sheet.write_text(content, encoding=encoding)
    proc = run("import", "stakeholders", sheet, rutherford)
    assert proc.returncode == 0, proc.stderr
    assert "organization: Peña & Sons Welding" in (rutherford / "stakeholders.yaml").read_text(
        encoding="utf-8")


def test_text_decoded_twice_stops_the_import_at_its_row(rutherford: Path,
                                                        tmp_path: Path) -> None:
    sheet = tmp_path / "twice.csv"
    sheet.write_text("organization,sector,status\nAcme,business,identified\n"
                     "PeÃ±a & Sons Welding,business,identified\n", encoding="utf-8")
    before = (rutherford / "stakeholders.yaml").read_bytes()
    proc = run("import", "stakeholders", sheet, rutherford)
    assert proc.returncode == 2 and "row 3" in proc.stderr and "CSV UTF-8" in proc.stderr
    assert (rutherford / "stakeholders.yaml").read_bytes() == before
