"""The surroundings (omgevingszorg) as facts: utility outages, road closures and clean-up
tasks of an incident, with the figures the situation report shows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.care.constants import NAME_MAX, TEXT_MAX, TaskStatus, Utility
from oranje.incidents.models import Incident

_USER = settings.AUTH_USER_MODEL


class Outage(models.Model):
    """Gas, power, water or heat off for a number of households."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="outages")
    utility = models.CharField(_("utility"), max_length=10, choices=Utility.choices)
    area = models.CharField(_("area"), max_length=NAME_MAX, blank=True)
    households = models.PositiveIntegerField(_("households affected"))
    started_at = models.DateTimeField(_("start"))
    expected_end = models.DateTimeField(_("expected end"), null=True, blank=True)
    restored_at = models.DateTimeField(_("restored"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=TEXT_MAX, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = _("outage")

    def __str__(self) -> str:
        return f"{self.get_utility_display()} ({self.households})"


class RoadClosure(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="road_closures")
    road = models.CharField(_("road"), max_length=NAME_MAX)
    stretch = models.CharField(_("between"), max_length=NAME_MAX, blank=True)
    reason = models.CharField(_("reason"), max_length=TEXT_MAX, blank=True)
    closed_at = models.DateTimeField(_("closed"))
    expected_end = models.DateTimeField(_("expected end"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["closed_at", "pk"]
        verbose_name = _("road closure")

    def __str__(self) -> str:
        return self.road


class CleanupTask(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="cleanup_tasks")
    description = models.CharField(_("what"), max_length=TEXT_MAX)
    place = models.CharField(_("where"), max_length=NAME_MAX, blank=True)
    owner = models.CharField(_("who"), max_length=NAME_MAX, blank=True)
    due = models.DateTimeField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["status", "due", "pk"]
        verbose_name = _("clean-up task")

    def __str__(self) -> str:
        return f"opruimtaak #{self.pk}"
