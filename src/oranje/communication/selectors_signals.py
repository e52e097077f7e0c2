"""Reads of the environment analysis' signals: what the public asks and says, counted.

Every figure here is a number of **contacts**, not of rows: a tally from the information line
("12 calls about 'rook giftig?'") is one row with `count` 12 and counts 12 everywhere. All
sums are done by the database (`Sum("count")` with GROUP BY); time buckets are hours or days
of Europe/Amsterdam time (the database truncates in that zone), so a chart's day runs from
local midnight to midnight, also across the clock change.

For the analyst's report (`period_summary`) and the charts (`volume`); the access check is the
caller's (`communication.access.communication_incident_for_user`): these functions take an
incident the user may already see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum
from django.db.models.expressions import Func
from django.db.models.fields import DateTimeField
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.communication.constants import Goal, Sentiment, SignalSource
from oranje.communication.models import Signal
from oranje.core.validation import local_zone
from oranje.incidents.models import Incident

Dimension = Literal["topic", "goal", "source", "sentiment"]
Bucket = Literal["hour", "day"]

#: How many topics a chart shows by name; the rest are one band "other topics".
CHART_TOPICS = 6
#: The most time buckets a chart draws; a longer period is drawn in days, then cut to the
#: latest ones.
MAX_BUCKETS = 96
#: The key of the band that gathers the topics past CHART_TOPICS, and of "no topic/goal".
OTHER = "__other__"
NONE = ""


@dataclass(frozen=True)
class SignalFilter:
    """What the signals list and the counts may be narrowed to; empty means everything."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None
    source: str = ""
    topic: str = ""
    goal: str = ""
    sentiment: str = ""
    rumour: bool | None = None
    #: With `rumour`: only those a message counters (True) or does not yet (False).
    countered: bool | None = None


def _filtered(incident: Incident, f: SignalFilter | None) -> QuerySet[Signal]:
    rows = Signal.objects.filter(incident=incident)
    if f is None:
        return rows
    if f.start is not None:
        rows = rows.filter(at__gte=f.start)
    if f.end is not None:
        rows = rows.filter(at__lt=f.end)
    if f.source:
        rows = rows.filter(source=f.source)
    if f.topic:
        rows = rows.filter(topic=f.topic)
    if f.goal:
        rows = rows.filter(goal=f.goal if f.goal != "none" else "")
    if f.sentiment:
        rows = rows.filter(sentiment=f.sentiment)
    if f.rumour is not None:
        rows = rows.filter(rumour=f.rumour)
    if f.countered is not None:
        rows = rows.filter(countered_by__isnull=not f.countered)
    return rows


def signal_list(incident: Incident, f: SignalFilter | None = None) -> QuerySet[Signal]:
    """The incident's signals (filtered), newest first, with the message countering a rumour."""
    return _filtered(incident, f).select_related("countered_by").order_by("-at", "-pk")


@dataclass(frozen=True)
class Totals:
    """`contacts`: the sum of counts; `rows`: signals recorded; `last_hour`: contacts in the
    hour before `now`; `rumours`: rumour signals (rows); `open_rumours`: not yet countered."""

    contacts: int
    rows: int
    last_hour: int
    rumours: int
    open_rumours: int


def totals(
    incident: Incident, f: SignalFilter | None = None, *, now: dt.datetime | None = None
) -> Totals:
    """The incident's signal totals in one query."""
    since = (now or timezone.now()) - dt.timedelta(hours=1)
    found = _filtered(incident, f).aggregate(
        contacts=Sum("count"),
        rows=Count("pk"),
        last_hour=Sum("count", filter=Q(at__gte=since)),
        rumours=Count("pk", filter=Q(rumour=True)),
        open_rumours=Count("pk", filter=Q(rumour=True, countered_by__isnull=True)),
    )
    return Totals(
        contacts=found["contacts"] or 0,
        rows=found["rows"],
        last_hour=found["last_hour"] or 0,
        rumours=found["rumours"],
        open_rumours=found["open_rumours"],
    )


def _labels(dimension: Dimension) -> dict[str, str]:
    choices = {"goal": Goal, "source": SignalSource, "sentiment": Sentiment}.get(dimension)
    labels = {str(k): str(v) for k, v in choices.choices} if choices is not None else {}
    labels[NONE] = _("(no goal)") if dimension == "goal" else _("(no topic)")
    labels[OTHER] = _("other topics")
    return labels


