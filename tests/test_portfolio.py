"""The portfolio: many partnerships side by side, shards and their merge, fair scores."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from browser import Chromium
from conftest import AS_OF, EXAMPLES, ROOT, commit_all, run
from ctepartner.portfolio.view import PART_VERSION

WORKFLOW = ROOT / "docs" / "github-actions-portfolio.yml"


def _corpus(folder: Path, count: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import generate

    generate(folder, count, stakeholders=12)
    return folder


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve generated partnerships and the two examples, in one repository."""
    root = tmp_path_factory.mktemp("portfolio")
    clients = _corpus(root / "clients", 12)
    for example in ("rutherford", "delaware"):
        shutil.copytree(EXAMPLES / example, clients / example)
    return root


@pytest.fixture(scope="module")
def parts(repo: Path) -> Path:
    """The repository with the three parts of a 3-shard portfolio beside it."""
    for k in (1, 2, 3):
        proc = run("portfolio", "clients", "--shard", f"{k}/3", "--format", "json",
                   "--as-of", AS_OF, "--output", f"part-{k}.json", cwd=repo)
        assert proc.returncode == 0, proc.stderr
    return repo


def test_three_shards_merge_into_the_one_run_portfolio(parts: Path) -> None:
    repo = parts
    sizes = [len(json.loads((repo / f"part-{k}.json").read_text())["partnerships"])
             for k in (1, 2, 3)]
    assert sum(sizes) == 14 and all(sizes)
    for fmt in ("html", "md", "json"):
        one = run("portfolio", "clients", "--format", fmt, "--as-of", AS_OF, "--output",
                  f"one-{fmt}", cwd=repo)
        merged = run("portfolio", "--merge", "part-3.json", "part-1.json", "part-2.json",
                     "--format", fmt, "--output", f"merged-{fmt}", cwd=repo)
        assert one.returncode == merged.returncode == 0, (one.stderr, merged.stderr)
        assert ((repo / f"one-{fmt}" / f"portfolio.{fmt}").read_bytes()
                == (repo / f"merged-{fmt}" / f"portfolio.{fmt}").read_bytes())


def test_shared_organisations_are_found_by_name_or_id(repo: Path) -> None:
    data = json.loads(run("portfolio", "clients", "--format", "json", "--output", "-",
                          "--as-of", AS_OF, cwd=repo).stdout)
    acme = next(org for org in data["shared_organizations"]
                if "acme" in org["organization"].casefold())
    assert set(acme["also_written"]) | {acme["organization"]} == {
        "Acme Precision, Inc.", "ACME Precision", "Acme precision LLC", "Acme Machining"}
    assert len(acme["partnerships"]) == 8  # partnerships 1-3, 6-9 and 12 of the twelve
    assert acme["hours_per_month"] == 8 * 2
    rows = {row["name"]: row for row in data["rows"]}
    assert rows["Rutherford Works"]["score"] == 100
    assert data["metrics_by_code"][0]["code"] == "5S3"
    survey = {s["partnership"]: s for s in data["survey"]}
    assert survey["Delaware Pathways"]["means"][4] == 3.17  # element 5, fall wave, all


def test_org_names_match_as_people_write_them() -> None:
    from ctepartner.portfolio.summary import org_name_key

    assert org_name_key("Acme Precision, Inc.") == org_name_key("ACME  precision") == \
        org_name_key("Acme Precision LLC") == org_name_key("acme precision co.")
    assert org_name_key("Acme Precision") != org_name_key("Acme Precision Tools")


def _changed(change: object) -> object:
    """A damage that edits the part's JSON as data."""
    def damage(path: Path) -> None:
        data = json.loads(path.read_text())
        change(data)  # type: ignore[operator]
        path.write_text(json.dumps(data))
    return damage


def _first(key: str, value: object) -> object:
    return _changed(lambda data: data["partnerships"][0].__setitem__(key, value))


