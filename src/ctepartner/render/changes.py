"""What changed in a partnership between two loads (`report --since`)."""

from __future__ import annotations

from ctepartner.assess.engine import Assessment
from ctepartner.language import gettext, long_date
from ctepartner.load.partnership import Partnership
from ctepartner.model.files import ActivityStatus
from ctepartner.render.views import PUBLIC, Change, shown_value
from ctepartner.words import words


def changes(before: Partnership, after: Partnership, scores: tuple[Assessment, Assessment],
            audience: str) -> list[Change]:
    """What changed: stakeholders added or moved, new metric values, activities completed,
    updates sent, element scores. The community reads no stakeholder's moves, no update
    sent to one stakeholder, and no count of students under 10, as in the rest of its
    report."""
    found: list[Change] = []
    public = audience == PUBLIC
    old = {s.id: s for s in (before.roster.stakeholders if before.roster else [])}
    for s in after.roster.stakeholders if after.roster and not public else []:
        if s.id not in old:
            found.append(Change(gettext("stakeholder"), gettext(
                "{organization} joined as {status}").format(organization=s.organization,
                                                            status=words(s.status))))
        elif old[s.id].status != s.status:
            found.append(Change(gettext("stakeholder"), gettext(
                "{organization} moved from {before} to {after}").format(
                organization=s.organization, before=words(old[s.id].status),
                after=words(s.status))))
    seen = {(m.id, o.date) for m in (before.metrics.metrics if before.metrics else [])
            for o in m.observations}
    for m in after.metrics.metrics if after.metrics else []:
        for o in m.observations:
            if (m.id, o.date) not in seen:
                found.append(Change(gettext("metric"), gettext(
                    "{metric}: {value} on {day}").format(metric=m.name or m.id, value=shown_value(
                        m, o.value, audience), day=long_date(o.date))))
    done_before = {a.id for a in (before.action_plan.activities if before.action_plan else [])
                   if a.status == ActivityStatus.DONE}
    for a in after.action_plan.activities if after.action_plan else []:
        if a.status == ActivityStatus.DONE and a.id not in done_before:
            found.append(Change(gettext("activity"), gettext("{activity} was completed").format(
                activity=a.title or a.id)))
    sent = {(e.date, e.plan, e.summary) for e in
            (before.communications.log if before.communications else [])}
    private = {plan.id for plan in (after.communications.plan if after.communications else [])
               if (plan.audience or "").startswith("stakeholder:")}
    for e in after.communications.log if after.communications else []:
        if public and (e.plan in private or e.plan is None):
            continue
        if (e.date, e.plan, e.summary) not in sent:
            found.append(Change(gettext("update"), f"{long_date(e.date)}: {e.summary or e.plan}"))
    then, now = scores
    for old_element, new_element in zip(then.elements, now.elements, strict=True):
        if old_element.score != new_element.score:
            found.append(Change(gettext("score"), f"{new_element.number} "
                                f"{gettext(new_element.name)}: {old_element.score} → "
                                f"{new_element.score}"))
    return found
