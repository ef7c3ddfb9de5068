"""The command line: options in, one call, an exit code out. No logic lives here."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from ctepartner import __version__
from ctepartner.errors import EXIT_USAGE, UserError

if TYPE_CHECKING:
    from ctepartner.load.partnership import Partnership
    from ctepartner.render.documents import Document, Job

app = typer.Typer(
    name="ctepartner",
    help="Keep a CTE cross-sector partnership's playbook in plain files, and check it against "
    "the seven elements of a strong partnership.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"


class FailOnLevel(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ctepartner {__version__}")
        raise typer.Exit()


@dataclass(frozen=True)
class GlobalOptions:
    quiet: bool = False


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (also: NO_COLOR=1).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("-q", "--quiet", help="Print less: findings only.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Show the full error on failure.")
    ] = False,
) -> None:
    """ctepartner: the seven elements of a strong CTE partnership, in plain files."""
    if no_color:
        os.environ["NO_COLOR"] = "1"
    ctx.obj = GlobalOptions(quiet=quiet)


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _ids(values: list[str] | None) -> tuple[str, ...]:
    return tuple(part.strip().upper() for value in values or [] for part in value.split(",")
                 if part.strip())


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Partnership folders, files in them, or folders above them. "
                       "Default: the current folder.", show_default=False),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="How to print the findings.")
    ] = CheckFormat.TEXT,
    fail_on: Annotated[
        FailOnLevel | None,
        typer.Option("--fail-on", help="Exit 1 on a finding at or above this severity "
                     "[default: error, or the configuration's fail-on].", show_default=False),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge dates as of this day (YYYY-MM-DD) "
                                 "[default: today].", metavar="DATE", show_default=False)
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="Only these rules (ids or prefixes, "
                                       "comma-separated: CP6,CP701).", metavar="RULES")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", help="Not these rules (ids or prefixes); "
                                       "adds to the configuration's ignore.", metavar="RULES")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.",
                                  metavar="FILE")
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: the "
                                 "machine's cores].", show_default=False)
    ] = None,
    shard: Annotated[
        str | None, typer.Option("--shard", metavar="K/N", help="Check only the K-th of N "
                                 "shards, split by path (for a CI matrix).")
    ] = None,
) -> None:
    """Validate partnerships and assess them against the seven elements.

    Exit 0: nothing at or above --fail-on; 1: something is; 2: the check could not run.
    """
    from ctepartner.check import CheckRequest, Verdict, parse_shard, run_check
    from ctepartner.output import reporters

    request = CheckRequest(
        paths=tuple(paths or [Path(".")]),
        as_of=_as_of(as_of),
        fail_on=fail_on.value if fail_on else None,
        select=_ids(select),
        ignore=_ids(ignore),
        jobs=jobs or os.cpu_count() or 1,
        shard=parse_shard(shard) if shard else (1, 1),
    )
    verdict = Verdict()
    assessments = verdict.watch(run_check(request))
    quiet = isinstance(ctx.obj, GlobalOptions) and ctx.obj.quiet

    def report(stream: TextIO) -> None:
        reporters.write(output_format.value, assessments, stream, request.as_of,
                        to_terminal=_colour(output), quiet=quiet)

    if output is None:
        report(sys.stdout)
    else:
        from ctepartner.fileio import atomic_file

        with atomic_file(output) as raw:
            stream = io.TextIOWrapper(raw, encoding="utf-8")
            report(stream)
            stream.flush()
            stream.detach()  # the file is closed, and renamed into place, by atomic_file
    raise typer.Exit(verdict.exit_code)


def _colour(output: Path | None) -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (or `--no-color`)."""
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


