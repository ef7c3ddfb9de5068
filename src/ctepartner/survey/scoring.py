"""Survey scores: means by element and by evaluation category, overall and by sector.

Each organisation counts once: a respondent's answers to a group's questions are averaged
first, and a group's mean is the mean of its respondents' means. A group that fewer than
three stakeholders answered shows no mean at all ("fewer than 3 responses"), so no answer
can be traced to one organisation. The rules and the documents both score here.
"""

from __future__ import annotations

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
    """A group's mean and how many stakeholders answered in it; no mean under MIN_GROUP."""

    value: float | None
    n: int

    @property
    def shown(self) -> bool:
        return self.value is not None


def _mean(values: list[float]) -> Mean:
    if len(values) < MIN_GROUP:
        return Mean(None, len(values))
    return Mean(round(sum(values) / len(values), 2), len(values))


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
    by_element: dict[int, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    by_category: dict[Category, dict[str, list[float]]] = defaultdict(
        lambda: defaultdict(list))
    seen: set[str] = set()
    overall: list[float] = []
    for response in wave.responses:
        sector = sectors.get(response.stakeholder)
        if sector is None or response.stakeholder in seen:
            continue
        seen.add(response.stakeholder)
        ratings = [r for q, r in response.answers.items() if q in bank]
        if ratings:
            overall.append(sum(ratings) / len(ratings))
        for groups, key in ((by_element, "element"), (by_category, "category")):
            for group, mean in _own_means(response.answers, bank, key).items():
                groups[group][ALL].append(mean)  # type: ignore[index]
                groups[group][sector.value].append(mean)  # type: ignore[index]
    answered = {sectors[s] for s in seen}
    return WaveScores(
        wave=wave, invited=len(invited(p, wave)), responded=len(seen), overall=_mean(overall),
        elements={e: {k: _mean(v) for k, v in g.items()} for e, g in sorted(by_element.items())},
        categories={c: {k: _mean(v) for k, v in by_category[c].items()} for c in Category
                    if c in by_category},
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
    """The change of a shown mean since the previous wave, when both are shown."""
    if before is None or now.value is None or before.value is None:
        return None
    return round(now.value - before.value, 2)


def shade(mean: float) -> str:
    """How a heat map colours a mean: high, mid or low."""
    return "high" if mean >= HIGH_MEAN else "low" if mean < LOW_MEAN else "mid"
