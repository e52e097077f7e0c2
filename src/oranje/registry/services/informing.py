"""Informing relatives: calls back to the caller, the person's consent to share where they
are, the police for the deceased, and closing an inquiry.

Several inquiries about one person are linked through `Inquiry.person`: every caller gets an
answer, and the person is asked **once** whether relatives may hear where they are
(`Person.share_whereabouts`); without that consent a call tells only that the person is safe
(the phrase NO_CONSENT), never where. For a deceased person Oranje never calls: the police
inform the next of kin, and Oranje records when they were asked and when they confirmed.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.incidents.models import Incident
from oranje.registry.access import can_register
from oranje.registry.constants import (
    TEXT_MAX,
    CallOutcome,
    InquiryStatus,
    Phrase,
    Status,
)
from oranje.registry.models import CallBack, Inquiry, Person, PoliceNotice

#: Phrases that tell where the person is: only with the person's consent.
WHERE_PHRASES: frozenset[str] = frozenset({Phrase.IN_SHELTER.value, Phrase.IN_HOSPITAL.value})
#: Phrases that say the person was found: only once a candidate is confirmed.
FOUND_PHRASES: frozenset[str] = frozenset(
    {
        Phrase.REGISTERED_SAFE.value,
        Phrase.IN_SHELTER.value,
        Phrase.IN_HOSPITAL.value,
        Phrase.NO_CONSENT.value,
    }
)
#: Calls back may lie a little in the future (clocks differ), not more.
CLOCK_SLACK = dt.timedelta(minutes=10)


def _require(actor: User, incident: Incident) -> None:
    if not can_register(actor, incident.region_id):
        raise ValidationError(_("You have no registry role in this region."), code="forbidden")


def _name(actor: User) -> str:
    return (actor.get_full_name() or actor.get_username())[:200]


def is_deceased(inquiry: Inquiry) -> bool:
    """Whether the inquiry is about a person registered as deceased (no call from Oranje)."""
    if inquiry.status == InquiryStatus.POLICE:
        return True
    person = inquiry.person
    return person is not None and person.current_status == Status.DECEASED


def police_asked(*, inquiry: Inquiry, actor: User, at: dt.datetime | None = None) -> PoliceNotice:
    """Record that the police were asked to inform the next of kin of the deceased person
    this inquiry is about (once per person: linked inquiries share it)."""
    _require(actor, inquiry.incident)
    if (
        inquiry.person_id is None
        or not is_deceased(inquiry)
        or inquiry.status
        in (
            InquiryStatus.CLOSED,
            InquiryStatus.INFORMED,
        )
    ):
        raise ValidationError(
            _("Only an inquiry about a confirmed deceased person goes to the police.")
        )
    moment = at or timezone.now()
    if moment > timezone.now() + CLOCK_SLACK:
        raise ValidationError({"asked_at": [_("asked at: lies in the future.")]})
    with transaction.atomic():
        # Found alive first and reported deceased since: the inquiry goes to the police too.
        Inquiry.objects.filter(pk=inquiry.pk).exclude(status=InquiryStatus.POLICE).update(
            status=InquiryStatus.POLICE, updated_at=timezone.now()
        )
        notice, created = PoliceNotice.objects.select_for_update().get_or_create(
            person_id=inquiry.person_id, defaults={"asked_at": moment, "asked_by": actor}
        )
        if not created:
            if notice.confirmed_at is not None:  # the police informed the next of kin already
                Inquiry.objects.filter(pk=inquiry.pk).update(status=InquiryStatus.INFORMED)
            inquiry.refresh_from_db()
            return notice
        audit_record(
            actor=actor,
            action=AuditAction.POLICE_ASKED,
            obj=inquiry,
            region=inquiry.incident.region,
            changes={"person": inquiry.person_id, "asked_at": moment.isoformat()},
        )
    inquiry.refresh_from_db()
    return notice


def police_confirmed(
    *, inquiry: Inquiry, actor: User, at: dt.datetime | None = None
) -> PoliceNotice:
    """Record that the police confirmed they informed the next of kin. Every inquiry about
    the person that waits for the police counts as informed from then on."""
    _require(actor, inquiry.incident)
    notice = (
        PoliceNotice.objects.filter(person_id=inquiry.person_id).first()
        if inquiry.person_id is not None
        else None
    )
    if notice is None:
        raise ValidationError(_("Record first that the police were asked."))
    moment = at or timezone.now()
    if moment > timezone.now() + CLOCK_SLACK:
        raise ValidationError({"confirmed_at": [_("confirmed at: lies in the future.")]})
    if moment < notice.asked_at:
        raise ValidationError(
            {"confirmed_at": [_("confirmed at: lies before the police were asked.")]}
        )
    with transaction.atomic():
        notice = PoliceNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.confirmed_at is not None:
            return notice
        notice.confirmed_at, notice.confirmed_by = moment, actor
        notice.save(update_fields=["confirmed_at", "confirmed_by"])
        informed = list(
            Inquiry.objects.filter(
                person_id=notice.person_id, status=InquiryStatus.POLICE
            ).values_list("pk", flat=True)
        )
        Inquiry.objects.filter(pk__in=informed).update(
            status=InquiryStatus.INFORMED, updated_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action=AuditAction.POLICE_CONFIRMED,
            obj=inquiry,
            region=inquiry.incident.region,
            changes={
                "person": inquiry.person_id,
                "confirmed_at": moment.isoformat(),
                "inquiries": informed,
            },
        )
    inquiry.refresh_from_db()
    return notice


def consent_record(*, person: Person, actor: User, share: bool) -> Person:
    """The person's answer to "may relatives who ask hear where you are?" — asked once, it
    holds for every inquiry about them."""
    _require(actor, person.incident)
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.share_whereabouts is share:
            return locked
        old = locked.share_whereabouts
        locked.share_whereabouts = share
        locked.consent_recorded_at = timezone.now()
        locked.updated_at = locked.consent_recorded_at
        locked.save(update_fields=["share_whereabouts", "consent_recorded_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.PERSON_CONSENT,
            obj=locked,
            region=person.incident.region,
            changes={"share_whereabouts": [old, share]},
        )
    person.share_whereabouts = locked.share_whereabouts
    person.consent_recorded_at = locked.consent_recorded_at
    return locked


def _check_phrases(inquiry: Inquiry, outcome: str, phrases: list[str]) -> list[str]:
    unknown = [p for p in phrases if p not in Phrase.values]
    if unknown:
        raise ValidationError({"phrases": [_("what was said: unknown phrase.")]})
    chosen = [p for p in Phrase.values if p in phrases]  # each once, in the list's order
    if chosen and outcome == CallOutcome.NOT_REACHED:
        raise ValidationError({"phrases": [_("what was said: nobody was reached.")]})
    person = inquiry.person
    if person is None or inquiry.status == InquiryStatus.OPEN:
        if FOUND_PHRASES & set(chosen):
            raise ValidationError(
                {"phrases": [_("what was said: the person is not confirmed as found yet.")]}
            )
        return chosen
    if WHERE_PHRASES & set(chosen) and person.share_whereabouts is not True:
        raise ValidationError(
            {
                "phrases": [
                    _(
                        "what was said: the person did not consent to share where they are; "
                        "use the phrase without the place."
                    )
                    if person.share_whereabouts is False
                    else _(
                        "what was said: ask the person first whether relatives may hear where "
                        "they are."
                    )
                ]
            }
        )
    return chosen


def inquiry_call(
    *,
    inquiry: Inquiry,
    actor: User,
    outcome: str,
    phrases: list[str] | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> CallBack:
    """Record a call back to the caller. Reaching the caller about a found person makes the
    inquiry "informed". Never for a deceased person: the police inform the next of kin."""
    _require(actor, inquiry.incident)
    if outcome not in CallOutcome.values:
        raise ValidationError({"outcome": [_("outcome: unknown value.")]})
    if len(note) > TEXT_MAX:
        raise ValidationError({"note": [_("note: too long.")]})
    moment = at or timezone.now()
    if moment > timezone.now() + CLOCK_SLACK:
        raise ValidationError({"at": [_("time of the call: lies in the future.")]})
    with transaction.atomic():
        locked = (
            Inquiry.objects.select_for_update(of=("self",))
            .select_related("person", "incident", "incident__region")
            .get(pk=inquiry.pk)
        )
        if is_deceased(locked):
            raise ValidationError(
                _(
                    "Oranje does not call about a deceased person: "
                    "the police inform the next of kin."
                ),
                code="deceased",
            )
        if locked.status == InquiryStatus.CLOSED:
            raise ValidationError(_("This inquiry is closed."))
        chosen = _check_phrases(locked, outcome, list(phrases or []))
        call = CallBack.objects.create(
            inquiry=locked,
            at=moment,
            by=actor,
            by_name=_name(actor),
            outcome=outcome,
            phrases=chosen,
            note=note,
        )
        informed = outcome == CallOutcome.REACHED and locked.status == InquiryStatus.FOUND
        Inquiry.objects.filter(pk=locked.pk).update(
            status=InquiryStatus.INFORMED if informed else locked.status,
            updated_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.INQUIRY_CALL,
            obj=locked,
            region=locked.incident.region,
            changes={"outcome": outcome, "phrases": chosen, "informed": informed},
        )
    inquiry.refresh_from_db()
    return call


def inquiry_close(*, inquiry: Inquiry, actor: User, reason: str) -> Inquiry:
    """Close an inquiry, with the reason (the caller withdrew, a duplicate inquiry…)."""
    _require(actor, inquiry.incident)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("reason: required.")]})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"reason": [_("reason: too long.")]})
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if locked.status == InquiryStatus.CLOSED:
            raise ValidationError(_("This inquiry is closed already."))
        old = locked.status
        now = timezone.now()
        Inquiry.objects.filter(pk=locked.pk).update(
            status=InquiryStatus.CLOSED, close_reason=reason, closed_at=now, updated_at=now
        )
        audit_record(
            actor=actor,
            action=AuditAction.INQUIRY_CLOSE,
            obj=locked,
            region=inquiry.incident.region,
            changes={"status": [old, InquiryStatus.CLOSED]},
        )
    inquiry.refresh_from_db()
    return inquiry
