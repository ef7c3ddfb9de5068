"""Send-ready documents, judged as their readers judge them: names not ids, the public sees
only what is public, every section of an agreement in every format, pages that print well,
and HTML that reads on a phone (CLI.md, "Send-ready")."""

from __future__ import annotations

import html as markup
import io
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader

from browser import Chromium
from conftest import AS_OF, EXAMPLES, Ran, run
from ctepartner.load.partnership import load
from ctepartner.model import files
from ctepartner.model.base import Node
from office import SOFFICE, convert

FORMATS = ("md", "html", "pdf", "docx")
AGREEMENT_SECTIONS = (  # in every agreement; those chosen by the facts are tested apart
    "Parties", "Purpose", "Term", "Responsibilities of each party", "Communications",
    "Measuring success", "Data and student privacy", "Insurance and liability",
    "Responsibility for own acts", "Non-discrimination", "Publicity and use of names",
    "Confidentiality", "Public records", "Independent parties", "Notices",
    "Dispute resolution", "Amendment and ending", "Governing law",
    "Entire agreement, severability and signatures", "Signatures",
)


def text_of(path: Path) -> str:
    """What a reader of the file sees, as plain text."""
    if path.suffix == ".pdf":  # without the page numbers, which a screen reader skips too
        return "\n".join(re.sub(r"(?m)^Page \d+ of \d+\s*$", "", page.extract_text())
                         for page in PdfReader(path).pages)
    if path.suffix == ".docx":
        word = WordDocument(io.BytesIO(path.read_bytes()))
        cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
        return "\n".join([p.text for p in word.paragraphs] + cells)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<(style|title)\b.*?</\1>", " ", text, flags=re.S)
        text = markup.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


def _field_names() -> set[str]:
    names = set()
    for model in vars(files).values():
        if isinstance(model, type) and issubclass(model, Node):
            names |= {info.alias or name for name, info in model.model_fields.items()}
    return {name for name in names if "_" in name}


FIELD_NAMES = _field_names()


def machine_words(folder: Path, directory: Path) -> list[str]:
    """Every id, field name, backtick and `stakeholder:` reference in any document."""
    p = load(directory)
    ids = set()
    for kind in ("goal", "profile", "role", "metric", "activity", "stakeholder", "protocol",
                 "plan", "step"):
        ids |= {item for item in p.ids(kind) or () if "-" in item}
    found = []
    for path in sorted(folder.iterdir()):
        text = text_of(path)
        for word in sorted(ids | FIELD_NAMES):
            if re.search(rf"(?<![\w@./-]){re.escape(word)}(?![\w@-])", text):
                found.append(f"{path.name}: {word}")
        found += [f"{path.name}: {mark}" for mark in ("`", "stakeholder:") if mark in text]
    return found


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A partnership made with `init`, as a convener's first day leaves it."""
    folder = tmp_path_factory.mktemp("fresh") / "partnership"
    proc = run("init", folder, "--yes", "--name", "Lakeside Pathways", "--scope", "local",
               "--region", "Lake County, Ohio", "--convener", "Lakeside Chamber",
               "--lead", "Pathways lead")
    assert proc.returncode == 0, proc.stderr
    return folder


