"""Documents in the reader's language: the catalogs are complete and current, the Spanish
survey form says no English sentence and comes back through `survey import` in Spanish, and
what cannot be written in Spanish yet says so."""

from __future__ import annotations

import csv
import re
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from conftest import AS_OF, EXAMPLES, ROOT, run
from ctepartner.language import LOCALE, english, speaking, translations
from ctepartner.load.partnership import load
from ctepartner.survey.scoring import waves

sys.path.insert(0, str(ROOT / "tools"))
from update_catalog import extracted

PLACEHOLDER = re.compile(r"\{(\w+)\}|%\((\w+)\)s")


def test_the_template_catalog_holds_every_message_of_the_sources() -> None:
    """A sentence passed to gettext (or marked N_, or _ in a template) is in the template
    catalog: run tools/update_catalog.py after adding one."""
    found = {message.id for message in extracted() if message.id}
    assert found == set(english()), (found - set(english()), set(english()) - found)


@pytest.mark.parametrize("catalog", sorted(LOCALE.glob("*.po")), ids=lambda path: path.stem)
def test_a_packaged_catalog_translates_every_message(catalog: Path) -> None:
    """Every English message has a translation that keeps its placeholders ({name})."""
    with catalog.open("rb") as stream:
        read = {message.id: message.string for message in read_po(stream) if message.id}
    lacking = [message for message in english() if not read.get(message)]
    assert lacking == [], f"{catalog.name} lacks {len(lacking)}: {lacking[:5]}"
    for message in english():
        assert set(PLACEHOLDER.findall(message)) == set(PLACEHOLDER.findall(read[message])), \
            (message, read[message])


def _english_sentences() -> list[str]:
    """The catalog's English messages long enough to be a sentence, placeholders cut out."""
    pieces = (part.strip() for message in english()
              for part in PLACEHOLDER.sub("\n", message).split("\n"))
    return [piece for piece in pieces if len(piece) >= 12 and piece not in ("Agree", )]


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    if path.suffix == ".docx":
        xml = zipfile.ZipFile(path).read("word/document.xml").decode()
        return re.sub(r"<[^>]+>", " ", xml)
    return path.read_text()


SPANISH = [
    (("survey", "form"), "survey-form", ("Totalmente de acuerdo", "encuesta para los socios")),
    (("agreement", "--kind", "training", "--stakeholder", "northfield-precision", "--school",
      "county-schools"), "training-agreement-northfield-precision",
     ("Padre, madre o tutor legal", "compensación para trabajadores",
      "Pasantía: Recibir pasantes",  # the example's own translation of its ask
      "Organizar el transporte del estudiante al lugar de trabajo")),
    (("packet", "--stakeholder", "northfield-precision"), "packet-for-northfield-precision",
     ("Gracias, y el año que viene", "unas 3 horas al mes durante 12 meses",
      "Recibir pasantes (pasantía, prepararse para una carrera)")),
    (("report", "--audience", "community"), "report",
     ("Rutherford Works: informe de situación", "Al 22 de noviembre de 2026",
      "Metas y mediciones", "último dato: 150 (30 de junio de 2026); punto de partida 80; meta 200",
      "Cerrar las brechas de habilidades",  # the example's own translation of its goal
      "Etapas de la búsqueda de socios",
      "enviar la comunicación mensual a los participantes activos", "1.200")),
    (("agreement", "--stakeholder", "northfield-precision"), "agreement-northfield-precision",
     ("Memorando de entendimiento", "se compromete a", "Recibir pasantes",
      "Boletín por correo electrónico (mensual)", "del 1 de septiembre de 2025 al 31 de agosto "
      "de 2027", "Este memorando se rige por las leyes del estado de Tennessee.")),
]


@pytest.mark.parametrize("command,stem,spanish", SPANISH,
                         ids=["survey-form", "training", "packet", "community-report", "mou"])
