"""What the portfolio keeps of one partnership: a small, JSON-ready summary.

It is made in the worker that loaded and assessed the partnership, in the same pass as
`check`, so the partnership itself is released at once and memory stays flat however many
partnerships there are. A shard writes these summaries; a merge reads them back.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field
from typing_extensions import TypedDict  # pydantic validates it on Python 3.11 too (merge)

from ctepartner.assess.engine import Assessment, Settings, assess
from ctepartner.assess.finding import ELEMENTS
from ctepartner.check import load_quickly
from ctepartner.domain import asked_hours, latest
from ctepartner.load.partnership import Partnership
from ctepartner.model.files import FileName
from ctepartner.printable import portable
from ctepartner.survey.scoring import ALL, score, waves

# Bounds a merge checks a part against (a part may come from anywhere): what a partnership
# file can hold, so a damaged or hostile part is refused before any work.
Text = Annotated[str, Field(max_length=10_000)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Score = Annotated[int, Field(ge=0, le=100)]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]
Mean = Annotated[float, Field(ge=1, le=5)]


class Organization(TypedDict):
    name: Text
    org_id: Text | None
    hours: Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)]


class CodedMetric(TypedDict):
    code: Text  # a Perkins V indicator (5S3)
    metric: Text
    latest: Number | None
    measured: Annotated[str, Field(max_length=10)] | None  # the latest value's day
    target: Number | None
    unit: Text


class Perkins(TypedDict):
    consultation: bool
    groups: Annotated[list[Text], Field(max_length=20)]


class SurveyMeans(TypedDict):
    wave: Text
    opened: Text
    responded: Count
    overall: Mean | None  # the partners' own mean, beside the score
    means: Annotated[list[Mean | None], Field(min_length=7, max_length=7)]  # by element


class Summary(TypedDict):
    """One partnership as the portfolio keeps it: plain JSON values, so a shard writes it
    to its part and a merge reads it back as it was (docs/portfolio.md)."""

    path: Text
    id: Text
    name: Text
    scope: Text
    stage: Text
    score: Score
    elements: Annotated[list[Score], Field(min_length=7, max_length=7)]
    change: Annotated[int, Field(ge=-100, le=100)] | Literal["new"] | None  # since `--since`
    organizations: Annotated[list[Organization], Field(max_length=100_000)]
    perkins: Perkins
    metrics: Annotated[list[CodedMetric], Field(max_length=10_000)]
    survey: SurveyMeans | None


_SUFFIX = re.compile(r"(?:\s+(?:inc|llc|co))+$")


def org_name_key(name: str) -> str:
    """An organisation's name as matched across partnerships: case, punctuation and a
    trailing Inc, LLC or Co ignored ("Acme Precision, Inc." and "ACME Precision" match)."""
    words = re.sub(r"[^\w\s]|_", " ", name.casefold())
    return _SUFFIX.sub("", " ".join(words.split()))


def summarize(p: Partnership, assessment: Assessment, since: int | Literal["new"] | None = None
              ) -> Summary:
    """The partnership as the portfolio shows it."""
    about = p.about
    metrics = p.metrics.metrics if p.metrics else []
    coded: list[CodedMetric] = []
    for metric in metrics:
        if metric.code:
            found = latest(metric)
            coded.append({"code": metric.code.upper(), "metric": metric.name or metric.id,
                          "latest": found[1].value if found else None,
                          "measured": found[1].date.isoformat() if found else None,
                          "target": metric.target.value if metric.target else None,
                          "unit": metric.unit.value if metric.unit else ""})
    groups = sorted({g.value for s in p.stakeholders for g in s.perkins_groups})
    found_waves = waves(p)
    survey: SurveyMeans | None = None
    if found_waves:
        scores = score(p, found_waves[-1])
        means = {n: groups[ALL].value for n, groups in scores.elements.items()}
        survey = {"wave": scores.wave.id, "opened": scores.wave.opened.isoformat(),
                  "responded": scores.responded, "overall": scores.overall.value,
                  "means": [means.get(n) for n in ELEMENTS]}
    return {
        "path": portable(p.directory),
        "id": p.id,
        "name": p.name,
        "scope": about.scope.value if about and about.scope else "",
        "stage": about.stage.value if about else "",
        "score": assessment.score,
        "elements": [element.score for element in assessment.elements],
        "change": since,
        "organizations": [
            {"name": s.organization, "org_id": s.org_id, "hours": asked_hours(s)}
            for s in p.stakeholders
        ],
        "perkins": {"consultation": bool(about and about.perkins_consultation),
                    "groups": groups},
        "metrics": coded,
        "survey": survey,
    }


def check_and_summarize(job: tuple[Path, Settings], since: str | None = None) -> Summary:
    """What `check_one` does, summarised for the portfolio (with `since`, with the change
    of its score since that git revision). Only the summary leaves the worker."""
    directory, settings = job
    partnership = load_quickly(directory)
    assessment = assess(partnership, settings)
    change: int | Literal["new"] | None = None
    if since:
        from ctepartner.load.since import load_at

        before = load_at(directory, since)
        if before.sources[FileName.PARTNERSHIP].data is not None:
            change = assessment.score - assess(before, settings).score
        else:
            change = "new"
    return summarize(partnership, assessment, change)
