"""Partner access, the versioned description of population care, the regional point of
contact."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.partners.constants import PartnerKind


class PartnerAccess(models.Model):
    """A partner's read-only access to one region. Deliberately not a `core.Membership`: a
    partner login has no membership, so no staff chokepoint of any room ever lets it in; only
    this room's `partner_regions` reads this table. Revoking sets `revoked_at`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_accesses",
        verbose_name=_("login"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="partner_accesses", verbose_name=_("region")
    )
    kind = models.CharField(_("partner"), max_length=20, choices=PartnerKind.choices)
    organisation = models.CharField(_("organisation"), max_length=150)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "organisation"]
        verbose_name = _("partner access")
        verbose_name_plural = _("partner accesses")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=Q(revoked_at__isnull=True),
                name="partner_access_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.region.code}"


class Description(models.Model):
    """One version of the description of population care. National when `region` is empty
    (the base every region shows); a regional version holds that region's additions per part.
    A new version is a new row; the newest published one is shown."""

    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="descriptions",
        verbose_name=_("region"),
    )
    version = models.PositiveIntegerField(_("version"))
    what = models.TextField(_("what population care is"), blank=True)
    boundary = models.TextField(_("boundary with general crisis management"), blank=True)
    will_do = models.TextField(_("will do for the other services"), blank=True)
    will_not_do = models.TextField(_("will not do"), blank=True)
    note = models.CharField(_("what changed"), max_length=255, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "-version"]
        verbose_name = _("description of population care")
        verbose_name_plural = _("descriptions of population care")
        constraints = [
            models.UniqueConstraint(
                fields=["version"], condition=Q(region__isnull=True), name="description_national"
            ),
            models.UniqueConstraint(
                fields=["region", "version"],
                condition=Q(region__isnull=False),
                name="description_regional",
            ),
        ]

    def __str__(self) -> str:
        where = self.region.code if self.region is not None else _("national")
        return f"{_('Description of population care')} {where} v{self.version}"


class ContactPoint(models.Model):
    """The region's point of contact for population care, shown on its pages and to
    partners."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="contact_point", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("e-mail"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("regional point of contact")
        verbose_name_plural = _("regional points of contact")

    def __str__(self) -> str:
        return f"{self.region.code}: {self.name}"
