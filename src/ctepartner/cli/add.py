"""`add KIND`: append one entry to the right file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ctepartner.cli.app import (
    DateOption,
    PartnershipPath,
    app,
    echo,
)

add_app = typer.Typer(help="Append one entry to the right file, keeping its comments.",
                      no_args_is_help=True)
app.add_typer(add_app, name="add")


def _add(kind: str, path: Path, options: dict[str, object]) -> None:
    from ctepartner.author.add import add_entry

    written = add_entry(path, kind, options)
    label = {"staff": "staff member"}.get(kind, kind)
    echo(f"Added {'an' if label[0] in 'aeiou' else 'a'} {label} to {written}.")


@add_app.command("stakeholder")
def add_stakeholder(
    id: Annotated[str, typer.Option("--id", help="A slug: acme-precision.")],
    organization: Annotated[str, typer.Option(help="The organisation's name.")],
    sector: Annotated[str, typer.Option(help="k12, postsecondary, business, workforce, "
                                        "government or community.")],
    path: PartnershipPath = Path("."),
    status: Annotated[str, typer.Option(help="Where they stand in the pipeline.")] = "identified",
    profile: Annotated[str | None, typer.Option(help="The profile they fill.")] = None,
    role: Annotated[str | None, typer.Option(help="The role they hold.")] = None,
    contact_name: Annotated[str | None, typer.Option(help="Who to talk to.")] = None,
    contact_title: Annotated[str | None, typer.Option(help="Their title.")] = None,
    contact_email: Annotated[str | None, typer.Option(help="Their email.")] = None,
) -> None:
    """Add a stakeholder to stakeholders.yaml."""
    _add("stakeholder", path, dict(
        id=id, organization=organization, sector=sector, status=status, profile=profile,
        role=role, contact_name=contact_name, contact_title=contact_title,
        contact_email=contact_email))


@add_app.command("observation")
def add_observation(
    metric: Annotated[str, typer.Option(help="The metric's id.")],
    value: Annotated[float, typer.Option(help="The value observed.")],
    date: DateOption,
    path: PartnershipPath = Path("."),
    note: Annotated[str | None, typer.Option(help="Where it comes from, or context.")] = None,
) -> None:
    """Record a metric's value in metrics.yaml."""
    _add("observation", path, dict(metric=metric, value=value, date=date, note=note))


@add_app.command("update")
def add_update(
    plan: Annotated[str, typer.Option(help="The communications plan entry's id.")],
    date: DateOption,
    summary: Annotated[str, typer.Option(help="What the update said.")],
    path: PartnershipPath = Path("."),
    includes: Annotated[str | None, typer.Option(help="quantitative,qualitative")] = None,
) -> None:
    """Log an update that was sent, in communications.yaml."""
    _add("update", path, dict(plan=plan, date=date, summary=summary, includes=includes))


@add_app.command("check-in")
def add_check_in(
    stakeholder: Annotated[str, typer.Option(help="The stakeholder's id.")],
    rating: Annotated[int, typer.Option(help="1 (unhappy) to 5.")],
    date: DateOption,
    path: PartnershipPath = Path("."),
    note: Annotated[str | None, typer.Option(help="What they said.")] = None,
) -> None:
    """Record a temperature check with a stakeholder."""
    _add("check-in", path, dict(stakeholder=stakeholder, rating=rating, date=date, note=note))


@add_app.command("meeting")
def add_meeting(
    date: DateOption,
    body: Annotated[str, typer.Option(help="Which council or committee met.")],
    path: PartnershipPath = Path("."),
    attendee: Annotated[list[str] | None, typer.Option(help="A stakeholder id or a name "
                                                       "(repeatable).")] = None,
    decision: Annotated[list[str] | None, typer.Option(help="A decision (repeatable).")] = None,
) -> None:
    """Record a meeting in communications.yaml."""
    _add("meeting", path, dict(date=date, body=body, attendee=attendee, decision=decision))


