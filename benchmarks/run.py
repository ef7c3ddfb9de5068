"""Measure ctepartner against its anchors, side by side in one run, and print the ratios.

    python benchmarks/run.py [--count 1000] [--runs 3] [--corpus DIR]

Needs the project installed (`ctepartner` on PATH) and, for the peer comparison,
`check-jsonschema` (`pip install ".[bench]"`). Every figure is the median of --runs runs of a
whole process, so start-up is included where a user would pay it.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from corpus import generate

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-22"
BARE_LOAD = (
    "import sys, yaml, pathlib\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    with open(path, 'rb') as stream:\n"
    "        yaml.load(stream, Loader=yaml.CSafeLoader)\n"
)
PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def timed(command: Sequence[str], runs: int, *, ok: tuple[int, ...] = (0, 1)) -> float:
    """The median wall time of `runs` runs of a whole process, in seconds; a run that fails
    (an exit code not in `ok`) stops the benchmark: its time would measure nothing."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in ok:
            raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): "
                             f"{done.stderr.decode(errors='replace').strip()[-500:]}")
    return statistics.median(times)


def paired(first: Sequence[str], second: Sequence[str], runs: int) -> tuple[float, float]:
    """The two commands run in turn, A B A B ..., so that a drift in the machine's speed
    falls on both: the median wall time of the first, and the median of the ratios of each
    pair (first / second)."""
    times: list[float] = []
    ratios: list[float] = []
    for _ in range(runs):
        a, b = timed(first, 1), timed(second, 1)
        times.append(a)
        ratios.append(a / b)
    return statistics.median(times), statistics.median(ratios)


def copies(folder: Path, count: int, *, stakeholders: int = 150, survey_waves: int = 0
           ) -> Path:
    """`count` copies of one generated partnership under `folder`."""
    (one,) = generate(folder / "one", 1, stakeholders=stakeholders, survey_waves=survey_waves)
    for index in range(count):
        shutil.copytree(one, folder / "copies" / f"c{index:04d}")
    return folder / "copies"