_SCOPES = ("state", "regional", "local")
_STAGES = ("planning", "launching", "operating", "sustaining")


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="The new partnership's folder.")] = Path("."),
    name: Annotated[str | None, typer.Option(help="The partnership's name.")] = None,
    scope: Annotated[str | None, typer.Option(help="state, regional or local.")] = None,
    region: Annotated[str | None, typer.Option(help="The area it serves.")] = None,
    stage: Annotated[str | None, typer.Option(help="planning, launching, operating or "
                                              "sustaining [default: planning].")] = None,
    convener: Annotated[str | None, typer.Option(help="The convening organization.")] = None,
    convener_kind: Annotated[str | None, typer.Option(
        help="state_agency, workforce_board, chamber_of_commerce, economic_development, "
        "postsecondary, school_district, service_cooperative, nonprofit, employer or other.")
    ] = None,
    lead: Annotated[str | None, typer.Option(help="The person (or role) who leads.")] = None,
    purpose: Annotated[str | None, typer.Option(help="The purpose statement.")] = None,
    industry: Annotated[list[str] | None, typer.Option(
        help="A target industry (repeatable).")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Ask nothing; use the options "
                                      "and defaults.")] = False,
    force: Annotated[bool, typer.Option(help="Replace files the scaffold would write.")] = False,
) -> None:
    """Start a new partnership: every file, with comments that teach each field.

    On a terminal it asks its questions; with --yes (or no terminal) it asks nothing.
    """
    from ctepartner.author.init import init_partnership
    from ctepartner.author.scaffold import NewPartnership
    from ctepartner.model.files import ConvenerKind

    ask = not yes and sys.stdin.isatty()

    def answer(value: str | None, question: str, default: str, choices: tuple[str, ...] = ()
               ) -> str:
        if value is None and ask:
            shown = f"{question} ({', '.join(choices)})" if 0 < len(choices) <= 4 else question
            value = typer.prompt(shown, default=default)
        value = default if value is None else value.strip()
        if choices and value not in choices:
            raise UserError(f"{question.lower()} must be one of {', '.join(choices)}, "
                            f"not {value!r}")
        return value

    default_name = directory.resolve().name.replace("-", " ").replace("_", " ").title()
    new = NewPartnership(
        name=answer(name, "Name", default_name),
        scope=answer(scope, "Scope", "regional", _SCOPES),
        region=answer(region, "Region", ""),
        stage=answer(stage, "Stage", "planning", _STAGES),
        convener=answer(convener, "Convener", ""),
        convener_kind=answer(convener_kind, "Convener kind", "other",
                             tuple(kind.value for kind in ConvenerKind)),
        lead=answer(lead, "Lead", ""),
        purpose=answer(purpose, "Purpose statement", ""),
        industries=tuple(industry or [p.strip() for p in answer(
            None, "Target industries (comma-separated)", "").split(",") if p.strip()]),
    )
    written = init_partnership(directory, new, force=force)
    typer.echo(f"Started {new.name} in {directory} ({len(written)} files).")
    typer.echo(f"Next: `ctepartner check {directory}` lists what the partnership still needs.")


add_app = typer.Typer(help="Append one entry to the right file, keeping its comments.",
                      no_args_is_help=True)
app.add_typer(add_app, name="add")

PartnershipPath = Annotated[
    Path, typer.Argument(help="The partnership folder (or a file in it).", show_default=".")
]
DateOption = Annotated[str, typer.Option(help="YYYY-MM-DD.", metavar="DATE")]


def _add(kind: str, path: Path, options: dict[str, object]) -> None:
    from ctepartner.author.add import add_entry

    written = add_entry(path, kind, options)
    article = "an" if kind[0] in "aeiou" else "a"
    typer.echo(f"Added {article} {kind} to {written}.")


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


def _partnerships(paths: list[Path] | None) -> list[Partnership]:
    from ctepartner.load.discover import find_partnerships
    from ctepartner.load.partnership import load

    folders = [folder for path in paths or [Path(".")] for folder in find_partnerships(path)]
    return [load(folder) for folder in folders]


