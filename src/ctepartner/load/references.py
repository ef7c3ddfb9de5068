"""References between a partnership's files, checked where they are loaded: every id a
file names must exist (CP005), and no two items of one kind share an id (CP006).

The rules report these, and every edit refuses a change that adds one, from the same code.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from ctepartner.load.partnership import ID_LISTS, Partnership, Spot
from ctepartner.model.base import Node
from ctepartner.model.files import FileName
from ctepartner.spelling import closest

Located = tuple[Spot, str]  # where, and what is wrong, in the partnership's own terms


def _references(p: Partnership) -> Iterator[tuple[Node, str, str, str]]:
    """Every reference by id: the node, its field, the id it names and the kind it names."""
    for stakeholder in p.stakeholders:
        if stakeholder.profile:
            yield stakeholder, "profile", stakeholder.profile, "profile"
        if stakeholder.role:
            yield stakeholder, "role", stakeholder.role, "role"
    if p.metrics:
        for metric in p.metrics.metrics:
            if metric.goal:
                yield metric, "goal", metric.goal, "goal"
    if p.action_plan:
        for activity in p.action_plan.activities:
            if activity.goal:
                yield activity, "goal", activity.goal, "goal"
            if activity.communicate:
                yield activity, "communicate", activity.communicate, "plan"
            if activity.owner and activity.owner.startswith("stakeholder:"):
                yield activity, "owner", activity.owner.partition(":")[2], "stakeholder"
    if p.communications:
        for entry in p.communications.log:
            if entry.plan:
                yield entry, "plan", entry.plan, "plan"
        for plan in p.communications.plan:
            if plan.audience and plan.audience.startswith("stakeholder:"):
                yield plan, "audience", plan.audience.partition(":")[2], "stakeholder"


def dangling(p: Partnership, questions: Collection[str]) -> Iterator[Located]:
    """Every reference to an id that does not exist; `questions` are the ids a survey
    answer may name (the packaged bank's and survey.yaml's own). A reference into a file
    that is absent or not valid YAML is not checked."""
    for node, field, target, kind in _references(p):
        known = p.ids(kind)
        if known is None or target in known:
            continue
        where = ID_LISTS[kind][0]
        yield (p.spot(node, field), f"`{field}: {target}` names a {kind} that {where} "
               f"does not define{_did_you_mean(target, known)}")
    yield from _survey_references(p, questions)


def _did_you_mean(wanted: str, known: Collection[str]) -> str:
    """`; did you mean `x`?` when one known id is close to `wanted`, else nothing."""
    guess = closest(wanted, known)
    return f"; did you mean `{guess}`?" if guess else ""


def _survey_references(p: Partnership, questions: Collection[str]) -> Iterator[Located]:
    """Responses name a stakeholder and the questions they answer."""
    stakeholders = p.ids("stakeholder")
    for wave in p.survey.waves if p.survey else []:
        for index, response in enumerate(wave.responses):
            if stakeholders is not None and response.stakeholder not in stakeholders:
                yield (p.spot(wave, "responses", index, "stakeholder"),
                       f"`stakeholder: {response.stakeholder}` names a stakeholder that "
                       f"{FileName.STAKEHOLDERS} does not define"
                       f"{_did_you_mean(response.stakeholder, stakeholders)}")
            for question in response.answers:
                if question not in questions:
                    yield (p.spot(wave, "responses", index, "answers", question),
                           f"`{question}` is a question neither the packaged bank nor "
                           f"{FileName.SURVEY} defines{_did_you_mean(question, questions)}")
        for index, invitee in enumerate(wave.invited or []):
            if stakeholders is not None and invitee not in stakeholders:
                yield (p.spot(wave, "invited", index), f"`invited` names `{invitee}`, a "
                       f"stakeholder that {FileName.STAKEHOLDERS} does not define")


def duplicates(p: Partnership) -> Iterator[Located]:
    """Every second item of one kind with an id already taken, and every stakeholder who
    answered one survey wave twice."""
    for kind, (file, _) in ID_LISTS.items():
        seen: set[str] = set()
        for item_id, loc in p.raw_ids(kind) or []:
            if item_id in seen:
                yield p.spot_in(file, *loc), f"two {kind}s have the id `{item_id}`"
            seen.add(item_id)
    for wave in p.survey.waves if p.survey else []:
        answered: set[str] = set()
        for index, response in enumerate(wave.responses):
            if response.stakeholder in answered:
                yield (p.spot(wave, "responses", index, "stakeholder"),
                       f"`{response.stakeholder}` answered wave `{wave.id}` twice")
            answered.add(response.stakeholder)