def parse_limit_rows(runs: int) -> list[tuple[str, float, float, str, bool]]:
    """`check --jobs 1` at the parse limit: 300 and 1,000 copies of one partnership, and one
    partnership with 6 survey waves of 300 responses, each against a bare libyaml load of
    the same files; `build` of a 300-stakeholder partnership in PDF and Word on 2 workers
    against one, byte for byte the same."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for count in (300, 1000):
            corpus = copies(Path(scratch) / f"x{count}", count)
            checked, ratio = paired(check_command(corpus, jobs=1),
                                    [sys.executable, "-c", BARE_LOAD, str(corpus)], runs)
            rows.append((f"check --jobs 1 of {count} copies vs bare libyaml load", checked,
                         ratio, "<= 1.2", ratio <= 1.2))
        surveyed = copies(Path(scratch) / "survey", 1, stakeholders=300, survey_waves=6)
        checked, ratio = paired(check_command(surveyed, jobs=1),
                                [sys.executable, "-c", BARE_LOAD, str(surveyed)], runs * 3)
        rows.append(("check of 6 waves x 300 responses vs bare load of all its files",
                     checked, ratio, "<= 1.2", ratio <= 1.2))
        (big,) = generate(Path(scratch) / "big", 1, stakeholders=300)
        for fmt in ("pdf", "docx"):
            build = [ctepartner(), "build", str(big), "--format", fmt, "--as-of", AS_OF]
            out = Path(scratch) / fmt
            two, ratio = paired([*build, "--out", str(out / "two"), "--jobs", "2"],
                                [*build, "--out", str(out / "one"), "--jobs", "1"], runs)
            same = _same_files(out / "two", out / "one")
            rows.append((f"build --format {fmt}, 300 stakeholders, 2 workers vs 1 "
                         f"({'identical' if same else 'DIFFERENT'} bytes)", two, ratio,
                         "<= 0.6", ratio <= 0.6 and same))
    return rows


def _same_files(first: Path, second: Path) -> bool:
    names = sorted(path.name for path in first.iterdir())
    return names == sorted(path.name for path in second.iterdir()) and all(
        (first / name).read_bytes() == (second / name).read_bytes() for name in names)


def peak_kib(command: Sequence[str]) -> int:
    """The peak resident memory of a process and its workers, in KiB."""
    out = subprocess.run([sys.executable, "-c", PEAK_RSS, *command], capture_output=True,
                         text=True, check=True)
    return int(out.stdout.strip())


def ctepartner() -> str:
    """The installed command: on PATH, or beside this Python."""
    beside = Path(sys.executable).parent / "ctepartner"
    return shutil.which("ctepartner") or str(beside)


def check_command(*paths: Path | str, jobs: int | None = None) -> list[str]:
    command = [ctepartner(), "check", *map(str, paths), "--as-of", AS_OF, "--format", "json",
               "--output", os.devnull, "--fail-on", "never"]
    return [*command, "--jobs", str(jobs)] if jobs else command


def jsonschema_commands(peer: str, corpus: Path, schemas: Path) -> list[list[str]]:
    """One check-jsonschema run per file kind, over every file of that kind."""
    commands = []
    for schema in sorted(schemas.glob("*.schema.json")):
        kind = schema.name.replace(".schema.json", ".yaml")
        files = sorted(str(p) for p in corpus.glob(f"*/{kind}"))
        commands.append([peer, "--schemafile", str(schema), *files])
    return commands


def compile_installed() -> None:
    """Byte-compile the measured package, as `pip install` does.

    An editable install under PYTHONDONTWRITEBYTECODE would otherwise compile every module on
    every run, and the start-up figures would measure the compiler, not ctepartner.
    """
    import ctepartner

    compileall.compile_dir(Path(ctepartner.__file__).parent, quiet=1)


def measure(corpus: Path, runs: int) -> list[tuple[str, float, float, str, bool]]:
    """(what, measured, ratio, target, met) rows."""
    compile_installed()
    rows = []
    bare = timed([sys.executable, "-c", BARE_LOAD, str(corpus)], runs)
    serial = timed(check_command(corpus, jobs=1), runs)
    parallel = timed(check_command(corpus), runs)
    rows.append(("check, --jobs 1, vs bare libyaml load", serial, serial / bare, "<= 1.2",
                 serial / bare <= 1.2))
    rows.append(("check, default jobs, vs bare libyaml load", parallel, parallel / bare,
                 "<= 0.8", parallel / bare <= 0.8))
    peer_command = (shutil.which("check-jsonschema")
                    or Path(sys.executable).parent / "check-jsonschema")
    if Path(peer_command).exists():
        with tempfile.TemporaryDirectory() as schemas:
            subprocess.run([ctepartner(), "schema", "--out", schemas], check=True,
                           stdout=subprocess.DEVNULL)
            commands = jsonschema_commands(str(peer_command), corpus, Path(schemas))
            peer = sum(timed(command, runs) for command in commands)
        rows.append(("check-jsonschema vs check (default jobs)", peer, peer / parallel, ">= 5",
                     peer / parallel >= 5))
    nothing = timed([sys.executable, "-c", "pass"], runs * 5)
    version = timed([ctepartner(), "--version"], runs * 5)
    example = timed(check_command(ROOT / "examples" / "rutherford"), runs * 5)
    rows.append(("ctepartner --version vs python -c pass", version, version / nothing, "<= 1.5",
                 version / nothing <= 1.5))
    rows.append(("check examples/rutherford vs python -c pass", example, example / nothing,
                 "<= 10", example / nothing <= 10))
    few = sorted(p for p in corpus.iterdir() if p.is_dir())[:10]
    small = peak_kib(check_command(*few, jobs=1))
    large = peak_kib(check_command(corpus, jobs=1))
    rows.append((f"peak memory, {len(list(corpus.iterdir()))} vs 10 partnerships (MiB)",
                 large / 1024, large / small, "<= 1.5", large / small <= 1.5))
    with tempfile.TemporaryDirectory() as scratch:
        (big,) = generate(Path(scratch) / "big", 1, stakeholders=300)
        out = Path(scratch) / "out"
        checked = timed(check_command(big), runs * 3)
        reported = timed([ctepartner(), "report", str(big), "--format", "html", "--out",
                          str(out), "--as-of", AS_OF], runs * 3)
    rows.append(("HTML report vs check, 300 stakeholders", reported, reported / checked,
                 "<= 3", reported / checked <= 3))
    return (rows + portfolio_rows(corpus, runs) + workbook_rows(runs) + document_rows(runs)
            + survey_rows(runs) + big_inputs(runs))


def portfolio_rows(corpus: Path, runs: int) -> list[tuple[str, float, float, str, bool]]:
    """`portfolio --format json` against `check --format json` of the same tree (default
    jobs), and its peak memory against a portfolio of 10 partnerships."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out.json"
        checked = timed([*check_command(corpus), "--format", "json", "--output", str(out)],
                        runs)
        command = [ctepartner(), "portfolio", str(corpus), "--format", "json", "--output", "-",
                   "--as-of", AS_OF]
        made = timed(command, runs)
        few = [str(p) for p in sorted(p for p in corpus.iterdir() if p.is_dir())[:10]]
        small = peak_kib([*command[:2], *few, *command[3:]])
        large = peak_kib(command)
    count = len(list(corpus.iterdir()))
    return [
        (f"portfolio --format json vs check --format json, {count} partnerships", made,
         made / checked, "<= 1.3", made / checked <= 1.3),
        (f"peak memory, portfolio of {count} vs 10 partnerships (MiB)", large / 1024,
         large / small, "<= 1.5", large / small <= 1.5),
    ]


