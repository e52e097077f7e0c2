"""List imports: a hospital, the police or a shelter sends a spreadsheet of people.

1. `upload_store` keeps the uploaded file in an `ImportUpload` row under a random token (the
   mapping step finds it again by that token and the user; no path ever comes from a client).
2. The user maps the file's columns to Oranje's fields (`listrows.guess_mapping` prefills them
   from the sender's remembered mapping or from common headers).
3. `list_import` reads every row and reports every bad one by row and column; with one bad row
   nothing is written (one transaction). A good list is idempotent: a row whose sender's own
   row id is known (`ExternalRef`) updates that person; otherwise the engine's "match" against
   the incident's persons does; a "possible" becomes a new person that the duplicate check
   flags. A person gets a new status entry only when status, where or place changed.

The per-person matching after each write is not run row by row: `match_imported`
(services/batch_matching.py) does the
duplicate check and re-matches the open inquiries for the whole batch after the commit (in the
request for a list of up to MATCH_AT_ONCE persons, else as worker tasks, `registry.tasks`),
and `unmatched_upkeep` (the worker) catches every person whose `matched_at` lags their last
change.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core import tabular
from oranje.core.access import AnyUser
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.matching import Candidate as EngineCandidate
from oranje.matching import Index
from oranje.registry import listrows, matching
from oranje.registry.access import can_register
from oranje.registry.constants import SenderKind, Sex
from oranje.registry.listrows import ListRow, RowProblem
from oranje.registry.models import (
    ExternalRef,
    ImportBatch,
    ImportUpload,
    Person,
    Sender,
    StatusEntry,
)
from oranje.registry.services import persons as person_services
from oranje.registry.services.batch_matching import (
    CHUNK,
    _chunks,
    _load_plain,
    match_imported,
)

#: The largest list accepted (a hospital list of 5,000 rows is about 0.5 MB as .xlsx).
UPLOAD_MAX = 10 * 1024 * 1024
#: An upload not mapped and imported within this time is dropped.
UPLOAD_TTL = dt.timedelta(hours=12)
#: A list that creates or changes more persons than this is matched by the worker after the
#: import (seconds later), so that the import answers at once; a smaller one in the request.
MATCH_AT_ONCE = 500
_DETAILS = tuple(f for f in person_services.PersonData.__dataclass_fields__)


def _require(actor: AnyUser, incident: Incident) -> User:
    if not isinstance(actor, User) or not can_register(actor, incident.region_id):
        raise ValidationError(_("You have no registry role in this region."), code="forbidden")
    return actor


# ------------------------------------------------------------------ senders and uploads


def senders_for(incident: Incident) -> list[Sender]:
    return list(Sender.objects.filter(region_id=incident.region_id).order_by("name"))


def sender_create(*, incident: Incident, actor: AnyUser, name: str, kind: str) -> Sender:
    """A new sender for the incident's region (or the one of that name already there)."""
    _require(actor, incident)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("sender: give the name of the hospital, police unit or shelter."))
    if len(name) > 200:
        raise ValidationError(_("sender: at most 200 characters."))
    if kind not in SenderKind.values:
        raise ValidationError(_("kind: unknown value."))
    sender, _created = Sender.objects.get_or_create(
        region_id=incident.region_id, name=name, defaults={"kind": kind}
    )
    return sender


def upload_store(
    *, incident: Incident, actor: AnyUser, sender: Sender, file_name: str, data: bytes
) -> ImportUpload:
    """Keep an uploaded list for its mapping step. Raises ValidationError (Dutch) for a file
    that is too large, empty or no table."""
    user = _require(actor, incident)
    if sender.region_id != incident.region_id:
        raise ValidationError(_("sender: not a sender of this region."))
    if len(data) > UPLOAD_MAX:
        raise ValidationError(_("file: larger than 10 MB."))
    ImportUpload.objects.filter(created_at__lt=timezone.now() - UPLOAD_TTL).delete()
    headers = tabular.read_header(data, file_name)
    with transaction.atomic():
        return ImportUpload.objects.create(
            token=secrets.token_urlsafe(32),
            incident=incident,
            sender=sender,
            user=user,
            file_name=(file_name or "lijst")[-255:],
            data=data,
            headers=[h[: listrows.HEADER_MAX] for h in headers],
        )


