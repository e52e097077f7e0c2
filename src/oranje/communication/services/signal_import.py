"""Importing signals from a social-media monitoring export (CSV or .xlsx).

One row per post or mention; header names Dutch or English, any case (`COLUMNS`): a date and
time (one column, or a date and a time column), the text, and optionally the source or
platform, topic or category, goal, sentiment, rumour and count. A platform such as Twitter,
X, Facebook or TikTok is the source "social media", a news site "press"; an empty source is
the one chosen on the form. Times without an offset are Amsterdam time.

All rows or none: every bad row is reported with its row number, the column as the file
names it and the problem, and nothing of such a file is kept. The same file twice (by its
SHA-256) is refused. Fast: the rows are checked without asking the database and written
in batches with one prepared INSERT each (50,000 rows well under 20 seconds,
`bench/comm_signals.py`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from oranje.communication.constants import Goal, Sentiment, SignalSource
from oranje.communication.models import Signal, SignalImport
from oranje.communication.services.signals import (
    COUNT_MAX,
    SignalData,
    Window,
    require_signal_writer,
    signal_problems,
)
from oranje.core import tabular
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.tabular import ImportReport, RowError
from oranje.core.validation import local_zone, parse_day, parse_local_datetime
from oranje.incidents.models import Incident

#: The largest file accepted: 100,000 rows of a monitoring export.
UPLOAD_MAX = 40 * 1024 * 1024
BATCH = 2000

#: Canonical column -> accepted header names (lower case); the first is the template's.
COLUMNS: dict[str, tuple[str, ...]] = {
    "at": (
        "datum/tijd",
        "tijdstip",
        "datumtijd",
        "datum_tijd",
        "date/time",
        "datetime",
        "date_time",
        "timestamp",
        "moment",
        "published",
        "gepubliceerd",
        "created_at",
        "publicatiedatum",
    ),
    "date": ("datum", "date", "dag", "day"),
    "time": ("tijd", "time", "uur"),
    "source": ("bron", "source", "platform", "kanaal", "channel", "medium", "network", "netwerk"),
    "text": (
        "tekst",
        "text",
        "bericht",
        "message",
        "inhoud",
        "content",
        "post",
        "snippet",
        "vraag",
        "question",
    ),
    "topic": ("onderwerp", "topic", "categorie", "category", "thema", "theme", "tag", "label"),
    "goal": ("doel", "goal"),
    "sentiment": ("sentiment", "stemming", "toon", "tone"),
    "rumour": ("gerucht", "rumour", "rumor"),
    "count": ("aantal", "count", "volume", "mentions", "vermeldingen"),
}
REQUIRED = ("text",)

MISSING_TIME = gettext_lazy(
    "The file lacks a column with the date and time (datum/tijd, or datum and tijd)."
)
ALREADY = gettext_lazy(
    "This file was already imported on %(when)s (%(rows)s signals); it is not imported twice."
)
UNKNOWN_SOURCE = gettext_lazy("'%(value)s' is not a source we know (%(known)s).")
UNKNOWN_GOAL = gettext_lazy(
    "'%(value)s' is not a goal (informatievoorziening, schadebeperking, betekenisgeving)."
)
UNKNOWN_SENTIMENT = gettext_lazy("'%(value)s' is not a sentiment (negatief, neutraal, positief).")
NOT_YES_NO = gettext_lazy("'%(value)s' is not ja or nee.")
NOT_A_COUNT = gettext_lazy("'%(value)s' is not a whole number from 1 to %(max)s.")

_SOURCES: dict[str, str] = {
    **{
        name: SignalSource.SOCIAL
        for name in (
            "social",
            "social media",
            "sociale media",
            "socials",
            "twitter",
            "x",
            "facebook",
            "instagram",
            "tiktok",
            "linkedin",
            "youtube",
            "reddit",
            "mastodon",
            "bluesky",
            "threads",
            "telegram",
            "whatsapp",
            "nextdoor",
            "snapchat",
            "forum",
            "forums",
            "blog",
            "blogs",
            "web",
            "online",
        )
    },
    **{
        name: SignalSource.PRESS
        for name in (
            "press",
            "pers",
            "news",
            "nieuws",
            "online news",
            "krant",
            "media",
            "tv",
            "radio",
        )
    },
    **{
        name: SignalSource.PHONE
        for name in ("phone", "telefoon", "informatienummer", "information line", "callcenter")
    },
    **{name: SignalSource.PARTNER for name in ("partner", "partners", "ketenpartner")},
    **{name: SignalSource.FIELD for name in ("field", "veld", "straat")},
}
_GOALS: dict[str, str] = {
    "": "",
    "inform": Goal.INFORM,
    "informing": Goal.INFORM,
    "informeren": Goal.INFORM,
    "informatievoorziening": Goal.INFORM,
    "limit_harm": Goal.LIMIT_HARM,
    "limiting harm": Goal.LIMIT_HARM,
    "schadebeperking": Goal.LIMIT_HARM,
    "handelingsperspectief": Goal.LIMIT_HARM,
    "meaning": Goal.MEANING,
    "giving meaning": Goal.MEANING,
    "betekenisgeving": Goal.MEANING,
}
_SENTIMENTS: dict[str, str] = {
    "": Sentiment.NEUTRAL,
    "negative": Sentiment.NEGATIVE,
    "negatief": Sentiment.NEGATIVE,
    "neg": Sentiment.NEGATIVE,
    "-": Sentiment.NEGATIVE,
    "neutral": Sentiment.NEUTRAL,
    "neutraal": Sentiment.NEUTRAL,
    "mixed": Sentiment.NEUTRAL,
    "gemengd": Sentiment.NEUTRAL,
    "positive": Sentiment.POSITIVE,
    "positief": Sentiment.POSITIVE,
    "pos": Sentiment.POSITIVE,
    "+": Sentiment.POSITIVE,
}
_YES = {"ja", "j", "yes", "y", "x", "1", "waar", "true"}
_NO = {"nee", "n", "no", "0", "onwaar", "false", ""}


@dataclass(frozen=True)
class SignalFile:
    """A file read: its name, its SHA-256, the rows and the header as the file writes it."""

    name: str
    sha256: str
    rows: list[tuple[int, dict[str, object]]]
    headers: dict[str, str]


@dataclass
class SignalImportReport(ImportReport):
    """What the import did: `created` signals (`contacts` together), or every problem."""

    contacts: int = 0
    batch: SignalImport | None = None


def template_csv() -> bytes:
    """The header row of an import file, for the user to fill in."""
    from oranje.core.spreadsheet import csv_bytes

    names = ["datum/tijd", "bron", "tekst", "onderwerp", "doel", "sentiment", "gerucht", "aantal"]
    return csv_bytes(names, [])


def read_signals(stream: IO[bytes], filename: str) -> SignalFile:
    """The rows of a monitoring export; ValidationError (Dutch) for a file that is no table
    or lacks the text or the time."""
    data = stream.read()
    rows = tabular.read_table(io.BytesIO(data), filename, columns=COLUMNS, required=REQUIRED)
    header = tabular.read_header(data, filename)
    headers: dict[str, str] = {}
    for canonical, names in COLUMNS.items():
        for written in header:
            if written.strip().lower() in names:
                headers[canonical] = written.strip()
                break
    if "at" not in headers and "date" not in headers:
        raise ValidationError(str(MISSING_TIME))
    return SignalFile(
        name=filename[:255] or "signalen",
        sha256=hashlib.sha256(data).hexdigest(),
        rows=rows,
        headers=headers,
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _moment(values: dict[str, object]) -> dt.datetime:
    at = values.get("at")
    if at is not None and _text(at):
        moment = parse_local_datetime(at if isinstance(at, dt.datetime) else _text(at))
    else:
        day_value = values.get("date")
        time_value = values.get("time")
        if isinstance(day_value, dt.datetime) and not _text(time_value):
            moment = parse_local_datetime(day_value)
        elif isinstance(day_value, dt.date) or isinstance(time_value, dt.time):
            day = parse_day(day_value)
            clock = (
                time_value
                if isinstance(time_value, dt.time)
                else parse_local_datetime(f"2000-01-01 {_text(time_value) or '00:00'}").time()
            )
            moment = dt.datetime.combine(day, clock.replace(tzinfo=None), tzinfo=local_zone())
        else:
            moment = parse_local_datetime(f"{_text(day_value)} {_text(time_value)}".strip())
    return moment


def _source(value: object, default: str) -> str:
    text = _text(value).lower()
    if not text:
        return default
    if text in SignalSource.values:
        return text
    found = _SOURCES.get(text) or next(
        (str(k) for k in SignalSource if str(k.label).lower() == text), None
    )
    if found is None:
        raise ValidationError(
            str(UNKNOWN_SOURCE % {"value": text[:30], "known": "twitter, facebook, nieuws, …"})
        )
    return found


def _goal(value: object) -> str:
    text = _text(value).lower()
    found = _GOALS.get(text)
    if found is None:
        found = next((str(k) for k in Goal if str(k.label).lower() == text), None)
    if found is None:
        raise ValidationError(str(UNKNOWN_GOAL % {"value": text[:30]}))
    return found


def _sentiment(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_score(float(value))
    text = _text(value).lower()
    found = _SENTIMENTS.get(text)
    if found is not None:
        return found
    try:
        return _from_score(float(text.replace(",", ".")))
    except ValueError:
        raise ValidationError(str(UNKNOWN_SENTIMENT % {"value": text[:30]})) from None


def _from_score(score: float) -> str:
    """A monitoring tool's score (-1 to 1, or -5 to 5): its sign."""
    if score != score:  # NaN
        raise ValidationError(str(UNKNOWN_SENTIMENT % {"value": "NaN"}))
    return (
        Sentiment.NEGATIVE if score < 0 else Sentiment.POSITIVE if score > 0 else Sentiment.NEUTRAL
    )