def survey_rows(runs: int) -> list[tuple[str, float, float, str, bool]]:
    """`check` with 6 survey waves of 300 responses against `check` without survey.yaml, and
    `survey import` of a 300-row export against `check`."""
    with tempfile.TemporaryDirectory() as scratch:
        (plain,) = generate(Path(scratch) / "plain", 1, stakeholders=300)
        (surveyed,) = generate(Path(scratch) / "surveyed", 1, stakeholders=300, survey_waves=6)
        without = timed(check_command(plain), runs * 3)
        with_survey = timed(check_command(surveyed), runs * 3)
        export = Path(scratch) / "export.csv"
        export.write_text("Timestamp,Email,stakeholder,e4-worth-our-time,e5-kept-informed\n"
                          + "".join(f"2026-10-01,p{n}@example.org,stakeholder-{n},Agree,4\n"
                                    for n in range(1, 301)))
        imported = timed([ctepartner(), "survey", "import", str(export), str(surveyed),
                          "--wave", "wave-7", "--opened", "2027-04-01"], runs * 3)
        checked = timed(check_command(surveyed), runs * 3)
    return [
        ("check with 6 waves x 300 responses vs without survey.yaml", with_survey,
         with_survey / without, "<= 1.3", with_survey / without <= 1.3),
        ("survey import of 300 rows vs check", imported, imported / checked, "<= 2",
         imported / checked <= 2),
    ]


