"""`survey import`: a form tool's export (Google Forms, Microsoft Forms, SurveyMonkey,
Qualtrics, any CSV or XLSX) into a wave of survey.yaml.

A column is a question when its header is the question's id or its text (case, spacing,
curly quotes, dashes and a trailing `?`, `.` or `*` ignored), or holds it as the tools write
a grid's row: `Title [Statement]` (Google Forms), `Title - Statement` (Qualtrics), or the
statement under its title in a second header row (SurveyMonkey); Qualtrics' third header row
of import ids is skipped. The respondent column is `stakeholder` (an id) or `organization`
(matched to a stakeholder's organization). Answers are 1-5 or the words of the scale. Name,
email and timestamp columns are dropped and never written: survey.yaml keeps answers by
stakeholder id only. Every bad row is reported by its number, and nothing is written unless
every row is good.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ctepartner.author.guard import read_for_edit
from ctepartner.author.insert import append_entry, value_of
from ctepartner.author.roster import Row
from ctepartner.author.scalars import flow, scalar
from ctepartner.errors import UserError
from ctepartner.language import available, translations
from ctepartner.load.journal import editing
from ctepartner.load.partnership import Partnership, load
from ctepartner.model.files import FileName, Question, Stakeholder
from ctepartner.printable import without_contacts
from ctepartner.spelling import closest
from ctepartner.survey.bank import BANK, DONT_KNOW, SCALE_WORDS, questions

SCALE = {
    "strongly disagree": 1, "disagree": 2, "neutral": 3, "neither agree nor disagree": 3,
    "agree": 4, "strongly agree": 5,
}
NO_ANSWER = frozenset((  # the form's last choice, and what form tools write for it
    "don't know / not applicable", "don't know", "dont know", "not applicable", "n/a", "na"))
DROPPED = frozenset((
    "timestamp", "time stamp", "start time", "completion time", "submitted", "submitted at",
    "submission time", "last modified time", "date", "email", "email address", "e-mail",
    "e-mail address", "name", "full name", "your name", "respondent", "respondent name",
    "id", "response id", "ip address",
    # SurveyMonkey
    "respondent id", "collector id", "start date", "end date", "first name", "last name",
    "custom data 1",
    # Qualtrics
    "response type", "progress", "duration (in seconds)", "finished", "recorded date",
    "recipient last name", "recipient first name", "recipient email",
    "external data reference", "location latitude", "location longitude",
    "distribution channel", "user language",
))
RESPONDENT = {"stakeholder": "stakeholder", "organization": "organization",
              "organisation": "organization", "your organization": "organization",
              "your organisation": "organization", "organization name": "organization",
              "organisation name": "organization"}
COMMENT = frozenset(("comment", "comments", "anything else", "other comments",
                     "additional comments"))
MAX_COMMENT = 2_000  # characters of free text kept with an answer
MAX_ERRORS = 50  # row errors listed one by one; the rest are counted


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2010": "-",
                        "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                        "\u2212": "-", "\u00a0": " ", "\u202f": " "})


def _norm(text: str) -> str:
    """A header or a question's text as matched: case, spacing, curly quotes and apostrophes,
    en and em dashes, and end marks ignored."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES).casefold()).strip(" ?.*:")


def form_headers(top: list[list[str]]) -> tuple[list[str], int]:
    """The headers of a form tool's export, from its first rows (see `roster.Headers`):
    Qualtrics writes ids, then the questions, then import ids (`{"ImportId": ...}`);
    SurveyMonkey writes the questions, then under each grid the statement of each column
    (and `Response` under a single question); anything else has one header row."""
    first = top[0] if top else []
    if len(top) >= 3 and any(cell.startswith('{"ImportId"') for cell in top[2]):
        return [text or name for name, text in itertools.zip_longest(first, top[1],
                                                                     fillvalue="")], 3
    if len(top) >= 2 and any(_norm(cell) in _UNDER for cell in top[1]):
        names, title = [], ""
        for name, under in itertools.zip_longest(first, top[1], fillvalue=""):
            title = name or title  # a grid's title stands over its first column only
            names.append(under if under and _norm(under) not in _UNDER else title)
        return names, 2
    return first, 1


_UNDER = frozenset(("response", "open-ended response", "other (please specify)"))