@dataclass(frozen=True)
class CountRow:
    """One group of a count: its key (the stored value), its label to show, contacts."""

    key: str
    label: str
    contacts: int


def counts_by(
    incident: Incident, dimension: Dimension, f: SignalFilter | None = None, *, limit: int = 0
) -> list[CountRow]:
    """Contacts per topic, goal, source or sentiment, most first (ties by key); `limit` > 0
    keeps the first so many. Topics are shown as written; an empty one is "(no topic)"."""
    labels = _labels(dimension)
    rows = (
        _filtered(incident, f).values(dimension).annotate(n=Sum("count")).order_by("-n", dimension)
    )
    if limit:
        rows = rows[:limit]
    return [
        CountRow(key=r[dimension], label=labels.get(r[dimension], r[dimension]), contacts=r["n"])
        for r in rows
    ]


def top_topics(
    incident: Incident, f: SignalFilter | None = None, *, limit: int = 10
) -> list[CountRow]:
    """The topics the public asks about most (in the filter's period), most first."""
    return counts_by(incident, "topic", f, limit=limit)


@dataclass(frozen=True)
class TopText:
    text: str
    topic: str
    contacts: int


def top_texts(
    incident: Incident, f: SignalFilter | None = None, *, limit: int = 10
) -> list[TopText]:
    """The literal questions and remarks heard most (same text and topic counted together)."""
    rows = (
        _filtered(incident, f)
        .values("text", "topic")
        .annotate(n=Sum("count"))
        .order_by("-n", "text")[:limit]
    )
    return [TopText(text=r["text"], topic=r["topic"], contacts=r["n"]) for r in rows]


def open_rumours(incident: Incident, f: SignalFilter | None = None) -> QuerySet[Signal]:
    """Rumours no published message counters yet, the most heard first."""
    return (
        _filtered(incident, f)
        .filter(rumour=True, countered_by__isnull=True)
        .order_by("-count", "-at", "-pk")
    )


def rumours(incident: Incident) -> QuerySet[Signal]:
    """Every rumour, open ones first, with the message that counters it."""
    return (
        Signal.objects.filter(incident=incident, rumour=True)
        .select_related("countered_by")
        .order_by(F("countered_by").asc(nulls_first=True), "-count", "-at", "-pk")
    )


# ---------------------------------------------------------------- over time


class UtcHour(Func):
    """The start of the UTC hour of a moment, computed by the database itself: SQLite's
    strftime on the stored UTC text (Django's own truncation on SQLite calls back into
    Python for every row: half a second for 50,000 signals), date_trunc elsewhere."""

    arity = 1
    output_field = DateTimeField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="substr(%(expressions)s, 1, 13) || ':00:00'",
            **extra,
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="date_trunc('hour', %(expressions)s AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'",
            **extra,
        )


@dataclass
class Series:
    """One band of a stacked chart: a topic or goal and its contacts per bucket."""

    key: str
    label: str
    values: list[int]

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass
class Volume:
    """Contacts per time bucket (local time) and per topic or goal: `buckets` are the starts
    of consecutive hours or days, every one present (zero when nothing came in)."""

    per: str
    bucket: str
    buckets: list[dt.datetime] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)

    @property
    def column_totals(self) -> list[int]:
        return [sum(s.values[i] for s in self.series) for i in range(len(self.buckets))]

    @property
    def total(self) -> int:
        return sum(s.total for s in self.series)


def _steps(first: dt.datetime, last: dt.datetime, bucket: Bucket) -> list[dt.datetime]:
    """The bucket starts from `first` to `last` (both bucket starts) in UTC: hours step in
    UTC (Amsterdam's offsets are whole hours, so a UTC hour is a local hour, and the hour
    that happens twice at the clock change stays two hours); days from local midnight."""
    zone = local_zone()
    out: list[dt.datetime] = []
    if bucket == "hour":
        at = first
        while at <= last:
            out.append(at)
            at += dt.timedelta(hours=1)
    else:
        day = first.astimezone(zone).date()
        end_day = last.astimezone(zone).date()
        while day <= end_day:
            out.append(dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone).astimezone(dt.UTC))
            day += dt.timedelta(days=1)
    return out


def _bounds(incident: Incident, f: SignalFilter | None) -> tuple[dt.datetime, dt.datetime] | None:
    found = _filtered(incident, f).aggregate(first=Min("at"), last=Max("at"))
    if found["first"] is None:
        return None
    return found["first"], found["last"]