def document_rows(runs: int) -> list[tuple[str, float, float, str, bool]]:
    """`build` of a 300-stakeholder partnership in each format on its own (serial), against
    `check` of it, and the PDF report against the HTML report."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        (big,) = generate(Path(scratch) / "big", 1, stakeholders=300)
        out = Path(scratch) / "out"
        checked = timed(check_command(big), runs * 3)
        for fmt in ("md", "html", "pdf", "docx"):
            built = timed([ctepartner(), "build", str(big), "--format", fmt, "--out", str(out),
                           "--as-of", AS_OF], runs)
            rows.append((f"build --format {fmt} vs check, 300 stakeholders", built,
                         built / checked, "report", True))
        html, pdf = (timed([ctepartner(), "report", str(big), "--format", fmt, "--out",
                            str(out), "--as-of", AS_OF], runs) for fmt in ("html", "pdf"))
        rows.append(("PDF report vs HTML report, 300 stakeholders", pdf, pdf / html, "<= 4",
                     pdf / html <= 4))
    return rows


# Each renders the HTML files it is given and prints the seconds its renderer took (the
# imports and the reading of the files are not counted: both commands pay them alike).
CURRENT_RENDERERS = (
    "import datetime, pathlib, sys, time\n"
    "from ctepartner.render.typeset import Page, html_to_pdf\n"
    "from ctepartner.render.word import html_to_docx\n"
    "pages = [pathlib.Path(name).read_text() for name in sys.argv[2:]]\n"
    "page = Page('Benchmark: document', 'Benchmark', 'en', datetime.date(2026, 11, 22), 'letter')\n"
    "start = time.perf_counter()\n"
    "for html in pages:\n"
    "    if sys.argv[1] == 'pdf': html_to_pdf(html, page)\n"
    "    else: html_to_docx(html, title='Benchmark: document', author='Benchmark',\n"
    "                       as_of='2026-11-22', paper='letter')\n"
    "print(time.perf_counter() - start)\n"
)
PREVIOUS_RENDERERS = (
    "import pathlib, sys, time\n"
    "from ctepartner.render.pdf import html_to_pdf\n"
    "from ctepartner.render.word import html_to_docx\n"
    "pages = [pathlib.Path(name).read_text() for name in sys.argv[2:]]\n"
    "start = time.perf_counter()\n"
    "for html in pages:\n"
    "    if sys.argv[1] == 'pdf': html_to_pdf(html)\n"
    "    else: html_to_docx(html, title='Benchmark: document', author='Benchmark',\n"
    "                       as_of='2026-11-22', paper='letter')\n"
    "print(time.perf_counter() - start)\n"
)


def _rendered(command: Sequence[str]) -> float:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{command[0]} failed: {done.stderr.strip()[-500:]}")
    return float(done.stdout.strip().splitlines()[-1])


def renderer_rows(runs: int, previous: str) -> list[tuple[str, float, float, str, bool]]:
    """The PDF and Word renderers against the previous release's (xhtml2pdf; python-docx from
    the HTML) on the same HTML, each in a fresh process, in turn: the 300-stakeholder report,
    and every document of a full `build` of the benchmark partnership. `previous` is the
    Python of an environment with the previous release installed."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        (big,) = generate(Path(scratch) / "big", 1, stakeholders=300)
        html = Path(scratch) / "html"
        subprocess.run([ctepartner(), "build", str(big), "--format", "html", "--out", str(html),
                        "--as-of", AS_OF], check=True, capture_output=True)
        every = sorted(str(path) for path in html.glob("*.html") if path.name != "index.html")
        for what, pages, fmt, target in (
                ("PDF of the 300-stakeholder report", [str(html / "report.html")], "pdf", 1 / 3),
                (f"PDF of a full build ({len(every)} documents)", every, "pdf", 1 / 3),
                (f"Word of a full build ({len(every)} documents)", every, "docx", 1.0)):
            times, ratios = [], []
            for _ in range(runs):
                ours = _rendered([sys.executable, "-c", CURRENT_RENDERERS, fmt, *pages])
                theirs = _rendered([previous, "-c", PREVIOUS_RENDERERS, fmt, *pages])
                times.append(ours)
                ratios.append(ours / theirs)
            ratio = statistics.median(ratios)
            rows.append((f"{what} vs the previous release's renderer", statistics.median(times),
                         ratio, f"<= {target:.2f}", ratio <= target))
    return rows


def workbook_rows(runs: int) -> list[tuple[str, float, float, str, bool]]:
    """Export and import of the whole partnership as a workbook, against `check` of it."""
    with tempfile.TemporaryDirectory() as scratch:
        (big,) = generate(Path(scratch) / "big", 1, stakeholders=300)
        book = Path(scratch) / "partnership.xlsx"
        checked = timed(check_command(big), runs * 3)
        exported = timed([ctepartner(), "export", "workbook", str(big), "--output", str(book)],
                         runs * 3)
        imported = timed([ctepartner(), "import", "workbook", str(book), str(big)], runs * 3)
    return [
        ("export workbook vs check, 300 stakeholders", exported, exported / checked, "<= 2",
         exported / checked <= 2),
        ("import workbook (unchanged) vs check, 300 stakeholders", imported,
         imported / checked, "<= 2", imported / checked <= 2),
    ]


