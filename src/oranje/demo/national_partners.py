"""Demo, issue 17, part "partners": the police's partner login for Kennemerland
(`partner.politie`, a persona), which sees the published Velsen-Noord situation report, the
published messages, the open shelters and the scaling of real incidents — and nothing else."""

from __future__ import annotations

from django.db import transaction

from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.demo.national import DemoContext
from oranje.partners.constants import PartnerKind
from oranje.partners.models import PartnerAccess

USERNAME = "partner.politie"
EMAIL = "partner.politie@politie.demo.oranje.nl"
ORGANISATION = "Politie Noord-Holland, district Kennemerland"


def build(ctx: DemoContext) -> None:
    """The partner login (no membership) with its access to Kennemerland; run twice, it adds
    nothing. Written directly: the service would mail a set-password link, and the persona
    logs in with the demo password instead."""
    with transaction.atomic():
        _build(ctx)


def _build(ctx: DemoContext) -> None:
    user = ctx.make_user(USERNAME, "Rob", "Hendriks")
    if user.email != EMAIL:
        user.email = EMAIL
        user.save(update_fields=["email"])
    access, created = PartnerAccess.objects.get_or_create(
        user=user,
        region=ctx.region,
        revoked_at__isnull=True,
        defaults={
            "kind": PartnerKind.POLICE,
            "organisation": ORGANISATION,
            "created_by": ctx.coordinator,
        },
    )
    if created:
        audit_record(
            actor=ctx.coordinator,
            action=AuditAction.PARTNER_ACCESS_CREATE,
            obj=access,
            region=ctx.region,
            changes={"kind": access.kind, "organisation": ORGANISATION, "login": USERNAME},
        )
        ctx.log(
            f"Partnerlogin '{USERNAME}' ({ORGANISATION}) ziet het partnerbeeld van Kennemerland."
        )