def upload_for_user(user: AnyUser, incident: Incident, token: str) -> ImportUpload:
    """The user's own upload for this incident (404 for any other token)."""
    if not isinstance(user, User) or not token or len(token) > 64:
        raise Http404
    upload = (
        ImportUpload.objects.select_related("sender")
        .filter(
            token=token,
            incident=incident,
            user=user,
            created_at__gte=timezone.now() - UPLOAD_TTL,
        )
        .first()
    )
    if upload is None:
        raise Http404
    return upload


# ------------------------------------------------------------------ the import


@dataclass
class ImportResult:
    batch: ImportBatch | None = None
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_mapping(
    headers: list[str], mapping: dict[str, str]
) -> tuple[dict[str, str], list[RowProblem]]:
    """The mapping reduced to known fields and headers in the file, and the problems: a
    mapped column that is not in the file, the name column missing."""
    present = {h.strip().lower() for h in headers if h}
    columns: dict[str, str] = {}
    problems = []
    for name, header in mapping.items():
        header = str(header or "").strip()
        if name not in listrows.BY_NAME or not header:
            continue
        if header.lower() not in present:
            problems.append(
                RowProblem(
                    1,
                    header[: listrows.HEADER_MAX],
                    _("The file lacks the column '%(column)s' (for %(field)s).")
                    % {"column": header[:60], "field": listrows.BY_NAME[name].label},
                )
            )
            continue
        columns[name] = header
    if not any(n in columns for n in ("surname", "full_name")):
        problems.append(
            RowProblem(
                1,
                str(listrows.BY_NAME["surname"].label),
                str(
                    tabular.MISSING_COLUMNS
                    % {
                        "columns": _("%(surname)s or %(full_name)s")
                        % {
                            "surname": listrows.BY_NAME["surname"].label,
                            "full_name": listrows.BY_NAME["full_name"].label,
                        }
                    }
                ),
            )
        )
    return columns, problems


def _load(ids: Iterable[int]) -> dict[int, Person]:
    wanted = sorted(set(ids))
    found: dict[int, Person] = {}
    for chunk in _chunks(wanted):
        found.update((p.pk, p) for p in Person.objects.filter(pk__in=chunk))
    # A merged registration: its list rows now update the person it was merged into.
    merged = {pk: p.merged_into_id for pk, p in found.items() if p.merged_into_id}
    hops = 0
    while merged and hops < 5:
        kept = _load_plain(set(merged.values()) - set(found))
        found.update(kept)
        for pk, into in list(merged.items()):
            target = found.get(into) if into else None
            if target is None or target.merged_into_id is None:
                if target is not None:
                    found[pk] = target
                merged.pop(pk)
            else:
                merged[pk] = target.merged_into_id
        hops += 1
    return found


@dataclass
class _Plan:
    """What each row of a good list does: a new person, or an existing one (by its ref or by
    the engine's match)."""

    new: list[ListRow] = field(default_factory=list)
    existing: list[tuple[ListRow, Person, bool]] = field(default_factory=list)  # by_ref
    refs: list[tuple[str, ListRow]] = field(default_factory=list)  # row ids to remember


#: Reasons that make an engine "match" a question for a person, not for a list import:
#: a disagreement or a swapped or nearly equal date ("Willem de Jong" born 7-1-1940 on the
#: hospital list is not attached to the Willem de Jong born 1-7-1940 of the shelter).
_DOUBT = ("ander", "verwisseld", "verschil", "op één cijfer")


def _doubtful(candidate: EngineCandidate) -> bool:
    return any(
        reason.startswith("ander") or any(word in reason for word in _DOUBT[1:])
        for reason in candidate.reasons
    )


def _bsn_differs(index: Index, person_id: str, bsn: str) -> bool:
    """Two different BSNs are two different people, whatever the names say."""
    registered = index.get(person_id)
    return bool(
        bsn and registered is not None and registered.id_number and registered.id_number != bsn
    )


