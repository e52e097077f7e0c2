"""Signals of the environment analysis: what the public asks and says, recorded one by one
(the quick entry of the information line), as a tally ("12 calls about 'rook giftig?'
between 14:00 and 15:00") or imported (`signal_import.py`).

Everyone who works in the incident records signals (`access.can_write_signals`); a closed
incident takes none. A signal holds no person data: what was asked, not who asked. A rumour
is countered by a published message of the same incident (`signal_counter`).

Topics are kept in lower case with single spaces, so that "Rook giftig?" and "rook  giftig?"
count as one topic in every chart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.communication.access import can_write_signals
from oranje.communication.constants import (
    SIGNAL_MAX,
    TOPIC_MAX,
    Goal,
    MessageStatus,
    Sentiment,
    SignalSource,
)
from oranje.communication.models import Message, Signal, SignalImport
from oranje.core import access as core_access
from oranje.core.audit import audit_record, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.text import neutralise_bidi
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import require_open

#: One signal stands for at most this many contacts (a busy hour of a large call centre).
COUNT_MAX = 10_000
#: How long before the incident's start a signal may lie (the smoke seen before the alarm).
EARLIEST = dt.timedelta(days=1)
#: How far ahead of the server's clock a time may be (a tablet's clock runs a little fast).
CLOCK_SLACK = dt.timedelta(minutes=5)
#: The longest period one tally covers, and the most lines it has.
TALLY_PERIOD_MAX = dt.timedelta(hours=24)
TALLY_LINES_MAX = 50
#: The choices' values, once (an enumeration's `.values` builds a new list at every call,
#: and an import checks 50,000 rows).
_SOURCES = frozenset(SignalSource.values)
_GOALS = frozenset(Goal.values)
_SENTIMENTS = frozenset(Sentiment.values)

TEXT_REQUIRED = gettext_lazy("text: say what was asked or said.")
TEXT_TOO_LONG = gettext_lazy("text: at most %(max)s characters (this one has %(n)s).")
TOPIC_TOO_LONG = gettext_lazy("topic: at most %(max)s characters (this one has %(n)s).")
SOURCE_UNKNOWN = gettext_lazy("source: choose one of the sources.")
GOAL_UNKNOWN = gettext_lazy("goal: choose one of the three goals, or none.")
SENTIMENT_UNKNOWN = gettext_lazy("sentiment: choose negative, neutral or positive.")
COUNT_RANGE = gettext_lazy("count: give a number from 1 to %(max)s.")
TOO_EARLY = gettext_lazy("time: %(at)s is more than a day before the incident began (%(start)s).")
IN_FUTURE = gettext_lazy("time: %(at)s lies in the future.")
NOT_A_RUMOUR = gettext_lazy("rumour: only a signal marked as rumour is countered.")
MESSAGE_OTHER_INCIDENT = gettext_lazy("message: not a message of this incident.")
MESSAGE_NOT_PUBLISHED = gettext_lazy(
    "message: only a published message counters a rumour (this one is %(status)s)."
)
TALLY_PERIOD = gettext_lazy("until: the end of the period must come after its start.")
TALLY_TOO_LONG = gettext_lazy("until: a tally covers at most 24 hours.")
TALLY_EMPTY = gettext_lazy("lines: give at least one topic with its number of contacts.")
TALLY_TOO_MANY = gettext_lazy("lines: at most %(max)s lines in one tally.")
TALLY_LINE = gettext_lazy("line %(line)s: %(problem)s")
TALLY_TWICE = gettext_lazy("This tally was already entered on %(when)s; it is not counted twice.")


def _moment(value: dt.datetime) -> str:
    return date_format(timezone.localtime(value), "j-n-Y H:i")


#: Control characters (but tab and newline) have no place in what the public said; a pasted
#: one would otherwise reach the charts' XML and the spreadsheets.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain(text: str) -> str:
    """The text without bidirectional and control characters."""
    return neutralise_bidi(_CONTROLS.sub(" ", text))


def normal_topic(topic: str) -> str:
    """The topic as it is stored and counted: lower case, single spaces."""
    return " ".join(plain(topic).split()).lower()


@dataclass(frozen=True)
class SignalData:
    """One signal as typed, read from a tally or from a file row."""

    source: str
    text: str
    at: dt.datetime
    topic: str = ""
    goal: str = ""
    sentiment: str = Sentiment.NEUTRAL
    rumour: bool = False
    count: int = 1


@dataclass(frozen=True)
class Window:
    """The times a signal of the incident may have: from a day before its start to now."""

    earliest: dt.datetime
    latest: dt.datetime

    @classmethod
    def of(cls, incident: Incident, now: dt.datetime | None = None) -> Window:
        latest = (now or timezone.now()) + CLOCK_SLACK
        if incident.closed_at is not None:
            latest = min(latest, incident.closed_at + CLOCK_SLACK)
        return cls(earliest=incident.started_at - EARLIEST, latest=latest)


def signal_problems(
    data: SignalData, window: Window, incident: Incident
) -> tuple[SignalData, dict[str, list[str]]]:
    """The signal cleaned (text trimmed, topic normalised) and its problems by field; asks
    the database nothing, so that an import checks 50,000 rows quickly."""
    errors: dict[str, list[str]] = {}
    text = plain(data.text).strip()
    topic = normal_topic(data.topic)
    if not text:
        errors["text"] = [str(TEXT_REQUIRED)]
    elif len(text) > SIGNAL_MAX:
        errors["text"] = [str(TEXT_TOO_LONG % {"max": SIGNAL_MAX, "n": len(text)})]
    if len(topic) > TOPIC_MAX:
        errors["topic"] = [str(TOPIC_TOO_LONG % {"max": TOPIC_MAX, "n": len(topic)})]
    if data.source not in _SOURCES:
        errors["source"] = [str(SOURCE_UNKNOWN)]
    if data.goal and data.goal not in _GOALS:
        errors["goal"] = [str(GOAL_UNKNOWN)]
    if data.sentiment not in _SENTIMENTS:
        errors["sentiment"] = [str(SENTIMENT_UNKNOWN)]
    if not 1 <= data.count <= COUNT_MAX:
        errors["count"] = [str(COUNT_RANGE % {"max": f"{COUNT_MAX:,}".replace(",", ".")})]
    if data.at < window.earliest:
        errors["at"] = [
            str(TOO_EARLY % {"at": _moment(data.at), "start": _moment(incident.started_at)})
        ]
    elif data.at > window.latest:
        errors["at"] = [str(IN_FUTURE % {"at": _moment(data.at)})]
    return replace(data, text=text, topic=topic), errors


def _checked(incident: Incident, data: SignalData) -> SignalData:
    clean, errors = signal_problems(data, Window.of(incident), incident)
    if errors:
        raise ValidationError(errors)
    return clean


_AUDITED = ["source", "text", "at", "topic", "goal", "sentiment", "rumour", "count"]


def require_signal_writer(actor: User, incident: Incident) -> None:
    """403 unless the actor may record signals in the incident; refused once it is closed."""
    core_access.require(can_write_signals(actor, incident))
    require_open(incident)


@transaction.atomic
def signal_create(*, incident: Incident, actor: User, data: SignalData) -> Signal:
    """Record one signal (or a number of the same contacts, `count`)."""
    require_signal_writer(actor, incident)
    clean = _checked(incident, data)
    signal = Signal.objects.create(
        incident=incident,
        source=clean.source,
        text=clean.text,
        at=clean.at,
        topic=clean.topic,
        goal=clean.goal,
        sentiment=clean.sentiment,
        rumour=clean.rumour,
        count=clean.count,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SIGNAL_CREATE,
        obj=signal,
        region=incident.region,
        changes={k: [None, v] for k, v in snapshot(signal, _AUDITED).items()},
    )
    return signal


def _locked(signal: Signal) -> Signal:
    return Signal.objects.select_for_update().select_related("incident__region").get(pk=signal.pk)


@transaction.atomic
def signal_update(*, signal: Signal, actor: User, data: SignalData) -> Signal:
    """Change a signal; one that stops being a rumour loses its counter-message."""
    signal = _locked(signal)
    incident = signal.incident
    require_signal_writer(actor, incident)
    clean = _checked(incident, data)
    before = snapshot(signal, [*_AUDITED, "countered_by"])
    for name in _AUDITED:
        setattr(signal, name, getattr(clean, name))
    if not signal.rumour:
        signal.countered_by = None
    signal.save()
    after = snapshot(signal, [*_AUDITED, "countered_by"])
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.SIGNAL_UPDATE,
            obj=signal,
            region=incident.region,
            changes=changes,
        )
    return signal


@transaction.atomic
def signal_delete(*, signal: Signal, actor: User) -> None:
    """Remove a signal recorded by mistake; the audit entry keeps what it said."""
    signal = _locked(signal)
    incident = signal.incident
    require_signal_writer(actor, incident)
    audit_record(
        actor=actor,
        action=AuditAction.SIGNAL_DELETE,
        obj=signal,
        region=incident.region,
        changes={k: [v, None] for k, v in snapshot(signal, _AUDITED).items()},
    )
    signal.delete()


@transaction.atomic
def signal_counter(*, signal: Signal, actor: User, message: Message | None) -> Signal:
    """Link a rumour to the published message of its incident that counters it (or, with
    None, undo the link)."""
    signal = _locked(signal)
    incident = signal.incident
    require_signal_writer(actor, incident)
    if message is not None:
        errors: dict[str, list[str]] = {}
        if not signal.rumour:
            errors["rumour"] = [str(NOT_A_RUMOUR)]
        if message.incident_id != incident.pk:
            errors["message"] = [str(MESSAGE_OTHER_INCIDENT)]
        elif message.status != MessageStatus.PUBLISHED:
            errors["message"] = [
                str(MESSAGE_NOT_PUBLISHED % {"status": MessageStatus(message.status).label})
            ]
        if errors:
            raise ValidationError(errors)
    before = signal.countered_by_id
    if before == (message.pk if message is not None else None):
        return signal
    signal.countered_by = message
    signal.save(update_fields=["countered_by"])
    audit_record(
        actor=actor,
        action=AuditAction.SIGNAL_UPDATE,
        obj=signal,
        region=incident.region,
        changes={"countered_by": [before, message.pk if message is not None else None]},
        note=message.title if message is not None else "",
    )
    return signal


# ---------------------------------------------------------------- tally


@dataclass(frozen=True)
class TallyLine:
    """One line of a tally: a topic (as the callers put it), how many, and its goal."""

    topic: str
    count: int
    goal: str = ""


def _tally_key(start: dt.datetime, end: dt.datetime, source: str, lines: list[TallyLine]) -> str:
    content = "\n".join(
        [
            "tally",
            start.astimezone(dt.UTC).isoformat(),
            end.astimezone(dt.UTC).isoformat(),
            source,
            *(f"{normal_topic(x.topic)}\t{x.count}\t{x.goal}" for x in lines),
        ]
    )
    return hashlib.sha256(content.encode()).hexdigest()


@transaction.atomic
def signal_tally(
    *,
    incident: Incident,
    actor: User,
    start: dt.datetime,
    end: dt.datetime,
    source: str,
    lines: list[TallyLine],
) -> SignalImport:
    """Record the information line's tally for a period in one go: a signal per line, its
    time the middle of the period, its text the topic as written. The same tally entered
    twice (a double tap) is refused, not counted twice."""
    require_signal_writer(actor, incident)
    errors: dict[str, list[str]] = {}
    if end <= start:
        errors["until"] = [str(TALLY_PERIOD)]
    elif end - start > TALLY_PERIOD_MAX:
        errors["until"] = [str(TALLY_TOO_LONG)]
    if not lines:
        errors["lines"] = [str(TALLY_EMPTY)]
    elif len(lines) > TALLY_LINES_MAX:
        errors["lines"] = [str(TALLY_TOO_MANY % {"max": TALLY_LINES_MAX})]
    if errors:
        raise ValidationError(errors)
    window = Window.of(incident)
    middle = start + (end - start) / 2
    cleaned: list[SignalData] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        data = SignalData(
            source=source,
            text=line.topic,
            at=middle,
            topic=line.topic,
            goal=line.goal,
            count=line.count,
        )
        clean, found = signal_problems(data, window, incident)
        for field_errors in found.values():
            problems += [str(TALLY_LINE % {"line": number, "problem": p}) for p in field_errors]
        cleaned.append(clean)
    if problems:
        raise ValidationError({"lines": problems})
    key = _tally_key(start, end, source, lines)
    earlier = SignalImport.objects.filter(incident=incident, sha256=key).first()
    if earlier is not None:
        raise ValidationError(str(TALLY_TWICE % {"when": _moment(earlier.created_at)}))
    name = _("tally %(start)s–%(end)s") % {
        "start": _moment(start),
        "end": date_format(timezone.localtime(end), "H:i"),
    }
    try:
        with transaction.atomic():
            batch = SignalImport.objects.create(
                incident=incident,
                file_name=name[:255],
                sha256=key,
                rows=len(cleaned),
                created_by=actor,
            )
    except IntegrityError:  # the same tally, sent twice at the same moment
        raise ValidationError(str(TALLY_TWICE % {"when": _moment(timezone.now())})) from None
    Signal.objects.bulk_create(
        [
            Signal(
                incident=incident,
                source=c.source,
                text=c.text,
                at=c.at,
                topic=c.topic,
                goal=c.goal,
                sentiment=c.sentiment,
                count=c.count,
                batch=batch,
                created_by=actor,
            )
            for c in cleaned
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.SIGNAL_IMPORT,
        obj=batch,
        region=incident.region,
        changes={
            "rows": [0, len(cleaned)],
            "contacts": [0, sum(c.count for c in cleaned)],
        },
        note=name,
    )
    return batch