def test_a_spanish_document_has_no_english_sentence(tmp_path: Path, command: tuple[str, ...],
                                                    stem: str, spanish: tuple[str, ...]) -> None:
    """Every format of the document, read back, has its Spanish words and none of the
    catalog's English sentences; its language is marked for screen readers."""
    for fmt in ("md", "html", "pdf", "docx"):
        proc = run(*command, EXAMPLES / "rutherford", "--lang", "es", "--format", fmt,
                   "--out", tmp_path, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
        text = " ".join(_text(tmp_path / f"{stem}.es.{fmt}").split())
        assert all(words in text for words in spanish), (fmt, spanish)
        left = [sentence for sentence in _english_sentences() if sentence in text]
        assert left == [], (fmt, left)
    assert '<html lang="es">' in (tmp_path / f"{stem}.es.html").read_text()
    assert PdfReader(tmp_path / f"{stem}.es.pdf").trailer["/Root"]["/Lang"] == "es"
    styles = zipfile.ZipFile(tmp_path / f"{stem}.es.docx").read("word/styles.xml")
    assert b'w:lang w:val="es-US"' in styles


def test_the_spanish_training_agreement_has_every_section_of_the_english_one(
        rutherford: Path) -> None:
    """A placement with metal-forming work (HO8, student-learners exempt) and a tour for
    students of 14: every section, the student-learner provisions and the signature lines,
    in Spanish."""
    asks = rutherford / "stakeholders.yaml"
    asks.write_text(asks.read_text().replace(
        "- {what: Host internships, kind: internship",
        "- {what: Plant tours, kind: worksite_tour, min_age: 14, hours_per_month: 1}\n"
        "      - {what: Host internships, kind: internship, hazards: [HO8], min_age: 16", 1))
    command = ("agreement", rutherford, "--kind", "training", "--stakeholder",
               "northfield-precision", "--school", "county-schools", "--out", "-", "--as-of",
               AS_OF)
    english_text, spanish_text = (run(*command, *lang).stdout for lang in ((), ("--lang", "es")))
    headings = [[line for line in text.splitlines() if line.startswith("## ")]
                for text in (english_text, spanish_text)]
    assert len(headings[0]) == len(headings[1]) >= 15, headings
    assert "## Trabajo cubierto por una Orden sobre Ocupaciones Peligrosas" in headings[1]
    assert "## Horario para estudiantes de 14 y 15 años" in headings[1]
    assert "máquinas eléctricas para formar, perforar y cortar metal" in spanish_text
    assert spanish_text.count("Firma: ") == english_text.count("Signature: ") == 4
    assert "4\\. El trabajo sigue un programa" in spanish_text or \
        "4. El trabajo sigue un programa" in spanish_text



def test_the_spanish_form_is_written_beside_the_english_one(tmp_path: Path) -> None:
    for lang in ((), ("--lang", "es")):
        proc = run("survey", "form", EXAMPLES / "rutherford", *lang, "--format", "pdf",
                   "--out", tmp_path, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    titles = [PdfReader(tmp_path / name).metadata.title
              for name in ("survey-form.pdf", "survey-form.es.pdf")]
    assert titles == ["Rutherford Works: Partner survey",
                      "Rutherford Works: Encuesta para los socios"]
    for lang in ((), ("--lang", "es")):  # the questions for an online form tool
        proc = run("survey", "form", EXAMPLES / "rutherford", *lang, "--format", "csv",
                   "--out", tmp_path, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    with (tmp_path / "survey-form.es.csv").open(encoding="utf-8", newline="") as stream:
        spanish = {row["id"]: row["text"] for row in csv.DictReader(stream)}
    with (tmp_path / "survey-form.csv").open(encoding="utf-8", newline="") as stream:
        english_texts = {row["id"]: row["text"] for row in csv.DictReader(stream)}
    assert spanish.keys() == english_texts.keys()
    assert spanish["e1-convener-trusted"] == ("Los socios de todos los sectores confían en la "
                                              "organización convocante.")
    assert spanish["rw-industry-councils"].startswith("El consejo mensual")  # the example's own
    assert not set(spanish.values()) & set(english_texts.values())


def test_the_spanish_form_comes_back_in_spanish(rutherford: Path, tmp_path: Path) -> None:
    """A form tool's export of the Spanish form: its questions as the form asked them (the
    partnership's own question as partnership.yaml translates it) and the answers in the
    scale's Spanish words, "No sé / no aplica" as no answer."""
    spanish = translations("es")
    headers = ["stakeholder",
               spanish["I am kept informed of the partnership's progress."],
               spanish["The partnership is worth the time my organization puts into it."],
               "El consejo mensual de la industria aprovecha bien el tiempo de mi organización"]
    rows = [["county-schools", "Totalmente de acuerdo", "No sé / no aplica", "De acuerdo"],
            ["midstate-health", "4 De acuerdo", "En desacuerdo", ""]]
    export = tmp_path / "respuestas.csv"
    with export.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([headers, *rows])
    proc = run("survey", "import", export, rutherford, "--wave", "2027-primavera", "--opened",
               "2027-04-01")
    assert proc.returncode == 0, proc.stderr
    (wave,) = [w for w in waves(load(rutherford)) if w.id == "2027-primavera"]
    answers = {response.stakeholder: response.answers for response in wave.responses}
    assert answers == {"county-schools": {"e5-kept-informed": 5, "rw-industry-councils": 4},
                       "midstate-health": {"e5-kept-informed": 4, "e4-worth-our-time": 2}}


def test_days_and_numbers_are_written_as_the_language_writes_them() -> None:
    import datetime as dt

    from ctepartner.language import long_date, month_year, number, percent

    day = dt.date(2026, 11, 29)
    assert (long_date(day), month_year(day), number(16900.5), percent("86")) == (
        "November 29, 2026", "November 2026", "16,900.5", "86%")
    with speaking("es"):
        assert (long_date(day), month_year(day), number(16900.5), percent("86")) == (
            "29 de noviembre de 2026", "noviembre de 2026", "16.900,5", "86\u00a0%")


def test_a_spanish_report_counts_what_to_work_on_and_says_where_it_is_listed() -> None:
    """The partners' report lists `check`'s findings in English; the Spanish one counts them
    by element and says the list is in the English report, with none of their sentences."""
    english, spanish = (run("report", EXAMPLES / "delaware", "--out", "-", "--as-of", AS_OF,
                            *lang).stdout for lang in ((), ("--lang", "es")))
    row = next(line for line in english.splitlines() if line.startswith("| 2 | "))
    findings = [text.strip() for text in row.split("|")[5].split(";")]
    assert findings and all(findings)
    assert not [finding for finding in findings if finding in spanish]
    assert re.search(r"^\| 2 \| Propósito claro y protocolos establecidos \| parcial \| \d+ \| "
                     r"\d+ por mejorar \|$", spanish, re.MULTILINE), spanish[:2000]
    assert "está en el informe en inglés" in spanish


def test_a_language_no_catalog_translates_into_is_refused() -> None:
    unknown = run("survey", "form", EXAMPLES / "rutherford", "--lang", "fr", "--out", "-")
    assert unknown.returncode == 2 and "no translation into 'fr'" in unknown.stderr
    assert "en, es" in unknown.stderr


def test_a_repository_adds_a_language_and_sees_what_is_missing(rutherford: Path) -> None:
    """A consultant's catalog in the repository's `translations` folder: a sentence it
    lacks reads in English, and `translations` lists it (exit 1 until none is missing)."""
    folder = rutherford / "translations"
    folder.mkdir()
    (rutherford / "ctepartner.toml").write_text('translations = "translations"\n')
    (folder / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Statement"\nmsgstr "Affirmation"\n\n'
        'msgid "Anything else?"\nmsgstr "Autre chose ?"\n', encoding="utf-8")
    listed = run("translations", rutherford, "--lang", "fr")
    assert listed.returncode == 1
    assert "Anything else?" not in listed.stdout.splitlines()
    assert "Strongly agree" in listed.stdout.splitlines()
    assert "of the documents' sentences have no French translation" in listed.stderr
    form = run("survey", "form", rutherford, "--lang", "fr", "--out", "-", "--as-of", AS_OF)
    assert form.returncode == 0, form.stderr
    assert "## Autre chose ?" in form.stdout and "| Affirmation |" in form.stdout
    assert "Strongly agree" in form.stdout  # not translated: in English
    assert run("translations", rutherford, "--lang", "es").returncode == 0


def test_a_repositorys_catalog_cannot_read_out_of_its_folder_or_break_a_document(
        rutherford: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A catalog linked out of its folder, or one that is no catalog, is one line naming
    it; a translation whose placeholders do not fit its message reads in English, never a
    crash, and `translations` lists it as lacking."""
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.po"
    secret.write_text('msgid "Statement"\nmsgstr "AKIA-not-for-documents"\n')
    folder = rutherford / "translations"
    folder.mkdir()
    (rutherford / "ctepartner.toml").write_text('translations = "translations"\n')
    (folder / "de.po").symlink_to(secret)
    linked = run("survey", "form", rutherford, "--lang", "de", "--out", "-")
    assert linked.returncode == 2 and "a link out of its folder" in linked.stderr
    assert "AKIA" not in linked.stdout + linked.stderr
    (folder / "fr.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Your answers go to {convener}, which keeps them by organization, never by '
        "person; only {convener}'s staff read one organization's answers. Results are "
        "published only as means of at least three organizations, and never in a way that "
        "lets one organization's answers be worked out.\"\n"
        'msgstr "Vos réponses vont à {organisme} 100 %"\n', encoding="utf-8")
    form = run("survey", "form", rutherford, "--lang", "fr", "--out", "-", "--as-of", AS_OF)
    assert form.returncode == 0, form.stderr
    assert "Your answers go to Rutherford County Chamber of Commerce" in form.stdout
    listed = run("translations", rutherford, "--lang", "fr")
    assert "Your answers go to {convener}" in listed.stdout
    (folder / "it.po").write_bytes(b'msgid "unterminated\n\x00\xff')
    broken = run("survey", "form", rutherford, "--lang", "it", "--out", "-")
    assert broken.returncode == 2 and "it.po" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1 and "Traceback" not in broken.stderr


def test_build_writes_every_document_in_spanish(tmp_path: Path) -> None:
    """`build --lang es` in every format: each document (the report, packets, agreements)
    is in Spanish, with none of the catalog's English sentences, and says so to screen
    readers; `--format` takes the formats comma-separated too."""
    proc = run("build", EXAMPLES / "rutherford", "--lang", "es", "--format", "md,html,pdf,docx",
               "--out", tmp_path, "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    written = sorted(path for path in tmp_path.iterdir() if path.name != "index.html")
    stems = {path.name.split(".")[0] for path in written}
    assert {"report", "packet-for-northfield-precision", "packet-profile-employer-host",
            "agreement-midstate-health"} <= stems
    assert all(path.name.endswith(tuple(f".es.{fmt}" for fmt in ("md", "html", "pdf", "docx")))
               for path in written) and len(written) == 4 * len(stems)
    sentences = _english_sentences()
    for path in written:
        text = " ".join(_text(path).split())
        assert len(text.split()) > 100, path.name  # a document, not an empty page
        assert [sentence for sentence in sentences if sentence in text] == [], path.name
        if path.suffix == ".html":
            assert '<html lang="es">' in path.read_text(), path.name
        elif path.suffix == ".pdf":
            assert PdfReader(path).trailer["/Root"]["/Lang"] == "es", path.name
            assert "Página 1 de " in text and "Page 1 of" not in text, path.name
        elif path.suffix == ".docx":
            styles = zipfile.ZipFile(path).read("word/styles.xml")
            assert b'w:lang w:val="es-US"' in styles, path.name
    assert "Acuerdo de colaboración" in (tmp_path / "index.html").read_text() or \
        "Memorando de entendimiento" in (tmp_path / "index.html").read_text()


def test_build_writes_each_language_side_by_side(tmp_path: Path) -> None:
    """`build --lang en,es`: every document in English and in Spanish beside it, and an
    index with a column a language."""
    proc = run("build", EXAMPLES / "rutherford", "--lang", "en,es", "--out", tmp_path,
               "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    names = {path.name for path in tmp_path.iterdir()}
    assert {"report.html", "report.es.html", "packet-for-northfield-precision.html",
            "packet-for-northfield-precision.es.html", "agreement-midstate-health.md",
            "agreement-midstate-health.es.md"} <= names
    assert {name.replace(".es.", ".") for name in names} == {
        name for name in names if ".es." not in name}  # each English file has its Spanish one
    index = (tmp_path / "index.html").read_text()
    assert "<th>Document</th><th>English</th><th>Español</th>" in index
    row = next(line for line in index.splitlines()
               if "packet-for-northfield-precision.es.html" in line)
    assert 'href="packet-for-northfield-precision.html"' in row
    assert "—" not in index
    spanish = (tmp_path / "packet-for-northfield-precision.es.html").read_text()
    assert '<html lang="es">' in spanish and "Gracias, y el año que viene" in spanish
    # each web page links to its other language, named in that language, and says so to
    # screen readers and search engines; the printed and Markdown copies do not
    english = (tmp_path / "report.html").read_text()
    assert '<link rel="alternate" hreflang="es" href="report.es.html">' in english
    assert '<a href="report.es.html" hreflang="es" lang="es">Español</a>' in english
    assert '<a href="report.html" hreflang="en" lang="en">English</a>' in (
        tmp_path / "report.es.html").read_text()
    assert "Español" not in (tmp_path / "report.md").read_text()
