"""Exchange with other registries in PFIF 1.4: the export (import: `exchange_import.py`).

**Record ids.** A person is `<domain>/person.<id>`, a status entry `<domain>/note.status.<id>`,
a merge `<domain>/note.merge.<merge id>.<person id>`; the domain is `settings.PFIF_DOMAIN`
with the region's code (`oranje.vr12.nl`), and `oefening.oranje.vr12.nl` for an exercise, so
exercise ids never meet real ones. A person who came in by PFIF keeps the id it came with
(a clone, in PFIF's words), and the notes that came with it go out as they came.

**Status history as notes.** Each status entry is one note; its status:

    unharmed, injured, hospitalised -> believed_alive
    missing                         -> believed_missing
    unknown                         -> (no status: the note only says what was reported)

The note's text starts with a line `oranje:status=<status>;where=<where>` so that another
Oranje reads the exact status back (a PFIF status alone cannot say "injured").

**What does not leave Oranje (privacy).**
- Deceased persons, and every report of a death: the police inform the next of kin, never a
  registry, and a PFIF repository may be public (Google Person Finder was). A death is
  exchanged through the police's own channels (the SIS deaths list), not PFIF.
- Where a person is (`where=` and `last_known_location`) only with their consent to share
  it (`share_whereabouts`).
- BSN, phone, house number (PFIF's own advice: a street without number), nationality,
  language, free-text remarks and the names of the staff who recorded: the author of a note
  is the source and the region ("shelter check-in — Kennemerland").
- Anonymised persons.

**Merges** go out as a note on each of the two persons with `linked_person_record_id`
pointing at the other (PFIF's way of saying "the same person"); an undone merge does not.

**Exercises.** The export of an exercise says OEFENING in every person's `source_name` and
in a comment at the top; the import refuses such a document for a real incident.

Every export is audited (REGISTRY_EXPORT) and written to the read log (ReadKind.EXPORT).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.registry import pfif
from oranje.registry.access import can_coordinate
from oranje.registry.constants import (
    ReadKind,
    SenderKind,
    Sex,
    Source,
    Status,
    Whereabouts,
)
from oranje.registry.models import (
    ExternalRef,
    Merge,
    Person,
    PfifNote,
    RegistrySettings,
    StatusEntry,
)
from oranje.registry.services.exchange_mapping import EXPORT_STATUS, MARK_PREFIX
from oranje.registry.services.readlog import read_logged

EXPORT_SEX = {Sex.MALE: "male", Sex.FEMALE: "female", Sex.OTHER: "other"}
EXERCISE = "OEFENING"


def pfif_domain(incident: Incident) -> str:
    """The domain of this incident's record ids (see the module docstring)."""
    domain = settings.PFIF_DOMAIN.format(region=incident.region.code.lower())
    return f"oefening.{domain}" if incident.is_exercise else domain


def pfif_person_ids(incident: Incident, persons: list[Person]) -> dict[int, str]:
    """Person id -> PFIF person_record_id: the foreign id a PFIF import kept, else our own."""
    domain = pfif_domain(incident)
    ids = {p.pk: f"{domain}/person.{p.pk}" for p in persons}
    refs = (
        ExternalRef.objects.filter(
            incident=incident, person__in=persons, sender__kind=SenderKind.OTHER
        )
        .select_related("sender")
        .order_by("-pk")
    )
    # A merge moves the merged person's refs to the kept person; for PFIF they stay the
    # merged record's identity (both records go out, linked by a note).
    moved: dict[int, int] = {}
    for merge in Merge.objects.filter(incident=incident, undone_at__isnull=True):
        for ref_id in (merge.moved or {}).get("refs", []):
            moved[int(ref_id)] = merge.merged_id
    for ref in refs:
        owner = moved.get(ref.pk, ref.person_id)
        if owner in ids and ref.row_id.startswith(f"{ref.sender.name}/"):
            ids[owner] = ref.row_id
    return ids


def _add_months(moment: dt.datetime, months: int) -> dt.datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment


def _expiry(incident: Incident) -> str:
    """When the data should be gone: the region's retention period after the close."""
    if incident.closed_at is None:
        return ""
    config = RegistrySettings.objects.filter(region=incident.region).first()
    months = config.retention_months if config is not None else 6
    return pfif.utc(_add_months(incident.closed_at, months))


def _person_fields(
    person: Person, ident: str, *, source_name: str, author: str, expiry: str
) -> dict[str, str]:
    has_address = any((person.street, person.city, person.postcode))
    alternate = ""
    if person.partner_surname:
        partner = " ".join(p for p in (person.partner_prefix, person.partner_surname) if p)
        alternate = f"{person.given_names} {partner}".strip()
    return {
        "person_record_id": ident,
        "entry_date": pfif.utc(person.created_at),
        "expiry_date": expiry,
        "author_name": author,
        "source_name": source_name,
        "source_date": pfif.utc(person.created_at),
        "full_name": person.full_name,
        "given_name": person.given_names,
        "family_name": " ".join(p for p in (person.prefix, person.surname) if p),
        "alternate_names": alternate,
        "sex": EXPORT_SEX.get(Sex(person.sex), ""),
        "date_of_birth": person.birth_text,
        "age": "" if person.age_estimate is None else str(person.age_estimate),
        "home_street": person.street,
        "home_city": person.city,
        "home_postal_code": person.postcode,
        "home_country": "NL" if has_address else "",
    }