def _rumour(value: object) -> bool:
    text = _text(value).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(str(NOT_YES_NO % {"value": text[:20]}))


def _count(value: object) -> int:
    text = _text(value)
    if not text:
        return 1
    if text.isascii() and text.isdigit() and len(text) <= 6:
        return int(text)  # in range or not: signal_problems names the range
    raise ValidationError(str(NOT_A_COUNT % {"value": text[:20], "max": COUNT_MAX}))


def signals_import(
    *, incident: Incident, actor: User, file: SignalFile, default_source: str = SignalSource.SOCIAL
) -> SignalImportReport:
    """Create a signal for every row of the file, or none: the report lists every problem
    (row, column, message). The same file again is refused (ValidationError on `file`)."""
    require_signal_writer(actor, incident)
    earlier = SignalImport.objects.filter(incident=incident, sha256=file.sha256).first()
    if earlier is not None:
        raise ValidationError({"file": [_already(earlier)]})
    report = SignalImportReport()
    window = Window.of(incident)
    column = {**file.headers}
    column.setdefault("at", column.get("date", "datum/tijd"))
    for key in ("text", "topic", "source", "goal", "sentiment", "count"):
        column.setdefault(key, COLUMNS[key][0])
    parsers = (
        ("source", lambda v: _source(v, default_source)),
        ("goal", _goal),
        ("sentiment", _sentiment),
        ("rumour", _rumour),
        ("count", _count),
    )
    cleaned: list[SignalData] = []
    errors = report.errors
    for line, values in file.rows:
        parsed: dict[str, object] = {}
        failed = False
        try:
            parsed["at"] = _moment(values)
        except ValidationError as exc:
            errors.append(RowError(line, column["at"], exc.messages[0]))
            failed = True
        for name, parse in parsers:
            try:
                parsed[name] = parse(values.get(name))
            except ValidationError as exc:
                errors.append(RowError(line, column.get(name, name), exc.messages[0]))
                failed = True
        if failed:
            continue
        data = SignalData(
            text=_text(values.get("text")),
            topic=_text(values.get("topic")),
            **parsed,  # type: ignore[arg-type]
        )
        clean, problems = signal_problems(data, window, incident)
        if problems:
            for key, messages in problems.items():
                errors.extend(RowError(line, column.get(key, key), m) for m in messages)
            continue
        cleaned.append(clean)
    if errors:
        return report
    with transaction.atomic():
        try:
            with transaction.atomic():
                batch = SignalImport.objects.create(
                    incident=incident,
                    file_name=file.name,
                    sha256=file.sha256,
                    rows=len(cleaned),
                    created_by=actor,
                )
        except IntegrityError:  # the same file, sent twice at the same moment
            found = SignalImport.objects.get(incident=incident, sha256=file.sha256)
            raise ValidationError({"file": [_already(found)]}) from None
        _insert(cleaned, incident=incident, batch=batch, actor=actor)
        report.created = len(cleaned)
        report.contacts = sum(c.count for c in cleaned)
        report.batch = batch
        audit_record(
            actor=actor,
            action=AuditAction.SIGNAL_IMPORT,
            obj=batch,
            region=incident.region,
            changes={"rows": [0, report.created], "contacts": [0, report.contacts]},
            note=file.name,
        )
    return report


