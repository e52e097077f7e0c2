"""The information and advice centre (IAC): opening, changing, closing and reopening a
household's case. What happens inside a case (questions, contacts, follow-ups, referrals) is in
`iac_work.py`; the read log of cases in `iac_reads.py`.

Who: the aftercare role of the incident's region and the head of the aftercare
(`access.can_iac`); a closed incident takes nothing.

Links to other rooms are checked one by one, each against the incident of the case and the
actor's own rights there — never a link across incidents, never a link to what the actor
may not see:

- a **registry person** only by someone with a registry role in the region
  (`registry.access.can_register`): the aftercare role is not a registry role, so for an IAC
  officer alone the field is refused (the page hides it);
- a **shelter stay** (care household) only by someone with a care role in the region
  (`care.access.can_desk`), the same rule as the shelter desk;
- **damage reports** by someone who handles them (`damage.access.can_handle`; the aftercare
  role does).

A refused link and a link to a missing object answer with the same message, so that an id
reveals nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.aftercare.access import can_iac
from oranje.aftercare.constants import (
    CITY_MAX,
    EMAIL_MAX,
    NAME_MAX,
    NOTE_MAX,
    CaseStatus,
    Theme,
)
from oranje.aftercare.models import IacCase, IacFollowUp
from oranje.care.access import can_desk
from oranje.care.models import Household
from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.core.text import neutralise_bidi
from oranje.core.validation import normalise_phone, parse_house, parse_postcode
from oranje.damage.access import can_handle
from oranje.damage.models import DamageReport
from oranje.incidents.models import Incident
from oranje.incidents.services.guards import incident_lock, require_open
from oranje.registry.access import can_register
from oranje.registry.models import Person

#: The most damage reports one case links (a household with a home, a car and a shed …).
DAMAGE_LINKS_MAX = 20

NAME_REQUIRED = gettext_lazy("household: give the name of the household.")
TOO_LONG = gettext_lazy("%(field)s: at most %(max)s characters (this one has %(n)s).")
PHONE_BAD = gettext_lazy("phone: %(problem)s")
EMAIL_BAD = gettext_lazy("e-mail: '%(value)s' is not an e-mail address.")
THEME_UNKNOWN = gettext_lazy("themes: '%(value)s' is not one of the themes.")
PERSON_REFUSED = gettext_lazy(
    "person: only someone with a registry role links a registered person."
)
PERSON_UNKNOWN = gettext_lazy("person: not a registered person of this incident.")
HOUSEHOLD_REFUSED = gettext_lazy(
    "household: only someone with a shelter role links a shelter stay."
)
HOUSEHOLD_UNKNOWN = gettext_lazy("household: not a shelter stay of this incident.")
DAMAGE_REFUSED = gettext_lazy("damage reports: only someone who handles damage reports links them.")
DAMAGE_UNKNOWN = gettext_lazy("damage reports: %(ids)s are not damage reports of this incident.")
DAMAGE_TOO_MANY = gettext_lazy("damage reports: at most %(max)s per case.")
CASE_CLOSED = gettext_lazy("This case is closed; reopen it first.")
CASE_NOT_CLOSED = gettext_lazy("This case is not closed.")
CLOSE_NOTE_REQUIRED = gettext_lazy("note: say why the case is closed.")
OPEN_FOLLOW_UPS = gettext_lazy(
    "follow-ups: %(n)s follow-ups are still open; mark them done, or tick that they are done "
    "with the closure."
)


def clean_text(value: str, *, field_name: str, label: str, maximum: int) -> str:
    """Trimmed text without bidirectional controls, or a ValidationError for `field_name`
    whose message names the field by its (translated) `label`."""
    text = neutralise_bidi(value or "").strip()
    if len(text) > maximum:
        raise ValidationError(
            {field_name: [str(TOO_LONG % {"field": label, "max": maximum, "n": len(text)})]}
        )
    return text


@dataclass(frozen=True)
class CaseInput:
    """A case's details as typed; `house` is the house number with its addition ('12a')."""

    household_name: str
    phone: str = ""
    email: str = ""
    postcode: str = ""
    house: str = ""
    street: str = ""
    city: str = ""
    limited_mobility: bool = False
    newsletter_consent: bool = False
    themes: Sequence[str] = ()
    person_id: int | None = None
    household_id: int | None = None
    damage_report_ids: Sequence[int] = field(default_factory=tuple)


