"""The house keeps its tables whole: every rule module registered, every partnership file
known to the pre-commit hook, every `--format` backed by a reporter."""

import re
from pathlib import Path

import yaml

from conftest import ROOT
from ctepartner.assess import rules
from ctepartner.assess.registry import all_rules, module_element
from ctepartner.model.files import FILE_MODELS, FileName


def test_every_rule_module_is_registered() -> None:
    on_disk = sorted(path.stem for path in Path(rules.__file__).parent.glob("e[0-9]_*.py"))
    assert list(rules.MODULES) == on_disk
    registered = {rule.check.__module__.rsplit(".", 1)[-1] for rule in all_rules().values()}
    assert registered == set(on_disk)
    assert sorted(module_element(name) for name in on_disk) == list(range(8))


def test_the_pre_commit_hook_watches_every_partnership_file() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    pattern = re.compile(hook["files"])
    for name in FileName:
        assert pattern.search(f"clients/acme/{name.value}"), name.value
        assert pattern.search(name.value), name.value
    assert not pattern.search("clients/acme/notes.yaml")
    assert not pattern.search("clients/acme/old-stakeholders.yaml")
    assert set(FILE_MODELS) == set(FileName)


def test_documented_installs_come_from_the_projects_repository() -> None:
    """No workflow installs the tool from a package index where it is not published: each
    installs it from the repository named in pyproject.toml, pinned to this release."""
    from ctepartner import __version__
    from ctepartner.reporters.sarif import source_url

    pin = f'"ctepartner @ git+{source_url()}@v{__version__}"'
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.yml"))]
    installs = [line.strip() for path in documents for line in path.read_text().splitlines()
                if re.search(r"pip install\s+\S*ctepartner", line)]  # by name, not `.`
    assert installs and all(line.endswith(f"pip install {pin}") for line in installs), installs
    assert f"repo: {source_url()}\n    rev: v{__version__}" in (ROOT / "README.md").read_text()


def test_sarif_links_each_rule_to_its_section_of_the_docs() -> None:
    from ctepartner import __version__
    from ctepartner.reporters.sarif import document, source_url

    rules = document([])["runs"][0]["tool"]["driver"]["rules"]
    reference = (ROOT / "docs" / "rules.md").read_text()
    for rule in rules:
        section = f"{source_url()}/blob/v{__version__}/docs/rules.md#{rule['id'].lower()}"
        assert rule["helpUri"] == section and f"\n## {rule['id']}\n" in reference


def _floors() -> dict[str, int]:
    """The rooms and their floors, from the table in docs/architecture.md."""
    rows = re.findall(r"^\| (\d+) \| `([\w_]+)` \|", (ROOT / "docs" / "architecture.md")
                      .read_text(), re.M)
    return {room: int(floor) for floor, room in rows}


def _imports(path: Path) -> set[str]:
    """The project's modules a source file imports, at the top or inside a function."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("ctepartner.")}


def test_no_import_runs_back_up_the_house() -> None:
    """Each room imports only from its own room and the floors below it."""
    floors = _floors()
    package = ROOT / "src" / "ctepartner"
    rooms = {path.stem if path.is_file() else path.name for path in package.iterdir()
             if path.suffix == ".py" or (path / "__init__.py").exists()}
    assert set(floors) == rooms  # every room is on the page, and nothing else
    upward = []
    for path in package.rglob("*.py"):
        room = path.relative_to(package).parts[0].removesuffix(".py")
        for name in _imports(path):
            target = name.split(".")[1]
            if target in floors and target != room and floors[target] >= floors[room]:
                upward.append(f"{path.relative_to(ROOT)} imports {name}")
    assert upward == []


def test_every_guarantee_names_a_test_that_exists() -> None:
    """README's "Limits and guarantees" names the test that holds each line."""
    guarantees = (ROOT / "README.md").read_text().split("## Limits and guarantees")[1]
    named = set(re.findall(r"\*(test_\w+)\*", guarantees))
    defined = {name for path in (ROOT / "tests").glob("test_*.py")
               for name in re.findall(r"^def (test_\w+)", path.read_text(), re.M)}
    assert len(named) > 20 and named <= defined, sorted(named - defined)