@pytest.mark.parametrize("example", ["rutherford", "delaware", "fresh"])
def test_no_document_speaks_in_ids_or_field_names(example: str, fresh: Path,
                                                   tmp_path: Path) -> None:
    directory = fresh if example == "fresh" else EXAMPLES / example
    args = [a for fmt in FORMATS for a in ("--format", fmt)]
    proc = run("build", directory, *args, "--out", tmp_path, "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    assert {path.suffix for path in tmp_path.iterdir()} == {".md", ".html", ".pdf", ".docx"}
    assert machine_words(tmp_path, directory) == []
    (tmp_path / "report.md").write_text("Owner: `county-schools`, stakeholder:x, hours_per_month")
    assert len(machine_words(tmp_path, directory)) == (4 if example == "rutherford" else 3)


def _seed_secrets(directory: Path) -> None:
    """Confidences in every corner of a copy of Rutherford Works."""
    path = directory / "stakeholders.yaml"
    text = path.read_text()
    text = text.replace("contact: {title: Plant HR manager, email: talent@northfield.example.org}",
                        "contact: {name: Secret Contact Person, email: secret@hidden.example.org,"
                        " phone: 555-0199}\n    public: false")
    text = text.replace("organization: Northfield Precision Manufacturing",
                        "organization: Hidden Precision Works")
    text = text.replace("{date: 2026-10-20, rating: 4}",
                        "{date: 2026-10-20, rating: 1, note: SECRET-CHECK-IN-NOTE}")
    text = text.replace("interview: {date: 2025-08-12, interest: high, capacity: Hosts eight "
                        "interns a year}", "interview: {date: 2025-08-12, interest: high, "
                        "notes: SECRET-INTERVIEW-NOTE}")
    text = text.replace("agreement: {status: signed, signed: 2025-09-22,",
                        "agreement: {status: sent, signed: 2025-09-22,")
    text = text.replace("    temperature_checks:\n      - {date: 2026-09-30, rating: 4}",
                        "    quotes:\n      - {text: SECRET-PRIVATE-QUOTE, public: false}\n"
                        "      - {text: We would host again., by: Workforce lead, public: true}\n"
                        "    temperature_checks:\n      - {date: 2026-09-30, rating: 4}")
    path.write_text(text)
    assert "Hidden Precision Works" in text and "SECRET-PRIVATE-QUOTE" in text


def test_the_community_sees_only_what_is_public(rutherford: Path, tmp_path: Path) -> None:
    _seed_secrets(rutherford)
    tmp_path = tmp_path / "out"
    partners = run("check", rutherford, "--format", "json", "--as-of", AS_OF, "--fail-on",
                   "never")
    messages = json.dumps(json.loads(partners.stdout))
    assert "rated the partnership 1" in messages and "sent" in messages  # the seeds took
    args = [a for fmt in FORMATS for a in ("--format", fmt)]
    proc = run("build", rutherford, *args, "--audience", "community", "--out", tmp_path,
               "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    assert not list(tmp_path.glob("agreement-*")) and not list(tmp_path.glob("packet-for-*"))
    secrets = ("Hidden Precision Works", "Secret Contact Person", "secret@hidden.example.org",
               "555-0199", "SECRET-CHECK-IN-NOTE", "SECRET-INTERVIEW-NOTE",
               "SECRET-PRIVATE-QUOTE", "example.org", "rated", "of 5 on", "Rating",
               "status: sent", "without a signed agreement", "Temperature")
    for path in sorted(tmp_path.iterdir()):
        text = text_of(path)
        assert [secret for secret in secrets if secret in text] == [], path.name
    report = text_of(tmp_path / "report.md")
    assert "We would host again." in report  # a public quote is for everyone
    assert "Midstate Health Partners" in report  # and so is a public partner's name


def _sections(text: str) -> list[str]:
    return [title for title in AGREEMENT_SECTIONS if re.search(rf"^\W*{re.escape(title)}\W*$",
                                                               text, re.M)]


def test_every_agreement_has_every_section_in_every_format_with_the_same_words(
        tmp_path: Path) -> None:
    for fmt in FORMATS:
        proc = run("agreement", EXAMPLES / "rutherford", "--all", "--format", fmt, "--out",
                   tmp_path, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    stems = sorted({path.stem for path in tmp_path.iterdir()})
    assert len(stems) == 5
    for stem in stems:
        texts = {fmt: text_of(tmp_path / f"{stem}.{fmt}") for fmt in FORMATS}
        for fmt, text in texts.items():
            assert _sections(text) == list(AGREEMENT_SECTIONS), (stem, fmt)
        words = {fmt: re.sub(r"[\W_]+", " ", text).split() for fmt, text in texts.items()}
        for fmt in ("html", "pdf", "docx"):
            assert words[fmt] == words["md"], (stem, fmt)
    host = text_of(tmp_path / "agreement-northfield-precision.md")
    assert "Safety of students" in host and "background check" in host
    assert "State of Tennessee" in host and "60 days' written notice" in host
    assert "Employer host" in host and "Senior Vice President" in host  # signers' titles
    college = text_of(tmp_path / "agreement-regional-college.md")
    assert "Safety of students" not in college  # no ask of theirs hosts students


def test_a_clause_is_overridden_once_for_every_format(rutherford: Path, tmp_path: Path) -> None:
    (rutherford / "templates").mkdir()
    (rutherford / "templates" / "clause-insurance.txt.j2").write_text(
        "{{ organization }} carries the insurance named in Exhibit B.\n")
    (rutherford / "ctepartner.toml").write_text('templates = "templates"\npaper = "a4"\n')
    partnership = rutherford / "partnership.yaml"
    partnership.write_text(partnership.read_text() + "  clauses:\n"
                           "    media-release: Photos of students need a parent's consent.\n")
    for fmt in FORMATS:
        proc = run("agreement", rutherford, "--stakeholder", "midstate-health", "--format",
                   fmt, "--out", tmp_path, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    for fmt in FORMATS:
        text = " ".join(text_of(tmp_path / f"agreement-midstate-health.{fmt}").split())
        assert "Midstate Health Partners carries the insurance named in Exhibit B." in text
        assert "Media release" in text and "Photos of students need a parent's consent." in text
    width, height = PdfReader(tmp_path / "agreement-midstate-health.pdf").pages[0].mediabox[2:]
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4
    section = WordDocument(tmp_path / "agreement-midstate-health.docx").sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_the_training_agreement_has_four_signers_and_no_student_data(tmp_path: Path) -> None:
    for fmt in FORMATS:
        proc = run("agreement", EXAMPLES / "rutherford", "--kind", "training", "--stakeholder",
                   "northfield-precision", "--format", fmt, "--out", tmp_path, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    for fmt in FORMATS:
        text = text_of(tmp_path / f"training-agreement-northfield-precision.{fmt}")
        for party in ("Student", "Parent or guardian", "Employer supervisor",
                      "School coordinator"):
            assert re.search(rf"^\W*{party}\b", text, re.M), (fmt, party)
        assert text.count("Signature:") == 4
        assert "Student's name:" in text and "Internship: Host internships" in text
    college = run("agreement", EXAMPLES / "rutherford", "--kind", "training", "--stakeholder",
                  "regional-college", "--out", tmp_path, "--as-of", AS_OF)
    assert college.returncode == 2 and "hosts no students" in college.stderr


def test_the_school_coordinator_belongs_to_the_students_school() -> None:
    """The coordinator signs for the school named, else the only district; never for the
    convener as such."""
    def agreement(*options: str) -> Ran:
        return run("agreement", EXAMPLES / "rutherford", "--kind", "training", "--stakeholder",
                   "northfield-precision", "--out", "-", "--as-of", AS_OF, *options)

    district = agreement().stdout.replace("\\_", "_")  # one K-12 stakeholder here
    assert "School coordinator: ____________________, Rutherford County school district" \
        in district and "School coordinator's phone:" in district
    assert "School coordinator, Rutherford County Chamber" not in district
    college = agreement("--school", "regional-college").stdout.replace("\\_", "_")
    assert "School coordinator: ____________________, Regional community college" in college
    employer = agreement("--school", "midstate-health")
    assert employer.returncode == 2 and "no school or college" in employer.stderr
    partnership = run("agreement", EXAMPLES / "rutherford", "--stakeholder",
                      "northfield-precision", "--school", "regional-college", "--out", "-")
    assert partnership.returncode == 2 and "--kind training" in partnership.stderr


def test_a_packet_recruits_and_thanks_an_active_partner() -> None:
    """A profile packet recruits; an active partner's packet thanks and renews: what it
    gave, what came of it, what is asked for the year ahead."""
    proc = run("packet", EXAMPLES / "rutherford", "--stakeholder", "northfield-precision",
               "--out", "-", "--as-of", AS_OF)
    text = proc.stdout
    assert text.startswith("# Rutherford Works: Thank you, and the year ahead")
    assert "## What Northfield Precision Manufacturing gave" in text
    assert "active partner of Rutherford Works as Employer host since September 1, 2025" in text
    assert "## What we ask for the year ahead" in text and "## What came of it" in text
    assert "Host internships (internship, career preparation): 3 hours a month" in text
    assert "What we handle for you" in text and "background checks" in text
    assert "Student internships completed:** 150 on June 30, 2026, from 80" in text
    assert "Two of last summer's interns" in text
    assert "Your agreement runs until August 31, 2027." in text
    assert "renewing your part for the year ahead" in text and "where you would fit" not in text
    assert "workforce@rutherford.example.org" in text and "615-555-0100" in text
    generic = run("packet", EXAMPLES / "rutherford", "--profile", "employer-host", "--out", "-",
                  "--as-of", AS_OF).stdout
    assert "host internships or job shadows (internship" in generic
    assert "## Why you" in generic and "Thank you" not in generic
    assert "- Nursing pipeline (Midstate Health Partners)" in generic


def test_a_profile_packet_shows_what_its_sector_gets(rutherford: Path) -> None:
    """Benefits come from partners of the profile's sector, each in its own name; evidence
    from the goals that sector or the convener works on; an old value says so."""
    def packet(profile: str, *options: str) -> str:
        proc = run("packet", rutherford, "--profile", profile, "--out", "-", *options)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    employers, districts = packet("employer-host", "--as-of", AS_OF), packet(
        "district-leader", "--as-of", AS_OF)
    enrolled = "Students enrolled in key-industry pathways"  # the schools' goal
    assert enrolled in districts and enrolled not in employers
    assert "Student internships completed" in employers  # Northfield's and the chamber's goal
    path = rutherford / "stakeholders.yaml"
    path.write_text(path.read_text().replace(
        "organization: Midstate Health Partners\n    sector: business",
        "organization: Midstate Health Partners\n    sector: community", 1))
    assert "Nursing pipeline" not in packet("employer-host", "--as-of", AS_OF)
    late = packet("employer-host", "--as-of", "2027-09-01")
    assert "150 on June 30, 2026 (more than a year ago)" in late


# --- what the pages look like -----------------------------------------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                   reason="pdftoppm (Debian's poppler-utils) is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every document of both examples, in PDF and HTML; Rutherford's in Spanish too."""
    out = []
    for example, languages in (("rutherford", "en,es"), ("delaware", "en")):
        folder = tmp_path_factory.mktemp(example)
        proc = run("build", EXAMPLES / example, "--format", "pdf", "--format", "html",
                   "--lang", languages, "--out", folder, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
        proc = run("agreement", EXAMPLES / example, "--all", "--format", "pdf", "--out",
                   folder, "--as-of", AS_OF)
        out += sorted(folder.iterdir())
    return out


@needs_poppler
def test_every_pdf_is_one_a_public_agency_may_post(built: list[Path], tmp_path: Path) -> None:
    """Every PDF of both examples and of a fresh `init` (the survey form too): tagged,
    declared PDF/UA-1, titled with the partnership's name, its language set, every font
    embedded, its headings in the outline, each chart a figure with its text alternative."""
    fresh = tmp_path / "fresh"
    assert run("init", fresh, "--name", "Valley Health Careers", "--yes").returncode == 0
    for command in (("report", fresh, "--format", "pdf"),
                    ("survey", "form", fresh, "--format", "pdf")):
        proc = run(*command, "--out", tmp_path / "out", "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    pdfs = [path for path in built if path.suffix == ".pdf"] + sorted(
        (tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) > 30
    for pdf in pdfs:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info, pdf.name
        title = re.search(r"^Title:\s+(.+)$", info, re.M)
        assert title and title[1].split(":")[0] in ("Rutherford Works", "Delaware Pathways",
                                                     "Valley Health Careers"), pdf.name
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True,
                               text=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), (pdf.name, fonts)
        reader = PdfReader(pdf)
        root = reader.trailer["/Root"]
        language = "es" if pdf.name.endswith(".es.pdf") else "en"
        assert root["/Lang"] == language and root["/MarkInfo"]["/Marked"], pdf.name
        assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data(), pdf.name
        assert reader.outline, pdf.name
        found = _structure(reader)
        assert {"/H1", "/H2"} <= found, (pdf.name, found)
        if pdf.name.startswith("report") and "Rutherford" in title[1]:  # it has charts
            assert {"/Figure", "/Table", "/TH"} <= found, (pdf.name, found)


def _elements(reader: PdfReader) -> Iterator[Any]:
    """The structure elements of a tagged PDF."""
    todo = [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo.extend(item.get_object() for item in node)
            continue
        if not hasattr(node, "get"):
            continue
        yield node
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object() if hasattr(kids, "get_object") else kids
            todo.append(kids if isinstance(kids, list) else [kids])


def _structure(reader: PdfReader) -> set[str]:
    """The structure types of a tagged PDF (/H1, /Table, /TH, /Figure ...)."""
    return {str(node["/S"]) for node in _elements(reader) if "/S" in node}


@needs_poppler
def test_every_page_prints_well(built: list[Path], tmp_path: Path) -> None:
    """Letter paper; no page but the last mostly blank (a third of its pixel rows inked);
    no text outside the page box."""
    for pdf in (path for path in built if path.suffix == ".pdf"):
        reader = PdfReader(pdf)
        headings = set(re.findall(r"<h[23][^>]*>([^<]+)</h[23]>",
                                  pdf.with_suffix(".html").read_text()))
        for page in reader.pages[:-1]:
            lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
            assert markup.unescape(lines[-1]) not in headings, f"{pdf.name}: {lines[-1]} "\
                "is left alone at the foot of a page"
        for page in reader.pages:
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) == (612, 792), pdf.name
            outside: list[tuple[float, float]] = []

            def visit(text: str, cm: list[float], tm: list[float], *_: object,
                      _outside: list[tuple[float, float]] = outside) -> None:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]  # the text's place on the page
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                if text.strip() and not (0 <= x <= 612 and 0 <= y <= 792):
                    _outside.append((x, y))

            page.extract_text(visitor_text=visit)
            assert outside == [], pdf.name
        prefix = tmp_path / pdf.stem
        subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(prefix)], check=True)
        pages = sorted(tmp_path.glob(f"{pdf.stem}-*.pgm"))
        for number, picture in enumerate(pages[:-1], start=1):
            image = Image.open(picture)
            rows = [image.crop((0, y, image.width, y + 1)) for y in range(image.height)]
            inked = sum(1 for row in rows if row.getextrema()[0] < 245)
            assert inked >= image.height / 3, f"{pdf.name} page {number} is mostly blank"


def test_the_browser_check_sees_what_a_reader_would(browser: Chromium, tmp_path: Path) -> None:
    """The probe itself can fail: a page too wide for a phone, and a script error."""
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><html><head><meta name="viewport" content="width=device-'
                    'width"></head><body><p style="width:700px">wide</p><script>console.error('
                    '"broken")</script></body></html>')
    result = browser.open(page, 390, "() => document.querySelector('p').textContent")
    assert (result["inner"], result["acted"], result["errors"]) == (390, "wide", ["broken"])
    assert result["scroll"] > 390


@pytest.mark.parametrize("width", [390, 1280])
def test_html_reads_on_a_phone_and_a_desktop(built: list[Path], browser: Chromium,
                                             width: int) -> None:
    pages = [path for path in built if path.suffix == ".html"]
    wanted = [p for p in pages if p.name.startswith(("report", "index", "agreement-northfield",
                                                     "packet-for-northfield",
                                                     "packet-profile-district-cte"))]
    assert len(wanted) >= 5
    for page in wanted:
        result = browser.open(page, width)
        assert result["errors"] == [], page.name
        assert result["inner"] == width
        assert isinstance(result["scroll"], int) and result["scroll"] <= width, page.name


AXE = os.environ.get("AXE_CORE", "")  # axe-core's axe.min.js (.ci/run installs it from npm)


@pytest.mark.skipif(not AXE, reason="axe-core not installed (.ci/run installs it; set AXE_CORE)")
def test_every_html_document_passes_axe(built: list[Path], browser: Chromium,
                                        tmp_path: Path) -> None:
    """axe-core, in Chromium, on every HTML document of both examples, the survey form and
    the portfolio: no WCAG 2.1 AA violation and no best-practice issue."""
    extra = []
    for command, name in ((("survey", "form", EXAMPLES / "rutherford", "--format", "html"),
                           "survey-form.html"),
                          (("portfolio", EXAMPLES, "--format", "html"), "portfolio.html")):
        proc = run(*command, "--out", tmp_path, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
        extra.append(tmp_path / name)
    source = Path(AXE).read_text(encoding="utf-8")
    act = (f"async () => {{ {source}\n const found = await axe.run(document, "
           "{resultTypes: ['violations']}); return found.violations.map(v => v.id + ' (' + "
           "v.impact + '): ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', '))}")
    pages = [path for path in built if path.suffix == ".html"] + extra
    found = {}
    for page in pages:
        result = browser.open(page, 1280, act)
        if result["acted"]:
            found[page.name] = result["acted"]
    assert found == {}, "\n".join(sorted({f"{issue} ({name})" for name, issues in found.items()
                                           for issue in issues}))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Writer (Debian's libreoffice-writer-"
                    "nogui) is not installed")
@needs_poppler
def test_word_files_a_word_user_accepts(tmp_path: Path) -> None:
    """The report, an agreement and a training agreement as Word files: titled with the
    partnership's name; every table's header row marked (read as one, repeated on each
    page); charts as pictures whose description carries their data; signatures a table of
    bold party names; and, laid out by LibreOffice Writer and drawn to pictures, no word
    of a table broken across lines."""
    for command in (("report",), ("agreement", "--stakeholder", "northfield-precision"),
                    ("agreement", "--kind", "training", "--stakeholder",
                     "northfield-precision")):
        proc = run(*command, EXAMPLES / "rutherford", "--format", "docx", "--out", tmp_path,
                   "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    files = sorted(tmp_path.glob("*.docx"))
    assert len(files) == 3
    for path in files:
        word = WordDocument(io.BytesIO(path.read_bytes()))
        assert word.core_properties.title.startswith("Rutherford Works: "), path.name
        for table in word.tables:
            first = table.rows[0]
            if all(run.bold for cell in first.cells for run in cell.paragraphs[0].runs):
                assert first._tr.xpath("./w:trPr/w:tblHeader"), path.name
        if path.name == "report.docx":
            pictures = word.element.body.xpath(".//wp:docPr")
            assert len(pictures) >= 3
            assert all(re.search(r"\w+ \d+, 20\d\d: ", picture.get("descr"))
                       and "target" in picture.get("descr") for picture in pictures)
            from ctepartner.render.tree import HEAT  # the heat map keeps its shades

            fills = {shade.get(qn("w:fill")) for shade in word.element.body.xpath(".//w:shd")}
            assert fills & {colour.lstrip("#") for colour in HEAT.values()}, fills
        else:
            signatures = word.tables[-1]
            parties = [cell.paragraphs[0].runs[0] for row in signatures.rows
                       for cell in row.cells]
            assert all(party.bold for party in parties), path.name
            assert any(party.text.endswith("Northfield Precision Manufacturing")
                       for party in parties), path.name
    for pdf in convert(files, "pdf", tmp_path):
        lines = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                               text=True).stdout.splitlines()
        torn = [line for line in lines if re.fullmatch(r"[a-z]{1,3}", line.strip())
                and line.strip() not in {"and", "met", "of", "to", "a", "by", "or", "for"}]
        assert torn == [], (pdf.name, torn)
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf),
                        str(tmp_path / pdf.stem)], check=True)
        assert (tmp_path / f"{pdf.stem}-1.png").stat().st_size > 5_000


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice Writer (Debian's libreoffice-writer-"
                    "nogui) is not installed")