#: The columns an import writes, in the order of `_insert`'s rows.
_COLUMNS = (
    "incident",
    "source",
    "text",
    "at",
    "topic",
    "goal",
    "sentiment",
    "rumour",
    "count",
    "countered_by",
    "batch",
    "created_at",
    "created_by",
)


def _insert(
    rows: list[SignalData], *, incident: Incident, batch: SignalImport, actor: User
) -> None:
    """Write the checked rows in batches of BATCH with one prepared INSERT each
    (`executemany`). `bulk_create` spends 10 of the 20 seconds the norm allows on 50,000
    rows building and compiling model instances (on SQLite 76 rows a statement, its limit of
    999 parameters); the rows are checked above exactly as `signal_create` checks one, and
    every column of the model is given here, so nothing of the model is skipped but the
    per-row Python."""
    ops = connection.ops
    meta = Signal._meta
    fields = {f.name: f.column for f in meta.concrete_fields}
    columns = ", ".join(ops.quote_name(fields[name]) for name in _COLUMNS)
    marks = ", ".join(["%s"] * len(_COLUMNS))
    table = ops.quote_name(meta.db_table)
    # Names from the model, every value a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    created = ops.adapt_datetimefield_value(timezone.now())
    moment = ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    (
                        incident.pk,
                        c.source,
                        c.text,
                        moment(c.at),
                        c.topic,
                        c.goal,
                        c.sentiment,
                        c.rumour,
                        c.count,
                        None,
                        batch.pk,
                        created,
                        actor.pk,
                    )
                    for c in rows[start : start + BATCH]
                ],
            )


def _already(earlier: SignalImport) -> str:
    return str(
        ALREADY
        % {
            "when": date_format(timezone.localtime(earlier.created_at), "j-n-Y H:i"),
            "rows": earlier.rows,
        }
    )
