"""Norm sets: the national set (region empty) and each region's set on top of it, versioned.

A norm is met when its figure is at or above the **waterlijn** in force on the day (an
in-growth step's lower level until the step's date, then the norm's own waterlijn:
`selectors.waterlijn_on`); a municipality may be up to the
**bandbreedte** (percentage points) below it. A regional norm that tightens a national one
(`national_norm`) may be stricter, never weaker: a higher waterlijn, a narrower bandbreedte
(checked in `services.norms`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.organisation.models import Function
from oranje.quality.constants import (
    CODE_MAX,
    NAME_MAX,
    NOTE_MAX,
    PERCENT_DECIMALS,
    PERCENT_DIGITS,
    TEXT_MAX,
    TITLE_MAX,
    Indicator,
    Measure,
    Process,
    SetStatus,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

_USER = settings.AUTH_USER_MODEL
_PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def percent_field(label: StrOrPromise, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=PERCENT_DIGITS,
        decimal_places=PERCENT_DECIMALS,
        validators=_PERCENT,
        **kwargs,  # type: ignore[arg-type]
    )


class NormSet(models.Model):
    """One version of the national norm set (`region` empty) or of a region's set."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="norm_sets",
        verbose_name=_("region"),
        help_text=_("Empty for the national set."),
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    status = models.CharField(
        _("status"), max_length=10, choices=SetStatus.choices, default=SetStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("based on"),
        help_text=_(
            "A regional set: the national version it was made against. A national set: the "
            "version before it."
        ),
    )
    adopted_by_body = models.CharField(
        _("adopted by"), max_length=NAME_MAX, blank=True, help_text=_("e.g. Veiligheidsberaad")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_at = models.DateTimeField(_("recorded as adopted"), null=True, blank=True)
    adopted_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["region__code", "-version"]
        verbose_name = _("norm set")
        verbose_name_plural = _("norm sets")
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(region__isnull=True),
                name="normset_national_version_unique",
            ),
            models.UniqueConstraint(
                fields=["region", "version"],
                condition=Q(region__isnull=False),
                name="normset_region_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(adopted_on__isnull=False),
                name="normset_adopted_has_date",
            ),
        ]

    def __str__(self) -> str:
        scope = self.region.code if self.region_id and self.region else "NL"
        return f"{scope} v{self.version} {self.title}"

    @property
    def is_national(self) -> bool:
        return self.region_id is None

    @property
    def is_adopted(self) -> bool:
        return self.status == SetStatus.ADOPTED


class Norm(models.Model):
    """One norm of a set: what it asks, how it is measured, its waterlijn and bandbreedte."""

    norm_set = models.ForeignKey(
        NormSet, on_delete=models.CASCADE, related_name="norms", verbose_name=_("norm set")
    )
    code = models.CharField(_("code"), max_length=CODE_MAX)
    title = models.CharField(_("short name"), max_length=TITLE_MAX)
    text = models.TextField(_("norm"), max_length=TEXT_MAX)
    process = models.CharField(_("process"), max_length=20, choices=Process.choices)
    measure = models.CharField(_("measured by"), max_length=10, choices=Measure.choices)
    indicator = models.CharField(
        _("indicator"), max_length=30, choices=Indicator.choices, blank=True
    )
    function = models.ForeignKey(
        Function,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("function"),
        help_text=_("For an indicator per function (on-call coverage of the CPG); empty: all."),
    )
    question = models.TextField(
        _("self-assessment question"),
        max_length=TEXT_MAX,
        blank=True,
        help_text=_("What a municipality answers once a year, with evidence."),
    )
    waterlijn = percent_field(_("waterlijn (%)"))
    bandbreedte = percent_field(
        _("bandbreedte (percentage points)"),
        default=Decimal(0),
        help_text=_("How far below the waterlijn a municipality may be."),
    )
    valid_from = models.DateField(_("in force from"), default=dt.date(2014, 4, 1))
    valid_until = models.DateField(_("in force until"), null=True, blank=True)
    national_norm = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_versions",
        verbose_name=_("national norm"),
        help_text=_(
            "The national norm this regional norm makes stricter; empty: the region's own."
        ),
    )
    source = models.CharField(_("source"), max_length=TITLE_MAX, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["norm_set", "sort_order", "code"]
        verbose_name = _("norm")
        verbose_name_plural = _("norms")
        constraints = [
            models.UniqueConstraint(fields=["norm_set", "code"], name="norm_code_unique"),
            models.CheckConstraint(
                condition=Q(waterlijn__gte=0) & Q(waterlijn__lte=100),
                name="norm_waterlijn_range",
            ),
            models.CheckConstraint(
                condition=Q(bandbreedte__gte=0) & Q(bandbreedte__lte=100),
                name="norm_bandbreedte_range",
            ),
            models.CheckConstraint(
                condition=Q(measure="self") | ~Q(indicator=""),
                name="norm_indicator_when_computed",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="norm_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class GrowthStep(models.Model):
    """A step of a norm's in-growth path: until `due_on` (exclusive) the waterlijn is this
    lower `waterlijn`; after the last step the norm's own waterlijn applies."""

    norm = models.ForeignKey(
        Norm, on_delete=models.CASCADE, related_name="growth_steps", verbose_name=_("norm")
    )
    due_on = models.DateField(_("applies until"))
    waterlijn = percent_field(_("waterlijn (%)"))
    note = models.CharField(_("note"), max_length=TITLE_MAX, blank=True)

    class Meta:
        ordering = ["norm", "due_on"]
        verbose_name = _("in-growth step")
        verbose_name_plural = _("in-growth path")
        constraints = [
            models.UniqueConstraint(fields=["norm", "due_on"], name="growth_step_unique"),
            models.CheckConstraint(
                condition=Q(waterlijn__gte=0) & Q(waterlijn__lte=100),
                name="growth_step_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.norm.code} {self.due_on:%d-%m-%Y} {self.waterlijn}%"
