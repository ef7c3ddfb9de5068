"""The explicit rule registry: every rule, its id, element, severity and documentation."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ctepartner.assess.finding import Severity
from ctepartner.errors import UserError
from ctepartner.load.partnership import Partnership, Spot
from ctepartner.model.base import Stage
from ctepartner.spelling import closest


@dataclass(frozen=True)
class Hit:
    """What a rule function yields: where, and what is wrong in the partnership's terms."""

    spot: Spot
    message: str


Check = Callable[[Partnership, dt.date], Iterable[Hit]]

_STAGE_ORDER = [Stage.PLANNING, Stage.LAUNCHING, Stage.OPERATING, Stage.SUSTAINING]


@dataclass(frozen=True)
class Rule:
    """One rule. Its check's docstring is the user documentation `explain` prints."""

    id: str
    element: int
    severity: Severity
    hint: str
    check: Check
    due_from: Stage

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def stages_lowered(self) -> list[str]:
        """The stages at which this rule is not due yet (its findings are info)."""
        return [stage.value for stage in _STAGE_ORDER[: _STAGE_ORDER.index(self.due_from)]]

    def severity_at(self, stage: Stage) -> Severity:
        """The stage lowers to info what a partnership at that stage is not expected to have."""
        if _STAGE_ORDER.index(stage) < _STAGE_ORDER.index(self.due_from):
            return Severity.INFO
        return self.severity


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: str, hint: str, *, due_from: Stage = Stage.PLANNING
) -> Callable[[Check], Check]:
    """Register a rule function. Its element is the one its module is for (`e5_...` is
    element 5); an id of another element's hundred, or a second rule with the same id, is a
    programming error that stops the import."""

    def register(check: Check) -> Check:
        element = module_element(check.__module__)
        if rule_id in RULES:
            raise RuntimeError(f"rule {rule_id} is registered twice")
        if not rule_id.startswith(f"CP{element}") or len(rule_id) != 5:
            raise RuntimeError(f"rule {rule_id} is in {check.__module__}, the module of "
                               f"element {element}: its id must be CP{element}NN")
        RULES[rule_id] = Rule(rule_id, element, Severity(severity), hint, check, due_from)
        return check

    return register


def module_element(module: str) -> int:
    """The element a rule module is for, from its name: `...rules.e5_communication` is 5."""
    name = module.rsplit(".", 1)[-1]
    if not (len(name) > 2 and name[0] == "e" and name[1].isdigit() and name[2] == "_"):
        raise RuntimeError(f"rules live in modules named eN_<element>, not {module}")
    return int(name[1])


def unknown_rules(patterns: Iterable[str]) -> list[str]:
    """The ids or prefixes among `patterns` that name no rule, each with a did-you-mean."""

    known = list(all_rules())
    unknown = []
    for pattern in patterns:
        if not any(rule_id.startswith(pattern.upper()) for rule_id in known):
            guess = closest(pattern.upper(), known)
            unknown.append(f"{pattern!r}" + (f" (did you mean {guess}?)" if guess else ""))
    return unknown


def get(rule_id: str) -> Rule:
    """The rule with this id, or a user error that lists what exists."""
    rules = all_rules()
    found = rules.get(rule_id.upper())
    if found is None:
        raise UserError(f"no rule {rule_id!r}: run `ctepartner rules` to list them")
    return found


def all_rules() -> dict[str, Rule]:
    """Every rule, in id order, with all rule modules imported."""
    import ctepartner.assess.rules  # noqa: F401  (registers the rules)

    return dict(sorted(RULES.items()))