@app.command()
def status(
    paths: Annotated[list[Path] | None, typer.Argument(help="Partnership folders, or folders "
                                                       "above them [default: .].",
                                                       show_default=False)] = None,
    days: Annotated[int, typer.Option(min=0, help="How far ahead to look.")] = 30,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Today, for this run [default: today].",
                                              show_default=False)] = None,
) -> None:
    """What is due: updates to send, agreements ending or up for review, activities and
    meeting actions, temperature checks; overdue first."""
    from ctepartner.output import status as status_table
    from ctepartner.schedule import due_within

    today = _as_of(as_of)
    due = [(p.name, due_within(p, today, days)) for p in _partnerships(paths)]
    status_table.write(due, sys.stdout, today, days, color=_colour(None))


@app.command()
def calendar(
    paths: Annotated[list[Path] | None, typer.Argument(help="Partnership folders, or folders "
                                                       "above them [default: .].",
                                                       show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="Write the .ics here [default: stdout]."
                                                )] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE",
                                              help="Today, for this run [default: today].",
                                              show_default=False)] = None,
) -> None:
    """An .ics calendar of every due date; import it again to update, not duplicate."""
    from ctepartner.output.calendar import ics
    from ctepartner.schedule import due_items

    today = _as_of(as_of)
    due = [(p.id, p.name, due_items(p, today)) for p in _partnerships(paths)]
    content = ics(due, today)
    if output is None:
        sys.stdout.buffer.write(content)
        return
    from ctepartner.fileio import write_atomic

    write_atomic(output, content)
    typer.echo(f"wrote {output}")


import_app = typer.Typer(help="Read the roster from a spreadsheet.", no_args_is_help=True)
export_app = typer.Typer(help="Write the roster to a spreadsheet.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")


def _one_partnership(path: Path) -> Path:
    from ctepartner.load.discover import find_partnerships

    found = find_partnerships(path)
    if len(found) > 1:
        raise UserError(f"{path} holds {len(found)} partnerships; name one")
    return found[0]


@import_app.command("stakeholders")
def import_stakeholders(
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx roster.")],
    path: PartnershipPath = Path("."),
    map_: Annotated[list[str] | None, typer.Option(
        "--map", help='Read a column as a field: "Org Name=organization" (repeatable).')
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write "
                                          "nothing.")] = False,
) -> None:
    """Merge a roster into stakeholders.yaml by id: update, add, never delete."""
    from ctepartner.author import roster
    from ctepartner.output.roster import show_plan

    directory = _one_partnership(path)
    _, _, entries = roster.load_entries(directory)
    plan = roster.plan_import(entries, roster.read_table(file), roster.parse_map(map_ or []))
    if plan.errors:
        for error in plan.errors:
            sys.stderr.write(f"{file}: {error}\n")
        raise UserError(f"{len(plan.errors)} row(s) need fixing; nothing was written")
    show_plan(plan, sys.stdout, color=_colour(None), dry_run=dry_run)
    if not dry_run and (plan.adds or plan.updates):
        typer.echo(f"wrote {roster.apply_import(directory, plan)}")


@export_app.command("stakeholders")
def export_stakeholders(
    path: PartnershipPath = Path("."),
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="A .csv or .xlsx file [default: CSV on "
                                                "stdout].")] = None,
) -> None:
    """The roster as CSV (stdout) or to a .csv or .xlsx file."""
    from ctepartner.author import roster

    _, _, entries = roster.load_entries(_one_partnership(path))
    rows = roster.rows_of(entries)
    if output is None:
        sys.stdout.write(roster.to_csv(rows))
        return
    from ctepartner.fileio import write_atomic

    suffix = output.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserError(f"{output}: export writes .csv or .xlsx")
    write_atomic(output, roster.to_xlsx(rows) if suffix == ".xlsx" else roster.to_csv(rows))
    typer.echo(f"wrote {len(rows)} stakeholders to {output}")


class DocumentFormat(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


class Audience(StrEnum):
    PARTNERS = "partners"
    COMMUNITY = "community"


FormatOption = Annotated[DocumentFormat, typer.Option("--format", "-f", help="md, html or pdf "
                                                      "(docx for agreements).")]
OutOption = Annotated[str | None, typer.Option("--out", metavar="DIR", help="Where to write "
                                               "[default: out/ in the partnership]; - for "
                                               "stdout (md only).", show_default=False)]
AudienceOption = Annotated[Audience, typer.Option(help="community leaves out every contact "
                                                  "detail (names, emails, phones).")]
AsOfOption = Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Today, for "
                                                "this run [default: today].", show_default=False)]


