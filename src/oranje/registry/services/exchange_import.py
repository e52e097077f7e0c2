"""Importing PFIF 1.4 from another registry: all records or none, every fault listed.

**Persons are idempotent by `person_record_id`.** A new id registers a person (source PFIF)
and keeps the id as an `ExternalRef` of a `Sender` of kind "other" named after the id's
domain; an id already kept, or one of our own ids for a person of this incident, is that
person: nothing is added and nothing overwritten (PFIF changes a person record only to
correct it, and corrections here are made by hand, audited).

**Notes are append-only.** A note whose `note_record_id` was received before (or that is
one of our own notes coming back) is skipped. Every new note is kept as it came
(`PfifNote`, shown and exported again). It also becomes a status entry (source PFIF, at its
`source_date`) when it says something definite:

    a first line "oranje:status=…;where=…" (another Oranje)  -> that status and place
    believed_missing                                          -> missing
    believed_dead                                             -> deceased (the police path)
    believed_alive, is_note_author                            -> unknown, at the place given,
        unless the person was already known alive then (unharmed, injured, hospitalised):
        "believed alive" from outside never makes anyone "unharmed" — a relative told
        "safe" on a stranger's word is the mistake a registry must not make
    information_sought, no status                             -> the note only

**`linked_person_record_id`** (the author believes two records are one person) becomes a
`PossibleDuplicate` between the two persons when both are in this incident's registry,
for a person to decide: never a merge.

**Exercises.** A document marked OEFENING (source_name, or an `oefening.` domain) is refused
for a real incident; an exercise incident takes any document (it is deleted with it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.registry import pfif
from oranje.registry.access import can_register
from oranje.registry.constants import NAME_MAX, TEXT_MAX, SenderKind, Source
from oranje.registry.models import (
    ExternalRef,
    ImportBatch,
    Merge,
    Person,
    PfifNote,
    PossibleDuplicate,
    Sender,
    StatusEntry,
)
from oranje.registry.services import persons as person_services
from oranje.registry.services.batch_matching import match_imported
from oranje.registry.services.exchange import EXERCISE, pfif_domain
from oranje.registry.services.exchange_mapping import person_data, status_of
from oranje.registry.services.persons import CLOCK_SLACK, StatusData

#: ExternalRef.row_id holds the person_record_id.
RECORD_ID_MAX = 100
ID_MAX = 255
CHUNK = 500


@dataclass
class ImportReport:
    problems: list[pfif.Problem] = field(default_factory=list)
    persons_new: int = 0
    persons_known: int = 0
    notes_new: int = 0
    notes_known: int = 0
    entries: int = 0
    duplicates: int = 0
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _too_long(label: str, name: str, limit: int) -> pfif.Problem:
    return pfif.Problem(label, name, _("longer than %(max)s characters.") % {"max": limit})


def _check(doc: pfif.Document, incident: Incident) -> None:
    """Checks beyond the format: what Oranje can keep, times, exercise data."""
    now = timezone.now() + CLOCK_SLACK
    for person in doc.persons:
        values = person.fields
        ident = values["person_record_id"]
        label = f"person {ident}"
        if len(ident) > RECORD_ID_MAX:
            doc.problems.append(_too_long(label, "person_record_id", RECORD_ID_MAX))
        marked = EXERCISE.lower() in values.get("source_name", "").lower()
        if (marked or ident.startswith("oefening.")) and not incident.is_exercise:
            doc.problems.append(
                pfif.Problem(
                    label,
                    "source_name",
                    _("exercise data (OEFENING) is never imported into a real incident."),
                )
            )
        if pfif.parse_utc(values["source_date"]) > now:
            doc.problems.append(pfif.Problem(label, "source_date", _("lies in the future.")))
        person_data(values, label, doc.problems)
    for note in [*doc.notes, *(n for p in doc.persons for n in p.notes)]:
        values = note.fields
        label = f"note {values['note_record_id']}"
        for name in ("note_record_id", "linked_person_record_id"):
            if len(values.get(name, "")) > ID_MAX:
                doc.problems.append(_too_long(label, name, ID_MAX))
        if len(values["author_name"]) > NAME_MAX:
            doc.problems.append(_too_long(label, "author_name", NAME_MAX))
        if pfif.parse_utc(values["source_date"]) > now:
            doc.problems.append(pfif.Problem(label, "source_date", _("lies in the future.")))


def pfif_import(
    *, incident: Incident, actor: User, data: bytes, file_name: str = "pfif.xml"
) -> ImportReport:
    """Import a PFIF 1.4 document into the incident's registry (a registry role of the
    region): everything or, when any record is at fault, nothing."""
    if not can_register(actor, incident.region_id):
        raise ValidationError(_("You have no registry role in this region."), code="forbidden")
    doc = pfif.read(data)
    report = ImportReport(problems=doc.problems)
    if report.ok:
        _check(doc, incident)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            _Import(doc, incident, actor, report).run(file_name[:255])
    except Refused as refused:
        return ImportReport(problems=[refused.problem])
    return report


#: (source time, rank, report): the rank breaks ties as the pk would (reports already here
#: first, by pk; then this import's, in order).
Report = tuple[dt.datetime, tuple[int, int], StatusEntry]


class _Import:
    """One import in one transaction, planned in memory and written in bulk: persons, their
    first reports, the ids kept, the notes and the reports they give, the current state of
    each person touched, then the links (see the module)."""

    def __init__(
        self, doc: pfif.Document, incident: Incident, actor: User, report: ImportReport
    ) -> None:
        self.doc, self.incident, self.actor, self.report = doc, incident, actor, report
        self.domain = pfif_domain(incident)
        self.now = timezone.now()
        self.actor_name = person_services._name(actor)
        self.senders: dict[str, Sender] = {}
        #: person_record_id -> the person it is here (saved, or new and not yet saved).
        self.persons: dict[str, Person] = {}
        #: Every report known per person (keyed by the object: new ones have no pk yet).
        self.history: dict[int, list[Report]] = defaultdict(list)

    def sender_for(self, domain: str) -> Sender:
        name = domain[:200]
        if name not in self.senders:
            self.senders[name], _created = Sender.objects.get_or_create(
                region=self.incident.region, name=name, defaults={"kind": SenderKind.OTHER}
            )
        return self.senders[name]

    def entry(self, person: Person, status: StatusData) -> StatusEntry:
        return StatusEntry(
            person=person,
            status=status.status,
            whereabouts=status.whereabouts,
            place=status.place,
            source=Source.PFIF,
            source_at=status.source_at or self.now,
            note=status.note,
            recorded_at=self.now,
            recorded_by=self.actor,
            recorded_by_name=self.actor_name,
            batch=self.batch,
        )

    def run(self, file_name: str) -> None:
        doc = self.doc
        first = doc.persons[0].fields if doc.persons else doc.notes[0].fields
        domain = pfif.domain_of(first.get("person_record_id") or first["note_record_id"])
        self.batch = ImportBatch.objects.create(
            incident=self.incident,
            sender=self.sender_for(domain),
            file_name=file_name,
            rows=len(doc.persons),
            imported_by=self.actor,
        )
        self.report.batch_id = self.batch.pk
        all_notes = [*(n for p in doc.persons for n in p.notes), *doc.notes]
        wanted = {p.fields["person_record_id"] for p in doc.persons}
        wanted |= {n.fields["person_record_id"] for n in doc.notes}
        wanted |= {
            n.fields["linked_person_record_id"]
            for n in all_notes
            if n.fields.get("linked_person_record_id")
        }
        self.known(wanted)
        new, firsts = self.plan_persons()
        notes, entries = self.plan_notes(all_notes)
        fresh = {id(p) for p in new}
        changed = self.current({id(e.person) for e in entries} | fresh)
        Person.objects.bulk_create(new, batch_size=CHUNK)
        StatusEntry.objects.bulk_create([*firsts, *entries], batch_size=CHUNK)
        ExternalRef.objects.bulk_create(
            [
                ExternalRef(
                    incident=self.incident,
                    sender=self.sender_for(pfif.domain_of(ident)),
                    row_id=ident,
                    person=person,
                )
                for ident, person in self.persons.items()
                if id(person) in fresh
            ],
            batch_size=CHUNK,
        )
        PfifNote.objects.bulk_create(notes, batch_size=CHUNK)
        for person in changed:
            if id(person) not in fresh:
                Person.objects.filter(pk=person.pk).update(
                    current_status=person.current_status,
                    current_whereabouts=person.current_whereabouts,
                    current_place=person.current_place,
                    status_at=person.status_at,
                    updated_at=self.now,
                )
        report = self.report
        report.persons_new, report.notes_new, report.entries = len(new), len(notes), len(entries)
        report.duplicates = _link(self.incident, notes, self.persons)
        touched = sorted({p.pk for p in new} | {e.person_id for e in entries})
        incident_id = self.incident.pk
        person_services.after_commit(lambda: match_imported(incident_id, touched))
        self.batch.created = report.persons_new
        self.batch.unchanged = report.persons_known
        self.batch.save(update_fields=["created", "unchanged"])
        audit_record(
            actor=self.actor,
            action=AuditAction.REGISTRY_IMPORT,
            obj=self.batch,
            region=self.incident.region,
            changes={
                "format": "PFIF 1.4",
                "persons_new": report.persons_new,
                "persons_known": report.persons_known,
                "notes_new": report.notes_new,
                "notes_known": report.notes_known,
                "entries": report.entries,
                "duplicates": report.duplicates,
            },
        )

    def known(self, ids: set[str]) -> None:
        """Those of `ids` already here: our own ids of this incident's persons, and the ids
        kept from earlier imports (a merge moved them to the kept person)."""
        own = re.compile(rf"{re.escape(self.domain)}/person\.(\d{{1,18}})")
        own_ids = {int(m.group(1)): i for i in ids if (m := own.fullmatch(i))}
        by_pk: dict[int, Person] = {}
        for person in Person.objects.filter(incident=self.incident, pk__in=list(own_ids)):
            self.persons[own_ids[person.pk]] = by_pk.setdefault(person.pk, person)
        refs = ExternalRef.objects.filter(
            incident=self.incident,
            row_id__in=list(ids - set(self.persons)),
            sender__region=self.incident.region,
        ).select_related("person", "sender")
        for ref in refs:
            if ref.sender.name == pfif.domain_of(ref.row_id)[:200]:
                self.persons[ref.row_id] = by_pk.setdefault(ref.person.pk, ref.person)

    def plan_persons(self) -> tuple[list[Person], list[StatusEntry]]:
        """The persons not here yet (source PFIF), each with a first report: "registered
        from PFIF, status unknown" at the record's source_date (the export leaves it out)."""
        new: list[Person] = []
        firsts: list[StatusEntry] = []
        for record in self.doc.persons:
            values = record.fields
            ident = values["person_record_id"]
            if ident in self.persons:
                self.report.persons_known += 1
                continue
            data = person_data(values, f"person {ident}", [])
            since = pfif.parse_utc(values["source_date"])
            person = Person(
                incident=self.incident,
                created_by=self.actor,
                created_at=self.now,
                updated_at=self.now,
                **data.values(),
            )
            first = self.entry(person, StatusData(source=Source.PFIF, source_at=since))
            self.persons[ident] = person
            self.history[id(person)].append((since, (1, 0), first))
            new.append(person)
            firsts.append(first)
        return new, firsts

    def plan_notes(self, all_notes: list[pfif.NoteIn]) -> tuple[list[PfifNote], list[StatusEntry]]:
        """Every note not received before, and the reports of those that say something
        definite."""
        pending: list[tuple[dict[str, str], Person]] = []
        for item in all_notes:
            values = item.fields
            owner_id = item.parent or values["person_record_id"]
            owner = self.persons.get(owner_id)
            if owner is None:
                raise Refused(
                    pfif.Problem(
                        f"note {values['note_record_id']}",
                        "person_record_id",
                        _("the person %(id)s is neither in the file nor in this incident.")
                        % {"id": owner_id[:100]},
                    )
                )
            pending.append((values, owner))
        ids = [v["note_record_id"] for v, _p in pending]
        received = set(
            PfifNote.objects.filter(incident=self.incident, note_record_id__in=ids).values_list(
                "note_record_id", flat=True
            )
        )
        received |= self.own_notes(ids)
        saved = {p.pk: p for _v, p in pending if p.pk is not None}
        for old in StatusEntry.objects.filter(person_id__in=list(saved)).order_by("pk"):
            self.history[id(saved[old.person_id])].append((old.source_at, (0, old.pk), old))
        pending.sort(key=lambda item: (item[0]["source_date"], item[0]["note_record_id"]))
        notes: list[PfifNote] = []
        entries: list[StatusEntry] = []
        for order, (values, owner) in enumerate(pending, start=1):
            ident = values["note_record_id"]
            if ident in received:
                self.report.notes_known += 1
                continue
            received.add(ident)
            note = _note_model(self.incident, values, owner)
            note.batch = self.batch
            earlier = [h for h in self.history[id(owner)] if h[0] <= note.source_at]
            then = max(earlier, key=lambda h: (h[0], h[1]))[2].status if earlier else None
            status = status_of(note, merged=owner.merged_into_id is not None, then=then)
            if status is not None:
                status = StatusData(
                    status=status.status,
                    whereabouts=status.whereabouts,
                    place=status.place,
                    source=Source.PFIF,
                    source_at=note.source_at,
                    note=note.text,
                )
                note.entry = self.entry(owner, status)
                entries.append(note.entry)
                self.history[id(owner)].append((note.source_at, (1, order), note.entry))
            notes.append(note)
        return notes, entries

    def own_notes(self, ids: list[str]) -> set[str]:
        """Which of `ids` are this incident's own exported notes coming back."""
        domain = re.escape(self.domain)
        status = re.compile(rf"{domain}/note\.status\.(\d{{1,18}})")
        merge = re.compile(rf"{domain}/note\.merge\.(\d{{1,18}})\.\d{{1,18}}")
        entries = {int(m.group(1)): i for i in ids if (m := status.fullmatch(i))}
        merges: dict[int, list[str]] = defaultdict(list)
        for i in ids:
            if m := merge.fullmatch(i):
                merges[int(m.group(1))].append(i)
        own = set()
        for pk in StatusEntry.objects.filter(
            pk__in=list(entries), person__incident=self.incident
        ).values_list("pk", flat=True):
            own.add(entries[pk])
        for pk in Merge.objects.filter(pk__in=list(merges), incident=self.incident).values_list(
            "pk", flat=True
        ):
            own.update(merges[pk])
        return own

    def current(self, keys: set[int]) -> list[Person]:
        """Set each touched person's current state: the newest report by source time, as
        everywhere in the registry. Returns the persons set."""
        changed = []
        for person in {id(p): p for p in self.persons.values()}.values():
            if id(person) not in keys:
                continue
            newest = max(self.history[id(person)], key=lambda h: (h[0], h[1]))[2]
            person.current_status = newest.status
            person.current_whereabouts = newest.whereabouts
            person.current_place = newest.place
            person.status_at = newest.source_at
            person.updated_at = self.now
            changed.append(person)
        return changed


