"""Certification: the national list of training providers and their accreditations (kept by
the national administrator), and the rules for the provider and certificate of a course,
exam or practical test."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from oranje.core import access as core_access
from oranje.core import params
from oranje.core.audit import audit_record, diff, snapshot
from oranje.core.audit_actions import AuditAction
from oranje.core.models import User
from oranje.readiness.constants import RESULT_KINDS, ProviderKind
from oranje.readiness.models import Accreditation, Provider
from oranje.readiness.selectors_certification import people_with_results_of
from oranje.readiness.services.recompute import readiness_recompute

PROVIDER_FIELDS = ["name", "kind", "website", "note", "active"]
ACCREDITATION_FIELDS = ["provider", "code", "label", "valid_from", "valid_until"]

NAME_REQUIRED = _("Name: give the name of the training institute or provider.")
NAME_TAKEN = _("Name: a provider with this name is already on the list; change that one.")
KIND_UNKNOWN = _("Kind: choose training institute or training provider.")
CODE_REQUIRED_ACCREDITATION = _("Code: give the course or exam code, e.g. BZ-OVD-BASIS.")
CODE_TWICE = _(
    "Code: this provider already has an accreditation for %(code)s; change that one instead."
)
UNTIL_BEFORE_FROM = _(
    "Accredited until: the end lies before the start (%(date)s); choose a later date."
)
DATE_OUTSIDE_WINDOW = _("%(field)s: %(message)s")
PROVIDER_REQUIRED = _(
    "Provider: this profile requires an accredited provider; choose the provider that gave "
    "the course."
)
PROVIDER_NOT_FOR_KIND = _(
    "Provider: only a course, exam or practical test has a provider; leave it empty for this kind."
)
CERTIFICATE_NOT_FOR_KIND = _(
    "Certificate number: only a course, exam or practical test has a certificate; leave it "
    "empty for this kind."
)
EXPIRY_NOT_FOR_KIND = _(
    "Certificate valid until: only a course, exam or practical test has a certificate; leave "
    "it empty for this kind."
)
EXPIRY_BEFORE_DATE = _(
    "Certificate valid until: the certificate expires before the date of the course or exam "
    "(%(date)s); check both dates."
)
UNKNOWN_PROVIDER = _("Provider: '%(value)s' is not on the list of training providers.")


def _day(day: dt.date) -> str:
    return date_format(day, "j-n-Y")


def certificate_problems(
    *,
    kind: str,
    code: str,
    completed_on: dt.date,
    provider: Provider | None,
    certificate_number: str,
    certificate_expires_on: dt.date | None,
    required_codes: set[str],
) -> dict[str, list[str]]:
    """What is wrong with the provider and certificate of an activity record, by field; shared
    by the form, the API and the import. `required_codes`: the codes for which a profile of
    the person's region asks for an accredited provider (`accredited_codes`). A provider that
    is not accredited is accepted: the passport then says the record does not count."""
    problems: dict[str, list[str]] = {}
    if kind not in RESULT_KINDS:
        if provider is not None:
            problems["provider"] = [str(PROVIDER_NOT_FOR_KIND)]
        if certificate_number:
            problems["certificate_number"] = [str(CERTIFICATE_NOT_FOR_KIND)]
        if certificate_expires_on is not None:
            problems["certificate_expires_on"] = [str(EXPIRY_NOT_FOR_KIND)]
        return problems
    if provider is None and code.upper() in required_codes:
        problems["provider"] = [str(PROVIDER_REQUIRED)]
    if certificate_expires_on is not None:
        if not params.FIRST_DATE <= certificate_expires_on <= params.LAST_DATE:
            problems["certificate_expires_on"] = [
                str(
                    DATE_OUTSIDE_WINDOW
                    % {
                        "field": _("Certificate valid until"),
                        "message": params.date_window_message(),
                    }
                )
            ]
        elif certificate_expires_on < completed_on:
            problems["certificate_expires_on"] = [
                str(EXPIRY_BEFORE_DATE % {"date": _day(completed_on)})
            ]
    return problems


def _require_keeper(actor: User) -> None:
    core_access.require(core_access.scopes_for(actor).national_manage)


# ---------------------------------------------------------------- providers


@transaction.atomic
def provider_save(
    *,
    actor: User,
    provider: Provider | None = None,
    name: str,
    kind: str,
    website: str = "",
    note: str = "",
) -> Provider:
    """Add a provider to the national list, or change one (national administrator only)."""
    _require_keeper(actor)
    name = " ".join(name.split())
    problems: dict[str, list[str]] = {}
    others = Provider.objects.exclude(pk=provider.pk) if provider else Provider.objects.all()
    if not name:
        problems["name"] = [str(NAME_REQUIRED)]
    elif others.filter(name__iexact=name).exists():
        problems["name"] = [str(NAME_TAKEN)]
    if kind not in ProviderKind.values:
        problems["kind"] = [str(KIND_UNKNOWN)]
    if problems:
        raise ValidationError(problems)
    before = snapshot(provider, PROVIDER_FIELDS) if provider else {}
    if provider is None:
        provider = Provider(name=name, kind=kind, website=website, note=note)
        action = AuditAction.PROVIDER_CREATE
    else:
        provider.name, provider.kind, provider.website, provider.note = name, kind, website, note
        action = AuditAction.PROVIDER_UPDATE
    provider.save()
    audit_record(
        actor=actor,
        action=action,
        obj=provider,
        changes=diff(before, snapshot(provider, PROVIDER_FIELDS)),
    )
    return provider


@transaction.atomic
def provider_set_active(*, actor: User, provider: Provider, active: bool) -> Provider:
    """Deactivate a provider (it no longer appears in the activity form; its records and
    accreditations stay and keep counting), or make it active again."""
    _require_keeper(actor)
    if provider.active == active:
        return provider
    provider.active = active
    provider.save(update_fields=["active"])
    audit_record(
        actor=actor,
        action=AuditAction.PROVIDER_ACTIVATE if active else AuditAction.PROVIDER_DEACTIVATE,
        obj=provider,
        changes={"active": [not active, active]},
    )
    return provider


# ---------------------------------------------------------------- accreditations


def _accreditation_problems(
    provider: Provider,
    accreditation: Accreditation | None,
    code: str,
    valid_from: dt.date,
    valid_until: dt.date | None,
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    others = Accreditation.objects.filter(provider=provider)
    if accreditation is not None:
        others = others.exclude(pk=accreditation.pk)
    if not code:
        problems["code"] = [str(CODE_REQUIRED_ACCREDITATION)]
    elif others.filter(code__iexact=code).exists():
        problems["code"] = [str(CODE_TWICE % {"code": code})]
    for name, label, day in (
        ("valid_from", _("Accredited from"), valid_from),
        ("valid_until", _("Accredited until"), valid_until),
    ):
        if day is not None and not params.FIRST_DATE <= day <= params.LAST_DATE:
            problems[name] = [
                str(DATE_OUTSIDE_WINDOW % {"field": label, "message": params.date_window_message()})
            ]
    if "valid_until" not in problems and valid_until is not None and valid_until < valid_from:
        problems["valid_until"] = [str(UNTIL_BEFORE_FROM % {"date": _day(valid_from)})]
    return problems


@transaction.atomic
def accreditation_save(
    *,
    actor: User,
    provider: Provider,
    accreditation: Accreditation | None = None,
    code: str,
    label: str = "",
    valid_from: dt.date,
    valid_until: dt.date | None = None,
) -> Accreditation:
    """Accredit a provider for a course or exam code for a period, or change that period.
    The qualifications of everyone with a result from this provider are recomputed."""
    _require_keeper(actor)
    code = code.strip().upper()
    problems = _accreditation_problems(provider, accreditation, code, valid_from, valid_until)
    if problems:
        raise ValidationError(problems)
    before = snapshot(accreditation, ACCREDITATION_FIELDS) if accreditation else {}
    if accreditation is None:
        accreditation = Accreditation(provider=provider)
        action = AuditAction.ACCREDITATION_CREATE
    else:
        action = AuditAction.ACCREDITATION_UPDATE
    accreditation.code = code
    accreditation.label = label
    accreditation.valid_from = valid_from
    accreditation.valid_until = valid_until
    accreditation.save()
    audit_record(
        actor=actor,
        action=action,
        obj=accreditation,
        changes=diff(before, snapshot(accreditation, ACCREDITATION_FIELDS)),
    )
    readiness_recompute(person_ids=people_with_results_of(provider))
    return accreditation


@transaction.atomic
def accreditation_delete(*, actor: User, accreditation: Accreditation) -> None:
    """Remove an accreditation entered by mistake (an accreditation that ended gets its end
    date instead, so that the courses given before keep counting)."""
    _require_keeper(actor)
    audit_record(
        actor=actor,
        action=AuditAction.ACCREDITATION_DELETE,
        obj=accreditation,
        changes=diff(snapshot(accreditation, ACCREDITATION_FIELDS), {}),
    )
    provider = accreditation.provider
    accreditation.delete()
    readiness_recompute(person_ids=people_with_results_of(provider))
