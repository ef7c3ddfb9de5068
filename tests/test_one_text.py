"""Every format of a document says the same words: Markdown, HTML, PDF and Word are written
from one text. Each format is read back by the reader its receiver uses (a CommonMark parser
with GitHub's tables, lxml, pypdf, the Word file's own XML) and its words are
counted; the counts must match the HTML's, word for word."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html
from markdown_it import MarkdownIt
from pypdf import PdfReader

from conftest import AS_OF, EXAMPLES, run

WORD = re.compile(r"\w+")
FOOTER = re.compile(r"^\s*(?:Page \d+ of|Página \d+ de) \d+\s*$", re.MULTILINE)


def _words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text))


def _html_words(page: str) -> tuple[Counter[str], Counter[str], set[str]]:
    """The words a reader reads in the HTML (not its head, scripts, form controls or
    charts); the words of each chart's one-line summary, which the Markdown and Word file
    print under it; and every word a chart draws."""
    tree = html.fromstring(page.encode())
    captions: Counter[str] = Counter()
    drawn: set[str] = set()
    for svg in tree.xpath("//*[local-name()='svg']"):
        label = svg.get("aria-label") or ""
        values = ["".join(title.itertext()).strip()
                  for title in svg.xpath(".//*[local-name()='title']")]
        if values:
            captions += _words(label.split(":")[0] + " " + " ".join(values))
        drawn |= set(WORD.findall(label + " " + " ".join(svg.itertext())))
        svg.getparent().remove(svg)
    for gone in tree.xpath("//head|//script|//style|//form|//*[contains(@class,'screen')]"):
        gone.getparent().remove(gone)
    body = tree.find("body") if tree.find("body") is not None else tree
    return _words(" ".join(body.itertext())), captions, drawn


def _markdown_words(text: str) -> Counter[str]:
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    return _words(" ".join(html.fromstring(f"<div>{rendered}</div>").itertext()))


def _word_file_words(path: Path) -> Counter[str]:
    xml = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    return _words(" ".join("".join(node.text or "" if node.tag.endswith("}t") else " "
                                   for node in p.xpath(".//w:t|.//w:br|.//w:tab",
                                                       namespaces=ns))
                           for p in xml.xpath("//w:p", namespaces=ns)))


def _pdf_words(path: Path) -> Counter[str]:
    """The PDF's text as pypdf extracts it (poppler's pdftotext joins a hyphenated word
    broken at a line's end, "public-records" as "publicrecords")."""
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return _words(FOOTER.sub(" ", text))


def _without(counts: Counter[str], drawn: set[str]) -> Counter[str]:
    return Counter({word: n for word, n in counts.items() if word not in drawn})


def _same_words(folder: Path, stem: str) -> None:
    reference, captions, drawn = _html_words((folder / f"{stem}.html").read_text())
    assert sum(reference.values()) > 50, stem
    markdown = _markdown_words((folder / f"{stem}.md").read_text()) - captions
    assert markdown == reference, (stem, markdown - reference, reference - markdown)
    word = _word_file_words(folder / f"{stem}.docx") - captions
    assert word == reference, (stem, word - reference, reference - word)
    pdf = _without(_pdf_words(folder / f"{stem}.pdf"), drawn)
    assert pdf == _without(reference, drawn), (stem, pdf - reference, reference - pdf)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("formats")
    rutherford = folder / "rutherford"
    shutil.copytree(EXAMPLES / "rutherford", rutherford)
    out = folder / "out"
    for fmt in ("md", "html", "pdf", "docx"):
        for command in (("build", rutherford, "--audience", "convener", "--lang", "en,es"),
                        ("agreement", rutherford, "--kind", "training", "--stakeholder",
                         "northfield-precision", "--school", "county-schools"),
                        ("survey", "form", rutherford)):
            proc = run(*command, "--format", fmt, "--out", out, "--as-of", AS_OF)
            assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.parametrize("stem", [
    "report", "packet-profile-employer-host", "packet-for-northfield-precision",
    "agreement-midstate-health", "training-agreement-northfield-precision", "survey-form",
    "report.es", "packet-for-northfield-precision.es", "agreement-midstate-health.es",
])
def test_every_format_of_a_document_says_the_same_words(written: Path, stem: str) -> None:
    _same_words(written, stem)


def test_the_portfolio_says_the_same_words_in_markdown_and_html(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    for name in ("delaware", "rutherford"):
        shutil.copytree(EXAMPLES / name, clients / name)
    for fmt in ("md", "html"):
        proc = run("portfolio", "clients", "--format", fmt, "--output", "out", "--as-of",
                   AS_OF, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
    reference, _, _ = _html_words((tmp_path / "out" / "portfolio.html").read_text())
    markdown = _markdown_words((tmp_path / "out" / "portfolio.md").read_text())
    assert markdown == reference, (markdown - reference, reference - markdown)


def test_the_word_count_sees_a_dropped_sentence(written: Path, tmp_path: Path) -> None:
    """The comparison can fail: one sentence taken out of the Markdown is seen."""
    for suffix in (".md", ".html", ".pdf", ".docx"):
        shutil.copy(written / f"report{suffix}", tmp_path / f"report{suffix}")
    text = (tmp_path / "report.md").read_text()
    (tmp_path / "report.md").write_text(text.replace("## Who takes part", "## Who"))
    with pytest.raises(AssertionError):
        _same_words(tmp_path, "report")
