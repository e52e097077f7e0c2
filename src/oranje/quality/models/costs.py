"""The region's cost model: on-call allowances per hour, course prices, regional capacity;
and scenarios (what raising a norm costs) beside today."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.organisation.models import Function
from oranje.quality.constants import (
    CODE_MAX,
    MONEY_DECIMALS,
    MONEY_DIGITS,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

_USER = settings.AUTH_USER_MODEL
_MONEY = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1_000_000))]


def money_field(label: StrOrPromise, **kwargs: object) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_DECIMALS,
        validators=_MONEY,
        **kwargs,  # type: ignore[arg-type]
    )


class CostModel(models.Model):
    """A region's rates: the on-call allowance per hour and its regional capacity."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="cost_model", verbose_name=_("region")
    )
    hard_hour_rate = money_field(_("allowance per hard on-call hour (€)"))
    soft_hour_rate = money_field(_("allowance per soft on-call hour (€)"), default=Decimal(0))
    fte = models.DecimalField(
        _("regional capacity (fte)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1000))],
    )
    fte_cost = money_field(_("cost per fte per year (€)"), default=Decimal(0))
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("cost model")
        verbose_name_plural = _("cost models")

    def __str__(self) -> str:
        return str(self.region)


class CoursePrice(models.Model):
    """What one course, exam or exercise costs per participant (by its code in the
    readiness records; an exercise type's code for exercises)."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    code = models.CharField(_("course or exam code"), max_length=CODE_MAX * 2)
    label = models.CharField(_("description"), max_length=TITLE_MAX)
    price = money_field(_("price per participant (€)"))

    class Meta:
        ordering = ["region", "code"]
        verbose_name = _("course price")
        verbose_name_plural = _("course prices")
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="course_price_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class CostScenario(models.Model):
    """A what-if: changes to the on-call minimums, costed per year and per inhabitant."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["region", "name"]
        verbose_name = _("cost scenario")
        verbose_name_plural = _("cost scenarios")

    def __str__(self) -> str:
        return self.name


class ScenarioChange(models.Model):
    """One change in a scenario: more (or fewer) people on hard or soft on-call for a
    function, per unit the region's minimum applies to (district, municipality, region)."""

    scenario = models.ForeignKey(CostScenario, on_delete=models.CASCADE, related_name="changes")
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="+", verbose_name=_("function")
    )
    extra_hard = models.SmallIntegerField(
        _("extra on hard on-call per unit"),
        default=0,
        validators=[MinValueValidator(-20), MaxValueValidator(20)],
    )
    extra_soft = models.SmallIntegerField(
        _("extra on soft on-call per unit"),
        default=0,
        validators=[MinValueValidator(-20), MaxValueValidator(20)],
    )
    note = models.CharField(_("note"), max_length=NOTE_MAX // 10, blank=True)

    class Meta:
        ordering = ["scenario", "function__sort_order"]
        verbose_name = _("scenario change")
        verbose_name_plural = _("scenario changes")

    def __str__(self) -> str:
        return f"{self.function_id} +{self.extra_hard}/+{self.extra_soft}"
