"""Self-assessment: for the norms Oranje cannot compute, each municipality answers once a
year with evidence; the region reviews the answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Municipality, Region
from oranje.quality.constants import (
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    URL_MAX,
    Answer,
    Review,
)
from oranje.quality.models.norms import Norm

_USER = settings.AUTH_USER_MODEL


class AssessmentRound(models.Model):
    """A region's yearly self-assessment round."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    deadline = models.DateField(_("deadline"))
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["region", "-year"]
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="assessment_round_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region.code} {self.year}"


class SelfAssessment(models.Model):
    """One municipality's answer to one norm's question in a round, and the region's review."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, related_name="assessments")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name=_("municipality")
    )
    norm = models.ForeignKey(Norm, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    explanation = models.TextField(_("explanation"), max_length=TEXT_MAX, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Review.choices, default=Review.OPEN
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("review note"), max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["round", "municipality__name", "norm__sort_order"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "municipality", "norm"], name="self_assessment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.norm_id} {self.answer}"


class Evidence(models.Model):
    """A file or a link that supports a self-assessment's answer."""

    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="evidence"
    )
    description = models.CharField(_("description"), max_length=TITLE_MAX)
    file = models.FileField(_("file"), upload_to="quality/evidence/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=NAME_MAX, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    link = models.URLField(_("link"), max_length=URL_MAX, blank=True)
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    added_by = models.ForeignKey(_USER, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["assessment", "added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.description
