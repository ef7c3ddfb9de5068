"""The rules as documentation: `ctepartner rules`, `ctepartner explain` and docs/rules.md."""

from __future__ import annotations

from typing import TextIO

from ctepartner.assess.finding import ELEMENTS
from ctepartner.assess.registry import Rule, all_rules, get


def _element_name(rule: Rule) -> str:
    return ELEMENTS.get(rule.element, "Structure")


def rules_table(stream: TextIO) -> None:
    """Every rule, one line each under its element: id, default severity, what it finds."""
    element = -1
    for rule in all_rules().values():
        if rule.element != element:
            element = rule.element
            stream.write(f"{'' if element == 0 else chr(10)}{element} · {_element_name(rule)}\n")
        stream.write(f"  {rule.id}  {rule.severity.value:<7}  {rule.summary}\n")
    stream.write("\nRun `ctepartner explain RULE` for the whole text of one rule.\n")


def explain_rule(rule_id: str) -> str:
    """One rule's whole text, as `explain` prints it."""
    rule = get(rule_id)
    title = f"{rule.id} · {rule.severity.value} · element {rule.element}: {_element_name(rule)}"
    early = rule.stages_lowered()
    lowered = f"\nLowered to info while the stage is {' or '.join(early)}.\n" if early else ""
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
