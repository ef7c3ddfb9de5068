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
