"""Partner logins: a region's managers (and national administrators) add a login for a
partner service (police, fire service, medical services, the national crisis picture) and
revoke it. The login gets no membership — only a `PartnerAccess` — so no staff chokepoint lets
it in. A new login has no usable password: it receives a set-password mail made with
Django's password-reset machinery, sent by the worker after the commit."""

from __future__ import annotations

import uuid

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy

from oranje.core import access as core_access
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry, Membership, Region, User
from oranje.core.text import neutralise_bidi
from oranje.partners.constants import PartnerKind
from oranje.partners.models import PartnerAccess

#: The longest organisation and contact name (the model's columns).
ORGANISATION_MAX = 150
NAME_MAX = 150
#: The login's user name is its e-mail address, so the address fits the user-name column.
EMAIL_MAX = 150

#: What the tests and the pages assert on.
ERROR_ORGANISATION_EMPTY = gettext_lazy(
    "Organisation: fill in the partner's organisation, e.g. 'Politie Noord-Holland'."
)
ERROR_NAME_EMPTY = gettext_lazy("Name: fill in the name of the person who uses this login.")
ERROR_EMAIL_INVALID = gettext_lazy(
    "E-mail: fill in a valid e-mail address, e.g. 'naam@politie.nl'."
)
ERROR_EMAIL_STAFF = gettext_lazy(
    "E-mail: this address belongs to a staff login of Oranje; a partner login gets an address "
    "of its own."
)
ERROR_TOO_LONG = gettext_lazy("%(field)s: at most %(limit)s characters.")
LABELS = {"organisation": gettext_lazy("Organisation"), "name": gettext_lazy("Name")}
ERROR_EMAIL_TAKEN = gettext_lazy("E-mail: this partner already has access to this region.")
ERROR_KIND = gettext_lazy(
    "Partner: choose police, fire service, medical services, national crisis picture or other."
)
ERROR_REVOKED = gettext_lazy("This partner login has already been revoked.")


def _clean(value: str, limit: int, field: str, empty: str) -> str:
    text = neutralise_bidi(value or "").strip()
    if not text:
        raise ValidationError({field: [empty]})
    if len(text) > limit:
        raise ValidationError(
            {field: [str(ERROR_TOO_LONG) % {"field": LABELS[field], "limit": limit}]}
        )
    return text


def _require_manager(actor: User, region: Region) -> None:
    if not core_access.can_manage_region(actor, region.pk):
        raise PermissionDenied


def set_password_link(user: User) -> tuple[str, str]:
    """The uid and token of the set-password link (Django's password-reset token: it works
    until the password is set, a login happens or PASSWORD_RESET_TIMEOUT passes)."""
    return urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)


def _queue_invite(access: PartnerAccess) -> None:
    from oranje.partners.tasks import send_partner_invite

    key = uuid.uuid4().hex
    transaction.on_commit(lambda: send_partner_invite.enqueue(access.pk, key))


def partner_login_create(
    *,
    actor: User,
    region: Region,
    kind: str,
    organisation: str,
    name: str,
    email: str,
) -> PartnerAccess:
    """Give a partner a read-only login for `region`: a new account (or the partner's own
    account when they already see another region), the access, the audit entry and, after
    the commit, the set-password mail."""
    _require_manager(actor, region)
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    checks = (
        ("organisation", organisation, ORGANISATION_MAX, str(ERROR_ORGANISATION_EMPTY)),
        ("name", name, NAME_MAX, str(ERROR_NAME_EMPTY)),
    )
    for field, value, limit, empty in checks:
        try:
            values[field] = _clean(value, limit, field, empty)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if kind not in PartnerKind.values:
        errors["kind"] = [str(ERROR_KIND)]
    address = neutralise_bidi(email or "").strip().lower()
    try:
        if len(address) > EMAIL_MAX:
            raise ValidationError("too long")
        validate_email(address)
    except ValidationError:
        errors["email"] = [str(ERROR_EMAIL_INVALID)]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username__iexact=address).first()
        if user is None:
            user = User.objects.select_for_update().filter(email__iexact=address).first()
        if user is not None and Membership.objects.filter(user=user).exists():
            raise ValidationError({"email": [str(ERROR_EMAIL_STAFF)]})
        if (
            user is not None
            and PartnerAccess.objects.filter(
                user=user, region=region, revoked_at__isnull=True
            ).exists()
        ):
            raise ValidationError({"email": [str(ERROR_EMAIL_TAKEN)]})
        given, _space, family = values["name"].partition(" ")
        if user is None:
            user = User(username=address, email=address, first_name=given, last_name=family)
            user.set_unusable_password()
            user.save()
        elif not user.is_active:
            user.is_active = True
            user.first_name, user.last_name = given, family
            user.save(update_fields=["is_active", "first_name", "last_name"])
        access = PartnerAccess.objects.create(
            user=user,
            region=region,
            kind=kind,
            organisation=values["organisation"],
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action=AuditAction.PARTNER_ACCESS_CREATE,
            obj=access,
            region=region,
            changes={
                "kind": kind,
                "organisation": access.organisation,
                "login": user.username,
            },
        )
        if not user.has_usable_password():
            _queue_invite(access)
    return access


def partner_invite_send(*, actor: User, access: PartnerAccess) -> None:
    """Send the set-password mail again (the first one was lost, or its link expired)."""
    _require_manager(actor, access.region)
    if access.revoked_at is not None:
        raise ValidationError(str(ERROR_REVOKED))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.PARTNER_INVITE_REQUEST,
            obj=access,
            region=access.region,
        )
        _queue_invite(access)


def partner_login_revoke(*, actor: User, access: PartnerAccess) -> PartnerAccess:
    """End a partner's access to the region (the row stays, with who and when). A login left
    with no access anywhere and no membership is switched off, so it cannot log in."""
    _require_manager(actor, access.region)
    with transaction.atomic():
        locked = PartnerAccess.objects.select_for_update().get(pk=access.pk)
        if locked.revoked_at is not None:
            raise ValidationError(str(ERROR_REVOKED))
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor
        locked.save(update_fields=["revoked_at", "revoked_by"])
        user = locked.user
        still = PartnerAccess.objects.filter(user=user, revoked_at__isnull=True).exists()
        switched_off = False
        if not still and not Membership.objects.filter(user=user).exists() and user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            switched_off = True
        audit_record(
            actor=actor,
            action=AuditAction.PARTNER_ACCESS_REVOKE,
            obj=locked,
            region=locked.region,
            changes={"login": user.username, "login_switched_off": switched_off},
        )
    return locked


def invite_states(accesses: list[PartnerAccess]) -> dict[int, AuditEntry]:
    """The newest set-password mail result (sent or failed) per access, from the audit
    trail the worker writes."""
    ids = [str(a.pk) for a in accesses]
    found: dict[int, AuditEntry] = {}
    entries = AuditEntry.objects.filter(
        object_type="partneraccess",
        object_id__in=ids,
        action__in=[AuditAction.PARTNER_INVITE_SENT, AuditAction.PARTNER_INVITE_FAILED],
    ).order_by("-at", "-pk")
    for entry in entries:
        found.setdefault(int(entry.object_id), entry)
    return found