def _bucket_start(hour: dt.datetime | str, bucket: Bucket) -> dt.datetime:
    if isinstance(hour, str):  # a backend without a converter for the expression
        hour = dt.datetime.fromisoformat(hour)
    if timezone.is_naive(hour):
        hour = hour.replace(tzinfo=dt.UTC)
    hour = hour.astimezone(dt.UTC)
    if bucket == "hour":
        return hour
    zone = local_zone()
    midnight = dt.datetime.combine(hour.astimezone(zone).date(), dt.time(0, 0), tzinfo=zone)
    return midnight.astimezone(dt.UTC)


def volume(
    incident: Incident,
    *,
    per: Literal["topic", "goal"] = "topic",
    bucket: Bucket | None = None,
    f: SignalFilter | None = None,
    topics: int = CHART_TOPICS,
) -> Volume:
    """Contacts per hour or day (Amsterdam time) and per topic or goal, for a stacked chart.

    By topic, the `topics` most heard over the whole period are bands of their own and the
    rest one band "other topics"; by goal, every goal and "(no goal)". Bands are ordered most
    first. Without `bucket`: hours for up to 48 hours of signals, days beyond."""
    zone = local_zone()
    bounds = _bounds(incident, f)
    if bucket is None:
        bucket = (
            "hour" if bounds is None or bounds[1] - bounds[0] <= dt.timedelta(hours=48) else "day"
        )
    result = Volume(per=per, bucket=bucket)
    if bounds is None:
        return result
    # Grouped per UTC hour in the database (see _steps); hours fold into local days here,
    # over at most a few thousand groups.
    grouped = (
        _filtered(incident, f)
        .annotate(b=UtcHour("at"))
        .values("b", per)
        .annotate(n=Sum("count"))
        .order_by()
    )
    cells: dict[tuple[dt.datetime, str], int] = {}
    per_key: dict[str, int] = {}
    for row in grouped:
        start = _bucket_start(row["b"], bucket)
        key = row[per]
        cells[(start, key)] = cells.get((start, key), 0) + row["n"]
        per_key[key] = per_key.get(key, 0) + row["n"]
    starts = sorted({start for start, _key in cells})
    steps = _steps(starts[0], starts[-1], bucket)[-MAX_BUCKETS:]
    ranked = sorted(per_key, key=lambda k: (-per_key[k], k))
    labels = _labels(per)
    if per == "topic" and len(ranked) > topics:
        named = ranked[:topics]
        band_of = {k: (k if k in named else OTHER) for k in ranked}
        bands = [*named, OTHER]
    else:
        band_of = {k: k for k in ranked}
        bands = ranked
    index = {start: i for i, start in enumerate(steps)}
    values = {band: [0] * len(steps) for band in bands}
    for (start, key), n in cells.items():
        i = index.get(start)
        if i is not None:
            values[band_of[key]][i] += n
    result.buckets = [start.astimezone(zone) for start in steps]
    result.series = [
        Series(key=band, label=labels.get(band, band), values=values[band]) for band in bands
    ]
    return result


# ---------------------------------------------------------------- for the analyst


@dataclass(frozen=True)
class PeriodSummary:
    """What the public asked and said in a period, for prefilling an analysis report."""

    start: dt.datetime | None
    end: dt.datetime | None
    totals: Totals
    by_goal: list[CountRow]
    by_sentiment: list[CountRow]
    by_source: list[CountRow]
    top_topics: list[CountRow]
    top_texts: list[TopText]
    open_rumours: list[Signal]


def period_summary(
    incident: Incident, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> PeriodSummary:
    """Everything the analyst's report draws on for signals with `start <= at < end` (either
    may be None: open). Open rumours are those of the period not yet countered, at most 20."""
    f = SignalFilter(start=start, end=end)
    return PeriodSummary(
        start=start,
        end=end,
        totals=totals(incident, f),
        by_goal=counts_by(incident, "goal", f),
        by_sentiment=counts_by(incident, "sentiment", f),
        by_source=counts_by(incident, "source", f),
        top_topics=top_topics(incident, f),
        top_texts=top_texts(incident, f),
        open_rumours=list(open_rumours(incident, f)[:20]),
    )


def topic_choices(incident: Incident) -> list[str]:
    """The topics already used in the incident, most heard first (for the entry form's
    suggestions and the filter), at most 200."""
    return [c.key for c in counts_by(incident, "topic", limit=200) if c.key]