def _candidates(header: str) -> list[str]:
    """What a header may name a question by: itself, a grid row in brackets (Google Forms,
    `Title [Row]`), or the statement after the last ` - ` (Qualtrics, `Title - Row`)."""
    found = [header]
    bracket = re.fullmatch(r".*\[(.+)\]\s*", header)
    if bracket:
        found.append(bracket[1])
    if " - " in header.translate(_QUOTES):
        found.append(header.translate(_QUOTES).rsplit(" - ", 1)[1])
    return found


@dataclass
class Columns:
    """What each column of the export is."""

    questions: dict[str, str] = field(default_factory=dict)  # header -> question id
    respondent: tuple[str, str] | None = None  # (header, "stakeholder" or "organization")
    comment: str | None = None
    dropped: list[str] = field(default_factory=list)


def parse_map(pairs: list[str]) -> dict[str, str]:
    """`--map "Column=QUESTION-ID"` (or `=stakeholder`, `=organization`, `=comment`, or `=`
    to leave the column out) as {normalised column: target}."""
    mapping = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip():
            raise UserError(f"--map {pair!r}: write it as \"Column=question-id\" (or "
                            "\"Column=\" to leave the column out)")
        mapping[_norm(column)] = target.strip()
    return mapping


def columns(headers: list[str], bank: dict[str, Question], mapping: dict[str, str],
            own: Iterable[dict[str, str]] = ()) -> Columns:
    """Sort the headers into questions, the respondent, a comment and dropped columns; an
    unknown column is an error that says how to map it. `own`: the partnership's
    translations of its own words, by language, which a translated form asked its own
    questions in."""
    by_text = {_norm(q.text): q.id for q in bank.values()}
    for words in _translated():  # the packaged questions as a translated form asked them
        by_text.update({_norm(words[q.text]): q.id for q in BANK if words.get(q.text)
                        and q.id in bank and bank[q.id].text == q.text})
    for words in own:
        theirs = {_norm(text): translation for text, translation in words.items()}
        by_text.update({_norm(theirs[_norm(q.text)]): q.id for q in bank.values()
                        if _norm(q.text) in theirs})
    by_id = {q.id.casefold(): q.id for q in bank.values()}
    found = Columns()
    unknown = []
    for header in headers:
        key = _norm(header)
        target = mapping.get(key)
        if target is not None and target.casefold() in RESPONDENT:
            found.respondent = (header, RESPONDENT[target.casefold()])
        elif target is not None and target.casefold() == "comment":
            found.comment = header
        elif target == "":
            found.dropped.append(header)
        elif target is not None:
            if target not in bank:
                raise UserError(f"--map {header}={target}: no question has the id {target!r}"
                                f"{_guess(target, list(bank))}")
            found.questions[header] = target
        elif question := next((by_id.get(_norm(text)) or by_text.get(_norm(text))
                               for text in _candidates(header)
                               if _norm(text) in by_id or _norm(text) in by_text), None):
            found.questions[header] = question
        elif key in RESPONDENT:
            found.respondent = (header, RESPONDENT[key])
        elif key in COMMENT:
            found.comment = header
        elif key in DROPPED:
            found.dropped.append(header)
        else:
            unknown.append(header)
    if unknown:
        texts = [q.text for q in bank.values()]
        named = "; ".join(f"{header!r}{_guess(header, texts)}" for header in unknown[:5])
        raise UserError(f"columns that are no question, respondent or column to leave out: "
                        f"{named}. Map each with --map \"Column=question-id\", or --map "
                        "\"Column=\" to leave it out; nothing was written")
    if found.respondent is None:
        raise UserError("no respondent column: name one `stakeholder` (ids) or `organization` "
                        "(names), or map it with --map \"Column=organization\"")
    if not found.questions:
        raise UserError("no column is a question of the survey: headers must be question ids "
                        "or texts (`ctepartner survey form --format csv` lists them)")
    return found


def _guess(word: str, choices: list[str]) -> str:
    match = closest(word, choices)
    return f" (did you mean {match!r}?)" if match else ""


SCALE_DIGITS = frozenset("12345")


@cache
def _translated() -> list[dict[str, str]]:
    """Every packaged catalog: a form sent in another language comes back in it."""
    return [translations(code) for code in available()[1:]]


