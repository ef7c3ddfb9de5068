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