@add_app.command("activity")
def add_activity(
    id: Annotated[str, typer.Option("--id", help="A slug: employer-roundtable.")],
    title: Annotated[str, typer.Option(help="What will be done.")],
    goal: Annotated[str, typer.Option(help="The goal's id.")],
    owner: Annotated[str, typer.Option(help="A person, or stakeholder:<id>.")],
    due: DateOption,
    path: PartnershipPath = Path("."),
    start: Annotated[str | None, typer.Option(help="YYYY-MM-DD.", metavar="DATE")] = None,
    status: Annotated[str, typer.Option(help="planned, in_progress, done, blocked or "
                                        "dropped.")] = "planned",
) -> None:
    """Add an activity to the strategic action plan."""
    _add("activity", path, dict(id=id, title=title, goal=goal, owner=owner, due=due,
                                start=start, status=status))


@add_app.command("survey-question")
def add_survey_question(
    id: Annotated[str, typer.Option("--id", help="A slug: worth-the-drive.")],
    element: Annotated[int, typer.Option(help="The element it asks about, 1-7.", min=1,
                                         max=7)],
    category: Annotated[str, typer.Option(help="goal_effectiveness, resource_use, "
                                          "engagement_quality, student_impact or "
                                          "partnership_dynamics.")],
    text: Annotated[str, typer.Option(help="The statement partners rate from 1 (strongly "
                                      "disagree) to 5 (strongly agree).")],
    path: PartnershipPath = Path("."),
) -> None:
    """Add a question of your own to the partner survey, in survey.yaml."""
    _add("survey-question", path, dict(id=id, element=element, category=category, text=text))


@add_app.command("goal")
def add_goal(
    id: Annotated[str, typer.Option("--id", help="A slug: close-skills-gaps.")],
    title: Annotated[str, typer.Option(help="The goal, in a few words.")],
    path: PartnershipPath = Path("."),
    outcome: Annotated[list[str] | None, typer.Option(help="An identified outcome "
                                                      "(repeatable).")] = None,
    due: Annotated[str | None, typer.Option(help="YYYY-MM-DD.", metavar="DATE")] = None,
) -> None:
    """Add a goal to partnership.yaml."""
    _add("goal", path, dict(id=id, title=title, outcome=outcome, due=due))


@add_app.command("protocol")
def add_protocol(
    id: Annotated[str, typer.Option("--id", help="A slug: recruitment-protocol.")],
    name: Annotated[str, typer.Option(help="The protocol's name.")],
    path: PartnershipPath = Path("."),
    description: Annotated[str | None, typer.Option(help="How the work is done.")] = None,
) -> None:
    """Add a protocol (how recruitment, meetings or decisions work) to partnership.yaml."""
    _add("protocol", path, dict(id=id, name=name, description=description))


@add_app.command("profile")
def add_profile(
    id: Annotated[str, typer.Option("--id", help="A slug: employer-host.")],
    title: Annotated[str, typer.Option(help="The seat, in a few words.")],
    sector: Annotated[str, typer.Option(help="k12, postsecondary, business, workforce, "
                                        "government or community.")],
    path: PartnershipPath = Path("."),
    need: Annotated[str | None, typer.Option(help="The need this seat fills.")] = None,
    expertise: Annotated[list[str] | None, typer.Option(help="Expertise wanted "
                                                        "(repeatable).")] = None,
    seats: Annotated[int | None, typer.Option(help="How many such stakeholders.")] = None,
    hours_per_month: Annotated[float | None, typer.Option(help="Time asked.")] = None,
    months: Annotated[int | None, typer.Option(help="For how long.")] = None,
    ask: Annotated[list[str] | None, typer.Option(help="What we ask (repeatable).")] = None,
) -> None:
    """Add a participant profile to recruitment.yaml."""
    _add("profile", path, dict(id=id, title=title, sector=sector, need=need,
                               expertise=expertise, seats=seats, hours_per_month=hours_per_month,
                               months=months, ask=ask))


@add_app.command("step")
def add_step(
    id: Annotated[str, typer.Option("--id", help="A slug: map-employers.")],
    title: Annotated[str, typer.Option(help="The recruitment step.")],
    path: PartnershipPath = Path("."),
    owner: Annotated[str | None, typer.Option(help="Who does it.")] = None,
    due: Annotated[str | None, typer.Option(help="YYYY-MM-DD.", metavar="DATE")] = None,
) -> None:
    """Add a step to the recruitment plan."""
    _add("step", path, dict(id=id, title=title, owner=owner, due=due))


