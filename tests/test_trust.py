"""What a stranger's repository cannot make ctepartner do: read or write outside it, lose an
entry, hang, crash, or deceive the person reading its output. One test per attack."""

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import AS_OF, EXAMPLES, ROOT, Ran, commit_all, run, run_installed
from ctepartner.errors import UserError

SECRET = "aws_secret_access_key: AKIA-SECRET\n"


def one_line_error(proc: Ran, *needles: str) -> None:
    """Exit 2 with one line on stderr naming what went wrong, never a traceback."""
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in proc.stderr, proc.stderr


@pytest.fixture
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("elsewhere") / "secret.yaml"
    path.write_text(SECRET)
    return path


# --- 1. reads and writes outside the partnership -----------------------------------------


def test_add_and_import_refuse_a_link_out_of_the_repository(rutherford: Path,
                                                            secret: Path) -> None:
    link = rutherford / "stakeholders.yaml"
    link.unlink()
    link.symlink_to(secret)
    add = run("add", "stakeholder", rutherford, "--id", "acme", "--organization", "Acme",
              "--sector", "business")
    one_line_error(add, "outside the repository")
    sheet = rutherford.parent / "roster.csv"
    sheet.write_text("id,organization,sector\nacme,Acme,business\n")
    one_line_error(run("import", "stakeholders", sheet, rutherford), "outside the repository")
    assert link.is_symlink() and secret.read_text() == SECRET
    assert not any("AKIA" in p.read_text() for p in rutherford.glob("*.yaml")
                   if not p.is_symlink())


def test_a_link_inside_the_partnership_is_written_through_and_stays_a_link(
        rutherford: Path) -> None:
    real = rutherford / "people.yaml"
    (rutherford / "stakeholders.yaml").rename(real)
    (rutherford / "stakeholders.yaml").symlink_to("people.yaml")
    add = run("add", "stakeholder", rutherford, "--id", "acme", "--organization", "Acme",
              "--sector", "business")
    assert add.returncode == 0, add.stderr
    assert (rutherford / "stakeholders.yaml").is_symlink()
    assert "id: acme" in real.read_text()


def _templates(repository: Path, template: str) -> None:
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / "ctepartner.toml").write_text('templates = "templates"\n')
    folder = repository / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "report.html.j2").write_text(template)


def test_templates_never_read_outside_their_folder(rutherford: Path, secret: Path) -> None:
    repository = rutherford.parent
    _templates(repository, '{% include "leak.txt" %}')
    (repository / "templates" / "leak.txt").symlink_to(secret)
    (repository / "templates" / "root").symlink_to("/")
    leak = run("report", rutherford, "--out", "-", "--as-of", AS_OF)
    one_line_error(leak, "leads out of the templates folder")
    assert "AKIA" not in leak.stdout
    _templates(repository, '{% include "root/etc/passwd" %}')
    root = run("report", rutherford, "--out", "-", "--as-of", AS_OF)
    one_line_error(root, "leads out of the templates folder")
    assert "root:" not in root.stdout


def test_a_templates_folder_outside_the_repository_is_refused(rutherford: Path,
                                                              secret: Path) -> None:
    (rutherford / "ctepartner.toml").write_text(f'templates = "{secret.parent}"\n')
    one_line_error(run("report", rutherford, "--out", "-", "--as-of", AS_OF),
                   "outside the repository")


