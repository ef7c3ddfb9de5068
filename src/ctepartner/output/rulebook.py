"""The rules as documentation: `ctepartner rules`, `ctepartner explain` and docs/rules.md."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from ctepartner.assess.finding import ELEMENTS
from ctepartner.assess.registry import Rule, all_rules, get


def _element_name(rule: Rule) -> str:
    return ELEMENTS.get(rule.element, "Structure")


def rules_table(stream: TextIO) -> None:
    """Every rule in a table: id, element, severity, what it finds."""
    table = Table(box=None, padding=(0, 2), show_edge=False)
    for column in ("Rule", "Element", "Severity", "Finds"):
        table.add_column(column, overflow="fold")
    for rule in all_rules().values():
        table.add_row(rule.id, f"{rule.element} {_element_name(rule)}", rule.severity.value,
                      rule.summary)
    Console(file=stream, highlight=False).print(table)


def explain_rule(rule_id: str) -> str:
    """One rule's whole text, as `explain` prints it."""
    rule = get(rule_id)
    title = f"{rule.id} · {rule.severity.value} · element {rule.element}: {_element_name(rule)}"
    lowered = ""
    if rule.due_from.value != "planning":
        lowered = f"\nLowered to info before the `{rule.due_from.value}` stage.\n"
    return f"{title}\n\n{rule.doc}\n\nHint: {rule.hint}\n{lowered}"


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry (a test keeps the file up to date)."""
    lines = [
        "# Rules",
        "",
        "Generated from the rule registry by `python -m ctepartner.output.rulebook`; "
        "do not edit by hand.",
        "",
        "| id | element | severity | finds |",
        "| --- | --- | --- | --- |",
    ]
    rules = list(all_rules().values())
    lines += [
        f"| [{r.id}](#{r.id.lower()}) | {r.element} | {r.severity.value} | {r.summary} |"
        for r in rules
    ]
    for rule in rules:
        lines += ["", f"## {rule.id}", "", explain_rule(rule.id).strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_markdown())