def _write_documents(job: Job, documents: list[Document], fmt: str, out: str | None) -> None:
    from ctepartner.render.documents import content, write_documents

    if out == "-":
        if fmt != "md":
            raise UserError("--out - writes Markdown only; use --format md")
        for document in documents:
            sys.stdout.write(content(document, "md", job.templates).decode())
        return
    folder = Path(out) if out else job.directory / "out"
    for path in write_documents(documents, [fmt], folder, job.templates):
        typer.echo(f"wrote {path}")


def _job(path: Path, as_of: str | None, audience: Audience = Audience.PARTNERS) -> Job:
    from ctepartner.render.documents import Job

    return Job.open(_one_partnership(path), _as_of(as_of), audience.value)


@app.command()
def report(
    path: PartnershipPath = Path("."),
    output_format: FormatOption = DocumentFormat.MD,
    out: OutOption = None,
    since: Annotated[str | None, typer.Option(metavar="GIT-REV", help="Add what changed since "
                                              "this git revision.")] = None,
    audience: AudienceOption = Audience.PARTNERS,
    as_of: AsOfOption = None,
) -> None:
    """The status report: scorecard, goals and metrics with charts, pipeline, communications,
    agreements, load, temperature checks, action plan."""
    from ctepartner.render.documents import report_document

    job = _job(path, as_of, audience)
    _write_documents(job, [report_document(job, since)], output_format.value, out)


@app.command()
def packet(
    path: PartnershipPath = Path("."),
    profile: Annotated[str | None, typer.Option(help="A participant profile's id.")] = None,
    stakeholder: Annotated[str | None, typer.Option(help="A stakeholder's id: a personalised "
                                                    "packet.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every profile, and every stakeholder "
                                       "past identified.")] = False,
    output_format: FormatOption = DocumentFormat.MD,
    out: OutOption = None,
    audience: AudienceOption = Audience.PARTNERS,
    as_of: AsOfOption = None,
) -> None:
    """Recruitment packets: purpose, the need, the personalised ask, time, benefits, role."""
    from ctepartner.render.documents import packet_documents

    if not (profile or stakeholder or all_):
        raise UserError("name a profile (--profile ID), a stakeholder (--stakeholder ID), "
                        "or use --all")
    job = _job(path, as_of, audience)
    documents = packet_documents(job, profile=profile, stakeholder=stakeholder, everyone=all_)
    _write_documents(job, documents, output_format.value, out)