def test_a_word_processor_opens_every_word_file(tmp_path: Path) -> None:
    """LibreOffice Writer, standing in for Word, opens each kind of Word file and lays it
    out on the configured paper, with the report's tables at their HTML widths."""
    for command in (("report",), ("agreement", "--stakeholder", "northfield-precision"),
                    ("packet", "--profile", "employer-host")):
        proc = run(*command, EXAMPLES / "rutherford", "--format", "docx", "--out", tmp_path,
                   "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    files = sorted(tmp_path.glob("*.docx"))
    assert len(files) == 3
    for pdf in convert(files, "pdf", tmp_path):
        reader = PdfReader(pdf)
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (612, 792)
        assert "Rutherford" in reader.pages[0].extract_text()
    report = PdfReader(tmp_path / "report.pdf")
    assert len(report.pages) <= 6  # tables at their widths, not one word a line


@pytest.mark.parametrize("written", ["Iowa", "State of Iowa", "the state of Iowa"])
def test_the_governing_law_names_the_state_once(rutherford: Path, written: str) -> None:
    assert run("set", "partnership.agreement_terms.governing_law", written, "--path",
               rutherford).returncode == 0
    proc = run("agreement", rutherford, "--stakeholder", "northfield-precision", "--out", "-",
               "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    assert "The laws of the State of Iowa govern this memorandum." in proc.stdout
    assert "State of State" not in proc.stdout and "State of the state" not in proc.stdout


def _training(folder: Path, ask: str, *options: str) -> Ran:
    path = folder / "stakeholders.yaml"
    path.write_text(path.read_text().replace(
        "{what: Host internships, kind: internship, hours_per_month: 3,", ask, 1))
    return run("agreement", folder, "--kind", "training", "--stakeholder",
               "northfield-precision", "--out", "-", "--as-of", AS_OF, *options)


def test_a_training_agreement_fit_for_a_sixteen_year_old(rutherford: Path) -> None:
    """Press work (HO8) for a student-learner: the four written provisions of 29 CFR
    570.50(c), the ask's competencies as the training plan, every section a parent reads,
    and never the employer's staff hours as the student's."""
    proc = _training(rutherford, "{what: Host internships, kind: internship, min_age: 16, "
                     "hazards: [HO8], competencies: [Read a shop drawing, Set up a press brake "
                     "under supervision], hours_per_month: 3,")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for heading in ("Schedule", "Training plan", "Work under a Hazardous Occupations Order",
                    "Emergency contact and medical care", "Getting there",
                    "Attendance, conduct and ending the placement",
                    "Reporting harassment, injury or abuse", "Insurance", "Law and review"):
        assert f"\n## {heading}\n" in text, heading
    assert "- Set up a press brake under supervision" in text
    assert "HO8 (power-driven metal forming, punching and shearing)" in text
    assert "incidental to the student's training" in text and "the training plan above" in text
    assert "3 hours a month" not in text and "Hours for students of 14 and 15" not in text
    assert "state law is stricter" in text and "work permit" in text


def test_a_fifteen_year_old_gets_the_federal_hours_limits(rutherford: Path) -> None:
    proc = _training(rutherford, "{what: Host internships, kind: internship, min_age: 15, "
                     "hours_per_month: 3,")
    assert proc.returncode == 0, proc.stderr
    assert "## Hours for students of 14 and 15" in proc.stdout
    assert "3 hours on a school day and 18 hours in a school week" in proc.stdout


def test_no_training_agreement_for_work_no_minor_may_do(rutherford: Path) -> None:
    """Forklifts (HO7) have no student-learner exemption: refused (CP609) unless --draft."""
    refused = _training(rutherford, "{what: Host internships, kind: internship, hazards: "
                        "[HO7], hours_per_month: 3,")
    assert refused.returncode == 2 and "HO7 (power-driven hoisting" in refused.stderr
    assert "CP609" in refused.stderr and len(refused.stderr.splitlines()) == 1
    drafted = run("agreement", rutherford, "--kind", "training", "--stakeholder",
                  "northfield-precision", "--out", "-", "--as-of", AS_OF, "--draft")
    assert drafted.returncode == 0 and "DRAFT" in drafted.stdout, drafted.stderr


def test_the_mou_chooses_its_clauses_by_the_facts(rutherford: Path) -> None:
    """Counsel finishes in an hour what the facts call for: a public party's commitments
    subject to appropriation, abuse reporting, accessibility and the student's district named
    where students are hosted, the insurance minimum, indemnification only when asked for,
    and a signatory's name."""
    def mou(stakeholder: str) -> str:
        proc = run("agreement", rutherford, "--stakeholder", stakeholder, "--out", "-",
                   "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.replace("\\_", "_")

    district, host = mou("county-schools"), mou("northfield-precision")
    assert "## Subject to appropriation" in district and "## Subject to appropriation" not in host
    for heading in ("Safety of students", "Reporting of abuse or neglect", "Accessibility"):
        assert f"## {heading}" in host and f"## {heading}" not in district
    assert "school or district (Rutherford County school district) requires" in host
    assert "## Responsibility for own acts" in host and "Indemnification" not in host
    for key, value in (("insurance_minimum", "1000000"), ("indemnification", "true")):
        assert run("set", f"partnership.agreement_terms.{key}", value, "--path",
                   rutherford).returncode == 0
    host = mou("northfield-precision")
    assert "at least $1,000,000 for each occurrence" in host
    assert "## Indemnification" in host and "Responsibility for own acts" not in host
    assert "$1,000,000" not in mou("county-schools")  # it hosts no students
    path = rutherford / "stakeholders.yaml"
    path.write_text(path.read_text().replace(
        "agreement: {status: signed, signed: 2025-08-28,", "agreement: {signatory: {name: Pat "
        "Example, title: Plant manager}, status: signed, signed: 2025-08-28,", 1))
    host = mou("northfield-precision")
    assert "Name: Pat Example" in host and "Title: Plant manager" in host


def test_a_packet_gives_one_hours_figure() -> None:
    """The time asked of a partner is what its asks add up to, wherever the packet says it."""
    proc = run("packet", EXAMPLES / "rutherford", "--stakeholder", "northfield-precision",
               "--out", "-", "--as-of", AS_OF)
    figures = set(re.findall(r"(\d+) hours a month", proc.stdout))
    assert figures == {"3"} and "**Time:** about 3 hours a month" in proc.stdout


# --- a consultant's brand -------------------------------------------------------------------

def _system_font() -> Path | None:
    """A TrueType font of this machine (LibreOffice brings Liberation and DejaVu)."""
    for folder in (Path("/usr/share/fonts"), Path("/Library/Fonts"),
                   Path("C:/Windows/Fonts")):
        found = sorted(folder.rglob("*Sans-Regular.ttf")) if folder.is_dir() else []
        if found:
            return found[0]
    return None


def _brand(rutherford: Path, **keys: str) -> None:
    (rutherford / "ctepartner.toml").write_text(
        "[brand]\n" + "".join(f'{key} = "{value}"\n' for key, value in keys.items()))


def test_a_consultants_brand_is_on_every_format(rutherford: Path, tmp_path: Path) -> None:
    """A logo, a colour and a font in the repository, named in ctepartner.toml, brand the
    HTML (embedded: the page stays one file), the PDF (the logo a tagged figure with the
    convener's name, the font embedded) and the Word file (the logo a picture with its
    description, headings in the colour); Markdown says the same words."""
    font = _system_font()
    if font is None:
        pytest.skip("no TrueType font on this machine to brand with")
    (rutherford / "brand").mkdir()
    Image.new("RGB", (160, 48), "#1b5e20").save(rutherford / "brand" / "logo.png")
    shutil.copy(font, rutherford / "brand" / font.name)
    _brand(rutherford, logo="brand/logo.png", color="#1B5E20", font=f"brand/{font.name}")
    for fmt in ("html", "pdf", "docx", "md"):
        proc = run("report", rutherford, "--format", fmt, "--out", tmp_path, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "report.html").read_text()
    assert '<img src="data:image/png;base64,' in page and "src=\"brand/" not in page
    assert 'alt="Rutherford County Chamber of Commerce"' in page
    assert "h1 { font-size: 20pt; margin: 0 0 4px; color: #1b5e20; }" in page
    family = re.search(r'@font-face \{ font-family: "([^"]+)"; src: url\(data:font/ttf;'
                       r'base64,[A-Za-z0-9+/=]+\); font-weight: 400; font-style: normal; \}', page)
    assert family is not None
    pdf = PdfReader(tmp_path / "report.pdf")
    fonts = {str(font_ref.get_object()["/BaseFont"]) for pdf_page in pdf.pages
             for font_ref in pdf_page["/Resources"]["/Font"].values()}
    assert any(family.group(1).replace(" ", "") in name for name in fonts), fonts
    assert ("/Figure", "Rutherford County Chamber of Commerce") in {
        (str(node.get("/S")), str(node.get("/Alt"))) for node in _elements(pdf)}
    images = [image for pdf_page in pdf.pages[:1] for image in pdf_page.images]
    assert images, "the logo is on the first page"
    word = WordDocument(io.BytesIO((tmp_path / "report.docx").read_bytes()))
    first = word.element.body.xpath(".//wp:docPr")[0]
    assert first.get("descr") == "Rutherford County Chamber of Commerce"
    assert str(word.styles["Title"].font.color.rgb) == "1B5E20"
    assert word.styles["Normal"].font.name == family.group(1)
    assert "data:image" not in (tmp_path / "report.md").read_text()


@pytest.mark.parametrize("keys,needle", [
    ({"color": "#8fbc8f"}, "has a contrast of 2.2:1 on white"),
    ({"color": "green"}, "brand.color"),
    ({"logo": "brand/logo.gif"}, "must be a .png or .jpg or .jpeg or .svg file"),
    ({"logo": "../outside.png"}, "is outside the repository"),
    ({"logo": "brand/missing.png"}, "no such logo file"),
    ({"font": "brand/logo.png"}, "must be a .ttf or .otf file (or a folder of them)"),
    ({"font": "brand"}, "not a font file Typst can read"),
    ({"font": "brand/fake.ttf"}, "not a font file Typst can read"),
    ({"shade": "#000000"}, "brand.shade"),
])
def test_a_brand_that_cannot_be_used_is_named(rutherford: Path, keys: dict[str, str],
                                              needle: str) -> None:
    (rutherford / "brand").mkdir()
    (rutherford / "brand" / "fake.ttf").write_bytes(b"not a font at all")
    _brand(rutherford, **keys)
    proc = run("report", rutherford, "--format", "html", "--out", rutherford / "out",
               "--as-of", AS_OF)
    assert proc.returncode == 2 and needle in proc.stderr, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert not (rutherford / "out").exists()