@add_app.command("role")
def add_role(
    id: Annotated[str, typer.Option("--id", help="A slug: employer-partner.")],
    title: Annotated[str, typer.Option(help="The role's name.")],
    path: PartnershipPath = Path("."),
    responsibility: Annotated[list[str] | None, typer.Option(help="A responsibility "
                                                             "(repeatable).")] = None,
    hours_per_month: Annotated[float | None, typer.Option(help="The time commitment.")] = None,
    term_months: Annotated[int | None, typer.Option(help="The term.")] = None,
    convener_commitment: Annotated[list[str] | None, typer.Option(
        help="What the convener owes in return (repeatable).")] = None,
) -> None:
    """Add a role to roles.yaml."""
    _add("role", path, dict(id=id, title=title, responsibility=responsibility,
                            hours_per_month=hours_per_month, term_months=term_months,
                            convener_commitment=convener_commitment))


@add_app.command("plan")
def add_plan(
    id: Annotated[str, typer.Option("--id", help="A slug: monthly-update.")],
    audience: Annotated[str, typer.Option(help="active_stakeholders, all_stakeholders, "
                                          "community, sector:<sector> or stakeholder:<id>.")],
    path: PartnershipPath = Path("."),
    channel: Annotated[str | None, typer.Option(help="Email, website, meeting...")] = None,
    cadence: Annotated[str | None, typer.Option(help="weekly, biweekly, monthly, quarterly, "
                                                "semiannual or annual.")] = None,
    owner: Annotated[str | None, typer.Option(help="Who sends it.")] = None,
    includes: Annotated[str | None, typer.Option(help="quantitative,qualitative")] = None,
) -> None:
    """Add an entry to the communications plan."""
    _add("plan", path, dict(id=id, audience=audience, channel=channel, cadence=cadence,
                            owner=owner, includes=includes))


@add_app.command("metric")
def add_metric(
    id: Annotated[str, typer.Option("--id", help="A slug: internships-completed.")],
    name: Annotated[str, typer.Option(help="What is measured.")],
    path: PartnershipPath = Path("."),
    strand: Annotated[str | None, typer.Option(help="outcomes or process.")] = None,
    category: Annotated[str | None, typer.Option(
        help="goal_effectiveness, resource_use, engagement_quality, student_impact or "
        "partnership_dynamics.")] = None,
    goal: Annotated[str | None, typer.Option(help="The goal it measures.")] = None,
    unit: Annotated[str | None, typer.Option(help="count, percent, dollars, rating, hours "
                                             "or other.")] = None,
    direction: Annotated[str | None, typer.Option(help="increase or decrease.")] = None,
    baseline_value: Annotated[float | None, typer.Option(help="Where it started.")] = None,
    baseline_date: Annotated[str | None, typer.Option(metavar="DATE")] = None,
    target_value: Annotated[float | None, typer.Option(help="Where it should get to.")] = None,
    target_date: Annotated[str | None, typer.Option(metavar="DATE")] = None,
    source: Annotated[str | None, typer.Option(help="Where the numbers come from.")] = None,
) -> None:
    """Add a success metric to metrics.yaml."""
    _add("metric", path, dict(id=id, name=name, strand=strand, category=category, goal=goal,
                              unit=unit, direction=direction, baseline_value=baseline_value,
                              baseline_date=baseline_date, target_value=target_value,
                              target_date=target_date, source=source))




@add_app.command("ask")
def add_ask(
    stakeholder: Annotated[str, typer.Option(help="The stakeholder's id.")],
    hours_per_month: Annotated[float, typer.Option(help="Hours a month it takes.")],
    path: PartnershipPath = Path("."),
    what: Annotated[str | None, typer.Option(help="What is asked of them.")] = None,
    since: Annotated[str | None, typer.Option(help="Since when (YYYY-MM-DD).",
                                              metavar="DATE")] = None,
) -> None:
    """Record what is asked of a stakeholder, and the hours it takes."""
    _add("ask", path, dict(stakeholder=stakeholder, what=what, hours_per_month=hours_per_month,
                           since=since))