def _plan(incident: Incident, sender: Sender, rows: list[ListRow]) -> _Plan:
    refs = dict(
        ExternalRef.objects.filter(incident=incident, sender=sender).values_list(
            "row_id", "person_id"
        )
    )
    persons = _load(refs[r.row_id] for r in rows if r.row_id in refs)
    # A person this sender knows under another row id is not matched to a new row id.
    claimed = {pid: row_id for row_id, pid in refs.items()}
    plan = _Plan()
    unresolved = []
    for row in rows:
        person = persons.get(refs.get(row.row_id, -1)) if row.row_id else None
        if person is not None and person.anonymised_at is None:
            plan.existing.append((row, person, True))
        else:
            unresolved.append(row)
    index = matching.person_index(incident.pk) if unresolved else None
    chosen: dict[str, int] = {}
    if index is not None and len(index):
        for row in unresolved:
            probe = {"pk": f"row{row.line}", **row.person.values()}
            # Only the engine's first candidate, and only a "match": a row whose best match
            # was taken by another row, or is known to this sender under another row id, is
            # a new person (the duplicate check then shows the pair to a person) — never the
            # next-best match, which is how a list attaches a status to the wrong person.
            best = index.query(matching.record_of(probe), limit=1)
            if not best or best[0].decision != "match":
                continue
            pid = int(best[0].person_id)
            if pid in chosen.values() or claimed.get(pid, row.row_id) != row.row_id:
                continue
            if _bsn_differs(index, best[0].person_id, row.person.bsn) or _doubtful(best[0]):
                continue
            chosen[str(row.line)] = pid
    matched = _load(chosen.values())
    for row in unresolved:
        person = matched.get(chosen.get(str(row.line), -1))
        if person is not None and person.active:
            plan.existing.append((row, person, False))
        else:
            plan.new.append(row)
        if row.row_id and row.row_id not in refs:
            plan.refs.append((row.row_id, row))
    return plan


def _apply_details(person: Person, row: ListRow, *, by_ref: bool) -> set[str]:
    """Names, birth, address from the list: the sender's own row corrects them; a row found by
    matching only fills what is empty. Returns the fields changed."""
    changed = set()
    for name, value in row.person.values().items():
        if value in (None, "") or (name == "sex" and value == Sex.UNKNOWN):
            continue
        old = getattr(person, name)
        empty = old in (None, "") or (name == "sex" and old == Sex.UNKNOWN)
        if old != value and (by_ref or empty):
            setattr(person, name, value)
            changed.add(name)
    return changed


