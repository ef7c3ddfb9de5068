"""Documents: view models, charts, golden files, PDF and DOCX, --since, audiences, templates."""

import datetime as dt
import io
import itertools
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from conftest import AS_OF, EXAMPLES, GOLDEN, commit_all, golden_build, run
from ctepartner.load.partnership import load
from ctepartner.render.charts import (
    CHARACTER_PX,
    HEIGHT,
    WIDTH,
    Chart,
    label_span,
    metric_chart,
)
from ctepartner.render.documents import Job, report_document
from ctepartner.render.views import TemperatureRow

TODAY = dt.date.fromisoformat(AS_OF)


def test_report_view_of_delaware() -> None:
    view = report_document(Job.open(EXAMPLES / "delaware", TODAY)).view
    assert view.score == 61 and view.about.name == "Delaware Pathways"
    assert view.load[0].organization == "Delaware Technical Community College"
    assert view.load[0].hours == 60 and round(view.load[0].share, 2) == 0.82
    active = next(row for row in view.pipeline if row[0] == "Active")
    assert active[2] == 6
    assert ("October 31, 2026", "send the monthly update to all stakeholders", True) in \
        view.communications
    assert view.temperature == []  # every partner reads it: no partner's rating
    assert not any("rated the partnership" in text for row in view.elements
                   for text in row.findings)
    convener = report_document(Job.open(EXAMPLES / "delaware", TODAY, "convener")).view
    assert convener.temperature[0] == TemperatureRow("Coastal school district", "March 1, 2026",
                                                     2, low=True, note=convener.temperature[0].note)
    assert any("rated the partnership 2 of 5" in text for row in convener.elements
               for text in row.findings)


def test_chart_geometry_stays_inside_the_frame() -> None:
    partnership = load(EXAMPLES / "delaware")
    assert partnership.metrics is not None
    metric = partnership.metrics.metrics[0]
    chart = metric_chart(metric)
    assert chart is not None and chart.plan is not None
    xs = [p.x for p in chart.observed]
    assert xs == sorted(xs)
    for point in [*chart.observed, *chart.plan]:
        assert 0 <= point.x <= WIDTH and 0 <= point.y <= HEIGHT
    baseline, target = chart.plan
    assert baseline.y > target.y  # a higher value is drawn higher
    assert chart.observed[-1].label == "June 30, 2026: 16,900"


def _boxes(chart: Chart) -> list[tuple[float, float, float, float]]:
    """Every label's box (left, top, right, bottom), as wide as its characters."""
    boxes = []
    for point in chart.observed:
        left, right = label_span(point)
        boxes.append((left, point.label_y - 9, right, point.label_y))
    for tick in chart.y_ticks:
        width = len(tick.label) * CHARACTER_PX
        boxes.append((tick.x - 4 - width, tick.y - 6, tick.x - 4, tick.y + 3))
    return boxes


