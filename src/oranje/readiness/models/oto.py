"""Certification (providers and their accreditations), the unannounced one-hour drill, and
feedback moments during an exercise (DOMAIN.md §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oranje.core.models import Region
from oranje.organisation.models import Function, OnCallShift, Person
from oranje.readiness.constants import DrillAssessment, ProviderKind
from oranje.readiness.models.base import Activity, Exercise, ExerciseParticipant


class Provider(models.Model):
    """A training institute or provider on the national list (kept by the national
    administrator). Which course and exam codes it is accredited for: `Accreditation`."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProviderKind.choices)
    website = models.URLField(_("website"), blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")

    def __str__(self) -> str:
        return self.name


class Accreditation(models.Model):
    """A provider is accredited for one course or exam code, from a date, maybe until one."""

    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        related_name="accreditations",
        verbose_name=_("provider"),
    )
    code = models.CharField(_("course or exam code"), max_length=40)
    label = models.CharField(_("description"), max_length=150, blank=True)
    valid_from = models.DateField(_("accredited from"))
    valid_until = models.DateField(_("accredited until"), null=True, blank=True)

    class Meta:
        ordering = ["provider__name", "code"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.UniqueConstraint(fields=["provider", "code"], name="accreditation_once"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="accreditation_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} — {self.code}"


class Drill(models.Model):
    """An unannounced assignment to someone on call: "you have one hour to arrange X for
    population care". What they report back is assessed; an assessed drill counts as
    exercise upkeep through its `activity`."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="drills", verbose_name=_("person")
    )
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, related_name="+", verbose_name=_("function")
    )
    shift = models.ForeignKey(
        OnCallShift, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assignment = models.TextField(_("assignment"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    deadline = models.DateTimeField(_("deadline"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivery_error = models.CharField(_("delivery error"), max_length=255, blank=True)
    report = models.TextField(_("what was arranged"), blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    assessment = models.CharField(
        _("assessment"), max_length=20, choices=DrillAssessment.choices, blank=True
    )
    assessment_note = models.TextField(_("assessment note"), blank=True)
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    activity = models.OneToOneField(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="drill"
    )
    #: When the person was mailed the assessment that stands now (a correction mails again).
    assessment_mailed_at = models.DateTimeField(_("assessment mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("one-hour drill")
        verbose_name_plural = _("one-hour drills")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=F("created_at")), name="drill_deadline_after_start"
            )
        ]
        indexes = [models.Index(fields=["region", "-created_at"], name="drill_region_recent")]

    def __str__(self) -> str:
        return f"{_('One-hour drill')} {self.person} {timezone.localtime(self.created_at):%d-%m-%Y}"


class FeedbackMoment(models.Model):
    """A timed observation moment in an exercise: observers record feedback per participant."""

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="feedback_moments"
    )
    at = models.DateTimeField(_("time"))
    title = models.CharField(_("moment"), max_length=150)

    class Meta:
        ordering = ["exercise", "at", "id"]
        verbose_name = _("feedback moment")
        verbose_name_plural = _("feedback moments")

    def __str__(self) -> str:
        return self.title


class Feedback(models.Model):
    """One observer's feedback to one participant at one moment."""

    moment = models.ForeignKey(FeedbackMoment, on_delete=models.CASCADE, related_name="feedback")
    participant = models.ForeignKey(
        ExerciseParticipant, on_delete=models.CASCADE, related_name="feedback"
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    observer_name = models.CharField(_("observer"), max_length=150)
    went_well = models.TextField(_("went well"), blank=True)
    to_improve = models.TextField(_("to improve"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["moment__at", "participant__person__surname", "id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.moment}: {self.participant}"