def list_import(
    *,
    incident: Incident,
    actor: AnyUser,
    sender: Sender,
    file_name: str,
    data: bytes,
    mapping: dict[str, str],
    upload: ImportUpload | None = None,
) -> ImportResult:
    """Import a list: every row or none. Returns the counts, or every problem with its row and
    column (and writes nothing then). Raises ValidationError for a file that is no table."""
    user = _require(actor, incident)
    if sender.region_id != incident.region_id:
        raise ValidationError(_("sender: not a sender of this region."))
    headers = tabular.read_header(data, file_name)
    columns, problems = check_mapping(headers, mapping)
    if problems:
        return ImportResult(problems=problems)
    table = tabular.read_table(
        io.BytesIO(data),
        file_name,
        columns={name: (header.lower(),) for name, header in columns.items()},
        required=(),
    )
    now = timezone.now()
    parsed = listrows.parse_rows(
        table, kind=sender.kind, sender_name=sender.name, columns=columns, now=now
    )
    if parsed.problems:
        return ImportResult(problems=parsed.problems, rows=len(table))
    result = ImportResult(rows=len(parsed.rows))
    with transaction.atomic():
        # One import per sender at a time: two deliveries of one list sent at once must not
        # both add its people (the second waits, then finds them by their row ids).
        Sender.objects.select_for_update().filter(pk=sender.pk).first()
        plan = _plan(incident, sender, parsed.rows)
        batch = ImportBatch.objects.create(
            incident=incident,
            sender=sender,
            file_name=file_name[-255:],
            rows=len(parsed.rows),
            imported_at=now,
            imported_by=user,
        )
        result.batch = batch
        touched = _write(incident, user, batch, plan, result, now)
        batch.created, batch.updated, batch.unchanged = (
            result.created,
            result.updated,
            result.unchanged,
        )
        batch.save(update_fields=["created", "updated", "unchanged"])
        Sender.objects.filter(pk=sender.pk).update(mapping=columns)
        sender.mapping = columns
        if upload is not None:
            ImportUpload.objects.filter(pk=upload.pk).delete()
        audit_record(
            actor=user,
            action=AuditAction.REGISTRY_IMPORT,
            obj=batch,
            region=incident.region,
            changes={
                "sender": sender.name,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        incident_id = incident.pk
        if len(touched) <= MATCH_AT_ONCE:
            person_services.after_commit(lambda: match_imported(incident_id, touched))
        else:
            from oranje.registry.tasks import enqueue_matching

            person_services.after_commit(lambda: enqueue_matching(incident_id, touched))
    return result


def _entry(
    person: Person, row: ListRow, user: User, batch: ImportBatch, now: dt.datetime
) -> StatusEntry:
    status = row.status
    return StatusEntry(
        person=person,
        status=status.status,
        whereabouts=status.whereabouts,
        place=status.place,
        source=status.source,
        source_at=status.source_at or now,
        note=status.note,
        recorded_at=now,
        recorded_by=user,
        recorded_by_name=user.get_full_name() or user.get_username(),
        batch=batch,
    )


def _write(
    incident: Incident,
    user: User,
    batch: ImportBatch,
    plan: _Plan,
    result: ImportResult,
    now: dt.datetime,
) -> list[int]:
    """Write the plan: new persons, new status entries, corrected details, remembered row ids.
    Returns the ids of the persons created or changed."""
    new_persons = []
    for row in plan.new:
        s = row.status
        new_persons.append(
            Person(
                incident=incident,
                created_by=user,
                created_at=now,
                updated_at=now,
                current_status=s.status,
                current_whereabouts=s.whereabouts,
                current_place=s.place,
                status_at=s.source_at or now,
                **row.person.values(),
            )
        )
    Person.objects.bulk_create(new_persons, batch_size=CHUNK)
    entries = [
        _entry(p, row, user, batch, now) for p, row in zip(new_persons, plan.new, strict=True)
    ]
    result.created = len(new_persons)
    changed: dict[int, Person] = {}
    fields: set[str] = set()
    for row, person, by_ref in plan.existing:
        details = _apply_details(person, row, by_ref=by_ref)
        s = row.status
        same = (person.current_status, person.current_whereabouts, person.current_place) == (
            s.status,
            s.whereabouts,
            s.place,
        )
        if not same:
            entries.append(_entry(person, row, user, batch, now))
            source_at = s.source_at or now
            if person.status_at is None or source_at >= person.status_at:
                # The newest report by source time is the current state; an older list
                # arriving late only adds to the history.
                person.current_status, person.current_whereabouts = s.status, s.whereabouts
                person.current_place, person.status_at = s.place, source_at
                details |= {"current_status", "current_whereabouts", "current_place", "status_at"}
        if same and not details:
            result.unchanged += 1
            continue
        person.updated_at = now
        fields |= details | {"updated_at"}
        changed[person.pk] = person
        result.updated += 1
    if changed:
        Person.objects.bulk_update(list(changed.values()), sorted(fields), batch_size=CHUNK)
    StatusEntry.objects.bulk_create(entries, batch_size=CHUNK)
    by_row = {row.line: person for row, person, _by_ref in plan.existing}
    by_row.update({row.line: p for row, p in zip(plan.new, new_persons, strict=True)})
    ExternalRef.objects.bulk_create(
        [
            ExternalRef(
                incident=incident, sender=batch.sender, row_id=row_id, person=by_row[row.line]
            )
            for row_id, row in plan.refs
        ],
        batch_size=CHUNK,
        ignore_conflicts=True,
    )
    return [p.pk for p in new_persons] + list(changed)


def stale_uploads_upkeep() -> int:
    """Drop the uploads nobody mapped and imported within UPLOAD_TTL (they hold person data)."""
    deleted, _by_model = ImportUpload.objects.filter(
        created_at__lt=timezone.now() - UPLOAD_TTL
    ).delete()
    return deleted