def _entry_note(
    entry: StatusEntry, *, person_id: str, domain: str, region: str, share: bool
) -> dict[str, str]:
    status = Status(entry.status)
    where = Whereabouts(entry.whereabouts)
    mark = f"{MARK_PREFIX}status={status.value}"
    said = f"{Source(entry.source).label}: {status.label}"
    location = ""
    if share:
        mark += f";where={where.value}"
        location = entry.place or ("" if where == Whereabouts.UNKNOWN else str(where.label))
        if location:
            said += f", {location}"
    return {
        "note_record_id": f"{domain}/note.status.{entry.pk}",
        "person_record_id": person_id,
        "entry_date": pfif.utc(entry.recorded_at),
        "author_name": f"{Source(entry.source).label} — {region}",
        "source_date": pfif.utc(entry.source_at),
        "status": EXPORT_STATUS.get(status, ""),
        "last_known_location": location,
        "text": f"{mark}\n{said}",
    }


def _kept_note(note: PfifNote, person_id: str) -> dict[str, str]:
    """A note that came in by PFIF goes out as it came."""
    made_contact = {True: "true", False: "false", None: ""}[note.author_made_contact]
    return {
        "note_record_id": note.note_record_id,
        "person_record_id": person_id,
        "linked_person_record_id": note.linked_person_record_id,
        "entry_date": pfif.utc(note.entry_at or note.imported_at),
        "author_name": note.author_name,
        "source_date": pfif.utc(note.source_at),
        "author_made_contact": made_contact,
        "status": note.status,
        "last_known_location": note.last_known_location,
        "text": note.text,
    }


def _merge_notes(
    incident: Incident, ids: dict[int, str], domain: str, region: str
) -> dict[int, list[dict[str, str]]]:
    notes: dict[int, list[dict[str, str]]] = defaultdict(list)
    merges = Merge.objects.filter(incident=incident, undone_at__isnull=True).order_by("pk")
    for merge in merges:
        if merge.kept_id not in ids or merge.merged_id not in ids:
            continue
        for this, other in ((merge.kept_id, merge.merged_id), (merge.merged_id, merge.kept_id)):
            notes[this].append(
                {
                    "note_record_id": f"{domain}/note.merge.{merge.pk}.{this}",
                    "person_record_id": ids[this],
                    "linked_person_record_id": ids[other],
                    "entry_date": pfif.utc(merge.merged_at),
                    "author_name": f"{_('Registry')} — {region}",
                    "source_date": pfif.utc(merge.merged_at),
                    "text": _("Registered twice: both records are the same person (merged)."),
                }
            )
    return notes


@dataclass(frozen=True)
class Export:
    data: bytes
    file_name: str
    persons: int
    notes: int


def build_export(incident: Incident) -> Export:
    """The incident's persons and notes as a PFIF 1.4 document (no access check, no log:
    `pfif_export` is the way in)."""
    domain = pfif_domain(incident)
    with translation.override("nl"):
        region = incident.region.name
        source_name = f"Oranje — {region}"
        if incident.is_exercise:
            source_name = f"{EXERCISE} — {source_name}"
        author = f"{_('Registry of affected persons')} — {region}"
        expiry = _expiry(incident)
        persons = list(
            Person.objects.filter(incident=incident, anonymised_at__isnull=True)
            .exclude(current_status=Status.DECEASED)
            .order_by("pk")
        )
        ids = pfif_person_ids(incident, persons)
        kept = defaultdict(list)
        for note in PfifNote.objects.filter(person__in=persons).exclude(status="believed_dead"):
            kept[note.person_id].append(note)
        linked_entries = set(
            PfifNote.objects.filter(person__in=persons, entry__isnull=False).values_list(
                "entry_id", flat=True
            )
        )
        entries = defaultdict(list)
        for entry in (
            StatusEntry.objects.filter(person__in=persons)
            .exclude(status=Status.DECEASED)
            .order_by("source_at", "pk")
        ):
            if entry.pk in linked_entries:
                continue  # goes out as the note it came as
            if entry.source == Source.PFIF:
                continue  # the placeholder of a person that came in by PFIF
            entries[entry.person_id].append(entry)
        merges = _merge_notes(incident, ids, domain, region)
        out = []
        count = 0
        for person in persons:
            ident = ids[person.pk]
            record = pfif.PersonOut(
                _person_fields(person, ident, source_name=source_name, author=author, expiry=expiry)
            )
            share = person.share_whereabouts is True
            record.notes.extend(
                _entry_note(e, person_id=ident, domain=domain, region=region, share=share)
                for e in entries[person.pk]
            )
            record.notes.extend(_kept_note(n, ident) for n in kept[person.pk])
            record.notes.extend(merges[person.pk])
            record.notes.sort(key=lambda n: (n["source_date"], n["note_record_id"]))
            count += len(record.notes)
            out.append(record)
        comment = ""
        if incident.is_exercise:
            comment = f"{EXERCISE}: {_('exercise data, not real persons.')}"
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    prefix = "oefening-" if incident.is_exercise else ""
    return Export(
        data=pfif.write(out, comment=comment),
        file_name=f"{prefix}pfif-{incident.pk}-{stamp}.xml",
        persons=len(out),
        notes=count,
    )


def pfif_export(*, incident: Incident, actor: User) -> Export:
    """Export the incident's registry as PFIF 1.4 (a registry coordinator of the region):
    audited and written to the read log."""
    if not can_coordinate(actor, incident.region_id):
        raise ValidationError(
            _("Only a registry coordinator of this region exports the registry."),
            code="forbidden",
        )
    export = build_export(incident)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.REGISTRY_EXPORT,
            obj=incident,
            region=incident.region,
            changes={"format": "PFIF 1.4", "persons": export.persons, "notes": export.notes},
        )
    read_logged(
        user=actor,
        incident=incident,
        kind=ReadKind.EXPORT,
        what=f"PFIF 1.4: {export.persons} personen",
    )
    return export
