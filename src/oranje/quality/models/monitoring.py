"""What the monitoring keeps: the indicators as computed (per municipality, quarter and
indicator; `municipality` empty for what belongs to the region itself, such as regional
staff), improvement actions per gap with their history, the board's reviews of flexible
scalings, and the board reports of a period."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Municipality, Region
from oranje.incidents.models import Incident
from oranje.organisation.models import Function
from oranje.quality.constants import (
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    ActionStatus,
    Indicator,
    Verdict,
)
from oranje.quality.models.norms import Norm

_USER = settings.AUTH_USER_MODEL


class IndicatorValue(models.Model):
    """One computed figure: `numerator` of `denominator` (hours covered of hours, arrivals in
    time of arrivals, …) for a municipality (or the region's own) in one quarter. A year, a
    region and the nation are sums of these (`quality.selectors`). Rewritten as a whole per
    region and quarter by `quality.indicators.compute`."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    indicator = models.CharField(max_length=30, choices=Indicator.choices)
    function = models.ForeignKey(
        Function, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    numerator = models.FloatField()
    denominator = models.FloatField()
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("computed indicator")
        verbose_name_plural = _("computed indicators")
        indexes = [
            models.Index(fields=["region", "year", "quarter"], name="indicator_region_period"),
            models.Index(fields=["indicator", "year", "quarter"], name="indicator_period"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="indicator_quarter_range"
            ),
            models.CheckConstraint(
                condition=Q(denominator__gt=0)
                & Q(numerator__gte=0)
                & Q(numerator__lte=models.F("denominator")),
                name="indicator_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}-Q{self.quarter}"

    @property
    def percent(self) -> float:
        return 100.0 * self.numerator / self.denominator


class ImprovementAction(models.Model):
    """An improvement action for a gap: who does what by when, followed until closed."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
        help_text=_("Empty for an action of the region itself."),
    )
    norm = models.ForeignKey(
        Norm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("norm"),
    )
    year = models.PositiveSmallIntegerField(_("year of the gap"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(
        _("quarter of the gap"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    title = models.CharField(_("action"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    owner_name = models.CharField(_("owner"), max_length=NAME_MAX)
    owner = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    result = models.TextField(_("result"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["status", "deadline", "pk"]
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False)
                | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="action_closed_has_time",
            )
        ]
        indexes = [models.Index(fields=["region", "status"], name="action_region_status")]

    def __str__(self) -> str:
        return self.title


class ActionUpdate(models.Model):
    """One step in an improvement action's history: a status change or a note."""

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")
    by_name = models.CharField(max_length=NAME_MAX, blank=True)
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    note = models.TextField(max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["action", "at", "pk"]
        verbose_name = _("improvement action update")
        verbose_name_plural = _("improvement action updates")

    def __str__(self) -> str:
        return f"{self.action_id} {self.status}"


class ScalingReview(models.Model):
    """The review after an incident that scaled flexibly: was it wise, was it legitimate."""

    incident = models.OneToOneField(
        Incident, on_delete=models.CASCADE, related_name="scaling_review"
    )
    wise = models.CharField(_("wise"), max_length=10, choices=Verdict.choices)
    legitimate = models.CharField(_("legitimate"), max_length=10, choices=Verdict.choices)
    reasoning = models.TextField(_("reasoning"), max_length=TEXT_MAX)
    board_meeting_on = models.DateField(_("discussed by the board on"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), default=timezone.now)
    reviewed_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("review of a flexible scaling")
        verbose_name_plural = _("reviews of flexible scalings")

    def __str__(self) -> str:
        return str(self.incident)


class BoardReport(models.Model):
    """A report to the general board for a quarter (or, `quarter` empty, a year): its
    foreword; the figures are read from the records when the PDF is made."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Empty for a report over the whole year."),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    foreword = models.TextField(_("foreword"), max_length=TEXT_MAX, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["region", "-year", "-quarter"]
        verbose_name = _("board report")
        verbose_name_plural = _("board reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | (Q(quarter__gte=1) & Q(quarter__lte=4)),
                name="board_report_quarter_range",
            )
        ]

    def __str__(self) -> str:
        return self.title
