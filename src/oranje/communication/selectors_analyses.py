"""Reads behind the environment analysis: what the signals of a period say — the most asked
topics, the rumours nobody countered yet, the mood — as plain data (counts, never persons),
and the analyses and their periods.

The signals room's selectors (`selectors_signals`) give the period's signals and the counts
per sentiment; the topics here are grouped the analyst's way: a topic however it is typed,
a signal without a topic by its text, with the goal most of its contacts serve and the
question most often asked, rumours apart."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext_lazy

from oranje.communication import selectors_signals
from oranje.communication.constants import Goal, ReviewStatus, Sentiment
from oranje.communication.models import Analysis, Signal
from oranje.communication.selectors_signals import SignalFilter
from oranje.incidents.models import Incident

#: The heading of the top questions that serve none of the three goals.
OTHER_QUESTIONS = gettext_lazy("Other questions")
#: How many topics the analysis lists as top questions, and how many open rumours.
TOP_QUESTIONS = 10
TOP_RUMOURS = 10


@dataclass(frozen=True)
class Topic:
    """One topic (or, for signals without a topic, one text) and how often it came up."""

    key: str
    label: str
    count: int
    #: The goal most of its signals serve ("" when none was given).
    goal: str
    #: The text most often asked within the topic.
    example: str


@dataclass(frozen=True)
class Rumour:
    key: str
    label: str
    #: In the period; and since the incident's start up to the period's end.
    count: int
    total: int
    example: str


@dataclass(frozen=True)
class Mood:
    """Signals per sentiment (weighted by their count)."""

    negative: int
    neutral: int
    positive: int

    @property
    def total(self) -> int:
        return self.negative + self.neutral + self.positive

    def share(self, sentiment: str) -> int:
        """Whole percent of the signals with this sentiment (0 without signals)."""
        if not self.total:
            return 0
        return round(100 * getattr(self, sentiment) / self.total)


def period_signals(incident: Incident, start: dt.datetime, end: dt.datetime) -> QuerySet[Signal]:
    """The incident's signals from `start` up to (not including) `end`."""
    return selectors_signals.signal_list(incident, SignalFilter(start=start, end=end))


def normal_text(text: str) -> str:
    """The text as the same question however it is typed: spaces, final punctuation, case."""
    return re.sub(r"\s+", " ", text).strip().rstrip("?!. ").lower()


def _grouped(signals: QuerySet[Signal]) -> dict[str, dict[tuple[str, str, str], int]]:
    """Signals grouped by their topic (lower case), or by their text when they have none:
    per group, the (topic, goal, text) variants with their counts."""
    rows = (
        signals.annotate(t=Lower(Trim("topic")))
        .values("t", "topic", "goal", "text")
        .annotate(n=Sum("count"))
        .order_by()
    )
    groups: dict[str, dict[tuple[str, str, str], int]] = defaultdict(dict)
    for row in rows:
        key = row["t"] or "tekst:" + normal_text(row["text"])
        variant = (row["topic"].strip(), row["goal"], row["text"])
        groups[key][variant] = groups[key].get(variant, 0) + row["n"]
    return groups


def _most(counts: dict[str, int]) -> str:
    return max(sorted(counts), key=lambda k: counts[k]) if counts else ""


def _summary(variants: dict[tuple[str, str, str], int]) -> tuple[str, str, str, int]:
    """The group's label (its topic as most often written, or its text), goal, example
    text and count."""
    topics: dict[str, int] = defaultdict(int)
    goals: dict[str, int] = defaultdict(int)
    texts: dict[str, int] = defaultdict(int)
    for (topic, goal, text), n in variants.items():
        topics[topic] += n
        if goal:
            goals[goal] += n
        texts[text] += n
    example = _most(texts)
    label = _most({t: n for t, n in topics.items() if t}) or example
    return label, _most(goals), example, sum(variants.values())


def top_topics(
    incident: Incident, start: dt.datetime, end: dt.datetime, limit: int = TOP_QUESTIONS
) -> list[Topic]:
    """The most frequent topics of the period's signals that are not rumours, most first."""
    found = []
    for key, variants in _grouped(
        period_signals(incident, start, end).filter(rumour=False)
    ).items():
        label, goal, example, count = _summary(variants)
        found.append(Topic(key=key, label=label, count=count, goal=goal, example=example))
    found.sort(key=lambda t: (-t.count, t.label.lower()))
    return found[:limit]


def open_rumours(
    incident: Incident, start: dt.datetime, end: dt.datetime, limit: int = TOP_RUMOURS
) -> list[Rumour]:
    """The rumours nobody countered yet (no published message counters them): those heard in
    the period, most first, and those heard before it that are still open."""
    rumours = Signal.objects.filter(
        incident=incident, rumour=True, at__lt=end, countered_by__isnull=True
    )
    in_period = _grouped(rumours.filter(at__gte=start))
    found = []
    for key, variants in _grouped(rumours).items():
        label, _goal, example, total = _summary(variants)
        count = sum(in_period.get(key, {}).values())
        found.append(Rumour(key=key, label=label, count=count, total=total, example=example))
    found.sort(key=lambda r: (-r.count, -r.total, r.label.lower()))
    return found[:limit]


def mood(incident: Incident, start: dt.datetime, end: dt.datetime) -> Mood:
    """The period's contacts per sentiment."""
    found = {
        row.key: row.contacts
        for row in selectors_signals.counts_by(
            incident, "sentiment", SignalFilter(start=start, end=end)
        )
    }
    return Mood(
        negative=found.get(Sentiment.NEGATIVE, 0),
        neutral=found.get(Sentiment.NEUTRAL, 0),
        positive=found.get(Sentiment.POSITIVE, 0),
    )


def analysis_list(incident: Incident) -> QuerySet[Analysis]:
    """The incident's analyses, the latest period first."""
    return Analysis.objects.filter(incident=incident).select_related(
        "created_by", "approved_by", "updated_by"
    )


def latest_approved(incident: Incident) -> Analysis | None:
    """The approved analysis of the latest period."""
    return (
        Analysis.objects.filter(incident=incident, status=ReviewStatus.APPROVED)
        .order_by("-period_end", "-pk")
        .first()
    )


def next_period_start(incident: Incident) -> dt.datetime:
    """Where a new analysis starts: where the latest one ended, or the incident's start."""
    last = Analysis.objects.filter(incident=incident).order_by("-period_end").first()
    return last.period_end if last is not None else incident.started_at


def goal_sections(text: str) -> list[tuple[str, str, list[str]]]:
    """The top questions as written, cut at the goals' headings ("Informatievoorziening",
    "Schadebeperking", "Betekenisgeving", in any case, a colon allowed): per goal its code,
    label and lines, in the goals' order; lines before any heading or under another heading
    go under "" (other questions, also under their own heading)."""
    names: dict[str, str] = {}
    for value, label in Goal.choices:
        for name in (value, str(label), Goal(value).name.replace("_", " ")):
            names[name.lower()] = value
    names[str(OTHER_QUESTIONS).lower()] = ""
    lines: dict[str, list[str]] = {value: [] for value in [*Goal.values, ""]}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = line.rstrip(":").strip().lower()
        if heading in names:
            current = names[heading]
            continue
        lines[current].append(line.removeprefix("- ").removeprefix("• "))
    labels = dict(Goal.choices)
    return [
        (value, str(labels[value]) if value else "", lines[value])
        for value in [*Goal.values, ""]
        if value or lines[value]
    ]
