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

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.matching.normalize import fold, prefixes
from oranje.registry import pfif
from oranje.registry.access import can_register
from oranje.registry.constants import (
    NAME_MAX,
    PREFIX_MAX,
    TEXT_MAX,
    SenderKind,
    Sex,
    Source,
    Status,
    Whereabouts,
)
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
from oranje.registry.services.exchange import EXERCISE, MARK_PREFIX, pfif_domain
from oranje.registry.services.persons import (
    CLOCK_SLACK,
    PersonData,
    StatusData,
    person_register,
    person_status_change,
)
from oranje.registry.validation import parse_birth, parse_postcode

IMPORT_SEX = {"male": Sex.MALE, "female": Sex.FEMALE, "other": Sex.OTHER}
ALIVE = {Status.UNHARMED, Status.INJURED, Status.HOSPITALISED}
_MARK = re.compile(rf"^{MARK_PREFIX}status=([a-z_]+)(?:;where=([a-z_]+))?$")
#: ExternalRef.row_id holds the person_record_id.
RECORD_ID_MAX = 100
AGE_MAX = 130


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


class _Refused(Exception):
    def __init__(self, problem: pfif.Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


# Names and details ----------------------------------------------------------------------


def _split_family(family: str) -> tuple[str, str]:
    """'van der Berg' -> ('van der', 'Berg'): a Dutch prefix (tussenvoegsel) split off."""
    words = family.split()
    folded = [fold(w) for w in words]
    for candidate in prefixes():
        n = len(candidate)
        if len(words) > n and tuple(folded[:n]) == candidate:
            prefix = " ".join(words[:n])
            if len(prefix) <= PREFIX_MAX:
                return prefix, " ".join(words[n:])
    return "", family.strip()


def _split_full(full: str) -> tuple[str, str, str]:
    """'Johannes de Vries' -> ('Johannes', 'de', 'Vries'); the first name if several."""
    words = full.splitlines()[0].split() if full.strip() else []
    if len(words) < 2:
        return "", "", " ".join(words)
    folded = [fold(w) for w in words]
    for start in range(1, len(words) - 1):
        for candidate in prefixes():
            n = len(candidate)
            if start + n < len(words) and tuple(folded[start : start + n]) == candidate:
                prefix = " ".join(words[start : start + n])
                if len(prefix) <= PREFIX_MAX:
                    return " ".join(words[:start]), prefix, " ".join(words[start + n :])
    return " ".join(words[:-1]), "", words[-1]


def _age(text: str) -> int | None:
    if not text:
        return None
    low, _sep, high = text.partition("-")
    return (int(low) + int(high or low)) // 2


def person_data(values: dict[str, str], label: str, problems: list[pfif.Problem]) -> PersonData:
    """A PFIF person record as Oranje's person details; faults go to `problems`."""
    given, family = values.get("given_name", ""), values.get("family_name", "")
    if given or family:
        prefix, surname = _split_family(family)
    else:
        given, prefix, surname = _split_full(values.get("full_name", ""))
    for name, value in (("given_name", given), ("family_name", surname)):
        if len(value) > NAME_MAX:
            problems.append(
                pfif.Problem(label, name, _("longer than %(max)s characters.") % {"max": NAME_MAX})
            )
    if not (given or surname):
        problems.append(pfif.Problem(label, "full_name", _("no name to register.")))
    year = month = day = None
    try:
        birth = parse_birth(values.get("date_of_birth", ""), field="date_of_birth")
        year, month, day = birth.year, birth.month, birth.day
    except ValidationError as exc:
        problems.append(pfif.Problem(label, "date_of_birth", " ".join(exc.messages)))
    age = _age(values.get("age", ""))
    if age is not None and age > AGE_MAX:
        problems.append(
            pfif.Problem(label, "age", _("older than %(max)s years.") % {"max": AGE_MAX})
        )
        age = None
    extras = []
    country = values.get("home_country", "")
    postcode = ""
    raw_postcode = values.get("home_postal_code", "")
    if raw_postcode and country in ("", "NL"):
        try:
            postcode = parse_postcode(raw_postcode)
        except ValidationError:
            extras.append(f"PFIF home_postal_code: {raw_postcode}")
    elif raw_postcode:
        extras.append(f"PFIF home_postal_code: {raw_postcode}")
    for name in ("home_street", "home_city"):
        if len(values.get(name, "")) > NAME_MAX:
            problems.append(
                pfif.Problem(label, name, _("longer than %(max)s characters.") % {"max": NAME_MAX})
            )
    if country and country != "NL":
        extras.append(f"PFIF home_country: {country}")
    for name in (
        "alternate_names",
        "description",
        "home_neighborhood",
        "home_state",
        "photo_url",
        "profile_urls",
    ):
        if values.get(name):
            extras.append(f"PFIF {name}: {' / '.join(values[name].splitlines())}")
    return PersonData(
        given_names=given[:NAME_MAX],
        prefix=prefix,
        surname=surname[:NAME_MAX],
        birth_year=year,
        birth_month=month,
        birth_day=day,
        age_estimate=age,
        sex=IMPORT_SEX.get(values.get("sex", ""), Sex.UNKNOWN),
        postcode=postcode,
        street=values.get("home_street", "")[:NAME_MAX],
        city=values.get("home_city", "")[:NAME_MAX],
        note="\n".join(extras)[:TEXT_MAX],
    )


# What a note says -----------------------------------------------------------------------


def _marked(note: PfifNote) -> StatusData | None:
    """The exact status another Oranje wrote on the note's first line, if it is one and it
    agrees with the note's PFIF status."""
    from oranje.registry.services.exchange import EXPORT_STATUS

    first = note.text.split("\n", 1)[0].strip()
    match = _MARK.match(first)
    if match is None or match.group(1) not in Status.values:
        return None
    status = Status(match.group(1))
    where = match.group(2) or Whereabouts.UNKNOWN
    if where not in Whereabouts.values or EXPORT_STATUS.get(status, "") != note.status:
        return None
    place = note.last_known_location if where != Whereabouts.UNKNOWN else ""
    if place and place == str(Whereabouts(where).label):
        place = ""
    data = StatusData(
        status=status, whereabouts=where, place=place, source=Source.PFIF, source_at=note.source_at
    )
    try:
        data.check()
    except ValidationError:
        return None
    return data


def status_of(note: PfifNote, person: Person) -> StatusData | None:
    """What status entry a received note becomes (None: it stays a note)."""
    if person.merged_into_id is not None:
        return None
    marked = _marked(note)
    if marked is not None:
        return marked
    where = Whereabouts.ELSEWHERE if note.last_known_location else Whereabouts.UNKNOWN
    place = note.last_known_location
    if note.status == "believed_missing":
        status = Status.MISSING
    elif note.status == "believed_dead":
        status = Status.DECEASED
    elif note.status in ("believed_alive", "is_note_author"):
        then = (
            StatusEntry.objects.filter(person=person, source_at__lte=note.source_at)
            .order_by("-source_at", "-pk")
            .first()
        )
        if then is not None and then.status in ALIVE:
            return None
        status = Status.UNKNOWN
    else:
        return None
    return StatusData(
        status=status, whereabouts=where, place=place, source=Source.PFIF, source_at=note.source_at
    )


# The import -----------------------------------------------------------------------------


def _own_person(incident: Incident, record_id: str) -> Person | None:
    domain = pfif_domain(incident)
    match = re.fullmatch(rf"{re.escape(domain)}/person\.(\d{{1,18}})", record_id)
    if match is None:
        return None
    return Person.objects.filter(pk=int(match.group(1)), incident=incident).first()


def _known_person(incident: Incident, record_id: str) -> Person | None:
    own = _own_person(incident, record_id)
    if own is not None:
        return own
    ref = (
        ExternalRef.objects.filter(
            incident=incident,
            row_id=record_id,
            sender__region=incident.region,
            sender__name=pfif.domain_of(record_id)[:200],
        )
        .select_related("person")
        .first()
    )
    return ref.person if ref is not None else None


def _own_note(incident: Incident, record_id: str) -> bool:
    """One of this incident's own exported notes coming back."""
    domain = re.escape(pfif_domain(incident))
    status = re.fullmatch(rf"{domain}/note\.status\.(\d{{1,18}})", record_id)
    if status is not None:
        return StatusEntry.objects.filter(
            pk=int(status.group(1)), person__incident=incident
        ).exists()
    merge = re.fullmatch(rf"{domain}/note\.merge\.(\d{{1,18}})\.\d{{1,18}}", record_id)
    if merge is not None:
        return Merge.objects.filter(pk=int(merge.group(1)), incident=incident).exists()
    return False


def _check(doc: pfif.Document, incident: Incident) -> None:
    """Checks beyond the format: lengths Oranje keeps, times, exercise data."""
    now = timezone.now() + CLOCK_SLACK
    for person in doc.persons:
        values = person.fields
        ident = values.get("person_record_id", "")
        label = f"person {ident}"
        if len(ident) > RECORD_ID_MAX:
            doc.problems.append(
                pfif.Problem(
                    label,
                    "person_record_id",
                    _("longer than %(max)s characters.") % {"max": RECORD_ID_MAX},
                )
            )
        marked = EXERCISE.lower() in values.get("source_name", "").lower() or ident.startswith(
            "oefening."
        )
        if marked and not incident.is_exercise:
            doc.problems.append(
                pfif.Problem(
                    label,
                    "source_name",
                    _("exercise data (OEFENING) is never imported into a real incident."),
                )
            )
        person_data(values, label, doc.problems)
    for note in [*doc.notes, *(n for p in doc.persons for n in p.notes)]:
        values = note.fields
        label = f"note {values.get('note_record_id', '')}"
        for name in ("note_record_id", "linked_person_record_id"):
            if len(values.get(name, "")) > 255:
                doc.problems.append(
                    pfif.Problem(label, name, _("longer than %(max)s characters.") % {"max": 255})
                )
        if len(values.get("author_name", "")) > NAME_MAX:
            doc.problems.append(
                pfif.Problem(
                    label, "author_name", _("longer than %(max)s characters.") % {"max": NAME_MAX}
                )
            )
        if pfif.parse_utc(values["source_date"]) > now:
            doc.problems.append(pfif.Problem(label, "source_date", _("lies in the future.")))
    for person in doc.persons:
        if pfif.parse_utc(person.fields["source_date"]) > now:
            label = f"person {person.fields['person_record_id']}"
            doc.problems.append(pfif.Problem(label, "source_date", _("lies in the future.")))


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


def pfif_import(
    *, incident: Incident, actor: User, data: bytes, file_name: str = "pfif.xml"
) -> ImportReport:
    """Import a PFIF 1.4 document into the incident's registry (a registry role of the
    region): everything or, when any record is at fault, nothing."""
    if not can_register(actor, incident.region_id):
        raise ValidationError(_("You have no registry role in this region."), code="forbidden")
    doc = pfif.read(data)
    report = ImportReport(problems=doc.problems)
    if not report.ok:
        return report
    _check(doc, incident)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            _write(doc, incident, actor, file_name[:255], report)
    except _Refused as refused:
        return ImportReport(problems=[refused.problem])
    return report


def _write(
    doc: pfif.Document, incident: Incident, actor: User, file_name: str, report: ImportReport
) -> None:
    first = doc.persons[0].fields if doc.persons else doc.notes[0].fields
    domain = pfif.domain_of(first.get("person_record_id") or first["note_record_id"])
    senders: dict[str, Sender] = {}

    def sender_for(name: str) -> Sender:
        name = name[:200]
        if name not in senders:
            senders[name], _created = Sender.objects.get_or_create(
                region=incident.region, name=name, defaults={"kind": SenderKind.OTHER}
            )
        return senders[name]

    batch = ImportBatch.objects.create(
        incident=incident,
        sender=sender_for(domain),
        file_name=file_name,
        rows=len(doc.persons),
        imported_by=actor,
    )
    report.batch_id = batch.pk
    persons: dict[str, Person] = {}
    for record in doc.persons:
        values = record.fields
        ident = values["person_record_id"]
        known = _known_person(incident, ident)
        if known is not None:
            persons[ident] = known
            report.persons_known += 1
            continue
        label = f"person {ident}"
        try:
            person = person_register(
                incident=incident,
                actor=actor,
                data=person_data(values, label, []),
                status=StatusData(
                    source=Source.PFIF, source_at=pfif.parse_utc(values["source_date"])
                ),
                batch_id=batch.pk,
            )
        except ValidationError as exc:
            raise _Refused(pfif.Problem(label, "", " ".join(exc.messages))) from exc
        ExternalRef.objects.create(
            incident=incident, sender=sender_for(pfif.domain_of(ident)), row_id=ident, person=person
        )
        persons[ident] = person
        report.persons_new += 1
    notes: list[tuple[dict[str, str], Person]] = []
    for note in [*(n for p in doc.persons for n in p.notes), *doc.notes]:
        values = note.fields
        owner_id = note.parent or values["person_record_id"]
        owner = persons.get(owner_id) or _known_person(incident, owner_id)
        if owner is None:
            raise _Refused(
                pfif.Problem(
                    f"note {values['note_record_id']}",
                    "person_record_id",
                    _("the person %(id)s is neither in the file nor in this incident.")
                    % {"id": owner_id[:100]},
                )
            )
        notes.append((values, owner))
    received = set(
        PfifNote.objects.filter(
            incident=incident, note_record_id__in=[v["note_record_id"] for v, _p in notes]
        ).values_list("note_record_id", flat=True)
    )
    notes.sort(key=lambda item: (item[0]["source_date"], item[0]["note_record_id"]))
    linked: list[PfifNote] = []
    for values, owner in notes:
        ident = values["note_record_id"]
        if ident in received or _own_note(incident, ident):
            report.notes_known += 1
            continue
        kept = _note_model(incident, values, owner)
        kept.batch = batch
        status = status_of(kept, owner)
        if status is not None:
            try:
                kept.entry = person_status_change(
                    person=owner, actor=actor, status=status, batch_id=batch.pk
                )
            except ValidationError as exc:
                problem = pfif.Problem(f"note {ident}", "status", " ".join(exc.messages))
                raise _Refused(problem) from exc
            report.entries += 1
        kept.save()
        received.add(ident)
        report.notes_new += 1
        if kept.linked_person_record_id:
            linked.append(kept)
    report.duplicates = _link(incident, linked, persons)
    batch.created = report.persons_new
    batch.unchanged = report.persons_known
    batch.save(update_fields=["created", "unchanged"])
    audit_record(
        actor=actor,
        action=AuditAction.REGISTRY_IMPORT,
        obj=batch,
        region=incident.region,
        changes={
            "format": "PFIF 1.4",
            "file": file_name,
            "persons_new": report.persons_new,
            "persons_known": report.persons_known,
            "notes_new": report.notes_new,
            "notes_known": report.notes_known,
            "duplicates": report.duplicates,
        },
    )


def _link(incident: Incident, notes: list[PfifNote], persons: dict[str, Person]) -> int:
    """`linked_person_record_id` -> a possible duplicate for a person to decide (a pair the
    matching engine found already gets the note as one more reason). Returns the pairs linked."""
    found: set[tuple[int, int]] = set()
    for note in notes:
        other = persons.get(note.linked_person_record_id) or _known_person(
            incident, note.linked_person_record_id
        )
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