def test_documents_never_go_through_a_link_out_of_the_repository(
        rutherford: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    victim = tmp_path_factory.mktemp("victim")
    (victim / "index.html").write_text("the victim's page")
    (rutherford / "out").symlink_to(victim)
    one_line_error(run("build", rutherford, "--as-of", AS_OF), "leads out of the repository")
    one_line_error(run("report", rutherford, "--as-of", AS_OF), "leads out of the repository")
    assert [p.name for p in victim.iterdir()] == ["index.html"]
    assert (victim / "index.html").read_text() == "the victim's page"


@pytest.fixture
def linked_out(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose `parts/p` and `reports` are links to a folder outside it."""
    repository, elsewhere = tmp_path / "repository", tmp_path / "elsewhere"
    shutil.copytree(EXAMPLES / "rutherford", repository / "rutherford")
    shutil.copytree(EXAMPLES / "rutherford", elsewhere / "p")
    (elsewhere / "reports").mkdir()
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / "parts").mkdir()
    (repository / "parts" / "p").symlink_to(elsewhere / "p")
    (repository / "reports").symlink_to(elsewhere / "reports")
    return repository, elsewhere


OUT_OF_THE_REPOSITORY = [
    ["add", "stakeholder", "parts/p", "--id", "x", "--organization", "X", "--sector",
     "business"],
    ["report", "parts/p", "--format", "html", "--as-of", AS_OF],
    ["check", "parts/p"],
    ["check", ".", "--format", "sarif", "--output", "reports/check.sarif"],
    ["portfolio", "rutherford", "--out", "reports", "--as-of", AS_OF],
    ["calendar", "rutherford", "--output", "reports/dates.ics"],
    ["export", "workbook", "rutherford", "--output", "reports/book.xlsx"],
    ["schema", "--out", "reports"],
    ["survey", "form", "rutherford", "--out", "reports"],
    ["build", "rutherford", "--out", "reports", "--as-of", AS_OF],
    ["report", "rutherford", "--out", "reports/deeper", "--as-of", AS_OF],
]


@pytest.mark.parametrize("command", OUT_OF_THE_REPOSITORY, ids=lambda c: " ".join(c[:2]))
def test_no_path_leads_out_of_the_repository(linked_out: tuple[Path, Path],
                                             command: list[str]) -> None:
    """A partnership folder, an output, or a folder on the way to one that is a link out of
    the repository: refused in one line, and nothing outside is read or written."""
    repository, elsewhere = linked_out
    before = sorted((path, path.stat().st_mtime_ns) for path in elsewhere.rglob("*"))
    one_line_error(run(*command, cwd=repository), "leads out of the repository")
    assert sorted((path, path.stat().st_mtime_ns) for path in elsewhere.rglob("*")) == before
    assert not (elsewhere / "p" / ".ctepartner.lock").exists()


def test_a_path_outside_every_repository_is_the_users_to_name(tmp_path: Path) -> None:
    proc = run("check", EXAMPLES / "rutherford", "--as-of", AS_OF, "--format", "sarif",
               "--output", tmp_path / "elsewhere" / "check.sarif")
    assert proc.returncode == 0 and (tmp_path / "elsewhere" / "check.sarif").exists()


def test_an_output_that_is_a_link_is_not_written_through(tmp_path: Path, secret: Path) -> None:
    output = tmp_path / "report.sarif"
    output.symlink_to(secret)
    proc = run("check", EXAMPLES / "rutherford", "--format", "sarif", "--output", output)
    one_line_error(proc, "is a link")
    assert secret.read_text() == SECRET


@pytest.mark.posix  # device nodes and Unix permissions
def test_a_pipe_or_device_output_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    proc = run("check", EXAMPLES / "rutherford", "--as-of", AS_OF, "--format", "json",
               "--output", fifo)
    reader.join(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert json.loads(received[0])["summary"]["partnerships"] == 1
    if os.geteuid() == 0:  # a device node of our own, like /dev/null
        device = tmp_path / "null"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        proc = run("check", EXAMPLES / "rutherford", "--as-of", AS_OF, "--output", device)
        assert proc.returncode == 0 and stat.S_ISCHR(device.lstat().st_mode)


@pytest.mark.posix  # device nodes and Unix permissions
def test_the_template_cache_is_used_only_in_a_private_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ctepartner.render.environment import _bytecode_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    shared = tmp_path / "ctepartner" / "jinja"
    shared.mkdir(parents=True)
    shared.chmod(0o777)  # anyone could plant a pickle here
    assert _bytecode_cache() is None
    shared.chmod(0o700)
    (tmp_path / "ctepartner").chmod(0o700)
    assert _bytecode_cache() is not None
    other = tmp_path / "other"
    monkeypatch.setenv("XDG_CACHE_HOME", str(other))
    assert _bytecode_cache() is not None
    assert stat.S_IMODE((other / "ctepartner" / "jinja").stat().st_mode) == 0o700


def test_the_pdf_renderer_fetches_nothing_and_runs_no_text() -> None:
    """A template's links and images, and text that reads as Typst code (`#read(...)`),
    bring nothing into the PDF: the writer takes no URL or file, and user text enters the
    markup only as a string."""
    import datetime as dt
    import http.server

    from ctepartner.render.typeset import Page, html_to_pdf, markup

    asked: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    page = Page("A title", "A convener", "en", dt.date(2026, 11, 22), "letter")
    html = (f'<html><head><link rel="stylesheet" href="{url}/a.css"></head><body>'
            '<p>#read("/etc/hostname") ] [ #set page(width: 1pt) "quoted" \\ $x$ @ref</p>'
            f'<img src="{url}/b.png"><img src="/etc/hostname"></body></html>')
    try:
        pdf = html_to_pdf(html, page)
    finally:
        server.shutdown()
    assert pdf.startswith(b"%PDF") and asked == []
    text = markup(html, page)
    assert '#"#read(\\"/etc/hostname\\") ] [ #set page(width: 1pt)' in text


@pytest.mark.parametrize("html", [
    "<p><strong>a<em>b</p></strong>", "<h1>t</h1><h2><strong>x</h2>", "<ul><li><b>x</ul>",
    "<blockquote><p>a</blockquote></blockquote>", "<table><tr><td><b>x</td></tr></table>",
    "<h1>t</h1><svg><text>x</svg>", "<p>" + "<b>" * 300 + "deep</p>", "<h2>no h1</h2>",
])
def test_html_no_pdf_can_be_made_of_ends_in_one_line(html: str) -> None:
    """A consultant's template may write HTML that is broken, or no PDF/UA can be made of:
    a PDF, or one line naming the document, never a traceback."""
    import datetime as dt

    from ctepartner.render.typeset import Page, html_to_pdf

    page = Page("Valley: report", "Valley", "en", dt.date(2026, 11, 22), "letter")
    try:
        assert html_to_pdf(html, page).startswith(b"%PDF")
    except UserError as error:
        assert str(error).startswith("Valley: report: the PDF could not be typeset (")
        assert "\n" not in str(error)


# --- crashes that are now one line, or no error at all ---------------------------------


def test_a_huge_whole_number_goes_to_a_workbook_and_back(rutherford: Path,
                                                         tmp_path: Path) -> None:
    path = rutherford / "recruitment.yaml"
    path.write_text(path.read_text().replace("    seats: 1\n", f"    seats: {'9' * 4300}\n", 1))
    before = path.read_text()
    proc = run("export", "workbook", rutherford, "--output", tmp_path / "book.xlsx")
    assert proc.returncode == 0, proc.stderr
    assert run("import", "workbook", tmp_path / "book.xlsx", rutherford).returncode == 0
    assert path.read_text() == before


def test_a_very_long_id_still_makes_every_document(rutherford: Path, tmp_path: Path) -> None:
    long_id = "acme-" + "precision-" * 30
    assert run("add", "stakeholder", rutherford, "--id", long_id, "--organization", "Acme",
               "--sector", "business", "--status", "active").returncode == 0
    proc = run("build", rutherford, "--out", tmp_path, "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    names = [path.name for path in tmp_path.iterdir()]
    assert all(len(name.encode()) <= 255 for name in names)
    assert any(name.startswith("packet-for-acme-precision-") for name in names)


def test_a_survey_import_keeps_an_answer_off_the_scale(rutherford: Path,
                                                       tmp_path: Path) -> None:
    path = rutherford / "survey.yaml"
    path.write_text(path.read_text().replace("e1-convener-trusted: 4", "e1-convener-trusted: ²",
                                             1))
    export = tmp_path / "more.csv"
    export.write_text("stakeholder,e2-goals-progress\ncounty-schools,5\n")
    proc = run("survey", "import", export, rutherford, "--wave", "2026-fall")
    assert proc.returncode == 0, proc.stderr
    text = path.read_text()
    assert 'e1-convener-trusted: "²"' in text and "e2-goals-progress: 5" in text


# --- confidences through side doors -------------------------------------------------------


def test_no_confidence_reaches_the_community_through_a_side_door(rutherford: Path) -> None:
    """--since, a profile's packet and a named packet keep a private partner's words out
    of the community's documents, as the report does."""
    from test_sendready import _seed_secrets

    _seed_secrets(rutherford)  # Northfield becomes "Hidden Precision Works", not public
    path = rutherford / "stakeholders.yaml"
    path.write_text(path.read_text().replace(
        "benefits: [Talent pipeline, Brand recognition with families]",
        "benefits: [SECRET-BENEFIT, Brand recognition with families]"))
    commit_all(rutherford)
    assert run("add", "plan", rutherford, "--id", "one-to-one", "--audience",
               "stakeholder:northfield-precision", "--cadence", "monthly").returncode == 0
    assert run("add", "update", rutherford, "--plan", "one-to-one", "--date", "2026-11-20",
               "--summary", "SECRET-LOG-SUMMARY").returncode == 0
    assert run("add", "observation", rutherford, "--metric", "pathway-enrollment", "--value",
               "1400", "--date", "2026-11-20").returncode == 0  # a change for everyone
    for fmt in ("md", "html"):
        since = run("report", rutherford, "--since", "HEAD", "--audience", "community",
                    "--format", fmt, "--out", "-" if fmt == "md" else rutherford / "public",
                    "--as-of", AS_OF)
        text = since.stdout + "".join(p.read_text() for p in rutherford.glob("public/*"))
        assert since.returncode == 0 and "What changed" in text, since.stderr
        assert "SECRET-LOG-SUMMARY" not in text and "Hidden Precision" not in text
    partners = run("report", rutherford, "--since", "HEAD", "--out", "-", "--as-of", AS_OF)
    assert "SECRET-LOG-SUMMARY" in partners.stdout  # the partners' report still says it
    packet = run("packet", rutherford, "--profile", "employer-host", "--audience",
                 "community", "--out", "-", "--as-of", AS_OF)
    assert packet.returncode == 0 and "SECRET-BENEFIT" not in packet.stdout
    assert "Brand recognition" not in packet.stdout  # only public partners' benefits
    named = run("packet", rutherford, "--stakeholder", "northfield-precision", "--audience",
                "community", "--out", "-", "--as-of", AS_OF)
    one_line_error(named, "not a public partner")


# --- 5, 6. many hands, dead workers ------------------------------------------------------


def _at_once(commands: list[list[object]]) -> list[subprocess.CompletedProcess[str]]:
    """Every command at once, each a process of its own (the lock is between processes);
    each may wait its turn for the lock behind all the others."""
    with ThreadPoolExecutor(len(commands)) as pool:
        return list(pool.map(lambda command: run_installed(*command), commands))


@pytest.mark.posix  # the writers are processes, which the simulated run leaves as they are
def test_twenty_writers_at_once_lose_nothing(rutherford: Path, tmp_path: Path) -> None:
    adds = [["add", "stakeholder", rutherford, "--id", f"co-{n}", "--organization",
             f"Company {n}", "--sector", "business"] for n in range(20)]
    updates = [["add", "update", rutherford, "--plan", "monthly-update", "--date",
                f"2026-10-{n + 1:02d}", "--summary", f"Update {n}"] for n in range(20)]
    sheets = []
    for n in range(20):
        sheet = tmp_path / f"roster-{n}.csv"
        sheet.write_text(f"id,organization,sector\nimported-{n},Imported {n},workforce\n")
        sheets.append(["import", "stakeholders", sheet, rutherford])
    results = _at_once(adds + updates + sheets)
    assert all(proc.returncode == 0 for proc in results), [p.stderr for p in results]
    stakeholders = (rutherford / "stakeholders.yaml").read_text()
    communications = (rutherford / "communications.yaml").read_text()
    assert all(f"id: co-{n}\n" in stakeholders for n in range(20))
    assert all(f"id: imported-{n}" in stakeholders for n in range(20))
    assert all(f"Update {n}" in communications for n in range(20))
    proc = run("check", rutherford, "--as-of", AS_OF, "--select", "CP0")
    assert proc.returncode == 0, proc.stdout


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of the folder but the lock, as it is on disk."""
    return {path.name: path.read_bytes() for path in folder.iterdir()
            if path.is_file() and path.name != ".ctepartner.lock"}


def _as_read(folder: Path) -> dict[str, bytes]:
    """The partnership's files as every reader reads them (a journal's staged files in the
    place of the files they replace)."""
    from ctepartner.load.journal import pending

    staged = pending(folder)
    return {name: (staged.get(name) or folder / name).read_bytes()
            for name in (path.name for path in folder.glob("*.yaml"))}


KILL_AT_RENAME = """
import os, signal, sys
real, count, kill_at = os.replace, [0], int(sys.argv[1])
def replace(source, target):
    if str(source).endswith(".tmp") and not str(target).endswith(".journal"):
        if count[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        count[0] += 1
    real(source, target)
os.replace = replace
sys.argv = ["ctepartner", *sys.argv[2:]]
from ctepartner.__main__ import main
main()
"""


@pytest.mark.posix  # processes killed while they hold the OS's file lock
@pytest.mark.parametrize("killed_before_rename", [0, 1, 2])
def test_an_import_killed_between_its_renames_lands_whole(delaware: Path, tmp_path: Path,
                                                          killed_before_rename: int) -> None:
    """Killed after its journal and some of its renames, an import of three files is read
    whole by `check`, and the next writer finishes it on disk and leaves no staged file."""
    from test_workbook import _edited, _export

    book = _edited(_export(delaware, tmp_path), "active", tmp_path / "edited.xlsx")
    whole = tmp_path / "whole"
    shutil.copytree(delaware, whole)
    assert run("import", "workbook", book, whole).returncode == 0
    after = {name: data for name, data in _files(whole).items() if name.endswith(".yaml")}
    proc = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, str(killed_before_rename),
                           "import", "workbook", str(book), str(delaware)], check=False,
                          capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert (delaware / ".ctepartner.journal").exists()
    assert _as_read(delaware) == after  # what check reads: the whole change
    assert run("import", "workbook", book, delaware, "--dry-run").returncode == 0
    assert _files(delaware) == after  # finished on disk, no journal, no staged file


@pytest.mark.posix  # processes killed while they hold the OS's file lock
def test_thirty_random_kills_leave_before_or_after(delaware: Path, tmp_path: Path) -> None:
    """`import workbook` and `set` killed at random moments: every partnership is as it was
    or as it would be, as read and, after the next command, on disk, with no file left."""
    import random

    from test_workbook import _edited, _export

    book = _edited(_export(delaware, tmp_path), "active", tmp_path / "edited.xlsx")
    before = _files(delaware)
    commands = {
        "import": ["import", "workbook", book, delaware],
        "set": ["set", "partnership.convener.lead.title", "Director, CTE", "--path", delaware],
    }
    afters = {}
    for name, command in commands.items():
        copy = tmp_path / f"after-{name}"
        shutil.copytree(delaware, copy)
        assert run(*[copy if part == delaware else part for part in command]).returncode == 0
        afters[name] = _files(copy)
    chance = random.Random(2026)
    for attempt in range(30):
        for path in delaware.iterdir():
            if path.name not in before:
                path.unlink()
        for name, data in before.items():
            (delaware / name).write_bytes(data)
        name = "import" if attempt % 2 else "set"
        process = subprocess.Popen([sys.executable, "-m", "ctepartner",
                                    *map(str, commands[name])],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.2, 1.2))
        process.kill()
        process.wait()
        read = _as_read(delaware)
        assert read in ({k: v for k, v in state.items() if k.endswith(".yaml")}
                        for state in (before, afters[name])), attempt
        assert run("import", "workbook", book, delaware, "--dry-run").returncode == 0
        assert _files(delaware) in (before, afters[name]), attempt


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                children.append(int(entry.name))
    return children


@pytest.mark.posix  # kills a worker process with SIGKILL
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the workers through /proc")
def test_a_killed_worker_ends_check_with_exit_2(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import generate

    generate(tmp_path / "many", 120)
    check = subprocess.Popen(
        [sys.executable, "-m", "ctepartner", "check", str(tmp_path / "many"), "--jobs", "2",
         "--format", "json", "--as-of", AS_OF], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    deadline = time.monotonic() + 30
    while not (workers := _children(check.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers, "the check never started its workers"
    os.kill(workers[0], signal.SIGKILL)
    _, errors = check.communicate(timeout=60)  # a hang fails here
    assert check.returncode == 2
    assert errors.strip().splitlines() == [errors.strip()]
    assert "worker process stopped" in errors


# --- 7, 8. big and strange inputs --------------------------------------------------------


def test_a_hundred_thousand_unknown_keys_are_reported_in_linear_time(rutherford: Path) -> None:
    with (rutherford / "partnership.yaml").open("a") as stream:
        stream.writelines(f"unknown_{n}: {n}\n" for n in range(100_000))
    proc = run("check", rutherford, "--as-of", AS_OF, "--format", "json", "--select", "CP003")
    findings = json.loads(proc.stdout)["partnerships"][0]["findings"]
    assert len(findings) == 101
    assert findings[-1]["message"].startswith("99,900 more unknown keys")


def test_size_and_file_type_are_checked_before_reading(rutherford: Path) -> None:
    with (rutherford / "roles.yaml").open("r+b") as stream:
        stream.truncate(3 * 1024**3)  # sparse: 3 GB that cost nothing to make
    os.unlink(rutherford / "metrics.yaml")
    os.mkfifo(rutherford / "metrics.yaml")  # nobody will ever write to it
    (rutherford / "action-plan.yaml").unlink()
    (rutherford / "action-plan.yaml").mkdir()
    proc = run("check", rutherford, "--as-of", AS_OF, "--format", "json", "--select", "CP001")
    messages = {Path(f["file"]).name: f["message"]
                for f in json.loads(proc.stdout)["partnerships"][0]["findings"]}
    assert messages["roles.yaml"] == "the file is 3072 MB; the limit is 10 MB"
    assert "not a regular file" in messages["metrics.yaml"]
    assert "not a regular file" in messages["action-plan.yaml"]
    one_line_error(run("add", "metric", rutherford, "--id", "m", "--name", "M", "--strand",
                       "outcomes", "--category", "student_impact"), "not a regular file")


# --- 9-13. input people can type ---------------------------------------------------------


@pytest.mark.parametrize("line", ["id: Delaware Pathways", "name:", "name: 12", "name: [a]"])
def test_a_bad_id_or_name_is_a_finding(delaware: Path, line: str) -> None:
    path = delaware / "partnership.yaml"
    key = line.split(":")[0]
    text = path.read_text()
    path.write_text("\n".join(line if row.startswith(f"{key}:") else row
                              for row in text.splitlines()) + "\n")
    proc = run("check", delaware, "--as-of", AS_OF, "--format", "json")
    assert proc.returncode == 1 and proc.stderr == ""
    rules = {f["rule"] for f in json.loads(proc.stdout)["partnerships"][0]["findings"]}
    assert "CP002" in rules
    for command in (["report", "--out", "-"], ["status"], ["calendar"]):
        other = run(command[0], delaware, *command[1:], "--as-of", AS_OF)
        assert other.returncode == 0, other.stderr


def test_report_since_head_from_inside_the_partnership(tmp_path: Path) -> None:
    partnership = tmp_path / "delaware"
    partnership.mkdir()
    for path in (EXAMPLES / "delaware").glob("*.yaml"):
        (partnership / path.name).write_bytes(path.read_bytes())
    commit_all(tmp_path)
    proc = run("report", "--since", "HEAD", "--out", "-", "--as-of", AS_OF, cwd=partnership)
    assert proc.returncode == 0, proc.stderr
    assert "Delaware Pathways" in proc.stdout


def test_numbers_must_be_finite_and_readable(rutherford: Path) -> None:
    path = rutherford / "metrics.yaml"
    text = path.read_text().replace("value: 150", "value: .nan", 1)
    path.write_text(text.replace("value: 4.5", "value: " + "9" * 4301, 1))
    proc = run("check", rutherford, "--as-of", AS_OF, "--format", "json", "--select", "CP002")
    messages = [f["message"] for f in json.loads(proc.stdout)["partnerships"][0]["findings"]]
    assert any("finite" in message for message in messages)
    assert any("more digits" in message for message in messages)
    assert run("report", rutherford, "--format", "pdf", "--as-of", AS_OF).returncode == 0
    before = path.read_bytes()
    for value in ("nan", "inf"):
        one_line_error(run("add", "observation", rutherford, "--metric",
                           "internships-completed", "--value", value, "--date", "2026-11-01"),
                       "finite")
    assert path.read_bytes() == before


def test_far_off_dates_are_findings_and_bounded_options(rutherford: Path) -> None:
    path = rutherford / "communications.yaml"
    before = path.read_bytes()
    one_line_error(run("add", "update", rutherford, "--plan", "monthly-update", "--date",
                       "9999-12-31", "--summary", "x"), "out of range")
    assert path.read_bytes() == before
    path.write_text(path.read_text().replace("date: 2026-11-04", "date: 9999-12-31", 1))
    for command in (["status"], ["calendar"], ["report", "--out", "-"], ["check"]):
        proc = run(command[0], rutherford, *command[1:], "--as-of", AS_OF)
        assert proc.returncode in (0, 1) and "internal error" not in proc.stderr, proc.stderr
    one_line_error(run("check", rutherford, "--as-of", "0001-01-01"), "out of range")
    proc = run("status", rutherford, "--days", "999999999")
    assert proc.returncode == 2 and "internal error" not in proc.stderr


def _name(folder: Path, stakeholder: str, organization: str) -> None:
    path = folder / "stakeholders.yaml"
    text = path.read_text()
    old = next(line for line in text.splitlines()
               if line.strip().startswith("organization:") and stakeholder in text)
    path.write_text(text.replace(old, f"    organization: {organization}", 1))


def test_control_characters_and_long_names_in_every_format(rutherford: Path) -> None:
    _name(rutherford, "county-schools", '"County\\vschools\\x00 \\e[2J"')
    proc = run("check", rutherford, "--as-of", AS_OF, "--format", "junit")
    ElementTree.fromstring(proc.stdout)  # valid XML
    assert "control characters" in proc.stdout
    docx = run("agreement", rutherford, "--stakeholder", "county-schools", "--format", "docx",
               "--as-of", AS_OF)
    assert docx.returncode == 0, docx.stderr
    sheet = rutherford.parent / "roster.xlsx"
    assert run("export", "stakeholders", rutherford, "--output", sheet).returncode == 0
    _name(rutherford, "county-schools", "Rutherford County " * 13)  # 234 characters
    for fmt in ("docx", "pdf"):
        proc = run("agreement", rutherford, "--stakeholder", "county-schools", "--format", fmt,
                   "--as-of", AS_OF)
        assert proc.returncode == 0, proc.stderr
    assert run("export", "stakeholders", rutherford, "--output", sheet).returncode == 0


def test_a_folder_name_that_is_not_utf8_or_holds_escapes(tmp_path: Path) -> None:
    for name in (b"caf\xe9", b"evil\x1b[2J"):
        folder = Path(os.fsdecode(tmp_path / os.fsdecode(name)))
        folder.mkdir()
        (folder / "partnership.yaml").write_bytes(
            (EXAMPLES / "rutherford" / "partnership.yaml").read_bytes())
    proc = run("check", tmp_path, "--as-of", AS_OF, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    paths = [p["path"] for p in json.loads(proc.stdout)["partnerships"]]
    assert any(path.endswith("caf\\xe9") for path in paths)
    assert any(path.endswith("evil\\x1b[2J") for path in paths)
    text = run("check", tmp_path, "--as-of", AS_OF)
    assert "\x1b" not in text.stdout
    evil = Path(os.fsdecode(tmp_path / "evil\x1b[2J"))
    for command in (["report", evil / "rutherford", "--out", evil / "out", "--as-of", AS_OF],
                    ["calendar", evil / "rutherford", "--output", evil / "dates.ics"]):
        shutil.copytree(EXAMPLES / "rutherford", evil / "rutherford", dirs_exist_ok=True)
        wrote = run(*command)
        assert wrote.returncode == 0 and "wrote" in wrote.stdout, wrote.stderr
        assert "\x1b" not in wrote.stdout and "evil\\x1b[2J" in wrote.stdout


def test_a_folder_tree_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    folder = tmp_path
    for _ in range(1100):  # one level at a time: mkdir(parents=True) itself recurses
        folder = folder / "d"
        folder.mkdir()
    (folder / "partnership.yaml").write_text("schema: ctepartner/v1\nid: deep\nname: Deep\n")
    try:
        proc = run("check", tmp_path, "--as-of", AS_OF, "-q")
        assert proc.returncode == 1 and "internal error" not in proc.stderr
    finally:  # bottom up: pytest's own clean-up (shutil.rmtree) recurses and would overflow
        (folder / "partnership.yaml").unlink()
        while folder != tmp_path:
            folder.rmdir()
            folder = folder.parent


def test_configuration_of_unexpected_shape(rutherford: Path) -> None:
    (rutherford / "pyproject.toml").write_text("tool = 5\n")
    assert run("check", rutherford, "--as-of", AS_OF).returncode == 0


def test_spreadsheets_that_are_not_what_they_seem(rutherford: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_text("id,organization,sector\nx," + "A" * 200_000 + ",business\n")
    one_line_error(run("import", "stakeholders", huge, rutherford),
                   "row 2: a cell is longer than 131,072 characters")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "organization", "sector"])
    sheet.append(["acme", "Acme", "business"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    import zipfile

    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(tmp_path / "dtd.xlsx", "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", b'<!DOCTYPE r [<!ENTITY e SYSTEM '
                                    b'"file:///etc/passwd">]><worksheet', 1)
            out.writestr(item, data)
    one_line_error(run("import", "stakeholders", tmp_path / "dtd.xlsx", rutherford,
                       "--dry-run"), "declares a DTD")


def test_too_many_rows_are_refused_before_they_fill_memory(rutherford: Path,
                                                            tmp_path: Path) -> None:
    from ctepartner.author import roster

    sheet = tmp_path / "many.csv"
    with sheet.open("w") as stream:
        stream.write("id,organization,sector\n")
        stream.writelines(f"co-{n},Company {n},business\n" for n in range(roster.MAX_ROWS + 5))
    one_line_error(run("import", "stakeholders", sheet, rutherford, "--dry-run"),
                   "more than 50,000 rows")


def test_yaml_tags_that_build_other_things_are_refused(rutherford: Path) -> None:
    path = rutherford / "partnership.yaml"
    text = path.read_text()
    for tag in ("!!omap [{a: 1}]", "!!set {a, b}", "!!binary aGk=",
                "!!python/object/apply:os.system [echo owned]"):
        path.write_text(text.replace("name: Rutherford Works", f"name: {tag}", 1))
        proc = run("check", rutherford, "--as-of", AS_OF, "--format", "json")
        assert proc.returncode == 1 and "owned" not in proc.stdout
        assert "is not used in partnership files" in proc.stdout


def test_merge_keys_work_as_people_write_them(rutherford: Path) -> None:
    path = rutherford / "roles.yaml"
    text = path.read_text().replace("    term_months: 12\n", "", 1)
    path.write_text(text.replace("  - id: district-liaison\n", "  - &liaison\n"
                                 "    id: district-liaison\n    term_months: 12\n", 1)
                    .replace("  - id: college-liaison\n", "  - <<: *liaison\n"
                             "    id: college-liaison\n", 1))
    proc = run("check", rutherford, "--as-of", AS_OF, "--format", "json")
    assert proc.returncode == 0, proc.stdout
    assert json.loads(proc.stdout)["summary"]["error"] == 0


# --- 14-17. output that could deceive ----------------------------------------------------

EVIL = '"Coastal\\e]8;;http://evil.example\\e\\\\link\\e]8;;\\e\\\\ \\e[2J"'


def test_terminal_escapes_never_reach_the_terminal(rutherford: Path) -> None:
    _name(rutherford, "county-schools", EVIL)
    for command in (["check", "--as-of", AS_OF, "--no-color"], ["status", "--as-of", AS_OF,
                    "--days", "400"], ["export", "stakeholders"]):
        proc = run(*command[:1 + (command[0] == "export")], rutherford,
                   *command[1 + (command[0] == "export"):])
        assert proc.returncode in (0, 1), proc.stderr
        assert "\x1b" not in proc.stdout and "\x1b" not in proc.stderr, command
    raw = rutherford / "stakeholders.yaml"
    raw.write_text(raw.read_text().replace(EVIL, "'Coastal\u202eevil'"))
    exported = run("export", "stakeholders", rutherford)
    assert "\u202e" not in exported.stdout and "\\u202e" in exported.stdout


def test_markdown_in_a_name_stays_text(rutherford: Path) -> None:
    hostile = ('"X | Approved |\\n\\n## Payment terms\\n\\nWire $50,000 to '
               '[account](https://evil.example/pay)"')
    _name(rutherford, "county-schools", hostile)
    proc = run("agreement", rutherford, "--stakeholder", "county-schools", "--out", "-",
               "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    assert "\n## Payment" not in proc.stdout and "[account](" not in proc.stdout
    table = [line for line in proc.stdout.splitlines() if line.startswith("|")]
    assert all(line.replace("\\|", "").count("|") == 3 for line in table), table


def test_a_bare_web_address_in_a_name_is_not_made_a_link(rutherford: Path) -> None:
    """GitHub's Markdown links `https://...` and `www....` by itself; a name keeps its words
    but loses the link."""
    _name(rutherford, "county-schools", "Pay at https://evil.example/pay or WWW.evil.example")
    proc = run("agreement", rutherford, "--stakeholder", "county-schools", "--out", "-",
               "--as-of", AS_OF)
    assert proc.returncode == 0, proc.stderr
    assert "https:<!-- -->//evil.example/pay" in proc.stdout
    assert "WWW<!-- -->.evil.example" in proc.stdout
    assert not re.search(r"https?://evil|www\.evil", proc.stdout, re.IGNORECASE)


@pytest.mark.parametrize(("template", "reason"), [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "range()"),
    ("{{ ('a' * 10**10) | length }}", "characters or items"),
    ("{{ 'x' | center(10**9) }}", "filter argument"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "too deeply nested"),
    ("{{ '{0:%s}'.format(v) }}", "template error"),
    ("{{ '{0:>999999999}'.format(1) }}", "memory"),
    ("{{ '%01000000000d' % 1 }}", "format wider"),
    ("{{ '%.999999999f' % 1.0 }}", "format wider"),
    ("{{ ('%s-%s' % ('a', 'b')) | length }} {{ '%.2f' % 3.14159 }}", None),
    ("{{ v.__class__.__mro__ }}", "unsafe"),
])
def test_hostile_templates_end_in_one_line(rutherford: Path, template: str,
                                          reason: str | None) -> None:
    """Each ends at once in one line (None: a harmless template, which renders)."""
    _templates(rutherford.parent, template)
    proc = run("report", rutherford, "--out", "-", "--as-of", AS_OF)
    if reason is None:
        assert proc.returncode == 0 and proc.stdout == "3 3.14\n", proc.stderr
        return
    one_line_error(proc, reason)


def test_a_template_that_runs_too_long_is_stopped(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    from ctepartner.render import environment, sandbox

    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)
    (tmp_path / "slow.txt.j2").write_text(
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}")
    with pytest.raises(UserError, match=r"longer than [01] seconds"):
        environment.render("slow.txt.j2", tmp_path)


def test_template_limits_hold_in_any_thread_and_without_resource(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Windows has no `resource` and no SIGALRM: the watchdog stops a slow render in any
    thread, and watches what Python allocates where no address-space limit exists."""
    import threading

    from ctepartner.render import environment, sandbox

    monkeypatch.setattr(sandbox, "MAX_SECONDS", 0.5)
    monkeypatch.setattr(sandbox, "MAX_MEMORY", 64 * 1024**2)
    monkeypatch.setattr(sandbox, "_HAS_RLIMIT", False)
    (tmp_path / "slow.txt.j2").write_text(
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}")
    (tmp_path / "greedy.txt.j2").write_text(
        "{% set kept = [] %}{% for i in range(10000) %}"
        "{% if kept.append('x' * 100000) %}{% endif %}{% endfor %}")
    errors: list[str] = []

    def render(name: str) -> None:
        try:
            environment.render(name, tmp_path)
        except UserError as error:
            errors.append(str(error))

    worker = threading.Thread(target=render, args=("slow.txt.j2",))
    worker.start()
    worker.join(timeout=30)
    render("greedy.txt.j2")
    assert len(errors) == 2, errors
    assert "longer than 0 seconds" in errors[0] or "longer than 1 seconds" in errors[0]
    assert "more than 64 MB of memory" in errors[1]
    (tmp_path / "fine.txt.j2").write_text("fine")  # nothing left pending after a stop
    assert environment.render("fine.txt.j2", tmp_path) == "fine"
    import tracemalloc

    assert not tracemalloc.is_tracing()


def test_document_file_names_are_unique(rutherford: Path, tmp_path: Path) -> None:
    stakeholders = rutherford / "stakeholders.yaml"
    stakeholders.write_text(stakeholders.read_text().replace(
        "id: riverbend-logistics", "id: profile-employer-host"))
    out = tmp_path / "site"
    proc = run("build", rutherford, "--out", out, "--as-of", AS_OF, "--format", "md")
    assert proc.returncode == 0, proc.stderr
    names = {p.name for p in out.iterdir()}
    assert {"packet-profile-employer-host.md", "packet-for-profile-employer-host.md"} <= names
    index = (out / "index.html").read_text()
    assert index.count("packet-profile-employer-host.md") == 1
    assert index.count("packet-for-profile-employer-host.md") == 1


def test_a_write_leaves_git_nothing_to_list_but_the_change(tmp_path: Path) -> None:
    """The writers' lock lives in `.git`, so a repository that `init` did not set up (no
    .gitignore) lists only the file the command changed."""
    shutil.copytree(EXAMPLES / "rutherford", tmp_path / "rutherford")
    commit_all(tmp_path)
    assert run("add", "stakeholder", tmp_path / "rutherford", "--id", "acme", "--organization",
               "Acme", "--sector", "business").returncode == 0
    status = subprocess.run(["git", "-C", str(tmp_path), "status", "--porcelain"],
                            capture_output=True, text=True, check=True).stdout
    assert status.splitlines() == [" M rutherford/stakeholders.yaml"]