@cache
def _scale() -> dict[str, int]:
    """The scale's words, in English and in every packaged language, to their rating."""
    found = dict(SCALE)
    for words in _translated():
        found.update({_norm(words[word]): n for n, word in enumerate(SCALE_WORDS, start=1)
                      if words.get(word)})
    return found


@cache
def _no_answer() -> frozenset[str]:
    return NO_ANSWER | {_norm(words[DONT_KNOW]) for words in _translated()
                        if words.get(DONT_KNOW)}


def rating(text: str) -> int | None:
    """A cell on the 1-5 scale, as a digit (`4`, `4.0`), in words (`Agree`, `De acuerdo`)
    or both, as the form prints them (`4 Agree`)."""
    cleaned = _norm(text)
    if re.fullmatch(r"[1-5](\.0+)?", cleaned):
        return int(cleaned[0])
    both = re.fullmatch(r"([1-5])\s*[-.:)]?\s*(.+)", cleaned)
    if both and _scale().get(both[2]) == int(both[1]):
        return int(both[1])
    return _scale().get(cleaned)


@dataclass
class Answered:
    stakeholder: str
    answers: dict[str, int]
    comment: str | None
    row: int


@dataclass
class SurveyImport:
    """What an import would do; nothing is written until it is applied."""

    wave: str
    answered: list[Answered] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0


def _respondents(p: Partnership
                 ) -> tuple[dict[str, Stakeholder], dict[str, list[Stakeholder]]]:
    """Stakeholders by id, and by organisation name as people type it (two organisations
    may read the same: "Acme Inc." and "ACME INC")."""
    by_id = {s.id: s for s in p.stakeholders}
    by_name: dict[str, list[Stakeholder]] = {}
    for s in p.stakeholders:
        by_name.setdefault(_norm(s.organization), []).append(s)
    return by_id, by_name


def plan(p: Partnership, headers: list[str], rows: list[Row], wave: str,
         mapping: dict[str, str]) -> SurveyImport:
    """Read every row; each problem is an error naming its row."""
    bank = questions(p)
    headers = list(dict.fromkeys([*headers, *(header for _, cells in rows for header in cells)]))
    found = columns(headers, bank, mapping,
                    p.about.translations.values() if p.about else ())
    result = SurveyImport(wave, dropped=found.dropped)
    by_id, by_name = _respondents(p)
    names = [s.organization for s in p.stakeholders]
    seen: dict[str, int] = {}
    header, kind = found.respondent or ("", "")
    for number, cells in rows:
        who = cells.get(header, "").strip()
        if not who:
            result.errors.append(f"row {number}: no respondent ({header!r} is empty)")
            continue
        named = by_name.get(_norm(who), [])
        if who not in by_id and len(named) > 1:
            both = " or ".join(f"{s.id} ({s.organization})" for s in named)
            result.errors.append(f"row {number}: {who!r} could be {both}; write the "
                                 "stakeholder's id instead")
            continue
        stakeholder = by_id.get(who) or (named[0] if named else None)
        if stakeholder is None:
            choices = list(by_id) if kind == "stakeholder" else names
            result.errors.append(f"row {number}: {who!r} is no stakeholder of this "
                                 f"partnership{_guess(who, choices)}")
            continue
        if stakeholder.id in seen:
            result.errors.append(f"row {number}: {stakeholder.organization} answered already, "
                                 f"in row {seen[stakeholder.id]}")
            continue
        seen[stakeholder.id] = number
        answers = {}
        for column, question in found.questions.items():
            cell = cells.get(column, "").strip()
            if not cell or _norm(cell) in _no_answer():  # no answer is an answer left out
                continue
            value = rating(cell)
            if value is None:
                shown = cell if len(cell) <= 40 else cell[:40] + "…"
                result.errors.append(f"row {number}, {column[:60]!r}: {shown!r} is not on the "
                                     "scale (1-5, or Strongly disagree, Disagree, Neutral, "
                                     "Agree, Strongly agree)")
                continue
            answers[question] = value
        comment = without_contacts(cells.get(found.comment or "", "").strip()) or None
        if comment and len(comment) > MAX_COMMENT:
            result.errors.append(f"row {number}: the comment has {len(comment):,} characters; "
                                 f"at most {MAX_COMMENT:,} are kept")
            continue
        if not answers:
            result.errors.append(f"row {number}: {stakeholder.organization} answered no "
                                 "question")
            continue
        result.answered.append(Answered(stakeholder.id, answers, comment, number))
    if len(result.errors) > MAX_ERRORS:
        more = len(result.errors) - MAX_ERRORS
        result.errors = [*result.errors[:MAX_ERRORS], f"... and {more:,} more rows with errors"]
    return result