@pytest.mark.parametrize(("damage", "message"), [
    (_changed(lambda data: data.__setitem__("shard", [2, 1_000_000_000_000])),
     "shard/1: Input should be less than or equal to 1000"),
    (_changed(lambda data: data.__setitem__("shard", "2/3")), "not a whole portfolio part"),
    (_changed(lambda data: data.__setitem__("shard", [4, 3])), "shard 4/3"),
    (_changed(lambda data: data.pop("since")), "since: Field required"),
    (_first("score", float("nan")), "partnerships/0/score"),
    (_first("score", 250), "partnerships/0/score"),
    (_first("elements", [100, 100]), "partnerships/0/elements"),
    (_first("organizations", [{"name": "X", "org_id": None, "hours": float("inf")}]),
     "partnerships/0/organizations/0/hours"),
    (lambda p: p.write_text(p.read_text().replace('"score": ', '"score": ' + "9" * 5000, 1)),
     "a number or a nesting"),
    (lambda p: p.write_text(p.read_text().replace('"partnerships": [',
                                                  '"partnerships": [' + "[" * 100_000, 1)),
     "a number or a nesting"),
    (lambda p: p.write_text(p.read_text()[:200]), "not a whole portfolio part"),
    (lambda p: p.write_text(p.read_text().replace(f'"version": {PART_VERSION}',
                                                  '"version": 1', 1)),
     "part version 1"),
    (lambda p: p.write_text("[]"), "not a portfolio part"),
    (lambda p: p.write_text(re.sub(r'"score": \d+', '"score": "high"', p.read_text(), count=1)),
     "not a whole portfolio part (partnerships/0/score"),
])
def test_a_bad_part_is_refused(parts: Path, tmp_path: Path, damage: object,
                               message: str) -> None:
    repo = parts
    for k in (1, 2):
        shutil.copy(repo / f"part-{k}.json", tmp_path / f"part-{k}.json")
    shutil.copy(repo / "part-3.json", tmp_path / "part-3.json")
    damage(tmp_path / "part-2.json")  # type: ignore[operator]
    proc = run("portfolio", "--merge", "part-1.json", "part-2.json", "part-3.json",
               "--output", "out", cwd=tmp_path)
    assert proc.returncode == 2 and message in proc.stderr and "part-2.json" in proc.stderr
    assert proc.stderr.count("\n") == 1 and not (tmp_path / "out").exists()


def test_missing_and_overlapping_shards_are_refused(parts: Path, tmp_path: Path) -> None:
    repo = parts
    for k in (1, 2, 3):
        shutil.copy(repo / f"part-{k}.json", tmp_path / f"part-{k}.json")
    missing = run("portfolio", "--merge", "part-1.json", "part-3.json", "--output", "out",
                  cwd=tmp_path)
    assert missing.returncode == 2 and "shard 2/3 is missing" in missing.stderr
    part = json.loads((tmp_path / "part-2.json").read_text())
    part["partnerships"].append(json.loads((tmp_path / "part-1.json").read_text())
                                ["partnerships"][0])
    (tmp_path / "part-2.json").write_text(json.dumps(part))
    overlap = run("portfolio", "--merge", "part-1.json", "part-2.json", "part-3.json",
                  "--output", "out", cwd=tmp_path)
    assert overlap.returncode == 2 and "shards must not overlap" in overlap.stderr
    assert not (tmp_path / "out").exists()


def test_the_readme_workflow_runs_as_written(repo: Path, tmp_path: Path) -> None:
    """Each `run:` of the workflow, as GitHub would run it (the matrix expanded, the
    artifacts one folder), in a git repository of partnerships."""
    readme = (ROOT / "README.md").read_text()
    assert WORKFLOW.read_text().strip() in readme
    shutil.copytree(repo / "clients", tmp_path / "clients")
    commit_all(tmp_path, "partnerships")
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    bin_dir = str(Path(sys.executable).parent)
    for name in ("shard", "merge"):
        shards = jobs[name].get("strategy", {}).get("matrix", {}).get("shard", [None])
        for shard in shards:
            for step in jobs[name]["steps"]:
                command = step.get("run")
                if not command or command.startswith("pip install"):
                    continue  # the project is installed already
                command = command.replace("${{ matrix.shard }}", str(shard))
                proc = subprocess.run(["bash", "-c", command], cwd=tmp_path, text=True,
                                      capture_output=True, check=False,
                                      env={"PATH": f"{bin_dir}:/usr/bin:/bin",
                                           "HOME": str(tmp_path)})
                assert proc.returncode == 0, (command, proc.stderr)
    page = (tmp_path / "portfolio" / "portfolio.html").read_text()
    assert "Rutherford Works" in page and "<script>" in page