@dataclass
class _Clean:
    values: dict[str, Any]
    person: Person | None
    household: Household | None
    reports: list[DamageReport]


def _themes(raw: Iterable[str], errors: dict[str, list[str]]) -> list[str]:
    chosen = {str(t).strip() for t in raw if str(t).strip()}
    unknown = sorted(chosen - set(Theme.values))
    if unknown:
        errors["themes"] = [str(THEME_UNKNOWN % {"value": unknown[0][:30]})]
    # Kept in the themes' own order, so that the same choice is stored the same way.
    return [t for t in Theme.values if t in chosen]


def _text(value: str, name: str, maximum: int, errors: dict[str, list[str]], *, label: str) -> str:
    try:
        return clean_text(value, field_name=name, label=label, maximum=maximum)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return ""


def _links(
    actor: User, incident: Incident, data: CaseInput, errors: dict[str, list[str]]
) -> tuple[Person | None, Household | None, list[DamageReport]]:
    person = household = None
    reports: list[DamageReport] = []
    if data.person_id is not None:
        if not can_register(actor, incident.region_id):
            errors["person"] = [str(PERSON_REFUSED)]
        else:
            person = Person.objects.filter(
                pk=data.person_id, incident=incident, merged_into__isnull=True
            ).first()
            if person is None:
                errors["person"] = [str(PERSON_UNKNOWN)]
    if data.household_id is not None:
        if not can_desk(actor, incident.region_id):
            errors["household"] = [str(HOUSEHOLD_REFUSED)]
        else:
            household = Household.objects.filter(pk=data.household_id, incident=incident).first()
            if household is None:
                errors["household"] = [str(HOUSEHOLD_UNKNOWN)]
    ids = sorted(set(data.damage_report_ids))
    if ids:
        if len(ids) > DAMAGE_LINKS_MAX:
            errors["damage_reports"] = [str(DAMAGE_TOO_MANY % {"max": DAMAGE_LINKS_MAX})]
        elif not can_handle(actor, incident):
            errors["damage_reports"] = [str(DAMAGE_REFUSED)]
        else:
            reports = list(DamageReport.objects.filter(pk__in=ids, incident=incident))
            missing = sorted(set(ids) - {r.pk for r in reports})
            if missing:
                errors["damage_reports"] = [
                    str(DAMAGE_UNKNOWN % {"ids": ", ".join(str(i) for i in missing[:5])})
                ]
    return person, household, reports


def _clean(actor: User, incident: Incident, data: CaseInput) -> _Clean:
    """The case's values ready for the model, or a ValidationError with every problem by
    field (Dutch, naming the field)."""
    errors: dict[str, list[str]] = {}
    name = _text(data.household_name, "household_name", NAME_MAX, errors, label=_("household"))
    if not name and "household_name" not in errors:
        errors["household_name"] = [str(NAME_REQUIRED)]
    phone = ""
    if (data.phone or "").strip():
        try:
            phone = normalise_phone(data.phone[:40])
        except ValidationError as exc:
            errors["phone"] = [str(PHONE_BAD % {"problem": exc.messages[0]})]
    email = (data.email or "").strip()
    if email:
        try:
            if len(email) > EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            errors["email"] = [str(EMAIL_BAD % {"value": email[:60]})]
    postcode = ""
    try:
        postcode = parse_postcode(data.postcode or "").replace(" ", "")
    except ValidationError as exc:
        errors["postcode"] = exc.messages
    number: int | None = None
    addition = ""
    try:
        number, addition = parse_house(data.house or "")
    except ValidationError as exc:
        errors["house"] = exc.messages
    street = _text(data.street, "street", NAME_MAX, errors, label=_("street"))
    city = _text(data.city, "city", CITY_MAX, errors, label=_("place"))
    themes = _themes(data.themes, errors)
    person, household, reports = _links(actor, incident, data, errors)
    if errors:
        raise ValidationError(errors)
    return _Clean(
        values={
            "household_name": name,
            "phone": phone,
            "email": email.lower() if email else "",
            "postcode": postcode,
            "house_number": number,
            "house_addition": addition,
            "street": street,
            "city": city,
            "limited_mobility": bool(data.limited_mobility),
            "newsletter_consent": bool(data.newsletter_consent),
            "themes": themes,
        },
        person=person,
        household=household,
        reports=reports,
    )


