"""Where the region's crisis communication stops and the municipality's begins: per region,
per scaling level or team and kind of message, who communicates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.communication.constants import NOTE_MAX, Communicator, MessageKind
from oranje.core.models import Region


class Agreement(models.Model):
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="communication_agreements"
    )
    #: A key of constants.AGREEMENT_SCOPES: "grip1".."grip5" or a flexible team.
    scope = models.CharField(_("level or team"), max_length=10)
    kind = models.CharField(_("kind of message"), max_length=10, choices=MessageKind.choices)
    communicator = models.CharField(
        _("who communicates"), max_length=12, choices=Communicator.choices
    )
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "scope", "kind"]
        verbose_name = _("communication agreement")
        constraints = [
            models.UniqueConstraint(fields=["region", "scope", "kind"], name="agreement_once")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.kind}: {self.communicator}"
