"""Relatives' inquiries: taking one, its ranked candidates, confirming or rejecting them.

Confirming a candidate who is **deceased** takes two registry officers (four eyes) and never
leads to a call from Oranje: the inquiry goes to the police, who inform the next of kin.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import incident_lock
from oranje.matching import Candidate as EngineCandidate
from oranje.matching import rematch
from oranje.registry import matching
from oranje.registry.access import can_register
from oranje.registry.constants import CandidateState, InquiryStatus, Sex, Status
from oranje.registry.models import Candidate, Inquiry, Person

#: How many candidates an inquiry keeps.
TOP = 10


@dataclass(frozen=True)
class InquiryData:
    caller_name: str
    caller_phone: str
    caller_relation: str = ""
    given_names: str = ""
    prefix: str = ""
    surname: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    age_estimate: int | None = None
    sex: str = Sex.UNKNOWN
    postcode: str = ""
    house_number: int | None = None
    house_addition: str = ""
    street: str = ""
    city: str = ""
    phone: str = ""
    last_seen_place: str = ""
    last_seen_at: dt.datetime | None = None
    description: str = ""
    is_child: bool = False
    reduced_self_reliance: bool = False
    medical_need: bool = False

    def check(self) -> None:
        if not self.caller_name.strip():
            raise ValidationError(_("caller's name: required."))
        if not self.caller_phone:
            raise ValidationError(_("caller's phone: required."))
        if not (self.given_names or self.surname):
            raise ValidationError(_("person sought: give at least a given name or a surname."))

    def values(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _require(actor: User, incident: Incident) -> None:
    if not can_register(actor, incident.region_id):
        raise ValidationError(_("You have no registry role in this region."), code="forbidden")


def _store(inquiry: Inquiry, found: list[EngineCandidate], *, prune: bool = False) -> None:
    """Write or refresh the inquiry's proposed candidates and its best score. With `prune`
    (`found` is the inquiry's whole answer), a proposal no longer found is dropped, and one on
    a registration merged since moves to the kept person."""
    existing = {c.person_id: c for c in inquiry.candidates.all()}
    now = timezone.now()
    for cand in found:
        pid = int(cand.person_id)
        row = existing.get(pid)
        if row is None:
            existing[pid] = Candidate.objects.create(
                inquiry=inquiry,
                person_id=pid,
                score=cand.score,
                decision=cand.decision,
                reasons=cand.reasons,
                found_at=now,
            )
        elif row.state == CandidateState.PROPOSED and (
            row.score != cand.score or row.reasons != cand.reasons
        ):
            Candidate.objects.filter(pk=row.pk).update(
                score=cand.score, decision=cand.decision, reasons=cand.reasons
            )
    if prune:
        _prune(inquiry, existing, {int(c.person_id) for c in found})
    _rescore(inquiry)


def _kept(person: Person) -> Person:
    """The registration a merged one lives on in (merges may chain)."""
    seen = {person.pk}
    while person.merged_into_id is not None and person.merged_into_id not in seen:
        seen.add(person.merged_into_id)
        person = Person.objects.get(pk=person.merged_into_id)
    return person


def _prune(inquiry: Inquiry, existing: dict[int, Candidate], found: set[int]) -> None:
    proposed = [
        c for pid, c in existing.items() if c.state == CandidateState.PROPOSED and pid not in found
    ]
    if not proposed:
        return
    persons = Person.objects.in_bulk([c.person_id for c in proposed])
    drop = []
    for row in proposed:
        person = persons.get(row.person_id)
        if person is not None and person.merged_into_id is not None:
            kept = _kept(person)
            if kept.pk not in existing and kept.active:
                existing[kept.pk] = Candidate.objects.create(
                    inquiry=inquiry,
                    person=kept,
                    score=row.score,
                    decision=row.decision,
                    reasons=[
                        *row.reasons,
                        _("found as registration #%(pk)s, merged since") % {"pk": person.pk},
                    ],
                )
        drop.append(row.pk)
    Candidate.objects.filter(pk__in=drop, state=CandidateState.PROPOSED).delete()


def rematch_inquiry(inquiry: Inquiry) -> None:
    """Ask the engine again for an open inquiry's candidates (after a registration it
    proposed changed or was merged)."""
    found = matching.candidates_for(matching.record_of(inquiry), inquiry.incident_id, limit=TOP)
    _store(inquiry, found, prune=True)


def _rescore(inquiry: Inquiry) -> None:
    best = (
        inquiry.candidates.filter(
            state__in=[CandidateState.PROPOSED, CandidateState.AWAITING_SECOND]
        )
        .exclude(person__merged_into__isnull=False)
        .order_by("-score")
        .values("score", "decision")
        .first()
    )
    score = best["score"] if best else None
    decision = best["decision"] if best else ""
    if inquiry.best_score != score or inquiry.best_decision != decision:
        Inquiry.objects.filter(pk=inquiry.pk).update(
            best_score=score, best_decision=decision, updated_at=timezone.now()
        )
        inquiry.best_score, inquiry.best_decision = score, decision


def inquiry_create(
    *, incident: Incident, actor: User, data: InquiryData, client_key: str = ""
) -> Inquiry:
    """Take an inquiry and rank the registered persons against it. A retried save with the
    same `client_key` answers with the inquiry written the first time."""
    _require(actor, incident)
    data.check()
    if client_key:
        done = Inquiry.objects.filter(incident=incident, client_key=client_key).first()
        if done is not None:
            return done
    probe = Inquiry(**data.values())
    probe.pk = 0
    found = matching.candidates_for(matching.record_of(probe), incident.pk, limit=TOP)
    try:
        with transaction.atomic():
            incident_lock(incident.pk)
            number = (
                Inquiry.objects.filter(incident=incident).aggregate(n=Max("number"))["n"] or 0
            ) + 1
            now = timezone.now()
            inquiry = Inquiry.objects.create(
                incident=incident,
                number=number,
                created_by=actor,
                created_at=now,
                updated_at=now,
                assigned_to=actor,
                client_key=client_key,
                **data.values(),
            )
            _store(inquiry, found)
            audit_record(
                actor=actor,
                action=AuditAction.INQUIRY_CREATE,
                obj=inquiry,
                region=incident.region,
                changes={"candidates": len(found)},
            )
    except IntegrityError:
        done = Inquiry.objects.filter(incident=incident, client_key=client_key).first()
        if client_key and done is not None:
            return done
        raise
    return inquiry


def rematch_for_person(person: Person) -> list[int]:
    """Re-match the open inquiries against a new or changed person: where the person is now a
    candidate, store or refresh it (the inquiry moves up the queue with its best score).
    Inquiries that proposed this registration, or one merged with it, are asked again as a
    whole: a corrected name may no longer fit, a merged registration lives on in the kept one.
    Returns the ids of the inquiries touched."""
    group = {person.pk}
    if person.merged_into_id is not None:
        group.add(_kept(person).pk)
    group |= set(Person.objects.filter(merged_into_id__in=group).values_list("pk", flat=True))
    asked = list(
        Inquiry.objects.filter(
            status=InquiryStatus.OPEN,
            anonymised_at__isnull=True,
            candidates__person_id__in=group,
            candidates__state=CandidateState.PROPOSED,
        ).distinct()
    )
    for inquiry in asked:
        rematch_inquiry(inquiry)
    touched = [i.pk for i in asked]
    if not person.active:
        return touched
    inquiries = matching.inquiry_index(person.incident_id)
    if not len(inquiries):
        return touched
    registry = matching.person_index(person.incident_id)
    # The engine finds the open inquiries that now have this person among their first
    # candidates, each with exactly the candidate its own query gives (never a weak fill-up).
    hits = {
        int(m.inquiry_id): m.candidate
        for m in rematch(registry, inquiries, str(person.pk))
        if int(m.inquiry_id) not in touched
    }
    return touched + _store_for_person(person, hits)


def _store_for_person(person: Person, hits: dict[int, EngineCandidate]) -> list[int]:
    """Store one person as a candidate of many inquiries in a few queries: the open ones
    read at once, new candidates written in one insert, and the best score raised where
    the person is now the best; only a refreshed score rescores an inquiry in full."""
    if not hits:
        return []
    asked = Inquiry.objects.filter(pk__in=list(hits), status=InquiryStatus.OPEN).in_bulk()
    existing = {
        c.inquiry_id: c for c in Candidate.objects.filter(inquiry_id__in=list(asked), person=person)
    }
    now = timezone.now()
    new = []
    for pk, inquiry in asked.items():
        cand, row = hits[pk], existing.get(pk)
        if row is None:
            new.append(
                Candidate(
                    inquiry=inquiry,
                    person=person,
                    score=cand.score,
                    decision=cand.decision,
                    reasons=cand.reasons,
                    found_at=now,
                )
            )
        elif row.state == CandidateState.PROPOSED and (
            row.score != cand.score or row.reasons != cand.reasons
        ):
            Candidate.objects.filter(pk=row.pk).update(
                score=cand.score, decision=cand.decision, reasons=cand.reasons
            )
            _rescore(inquiry)
    Candidate.objects.bulk_create(new)
    for row in new:
        inquiry = row.inquiry
        if inquiry.best_score is None or row.score > inquiry.best_score:
            Inquiry.objects.filter(pk=inquiry.pk).update(
                best_score=row.score, best_decision=row.decision, updated_at=now
            )
    return list(asked)


def inquiry_take(*, inquiry: Inquiry, actor: User) -> Inquiry:
    """An operator takes the inquiry on (it shows as theirs in the queue)."""
    _require(actor, inquiry.incident)
    with transaction.atomic():
        Inquiry.objects.filter(pk=inquiry.pk).update(assigned_to=actor, updated_at=timezone.now())
        inquiry.assigned_to = actor
        audit_record(
            actor=actor,
            action=AuditAction.INQUIRY_TAKE,
            obj=inquiry,
            region=inquiry.incident.region,
        )
    return inquiry


def candidate_confirm(*, candidate: Candidate, actor: User) -> Candidate:
    """The operator confirms that the inquiry is about this person. For a deceased person the
    first confirmation waits for a second, different registry officer."""
    inquiry = candidate.inquiry
    _require(actor, inquiry.incident)
    with transaction.atomic():
        locked = Candidate.objects.select_for_update().select_related("person").get(pk=candidate.pk)
        person = locked.person
        if person.merged_into_id is not None:
            raise ValidationError(_("This registration was merged into another; confirm that one."))
        if locked.state in (CandidateState.CONFIRMED, CandidateState.REJECTED):
            raise ValidationError(_("This candidate was already decided."))
        now = timezone.now()
        deceased = person.current_status == Status.DECEASED
        if deceased and locked.state == CandidateState.PROPOSED:
            locked.state = CandidateState.AWAITING_SECOND
            locked.first_by, locked.first_at = actor, now
            locked.save(update_fields=["state", "first_by", "first_at"])
            step = "first"
        else:
            if deceased and locked.first_by_id == actor.pk:
                raise ValidationError(
                    _("A deceased person is confirmed by a second registry officer, not by you."),
                    code="four_eyes",
                )
            if deceased:
                locked.second_by, locked.second_at = actor, now
            else:
                locked.first_by, locked.first_at = actor, now
            locked.state = CandidateState.CONFIRMED
            locked.save()
            Inquiry.objects.filter(pk=inquiry.pk).update(
                person=person,
                status=InquiryStatus.POLICE if deceased else InquiryStatus.FOUND,
                updated_at=now,
            )
            step = "confirmed"
        audit_record(
            actor=actor,
            action=AuditAction.CANDIDATE_CONFIRM,
            obj=inquiry,
            region=inquiry.incident.region,
            changes={"person": person.pk, "step": step, "deceased": deceased},
        )
    inquiry.refresh_from_db()
    return locked


def candidate_reject(*, candidate: Candidate, actor: User) -> Candidate:
    inquiry = candidate.inquiry
    _require(actor, inquiry.incident)
    with transaction.atomic():
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if locked.state == CandidateState.CONFIRMED:
            raise ValidationError(_("This candidate was already confirmed."))
        locked.state = CandidateState.REJECTED
        locked.first_by, locked.first_at = actor, timezone.now()
        locked.save()
        _rescore(inquiry)
        audit_record(
            actor=actor,
            action=AuditAction.CANDIDATE_REJECT,
            obj=inquiry,
            region=inquiry.incident.region,
            changes={"person": locked.person_id},
        )
    return locked
