"""Written agreements between a region and each municipality: what the municipality
contributes (people per pool and function, a CPG on hard on-call, its share of the budget)
for a period; and the inhabitants per municipality that the cost shares are computed on."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Municipality, Region
from oranje.organisation.models import Function, Pool
from oranje.quality.constants import NOTE_MAX, TEXT_MAX
from oranje.quality.models.norms import percent_field

_USER = settings.AUTH_USER_MODEL


class MunicipalAgreement(models.Model):
    """What one municipality agreed with its region to contribute, for a period."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    cpg_hard_on_call = models.BooleanField(
        _("a CPG on hard on-call"),
        default=True,
        help_text=_("The municipality keeps its contact person (CPG) on hard on-call."),
    )
    budget_share = percent_field(_("share of the regional budget (%)"), null=True, blank=True)
    text = models.TextField(_("agreement"), max_length=TEXT_MAX, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["region", "municipality__name", "-starts_on"]
        verbose_name = _("agreement with a municipality")
        verbose_name_plural = _("agreements with municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="agreement_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.starts_on:%Y}–{self.ends_on:%Y}"


class AgreementLine(models.Model):
    """People the municipality provides for one function (in one pool, or any)."""

    agreement = models.ForeignKey(
        MunicipalAgreement, on_delete=models.CASCADE, related_name="lines"
    )
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="+", verbose_name=_("function")
    )
    pool = models.ForeignKey(
        Pool,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pool"),
    )
    people = models.PositiveSmallIntegerField(
        _("people"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )

    class Meta:
        ordering = ["agreement", "function__sort_order"]
        verbose_name = _("agreement line")
        verbose_name_plural = _("agreement lines")

    def __str__(self) -> str:
        return f"{self.function_id} × {self.people}"


class Inhabitants(models.Model):
    """Inhabitants of a municipality on 1 January of a year (imported from a CSV)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    count = models.PositiveIntegerField(
        _("inhabitants"), validators=[MinValueValidator(1), MaxValueValidator(5_000_000)]
    )

    class Meta:
        ordering = ["municipality__name", "-year"]
        verbose_name = _("inhabitants")
        verbose_name_plural = _("inhabitants")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="inhabitants_unique")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year}: {self.count}"