def require_iac(actor: User, incident: Incident) -> None:
    """403 unless the actor works the incident's IAC; refused once the incident is closed."""
    core_access.require(can_iac(actor, incident))
    require_open(incident)


def require_case_open(case: IacCase) -> None:
    if case.status != CaseStatus.OPEN:
        raise ValidationError(str(CASE_CLOSED), code="closed")


def locked_case(case: IacCase) -> IacCase:
    """The case's row, locked for this transaction (with its incident)."""
    return IacCase.objects.select_for_update().select_related("incident__region").get(pk=case.pk)


def _audit(
    actor: User, case: IacCase, action: AuditAction, *, changes: dict[str, Any], note: str = ""
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=case,
        region=case.incident.region,
        # Which fields, not their values: the audit log is read outside the IAC.
        changes=changes,
        note=note,
    )


@transaction.atomic
def case_open(
    *,
    actor: User,
    incident: Incident,
    household_name: str,
    phone: str = "",
    email: str = "",
    postcode: str = "",
    house: str = "",
    street: str = "",
    city: str = "",
    limited_mobility: bool = False,
    newsletter_consent: bool = False,
    themes: Sequence[str] = (),
    person_id: int | None = None,
    household_id: int | None = None,
    damage_report_ids: Sequence[int] = (),
) -> IacCase:
    """Open a case for a household; numbered per incident (1, 2, …)."""
    require_iac(actor, incident)
    clean = _clean(
        actor,
        incident,
        CaseInput(
            household_name=household_name,
            phone=phone,
            email=email,
            postcode=postcode,
            house=house,
            street=street,
            city=city,
            limited_mobility=limited_mobility,
            newsletter_consent=newsletter_consent,
            themes=themes,
            person_id=person_id,
            household_id=household_id,
            damage_report_ids=damage_report_ids,
        ),
    )
    # The incident's lock queues two openings, so that both get their own number.
    incident_lock(incident.pk)
    last = IacCase.objects.filter(incident=incident).aggregate(n=Max("number"))["n"] or 0
    case = IacCase.objects.create(
        incident=incident,
        number=last + 1,
        person=clean.person,
        household=clean.household,
        handler=actor,
        opened_by=actor,
        **clean.values,
    )
    if clean.reports:
        case.damage_reports.set(clean.reports)
    _audit(
        actor,
        case,
        AuditAction.IAC_CASE_SAVE,
        changes={
            "fields": sorted(k for k, v in clean.values.items() if v not in ("", None, [], False)),
            "themes": clean.values["themes"],
            "links": _link_names(clean),
        },
        note="geopend",
    )
    return case


def _link_names(clean: _Clean) -> list[str]:
    return [
        *([str(clean.person)] if clean.person else []),
        *([str(clean.household)] if clean.household else []),
        *(str(r) for r in clean.reports),
    ]