# --- writing ---------------------------------------------------------------------------

HEADER = ("# The partners' own voice: survey waves and their answers, by stakeholder id\n"
          "# (1 strongly disagree ... 5 strongly agree). `ctepartner survey form` prints "
          "the questions.\n")


def _entry(item: Answered) -> str:
    entry = {"stakeholder": item.stakeholder, "answers": item.answers}
    if item.comment:
        entry["comment"] = item.comment
    return flow(entry)


def _wave_node(text: str, wave: str) -> tuple[int, MappingNode] | None:
    """The wave's index in `waves` and its node, if the file has it."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader) if text.strip() else None
    waves = value_of(root, "waves")
    if not isinstance(waves, SequenceNode):
        return None
    for index, node in enumerate(waves.value):
        if isinstance(node, MappingNode) and getattr(value_of(node, "id"), "value", None) == wave:
            return index, node
    return None


def _merge(text: str, wave: MappingNode, result: SurveyImport) -> tuple[str, list[Answered]]:
    """The text with existing responses' answers merged (new answers win); and the answers
    of stakeholders the wave does not have yet."""
    responses = value_of(wave, "responses")
    existing: dict[str, MappingNode] = {}
    for node in responses.value if isinstance(responses, SequenceNode) else []:
        who = value_of(node, "stakeholder")
        if isinstance(who, ScalarNode):
            existing[who.value] = node
    edits = []
    new = []
    for item in result.answered:
        node = existing.get(item.stakeholder)
        answers = value_of(node, "answers") if node is not None else None
        if node is None or not isinstance(answers, MappingNode):
            new.append(item)
            continue
        merged: dict[str, int | str] = {  # an answer off the scale is kept as written
            name.value: int(value.value) if value.value in SCALE_DIGITS else value.value
            for name, value in answers.value
            if isinstance(name, ScalarNode) and isinstance(value, ScalarNode)}
        merged.update(item.answers)
        edits.append((answers.start_mark.index, answers.end_mark.index, flow(merged)))
        if item.comment:
            comment = value_of(node, "comment")
            if isinstance(comment, ScalarNode):
                edits.append((comment.start_mark.index, comment.end_mark.index,
                              scalar(item.comment)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    result.updated = len(result.answered) - len(new)
    return text, new


def apply(p: Partnership, result: SurveyImport, opened: dt.date) -> Path:
    """Write the answers into the wave (made, opened on `opened`, when it is new),
    keeping every comment and line of survey.yaml; checked before it is written."""
    edit = read_for_edit(p, FileName.SURVEY)
    text = edit.text or HEADER
    existing = {wave_id for wave_id, _ in p.raw_ids("wave") or []}
    found = _wave_node(text, result.wave) if result.wave in existing else None
    if found is None:
        lines = [f"- id: {scalar(result.wave)}", f"  opened: {opened.isoformat()}",
                 "  responses:", *(f"    - {_entry(item)}" for item in result.answered)]
        text = append_entry(text, (), "waves",
                            lambda indent: [" " * indent + line for line in lines])
        result.added = len(result.answered)
    else:
        index, node = found
        text, new = _merge(text, node, result)
        if new:
            text = append_entry(text, ("waves", index), "responses",
                                lambda indent: [" " * indent + "- " + _entry(item)
                                                for item in new])
        result.added = len(new)
    edit.save(text, references=False)  # every id written was resolved above
    return edit.path


def import_survey(directory: Path, table: tuple[list[str], list[Row]], wave: str,
                  mapping: dict[str, str], *, opened: dt.date, dry_run: bool
                  ) -> tuple[SurveyImport, Path | None]:
    """Plan the import and, unless `dry_run` or a row is bad, write it, under the
    partnership's lock from the read to the write."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", wave):
        raise UserError(f"--wave {wave!r}: a wave id is lowercase letters, digits and hyphens "
                        "(like 2026-fall)")
    with editing(directory):
        partnership = load(directory)
        result = plan(partnership, *table, wave, mapping)
        if result.errors or dry_run or not result.answered:
            return result, None
        return result, apply(partnership, result, opened)