@app.command()
def agreement(
    path: PartnershipPath = Path("."),
    stakeholder: Annotated[str | None, typer.Option(help="A stakeholder's id.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every committed or active "
                                       "stakeholder.")] = False,
    output_format: FormatOption = DocumentFormat.MD,
    out: OutOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Partnership agreements: parties, purpose, term, responsibilities, commitments,
    communications, metrics, review, signatures."""
    from ctepartner.render.documents import agreement_documents

    job = _job(path, as_of)
    documents = agreement_documents(job, stakeholder=stakeholder, everyone=all_)
    _write_documents(job, documents, output_format.value, out)


@app.command()
def build(
    path: PartnershipPath = Path("."),
    output_format: Annotated[list[DocumentFormat] | None, typer.Option(
        "--format", "-f", help="Repeatable [default: md and html].")] = None,
    out: Annotated[Path | None, typer.Option("--out", metavar="DIR", help="Where to write "
                                             "[default: out/ in the partnership].")] = None,
    audience: AudienceOption = Audience.PARTNERS,
    as_of: AsOfOption = None,
) -> None:
    """Every document (report, packets, agreements) and an index.html that links them."""
    from ctepartner.fileio import write_atomic
    from ctepartner.render.documents import (
        agreement_documents,
        index_page,
        packet_documents,
        report_document,
        write_documents,
    )

    job = _job(path, as_of, audience)
    formats = [f.value for f in output_format or [DocumentFormat.MD, DocumentFormat.HTML]]
    documents = [report_document(job), *packet_documents(job, everyone=True)]
    if audience is Audience.PARTNERS:
        documents += agreement_documents(job, everyone=True)
    folder = out or job.directory / "out"
    written = write_documents(documents, formats, folder, job.templates)
    index = folder / "index.html"
    write_atomic(index, index_page(job.partnership.name, job.as_of, documents, formats,
                                   job.templates))
    typer.echo(f"wrote {len(written) + 1} files to {folder} (open {index})")


templates_app = typer.Typer(help="The document templates, to brand them.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list() -> None:
    """The packaged template file names."""
    from ctepartner.render.environment import packaged_templates

    for template in sorted(packaged_templates().glob("*.j2")):
        typer.echo(template.name)


@templates_app.command("copy")
def templates_copy(
    name: Annotated[str, typer.Argument(help="A template file name (see `templates list`).")],
    to: Annotated[Path, typer.Option(help="The templates folder of your configuration.")
                  ] = Path("templates"),
) -> None:
    """Copy a packaged template into your templates folder, to change it there."""
    from ctepartner.fileio import write_atomic
    from ctepartner.render.environment import packaged_templates

    source = packaged_templates() / name
    if source.suffix != ".j2" or not source.is_file():
        raise UserError(f"no template {name!r}: `ctepartner templates list` shows them")
    target = to / name
    if target.exists():
        raise UserError(f"{target} already exists; copy refuses to overwrite it")
    write_atomic(target, source.read_bytes())
    typer.echo(f"wrote {target}; set `templates = \"{to}\"` in ctepartner.toml to use it")


@app.command("rules")
def list_rules() -> None:
    """List every rule: id, element, default severity and what it finds."""
    from ctepartner.output.rulebook import rules_table

    rules_table(sys.stdout)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="A rule id: CP604.")],
) -> None:
    """Print one rule's whole text: what it finds, why, how to fix it, an example."""
    from ctepartner.output.rulebook import explain_rule

    sys.stdout.write(explain_rule(rule_id))


@app.command()
def schema(
    out: Annotated[
        Path | None, typer.Option("--out", help="Write one <file>.schema.json per file kind "
                                  "into this folder (default: print them as one JSON object).",
                                  metavar="DIR")
    ] = None,
) -> None:
    """JSON Schema for each partnership file, for editors and other validators."""
    import json

    from ctepartner.schema import schemas, write_schemas

    if out is None:
        sys.stdout.write(json.dumps(schemas(), indent=2, sort_keys=True) + "\n")
        return
    for path in write_schemas(out):
        typer.echo(f"wrote {path}")


_GLOBAL_FLAGS = {"-q", "--quiet", "-v", "--verbose", "--no-color"}


def _hoist_global_flags(argv: list[str]) -> list[str]:
    """Let `-q`, `-v` and `--no-color` stand anywhere, as users type them (`check -q`)."""
    end = argv.index("--") if "--" in argv else len(argv)
    flags = [arg for arg in argv[:end] if arg in _GLOBAL_FLAGS]
    rest = [arg for arg in argv[:end] if arg not in _GLOBAL_FLAGS]
    return [*flags, *rest, *argv[end:]]


def run(argv: list[str]) -> int:
    """Run the command line; every failure becomes one line on stderr and exit 2."""
    try:
        app(args=_hoist_global_flags(argv), prog_name="ctepartner")
    except SystemExit as done:  # typer's own exit, usage errors included (code 2)
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    except UserError as error:
        _fail(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except Exception as error:  # a bug: one clear line, the traceback only with -v
        if "-v" in argv or "--verbose" in argv:
            import traceback

            traceback.print_exc()
        _fail(f"internal error: {type(error).__name__}: {error} (run with -v for details, "
              "and please report it)")
        return EXIT_USAGE
    return 0


def _fail(message: str) -> None:
    sys.stderr.write(f"ctepartner: error: {message}\n")