def _sheet(path: Path, count: int) -> None:
    """A roster of `count` rows, written in openpyxl's streaming mode."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Stakeholders")
    sheet.append(["id", "organization", "sector", "status", "contact_name", "contact_email"])
    for n in range(count):
        sheet.append([f"org-{n}", f"Organisation {n}", "business", "identified", f"Person {n}",
                      f"person{n}@example.org"])
    book.save(path)


def big_inputs(runs: int) -> list[tuple[str, float, float, str, bool]]:
    """The large inputs of the trust review: a 5,000-stakeholder PDF, a 10 MB file, a
    300,000-row sheet."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        (many,) = generate(Path(scratch) / "many", 1, stakeholders=5000)
        out = Path(scratch) / "out"
        html, pdf = (timed([ctepartner(), "report", str(many), "--format", fmt, "--out",
                            str(out), "--as-of", AS_OF], runs) for fmt in ("html", "pdf"))
        rows.append(("PDF report vs HTML report, 5,000 stakeholders", pdf, pdf / html, "<= 4",
                     pdf / html <= 4))
        (big,) = generate(Path(scratch) / "big", 1, stakeholders=11_500)
        size = (big / "stakeholders.yaml").stat().st_size / 1024 / 1024
        bare = timed([sys.executable, "-c", BARE_LOAD, str(big)], runs)
        checked = timed(check_command(big), runs)
        rows.append((f"check of a {size:.1f} MB file vs bare libyaml load", checked,
                     checked / bare, "<= 1.5", checked / bare <= 1.5))
        peak = peak_kib(check_command(big)) / 1024
        rows.append((f"peak memory, check of a {size:.1f} MB file (MiB)", peak, peak / 300,
                     "<= 1", peak <= 300))
        sheet = Path(scratch) / "roster.xlsx"
        _sheet(sheet, 300_000)
        imported = peak_kib([ctepartner(), "import", "stakeholders", str(sheet), str(many),
                             "--dry-run"]) / 1024
        rows.append(("peak memory, import of a 300,000-row sheet (MiB)", imported,
                     imported / 200, "<= 1", imported <= 200))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="partnerships to generate")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--corpus", type=Path, help="reuse a corpus made by corpus.py")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--big-inputs-only", action="store_true",
                        help="only the large-input figures (no corpus)")
    parser.add_argument("--workbook-only", action="store_true",
                        help="only the workbook figures (no corpus)")
    parser.add_argument("--documents-only", action="store_true",
                        help="only the document figures (no corpus)")
    parser.add_argument("--survey-only", action="store_true",
                        help="only the survey figures (no corpus)")
    parser.add_argument("--parse-limit-only", action="store_true",
                        help="only check at the parse limit and build on workers (no corpus)")
    parser.add_argument("--portfolio-only", action="store_true",
                        help="only the portfolio figures (on the corpus)")
    parser.add_argument("--previous", metavar="PYTHON",
                        help="only the PDF and Word renderers, against those of the previous "
                             "release installed for this Python")
    args = parser.parse_args()
    if args.previous:
        compile_installed()
        _print(renderer_rows(args.runs, args.previous), args.json)
        return
    if args.portfolio_only:
        compile_installed()
        with tempfile.TemporaryDirectory() as scratch:
            corpus = args.corpus or Path(scratch) / "corpus"
            if not args.corpus:
                generate(corpus, args.count)
            _print(portfolio_rows(corpus, args.runs), args.json)
        return
    only = {"big_inputs_only": big_inputs, "workbook_only": workbook_rows,
            "documents_only": document_rows, "survey_only": survey_rows,
            "parse_limit_only": parse_limit_rows}
    chosen = [rows for flag, rows in only.items() if getattr(args, flag)]
    if chosen:
        compile_installed()
        _print([row for rows in chosen for row in rows(args.runs)], args.json)
        return
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus or Path(scratch) / "corpus"
        if not args.corpus:
            generate(corpus, args.count)
        rows = measure(corpus, args.runs)
    _print(rows, args.json)


def _print(rows: list[tuple[str, float, float, str, bool]], json_path: Path | None) -> None:
    width = max(len(row[0]) for row in rows)
    print(f"{'what':<{width}}  {'measured':>10}  {'ratio':>7}  {'target':>7}  met")
    for what, value, ratio, target, met in rows:
        unit = "" if "MiB" in what else " s"  # memory rows: ratio to their MiB budget
        print(f"{what:<{width}}  {value:>8.3f}{unit:<2}  {ratio:>7.2f}  {target:>7}  "
              f"{'yes' if met else 'NO'}")
    if json_path:
        json_path.write_text(json.dumps([dict(zip(("what", "measured", "ratio", "target",
                                                    "met"), row, strict=True)) for row in rows],
                                        indent=2) + "\n")


if __name__ == "__main__":
    main()