class Refused(Exception):
    """A record found at fault while writing: the transaction is undone."""

    def __init__(self, problem: pfif.Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _note_model(incident: Incident, values: dict[str, str], person: Person) -> PfifNote:
    contact = values.get("author_made_contact", "")
    entry = values.get("entry_date", "")
    return PfifNote(
        incident=incident,
        note_record_id=values["note_record_id"],
        person=person,
        linked_person_record_id=values.get("linked_person_record_id", ""),
        author_name=values["author_name"],
        source_at=pfif.parse_utc(values["source_date"]),
        entry_at=pfif.parse_utc(entry) if entry else None,
        status=values.get("status", ""),
        author_made_contact=None if not contact else contact == "true",
        last_known_location=values.get("last_known_location", "")[:NAME_MAX],
        text=values["text"][:TEXT_MAX],
    )


def _link(incident: Incident, notes: list[PfifNote], persons: dict[str, Person]) -> int:
    """`linked_person_record_id` -> a possible duplicate for a person to decide (a pair the
    matching engine found already gets the note as one more reason). Returns the pairs linked."""
    found: set[tuple[int, int]] = set()
    for note in notes:
        other = persons.get(note.linked_person_record_id)
        if other is None or other.pk == note.person_id:
            continue
        low, high = sorted((note.person_id, other.pk))
        reason = f"PFIF: {note.author_name}: {note.text[:300]}"
        pair, created = PossibleDuplicate.objects.get_or_create(
            person_id=low,
            other_id=high,
            defaults={"incident": incident, "score": 1.0, "decision": "pfif", "reasons": [reason]},
        )
        if not created and reason not in pair.reasons:
            pair.reasons = [*pair.reasons, reason]
            pair.save(update_fields=["reasons"])
        found.add((low, high))
    return len(found)