@add_app.command("quote")
def add_quote(
    stakeholder: Annotated[str, typer.Option(help="The stakeholder's id.")],
    text: Annotated[str, typer.Option("--text", help="What they said.")],
    path: PartnershipPath = Path("."),
    by: Annotated[str | None, typer.Option(help="Who said it (name or role).")] = None,
    date: Annotated[str | None, typer.Option(help="When (YYYY-MM-DD).", metavar="DATE")] = None,
    public: Annotated[bool, typer.Option("--public", help="It may appear in community "
                                         "documents.")] = False,
) -> None:
    """Record what a stakeholder said, as evidence for packets and reports."""
    _add("quote", path, dict(stakeholder=stakeholder, text=text, by=by, date=date,
                             public=public))


@add_app.command("intermediary")
def add_intermediary(
    organization: Annotated[str, typer.Option(help="The intermediary organisation.")],
    path: PartnershipPath = Path("."),
    role: Annotated[str | None, typer.Option(help="What it does for the partnership.")] = None,
    sector: Annotated[str | None, typer.Option(help="Its sector.")] = None,
) -> None:
    """Add an intermediary (who engages employers, for example) to partnership.yaml."""
    _add("intermediary", path, dict(organization=organization, role=role, sector=sector))


@add_app.command("staff")
def add_staff(
    name: Annotated[str, typer.Option(help="The person's name (or role).")],
    path: PartnershipPath = Path("."),
    title: Annotated[str | None, typer.Option(help="Their title.")] = None,
    email: Annotated[str | None, typer.Option(help="Their email.")] = None,
    phone: Annotated[str | None, typer.Option(help="Their phone.")] = None,
) -> None:
    """Add a member of the convener's staff to partnership.yaml."""
    _add("staff", path, dict(name=name, title=title, email=email, phone=phone))


@add_app.command("action")
def add_action(
    meeting: Annotated[str, typer.Option(help="The meeting's date (YYYY-MM-DD).",
                                         metavar="DATE")],
    title: Annotated[str, typer.Option(help="What is to be done.")],
    path: PartnershipPath = Path("."),
    owner: Annotated[str | None, typer.Option(help="Who does it.")] = None,
    due: Annotated[str | None, typer.Option(help="By when (YYYY-MM-DD).",
                                            metavar="DATE")] = None,
) -> None:
    """Record an action agreed at a meeting, in communications.yaml."""
    _add("action", path, dict(meeting=meeting, title=title, owner=owner, due=due))


def _add_text(kind: str, path: Path, text: str, **owners: str) -> None:
    from ctepartner.author.setter import add_text

    written = add_text(path, kind, text, owners)
    echo(f"Added {'an' if kind[0] in 'aeiou' else 'a'} {kind} to {written}.")


TextOption = Annotated[str, typer.Option("--text", help="The text to add.")]
StakeholderOption = Annotated[str, typer.Option(help="The stakeholder's id.")]
RoleOption = Annotated[str, typer.Option(help="The role's id.")]


@add_app.command("benefit")
def add_benefit(stakeholder: StakeholderOption, text: TextOption,
                path: PartnershipPath = Path(".")) -> None:
    """Record what a stakeholder gets out of the partnership (mutual benefit)."""
    _add_text("benefit", path, text, stakeholder=stakeholder)


@add_app.command("contribution")
def add_contribution(stakeholder: StakeholderOption, text: TextOption,
                     path: PartnershipPath = Path(".")) -> None:
    """Record what a stakeholder brings to the partnership."""
    _add_text("contribution", path, text, stakeholder=stakeholder)


@add_app.command("question")
def add_question(text: TextOption, path: PartnershipPath = Path(".")) -> None:
    """Add a question to the interview guide for candidates, in recruitment.yaml."""
    _add_text("question", path, text)


@add_app.command("outcome")
def add_outcome(goal: Annotated[str, typer.Option(help="The goal's id.")], text: TextOption,
                path: PartnershipPath = Path(".")) -> None:
    """Add an identified outcome to a goal, in partnership.yaml."""
    _add_text("outcome", path, text, goal=goal)


@add_app.command("responsibility")
def add_responsibility(role: RoleOption, text: TextOption,
                       path: PartnershipPath = Path(".")) -> None:
    """Add a responsibility to a role, in roles.yaml."""
    _add_text("responsibility", path, text, role=role)


@add_app.command("commitment")
def add_commitment(role: RoleOption, text: TextOption,
                   path: PartnershipPath = Path(".")) -> None:
    """Add what the convener commits to for a role, in roles.yaml."""
    _add_text("commitment", path, text, role=role)
