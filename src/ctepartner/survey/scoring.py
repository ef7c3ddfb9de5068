"""Survey scores: means by element and by evaluation category, overall and by sector.

Each organisation counts once: a respondent's answers to a group's questions are averaged
first, and a group's mean is the mean of its respondents' means. A group that fewer than
three stakeholders answered shows no mean at all ("fewer than 3 responses"), so no answer
can be traced to one organisation; and since the overall mean less the shown sectors' would
give the hidden ones away, more sectors are withheld until the hidden ones hold at least
three organisations together (complementary suppression). A change between waves is shown
only when the group's respondents are the same, or differ by three or more. The rules and
the documents both score here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ctepartner.domain import HIGH_MEAN, LOW_MEAN, MIN_GROUP
from ctepartner.load.partnership import Partnership
from ctepartner.model.base import Sector
from ctepartner.model.files import Category, Question, Status, Wave
from ctepartner.survey.bank import questions

ALL = "all"  # the group of every respondent, beside the sectors


@dataclass(frozen=True)
class Mean:
    """A group's mean and how many stakeholders answered in it; no mean under MIN_GROUP,
    nor where showing it would let a smaller group be worked out (`withheld`)."""

    value: float | None
    n: int
    members: frozenset[str] = frozenset()  # the respondents' ids, for changes between waves
    withheld: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None


def _mean(answers: list[tuple[str, float]]) -> Mean:
    members = frozenset(stakeholder for stakeholder, _ in answers)
    if len(answers) < MIN_GROUP:
        return Mean(None, len(answers), members)
    return Mean(round(sum(value for _, value in answers) / len(answers), 2), len(answers),
                members)


def protected(groups: dict[str, Mean]) -> dict[str, Mean]:
    """The groups of one table (ALL and each sector) with complementary suppression: while
    the hidden sectors hold fewer than MIN_GROUP respondents together (so that ALL less the
    shown ones would give them away), the smallest shown sector is withheld too; with none
    left to withhold, ALL is."""
    found = dict(groups)
    sectors = [key for key in found if key != ALL]
    hidden = sum(found[key].n for key in sectors if not found[key].shown)
    candidates = sorted((key for key in sectors if found[key].shown),
                        key=lambda key: (found[key].n, key))
    while 0 < hidden < MIN_GROUP and candidates:
        key = candidates.pop(0)
        found[key] = Mean(None, found[key].n, found[key].members, withheld=True)
        hidden += found[key].n
    if 0 < hidden < MIN_GROUP and ALL in found and found[ALL].shown:
        found[ALL] = Mean(None, found[ALL].n, found[ALL].members, withheld=True)
    return found


@dataclass(frozen=True)
class WaveScores:
    """One wave, scored: by element and by category, each for ALL and for every sector."""

    wave: Wave
    invited: int
    responded: int
    overall: Mean  # every answer of every respondent
    elements: dict[int, dict[str, Mean]]
    categories: dict[Category, dict[str, Mean]]
    sectors: list[Sector]  # the sectors that at least one respondent belongs to

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None


def waves(p: Partnership) -> list[Wave]:
    """The survey's waves, oldest first."""
    found = p.survey.waves if p.survey else []
    return sorted(found, key=lambda wave: wave.opened)


def invited(p: Partnership, wave: Wave) -> set[str]:
    """Who the wave asked: its `invited` list, else every committed or active stakeholder."""
    if wave.invited is not None:
        return set(wave.invited)
    return {s.id for s in p.stakeholders if s.status in (Status.COMMITTED, Status.ACTIVE)}


def score(p: Partnership, wave: Wave) -> WaveScores:
    """Score one wave (once per loaded partnership: several rules and the report ask).
    Answers from a stakeholder that stakeholders.yaml does not define, and to a question
    that is in neither the bank nor survey.yaml, are left out (CP005)."""
    key = ("survey score", id(wave))
    if key not in p.memo:
        p.memo[key] = _score(p, wave)
    scores: WaveScores = p.memo[key]
    return scores


def _score(p: Partnership, wave: Wave) -> WaveScores:
    bank = questions(p)
    sectors = {s.id: s.sector for s in p.stakeholders}
    by_element: dict[int, dict[str, list[tuple[str, float]]]] = defaultdict(
        lambda: defaultdict(list))
    by_category: dict[Category, dict[str, list[tuple[str, float]]]] = defaultdict(
        lambda: defaultdict(list))
    seen: set[str] = set()
    overall: list[tuple[str, float]] = []
    for response in wave.responses:
        sector = sectors.get(response.stakeholder)
        if sector is None or response.stakeholder in seen:
            continue
        seen.add(response.stakeholder)
        ratings = [r for q, r in response.answers.items() if q in bank]
        if ratings:
            overall.append((response.stakeholder, sum(ratings) / len(ratings)))
        for groups, key in ((by_element, "element"), (by_category, "category")):
            for group, mean in _own_means(response.answers, bank, key).items():
                groups[group][ALL].append((response.stakeholder, mean))  # type: ignore[index]
                groups[group][sector.value].append(  # type: ignore[index]
                    (response.stakeholder, mean))
    answered = {sectors[s] for s in seen}
    return WaveScores(
        wave=wave, invited=len(invited(p, wave)), responded=len(seen), overall=_mean(overall),
        elements={e: protected({k: _mean(v) for k, v in g.items()})
                  for e, g in sorted(by_element.items())},
        categories={c: protected({k: _mean(v) for k, v in by_category[c].items()})
                    for c in Category if c in by_category},
        sectors=[sector for sector in Sector if sector in answered],
    )


def _own_means(answers: dict[str, int], bank: dict[str, Question], key: str
               ) -> dict[int | Category, float]:
    """One respondent's mean rating per element (or per category)."""
    sums: dict[int | Category, list[int]] = defaultdict(list)
    for question_id, rating in answers.items():
        question = bank.get(question_id)
        if question is not None:
            sums[getattr(question, key)].append(rating)
    return {group: sum(values) / len(values) for group, values in sums.items()}


def change(now: Mean, before: Mean | None) -> float | None:
    """The change of a shown mean since the previous wave, when both are shown and their
    respondents are the same or differ by at least MIN_GROUP (one newcomer's answers would
    otherwise be the difference)."""
    if before is None or now.value is None or before.value is None:
        return None
    if 0 < len(now.members ^ before.members) < MIN_GROUP:
        return None
    return round(now.value - before.value, 2)


def shade(mean: float) -> str:
    """How a heat map colours a mean: high, mid or low."""
    return "high" if mean >= HIGH_MEAN else "low" if mean < LOW_MEAN else "mid"


def trend_points(means: list[Mean], days: list[dt.date]) -> list[tuple[dt.date, float]]:
    """A group's shown means across waves, oldest first, leaving out a wave whose
    respondents differ from the last point's by one or two (as `change` does)."""
    points: list[tuple[dt.date, float]] = []
    last: Mean | None = None
    for mean, day in zip(means, days, strict=True):
        if mean.value is None or (last is not None and change(mean, last) is None):
            continue
        points.append((day, mean.value))
        last = mean
    return points