def test_since_shows_each_score_change(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    shutil.copytree(EXAMPLES / "rutherford", clients / "rutherford")
    commit_all(tmp_path, "one")
    shutil.copytree(EXAMPLES / "delaware", clients / "delaware")
    (clients / "rutherford" / "survey.yaml").unlink()  # CP508 now warns
    data = json.loads(run("portfolio", "clients", "--since", "HEAD", "--format", "json",
                          "--output", "-", "--as-of", AS_OF, cwd=tmp_path).stdout)
    changes = {row["name"]: row["change"] for row in data["rows"]}
    assert changes == {"Delaware Pathways": "new", "Rutherford Works": -2}
    md = run("portfolio", "clients", "--since", "HEAD", "--format", "md", "--output", "-",
             "--as-of", AS_OF, cwd=tmp_path).stdout
    assert re.search(r"\| Rutherford Works \|.*\| 98 \|  \| -2 \|", md)  # no survey now


def test_a_rule_costs_the_same_for_one_finding_or_ten(rutherford: Path) -> None:
    stakeholders = rutherford / "stakeholders.yaml"
    text = stakeholders.read_text()
    assert text.count("    benefits: [") >= 3
    one = run("check", rutherford, "--format", "json", "--as-of", AS_OF, "--fail-on", "never")
    stakeholders.write_text(re.sub(r"    benefits: \[[^\]]*\]\n", "", text))
    many = run("check", rutherford, "--format", "json", "--as-of", AS_OF, "--fail-on",
               "never")
    report = json.loads(many.stdout)["partnerships"][0]
    assert sum(f["rule"] == "CP401" for f in report["findings"]) >= 3
    assert report["elements"][3]["score"] == 85  # one rule warns: 100 - 15
    assert json.loads(one.stdout)["partnerships"][0]["elements"][3]["score"] == 100


SORT_AND_FILTER = """() => {
  const rows = () => Array.from(document.querySelectorAll('#portfolio tbody tr'))
    .filter(r => r.style.display !== 'none').map(r => r.cells[0].textContent);
  const head = Array.from(document.querySelectorAll('#portfolio th'))
    .find(h => h.textContent === 'Score');
  const score = head.querySelector('button');  // a button: reached by Tab, pressed by Enter
  score.focus();
  const focused = document.activeElement === score;
  score.click();
  const lowest = rows()[0];
  const ascending = head.getAttribute('aria-sort');
  score.click();
  const highest = rows()[0];
  const descending = head.getAttribute('aria-sort');
  const stage = document.getElementById('stage');
  stage.value = 'Operating';
  stage.dispatchEvent(new Event('change'));
  const operating = rows().length;
  stage.value = '';
  stage.dispatchEvent(new Event('change'));
  document.getElementById('element').value = '6';
  const below = document.getElementById('below');
  below.value = '50';
  below.dispatchEvent(new Event('input'));
  return {lowest, highest, operating, weak: rows(), focused, ascending, descending,
          shown: document.getElementById('shown').textContent};
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_portfolio_page_sorts_and_filters_in_a_browser(parts: Path, tmp_path: Path,
                                                           browser: Chromium,
                                                           width: int) -> None:
    proc = run("portfolio", "clients", "--as-of", AS_OF, "--output", tmp_path, cwd=parts)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(run("portfolio", "clients", "--format", "json", "--output", "-",
                          "--as-of", AS_OF, cwd=parts).stdout)
    result = browser.open(tmp_path / "portfolio.html", width, SORT_AND_FILTER)
    assert result["errors"] == [] and result["inner"] == width
    assert isinstance(result["scroll"], int) and result["scroll"] <= width
    by_score = sorted(data["rows"], key=lambda row: row["score"])
    acted = result["acted"]
    assert isinstance(acted, dict)
    assert acted["lowest"] == by_score[0]["name"] and acted["highest"] == "Rutherford Works"
    assert (acted["focused"], acted["ascending"], acted["descending"]) == (
        True, "ascending", "descending")
    assert acted["operating"] == sum(row["stage"] == "operating" for row in data["rows"])
    weak = [row["name"] for row in data["rows"] if row["elements"][6] < 50]
    assert sorted(acted["weak"]) == sorted(weak) and weak
    assert acted["shown"] == f"{len(weak)} of {len(data['rows'])} shown"


def test_perkins_coverage_shows_the_groups_not_yet_consulted(tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    shutil.copytree(EXAMPLES / "rutherford", clients / "rutherford")
    main = clients / "rutherford" / "partnership.yaml"
    main.write_text(main.read_text().replace("stage: operating",
                                             "stage: operating\nperkins_consultation: true"))
    stakeholders = clients / "rutherford" / "stakeholders.yaml"
    stakeholders.write_text(stakeholders.read_text().replace(
        "    role: employer-host\n", "    role: employer-host\n    perkins_groups: [business]\n",
        1))
    data = json.loads(run("portfolio", "clients", "--format", "json", "--output", "-",
                          "--as-of", AS_OF, cwd=tmp_path).stdout)
    (row,) = data["perkins"]
    assert row["covered"] == ["business"] and "parents_students" in row["missing"]
    md = run("portfolio", "clients", "--format", "md", "--output", "-", "--as-of", AS_OF,
             cwd=tmp_path).stdout
    assert "| Rutherford Works | business and industry | secondary CTE, postsecondary CTE" in md


def test_a_perkins_indicator_shows_its_rate_and_date_and_the_score_its_meaning(
        tmp_path: Path) -> None:
    """5S3 is a rate among CTE concentrators: the portfolio names the indicator and shows
    the rate with its unit and the day it was measured, an old one marked, a count called
    what it is; the score comes with what it measures and the partners' own mean beside
    it."""
    clients = tmp_path / "clients"
    for name in ("delaware", "rutherford"):
        shutil.copytree(EXAMPLES / name, clients / name)

    def md() -> str:
        proc = run("portfolio", "clients", "--format", "md", "--output", "-", "--as-of",
                   AS_OF, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    text = md()
    assert "### 5S3: participation in work-based learning" in text
    assert ("| Delaware Pathways | Work-based learning placements brokered | 820 (June 30, "
            "2025, more than a year ago); target 1,500; not a rate") in text
    assert "not how its partners experience it" in text
    assert re.search(r"\| Rutherford Works \|.*\| 100 \| 4\.1 \|", text)
    metrics = clients / "delaware" / "metrics.yaml"
    metrics.write_text(metrics.read_text().replace("workforce-intermediary\n    unit: count",
                                                   "workforce-intermediary\n    unit: percent")
                       .replace("{value: 1500, date: 2027", "{value: 25, date: 2027")
                       .replace("{date: 2025-06-30, value: 820}",
                                "{date: 2026-06-30, value: 17}"))
    assert "brokered | 17% (June 30, 2026); target 25% |\n" in md()
    data = json.loads(run("portfolio", "clients", "--format", "json", "--output", "-",
                          "--as-of", AS_OF, cwd=tmp_path).stdout)
    (coded,) = data["metrics_by_code"][0]["metrics"]
    assert coded["measured"] == "2026-06-30" and coded["unit"] == "percent"
    survey = {row["name"]: row["survey"] for row in data["rows"]}
    assert survey["Rutherford Works"] == pytest.approx(4.1, abs=0.05)
