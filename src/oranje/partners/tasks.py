"""Background work of the partners room (run by `oranje worker`): the set-password mail of a
new partner login. Safe to run twice: each request carries a key, and a key already sent is
not sent again; a failure is recorded in the region's audit trail, where the logins page
shows it, and the manager may send the mail again."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import AuditEntry
from oranje.partners.logins import set_password_link
from oranje.partners.models import PartnerAccess

log = logging.getLogger(__name__)


@task()
def send_partner_invite(access_id: int, key: str) -> bool:
    """Mail the partner their set-password link; True when sent now."""
    access = PartnerAccess.objects.select_related("user", "region").filter(pk=access_id).first()
    if access is None or access.revoked_at is not None:
        return False
    done = AuditEntry.objects.filter(
        object_type="partneraccess",
        object_id=str(access.pk),
        action=AuditAction.PARTNER_INVITE_SENT,
        note=key,
    )
    if done.exists():
        return False
    user = access.user
    uid, token = set_password_link(user)
    link = settings.SITE_URL + reverse(
        "partners:set_password", kwargs={"uidb64": uid, "token": token}
    )
    with override(settings.LANGUAGE_CODE):
        subject = _("Your partner login for Oranje, %(region)s") % {"region": access.region.name}
        body = _(
            "Dear %(name)s,\n\n"
            "%(organisation)s has a read-only partner login for population care in "
            "%(region)s: the published situation reports, the published public messages, the "
            "open shelters and the scaling of real incidents.\n\n"
            "Your user name is %(username)s. Choose your password with this link:\n\n"
            "%(link)s\n\n"
            "The link works once, until you have chosen a password. If it has expired, ask "
            "the coordinator of population care of %(region)s to send it again."
        ) % {
            "name": user.get_full_name() or user.username,
            "organisation": access.organisation,
            "region": access.region.name,
            "username": user.username,
            "link": link,
        }
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except (OSError, ValueError) as exc:  # SMTP down, refusing, or a bad header
        log.warning("partner invite %s failed: %s", access.pk, exc)
        with transaction.atomic():
            audit_record(
                actor=None,
                action=AuditAction.PARTNER_INVITE_FAILED,
                obj=access,
                region=access.region,
                note=f"{key} {exc}"[:4000],
            )
        return False
    with transaction.atomic():
        audit_record(
            actor=None,
            action=AuditAction.PARTNER_INVITE_SENT,
            obj=access,
            region=access.region,
            note=key,
        )
    return True