@transaction.atomic
def case_update(*, actor: User, case: IacCase, data: CaseInput) -> IacCase:
    """Change a case's details and links. A link the actor may not see stays as it is when
    `data` leaves it unchanged (an IAC officer's edit keeps the registry person that a registry
    officer linked)."""
    case = locked_case(case)
    incident = case.incident
    require_iac(actor, incident)
    require_case_open(case)
    current_reports = set(case.damage_reports.values_list("pk", flat=True))
    # Unchanged links are not checked again: they were checked when they were made.
    checked = CaseInput(
        **{
            **data.__dict__,
            "person_id": None if data.person_id == case.person_id else data.person_id,
            "household_id": None if data.household_id == case.household_id else data.household_id,
            "damage_report_ids": tuple(
                ()
                if set(data.damage_report_ids) == current_reports
                else set(data.damage_report_ids) - current_reports
            ),
        }
    )
    clean = _clean(actor, incident, checked)
    changed = sorted(k for k, v in clean.values.items() if getattr(case, k) != v)
    for key, value in clean.values.items():
        setattr(case, key, value)
    # Taking a link away needs the same right as making it.
    if data.person_id is None and case.person_id and not can_register(actor, incident.region_id):
        raise ValidationError({"person": [str(PERSON_REFUSED)]})
    if data.household_id is None and case.household_id and not can_desk(actor, incident.region_id):
        raise ValidationError({"household": [str(HOUSEHOLD_REFUSED)]})
    links: list[str] = []
    if data.person_id != case.person_id:
        case.person = clean.person
        links.append("person")
    if data.household_id != case.household_id:
        case.household = clean.household
        links.append("household")
    if set(data.damage_report_ids) != current_reports:
        removed = current_reports - set(data.damage_report_ids)
        if removed and not can_handle(actor, incident):
            raise ValidationError({"damage_reports": [str(DAMAGE_REFUSED)]})
        case.damage_reports.remove(*removed)
        case.damage_reports.add(*clean.reports)
        links.append("damage_reports")
    case.updated_at = timezone.now()
    case.save()
    if changed or links:
        _audit(actor, case, AuditAction.IAC_CASE_SAVE, changes={"fields": changed + links})
    return case


def _open_follow_ups(case: IacCase) -> Any:
    return IacFollowUp.objects.filter(case=case, done_at__isnull=True)


@transaction.atomic
def case_close(*, actor: User, case: IacCase, note: str, follow_ups_done: bool = False) -> IacCase:
    """Close a case with a note. Open follow-ups refuse the closure unless `follow_ups_done`
    says they are done with it (then they are marked done now, by the actor)."""
    case = locked_case(case)
    require_iac(actor, case.incident)
    require_case_open(case)
    text = clean_text(note, field_name="note", label=_("note"), maximum=NOTE_MAX)
    if not text:
        raise ValidationError({"note": [str(CLOSE_NOTE_REQUIRED)]})
    now = timezone.now()
    pending = _open_follow_ups(case)
    count = pending.count()
    if count and not follow_ups_done:
        raise ValidationError({"follow_ups": [str(OPEN_FOLLOW_UPS % {"n": count})]})
    if count:
        pending.update(done_at=now, done_by=actor)
    case.status = CaseStatus.CLOSED
    case.closed_at = now
    case.closed_by = actor
    case.closure_note = text
    case.updated_at = now
    case.save()
    _audit(
        actor,
        case,
        AuditAction.IAC_CASE_CLOSE,
        changes={"follow_ups_done_with_closure": count},
    )
    return case


@transaction.atomic
def case_reopen(*, actor: User, case: IacCase, note: str = "") -> IacCase:
    """Reopen a closed case (the household came back); the closing note stays in the audit
    log."""
    case = locked_case(case)
    require_iac(actor, case.incident)
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(str(CASE_NOT_CLOSED), code="open")
    text = clean_text(note, field_name="note", label=_("note"), maximum=NOTE_MAX)
    case.status = CaseStatus.OPEN
    case.closed_at = None
    case.closed_by = None
    case.closure_note = ""
    case.updated_at = timezone.now()
    case.save()
    _audit(
        actor,
        case,
        AuditAction.IAC_CASE_SAVE,
        changes={"status": ["closed", "open"]},
        note=("heropend: " + text)[:500],
    )
    return case


def as_input(case: IacCase, **changes: Any) -> CaseInput:
    """A case's current details as input (for a change of a few fields: the API's PATCH)."""
    number = f"{case.house_number}{case.house_addition}" if case.house_number else ""
    values: dict[str, Any] = {
        "household_name": case.household_name,
        "phone": case.phone,
        "email": case.email,
        "postcode": case.postcode,
        "house": number,
        "street": case.street,
        "city": case.city,
        "limited_mobility": case.limited_mobility,
        "newsletter_consent": case.newsletter_consent,
        "themes": tuple(case.themes or ()),
        "person_id": case.person_id,
        "household_id": case.household_id,
        "damage_report_ids": tuple(case.damage_reports.values_list("pk", flat=True)),
    }
    return CaseInput(**(values | changes))


def today() -> dt.date:
    return timezone.localdate()