@pytest.mark.parametrize("example", ["rutherford", "delaware"])
def test_charts_tell_the_truth_at_a_glance(example: str) -> None:
    """Round ticks that span the data and the target, in the metric's unit; no two labels
    overlap; an old latest value carries its month."""
    from ctepartner.render.views import with_unit

    partnership = load(EXAMPLES / example)
    assert partnership.metrics is not None
    for metric in partnership.metrics.metrics:
        chart = metric_chart(metric, lambda value, m=metric: with_unit(value, m.unit),
                             dt.date.fromisoformat(AS_OF))
        if chart is None:
            continue
        values = [o.value for o in metric.observations]
        values += [p.value for p in (metric.baseline, metric.target) if p]
        ticks = [float(t.label.replace(",", "").split()[0].strip("$%")) for t in chart.y_ticks]
        assert ticks[0] <= min(values) and ticks[-1] >= max(values), metric.id
        steps = {round(b - a, 6) for a, b in itertools.pairwise(ticks)}
        assert len(steps) == 1 and len(ticks) <= 6, (metric.id, ticks)
        boxes = _boxes(chart)
        for index, a in enumerate(boxes):
            for b in boxes[index + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (
                    metric.id, a, b)
        if metric.unit is not None and metric.unit.value == "percent":
            assert all(t.label.endswith("%") for t in chart.y_ticks)
    placements = next(m for m in partnership.metrics.metrics if m.id == "employer-placements"
                      ) if example == "delaware" else None
    if placements is not None:
        chart = metric_chart(placements, str, dt.date.fromisoformat(AS_OF))
        assert chart is not None and chart.observed[-1].old
        assert chart.observed[-1].value.endswith("(Jun 2025)")


@pytest.mark.parametrize("example", ["rutherford", "delaware"])
def test_golden_documents(example: str, tmp_path: Path) -> None:
    """Compared, never rewritten here: tools/update_golden.py rewrites them for a person to
    read the diff."""
    out = tmp_path / "out"
    proc = golden_build(EXAMPLES / example, out)
    assert proc.returncode == 0, proc.stderr
    expected = GOLDEN / example
    produced = sorted(p.name for p in out.iterdir())
    assert produced == sorted(p.name for p in expected.iterdir())
    for name in produced:
        assert (out / name).read_text() == (expected / name).read_text(), (
            f"{example}/{name} differs; if the change is intended, run tools/update_golden.py and "
            "read the diff")


def test_html_is_self_contained_and_escapes_user_text(rutherford: Path, tmp_path: Path) -> None:
    main = rutherford / "partnership.yaml"
    main.write_text(main.read_text().replace("name: Rutherford Works",
                                             'name: "Rutherford <script>alert(1)</script>"'))
    assert run("report", rutherford, "--format", "html", "--out", tmp_path,
               "--as-of", AS_OF).returncode == 0
    html = (tmp_path / "report.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert not re.search(r'(src|href)="https?:', html)
    assert "<svg" in html


def test_pdf_has_the_partnership_and_the_same_bytes_each_time(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        assert run("report", EXAMPLES / "rutherford", "--format", "pdf", "--out",
                   tmp_path / folder, "--as-of", AS_OF).returncode == 0
    pdf = (tmp_path / "a" / "report.pdf").read_bytes()
    assert pdf == (tmp_path / "b" / "report.pdf").read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Rutherford Works" in text and "Recruitment pipeline" in text


def test_agreement_docx(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        assert run("agreement", EXAMPLES / "rutherford", "--stakeholder", "midstate-health",
                   "--format", "docx", "--out", tmp_path / folder,
                   "--as-of", AS_OF).returncode == 0
    data = (tmp_path / "a" / "agreement-midstate-health.docx").read_bytes()
    assert data == (tmp_path / "b" / "agreement-midstate-health.docx").read_bytes()
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs)
    assert "Midstate Health Partners" in text and "Host internships" in text
    assert "Amendment and ending" in text and "30 days' written notice" not in text
    assert "60 days' written notice" in text  # Rutherford's agreement_terms.notice_days


def test_community_audience_has_no_contact_details(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", EXAMPLES / "delaware", "--audience", "community", "--as-of", AS_OF,
               "--out", out).returncode == 0
    partners = load(EXAMPLES / "delaware")
    names = {s.contact.name for s in partners.roster.stakeholders if s.contact}  # type: ignore[union-attr]
    names.add("Director of CTE and STEM Initiatives")
    names.add("CTE and STEM office")  # an activity owner
    for path in out.iterdir():
        text = path.read_text()
        assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", text), path.name
        assert not [name for name in names if name in text], path.name
    assert not list(out.glob("agreement-*"))


def test_since_a_git_revision(rutherford: Path) -> None:
    commit_all(rutherford)
    assert run("add", "observation", rutherford, "--metric", "partner-satisfaction",
               "--value", "4.6", "--date", "2026-11-20").returncode == 0
    stakeholders = rutherford / "stakeholders.yaml"
    stakeholders.write_text(stakeholders.read_text().replace("status: identified",
                                                             "status: contacted"))
    proc = run("report", rutherford, "--since", "HEAD", "--out", "-", "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    day = subprocess.run(["git", "-C", str(rutherford), "log", "-1", "--format=%cs"],
                         capture_output=True, text=True, check=True).stdout.strip()
    when = dt.date.fromisoformat(day)
    assert f"## What changed since {when:%B} {when.day}, {when.year}\n" in proc.stdout
    assert "HEAD" not in proc.stdout  # a reader is told a day, never a git revision
    assert "Cumberland Builders Association moved from identified to contacted" in proc.stdout
    assert "Partner satisfaction: 4.6 of 5 on November 20, 2026" in proc.stdout
    missing = run("report", rutherford, "--since", "no-such-rev", "--out", "-")
    assert missing.returncode == 2 and "no such git revision" in missing.stderr


def test_templates_folder_overrides_by_name(rutherford: Path, tmp_path: Path) -> None:
    (rutherford / "ctepartner.toml").write_text('templates = "brand"\n')
    (rutherford / "brand").mkdir()
    (rutherford / "brand" / "report.html.j2").write_text(
        "<h1>Branded report for {{ v.about.name }}</h1>\n<p>Ours &amp; yours</p>\n")
    proc = run("report", rutherford, "--out", "-", "--as-of", AS_OF)
    assert proc.stdout == "# Branded report for Rutherford Works\n\nOurs & yours\n"


def test_a_markdown_template_left_from_an_older_release_is_named(rutherford: Path) -> None:
    """Markdown is written from the HTML template now: a consultant's old Markdown template
    would change nothing, so the command says where the changes must go."""
    (rutherford / "ctepartner.toml").write_text('templates = "brand"\n')
    (rutherford / "brand").mkdir()
    (rutherford / "brand" / "report.md.j2").write_text("Branded report\n")
    proc = run("report", rutherford, "--out", "-", "--as-of", AS_OF)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "report.md.j2: Markdown is now written from the HTML template (report.html.j2)" \
        in proc.stderr


@pytest.mark.parametrize("template,needle", [
    ("{{ v.__class__.__mro__ }}", "template error"),
    ("{{ v.nothing_here }}", "template error"),
    ("{% if %}", "report.html.j2:1"),
])
def test_bad_or_hostile_templates_exit_two(rutherford: Path, template: str, needle: str) -> None:
    (rutherford / "ctepartner.toml").write_text('templates = "brand"\n')
    (rutherford / "brand").mkdir()
    (rutherford / "brand" / "report.html.j2").write_text(template)
    proc = run("report", rutherford, "--out", rutherford / "out", "--as-of", AS_OF)
    assert proc.returncode == 2 and needle in proc.stderr and "Traceback" not in proc.stderr
    assert not (rutherford / "out" / "report.md").exists()


def test_templates_list_and_copy(tmp_path: Path) -> None:
    assert "report.html.j2" in run("templates", "list").stdout.split()
    assert "report.md.j2" not in run("templates", "list").stdout.split()
    assert run("templates", "copy", "report.html.j2", "--to", tmp_path / "t").returncode == 0
    assert (tmp_path / "t" / "report.html.j2").read_text().startswith("{% extends")
    again = run("templates", "copy", "report.html.j2", "--to", tmp_path / "t")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_html_to_stdout_is_refused() -> None:
    proc = run("report", EXAMPLES / "rutherford", "--format", "html", "--out", "-")
    assert proc.returncode == 2 and "Markdown only" in proc.stderr


def test_small_student_counts_are_suppressed_for_the_community(rutherford: Path) -> None:
    metrics = rutherford / "metrics.yaml"
    metrics.write_text(metrics.read_text().replace("{date: 2026-06-30, value: 150}",
                                                   "{date: 2026-06-30, value: 7}"))
    public = run("report", rutherford, "--audience", "community", "--out", "-", "--as-of", AS_OF)
    assert "Student internships completed**: latest fewer than 10 (June 30, 2026)" in public.stdout
    partners = run("report", rutherford, "--out", "-", "--as-of", AS_OF)
    assert "Student internships completed**: latest 7 (June 30, 2026)" in partners.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_community_report_keeps_partners_confidences(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    proc = run("report", EXAMPLES / "delaware", "--audience", "community", "--format", fmt,
               "--output", out, "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    text = (out / f"report.{fmt}").read_text()
    for secret in ("rated the partnership", "2 of 5", "status: sent", "without a signed",
                   "Temperature checks", "Agreements ending", "What to work on",
                   "Load per stakeholder"):
        assert secret not in text, secret
    assert not re.search(r"\w@\w", text)  # no email address
    assert "Delaware Pathways" in text and "Goals and metrics" in text


def test_the_report_comes_as_a_word_file_too(tmp_path: Path) -> None:
    proc = run("report", EXAMPLES / "delaware", "--format", "docx", "--output", tmp_path,
               "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    word = WordDocument(io.BytesIO((tmp_path / "report.docx").read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Recruitment pipeline" in headings and "Action plan" in headings
    pipeline = next(table for table in word.tables if table.cell(0, 0).text == "Status")
    assert [cell.text for cell in pipeline.rows[0].cells][1:3] == ["K-12", "Postsecondary"]


def test_an_entry_that_cannot_be_read_is_named_not_dropped_silently(delaware: Path) -> None:
    path = delaware / "stakeholders.yaml"
    text = path.read_text()
    line = text.splitlines().index("    sector: k12") + 1
    path.write_text(text.replace("    sector: k12", "    sector: kindergarten", 1))
    proc = run("report", delaware, "--output", "-", "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    assert f"left out of this report:** stakeholders.yaml, line {line}" in proc.stdout


def test_a_document_without_its_substance_needs_draft(delaware: Path, tmp_path: Path) -> None:
    proc = run("packet", delaware, "--profile", "chamber-partner", "--output", "-",
               "--as-of", AS_OF)
    assert proc.returncode == 2 and "asks nothing" in proc.stderr and "--draft" in proc.stderr
    proc = run("packet", delaware, "--profile", "chamber-partner", "--output", "-",
               "--as-of", AS_OF, "--draft")
    assert proc.returncode == 0 and "DRAFT: not ready to send." in proc.stdout
    stakeholders = delaware / "stakeholders.yaml"
    stakeholders.write_text(stakeholders.read_text().replace("    role: district-partner\n", "",
                                                             1))
    proc = run("agreement", delaware, "--stakeholder", "capital-district", "--output", "-",
               "--as-of", AS_OF)
    assert proc.returncode == 2 and "no role" in proc.stderr
    assert "The responsibilities of the role, as agreed." not in proc.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_report_speaks_of_names_not_ids(tmp_path: Path, fmt: str) -> None:
    proc = run("report", EXAMPLES / "delaware", "--format", fmt, "--output", tmp_path,
               "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / f"report.{fmt}").read_text()
    assert "`" not in text and "<code>" not in text
    for slug in ("coastal-district", "career-plans", "in_progress", "resource_use"):
        assert slug not in text, slug
    assert "Career plans for every eighth grader in a pathway school" in text


def test_findings_read_in_words_in_documents() -> None:
    from ctepartner.render.views import in_words

    message = ("in survey wave `2026-fall`, `k12` partners rate Open Lines of Communication "
               "4.0 and `business` partners 2.3: a gap of 1.7")
    assert in_words(message, {}) == ("in survey wave 2026 fall, K-12 partners rate Open Lines "
                                     "of Communication 4.0 and business and industry partners "
                                     "2.3: a gap of 1.7")
    assert in_words("activity `plans` is in_progress", {"plans": "Career plans"}) == \
        "activity \u201cCareer plans\u201d is in progress"


def test_only_the_conveners_copy_shows_ratings_and_notes() -> None:
    """A temperature check is a conversation between the convener and one partner: the
    partners' report leaves ratings and notes out; the convener's copy keeps them."""
    partners = run("report", EXAMPLES / "rutherford", "--out", "-", "--as-of", AS_OF)
    convener = run("report", EXAMPLES / "rutherford", "--audience", "convener", "--out", "-",
                   "--as-of", AS_OF)
    assert partners.returncode == convener.returncode == 0
    assert "Temperature checks" not in partners.stdout
    assert "Wants more IT hosts" not in partners.stdout
    assert "## Temperature checks" in convener.stdout
    assert ("| Rutherford County school district | October 2, 2026 | 4 | Wants more IT hosts |"
            in convener.stdout)


def test_a_draft_is_never_published_to_the_community(tmp_path: Path) -> None:
    """Delaware's chamber profile asks nothing yet: the partners' build marks its packet
    DRAFT; the community's build leaves it out."""
    for audience in ("partners", "community"):
        proc = run("build", EXAMPLES / "delaware", "--audience", audience, "--out",
                   tmp_path / audience, "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    drafted = tmp_path / "partners" / "packet-profile-chamber-partner.md"
    assert "DRAFT" in drafted.read_text()
    public = list((tmp_path / "community").iterdir())
    assert public and not any("DRAFT" in path.read_text() for path in public)
    assert not (tmp_path / "community" / "packet-profile-chamber-partner.md").exists()


def test_a_value_older_than_a_year_says_so() -> None:
    view = report_document(Job.open(EXAMPLES / "delaware", TODAY)).view
    rows = {row.name: row.latest for goal in view.goals for row in goal.metrics}
    rows |= {row.name: row.latest for row in view.unlinked_metrics}
    assert rows["Work-based learning placements brokered"] == \
        "820 (June 30, 2025, more than a year ago)"
    assert not any("more than a year" in latest for name, latest in rows.items()
                   if name != "Work-based learning placements brokered")


def _headings_md(text: str) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", line.lstrip("#").strip())
            for line in text.splitlines() if re.match(r"#{1,4} ", line)]


def _headings_html(text: str) -> list[str]:
    import html

    return [html.unescape(re.sub(r"<[^>]+>", "", found)).strip()
            for found in re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", text, re.S)]


@pytest.mark.parametrize("example", ["rutherford", "delaware"])
def test_markdown_and_html_have_the_same_sections(example: str, tmp_path: Path) -> None:
    """Every document's Markdown and HTML have the same headings in the same order: the two
    texts of a document cannot drift apart (the Markdown report once filed "Partner
    satisfaction" under the last goal)."""
    out = tmp_path / "out"
    proc = run("build", EXAMPLES / example, "--as-of", AS_OF, "--out", out)
    assert proc.returncode == 0, proc.stderr
    for command in (("survey", "form"), ("agreement", "--kind", "training", "--stakeholder",
                                         "northfield-precision" if example == "rutherford"
                                         else "harbor-fabrication")):
        for fmt in ("md", "html"):
            proc = run(*command, EXAMPLES / example, "--format", fmt, "--out", out, "--as-of",
                       AS_OF)
            assert proc.returncode == 0, proc.stderr
    stems = sorted({path.stem for path in out.glob("*.md")})
    assert len(stems) > 10
    for stem in stems:
        md = _headings_md((out / f"{stem}.md").read_text(encoding="utf-8"))
        html = _headings_html((out / f"{stem}.html").read_text(encoding="utf-8"))
        assert md == html, stem
